import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/aks-guardrails.js');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-cli-'));
    fs.writeFileSync(path.join(dir, 'pod.yaml'), [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: broken', '---',
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext: {seccompProfile: {type: RuntimeDefault}}', '  containers:',
      '    - name: a', '      image: a:1', '      securityContext: {privileged: true, allowPrivilegeEscalation: false}', ''].join('\n'));
    fs.writeFileSync(path.join(dir, 'acr.tf.json'), JSON.stringify({ terraform: { required_providers: { azurerm: { version: '~> 3.0' } } }, resource: { azurerm_container_registry: { r: { name: 'r', admin_enabled: true } } } }, null, 2));
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'azurerm_kubernetes_cluster.c', mode: 'managed', type: 'azurerm_kubernetes_cluster', name: 'c', values: { private_cluster_enabled: true, local_account_disabled: null } }] } } }, null, 2));
    fs.writeFileSync(path.join(dir, 'bicep.json'), JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', languageVersion: '2.0', metadata: { _generator: { name: 'bicep', version: '0.30.0' } },
      resources: { aks: { type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-09-01', name: 'c', properties: { disableLocalAccounts: true, apiServerAccessProfile: { enablePrivateCluster: true } } } },
    }, null, 2));
    fs.writeFileSync(path.join(dir, 'workflow.yaml'), 'on: push\njobs:\n  build: {runs-on: ubuntu-latest}\n');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'node_modules', 'x.yaml'), 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, securityContext: {privileged: true}}]\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--format json prints one object with files, formats, errors and 1-based ranges', () => {
    const r = run([dir, '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out);
    assert.equal(j.version, 1);
    const byPath = Object.fromEntries(j.files.map((f: any) => [f.path, f]));
    assert.deepEqual(Object.keys(byPath).sort(), ['acr.tf.json', 'bicep.json', 'plan.json', 'pod.yaml', 'workflow.yaml']);
    assert.equal(byPath['pod.yaml'].format, 'k8s');
    assert.match(byPath['pod.yaml'].error, /YAML syntax error/);
    assert.equal(byPath['acr.tf.json'].format, 'tfjson');
    assert.equal(byPath['plan.json'].format, 'tfplan');
    assert.equal(byPath['bicep.json'].format, 'arm');
    assert.equal(byPath['workflow.yaml'].format, 'unknown');
    const priv = j.findings.find((f: any) => f.rule === 'k8s-no-privileged');
    assert.deepEqual(priv, { rule: 'k8s-no-privileged', severity: 'error', path: 'pod.yaml', range: { start: { line: 13, column: 37 }, end: { line: 13, column: 41 } }, message: priv.message, resource: 'Pod/p', fixable: true });
    const acr = j.findings.find((f: any) => f.rule === 'acr-admin-user-disabled');
    assert.equal(acr.path, 'acr.tf.json');
    assert.equal(acr.fixable, true);
    const plan = j.findings.find((f: any) => f.rule === 'aks-disable-local-accounts' && f.path === 'plan.json');
    assert.equal(plan.fixable, false);
    assert.ok(!j.findings.some((f: any) => f.path.includes('node_modules')));
  });

  it('--format sarif emits SARIF 2.1.0 with rules and regions', () => {
    const r = run([path.join(dir, 'pod.yaml'), '--format', 'sarif'], dir);
    const s = JSON.parse(r.out);
    assert.equal(s.version, '2.1.0');
    const run0 = s.runs[0];
    const rule = run0.tool.driver.rules.find((x: any) => x.id === 'k8s-no-privileged');
    assert.ok(rule.shortDescription.text && rule.helpUri);
    const res = run0.results.find((x: any) => x.ruleId === 'k8s-no-privileged');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 13, startColumn: 37, endLine: 13, endColumn: 41 });
    assert.equal(res.level, 'error');
  });

  it('exit codes follow --fail-on', () => {
    assert.equal(run([path.join(dir, 'bicep.json'), '--fail-on', 'error'], dir).code, 0);
    assert.equal(run([path.join(dir, 'pod.yaml')], dir).code, 1);
    assert.equal(run([path.join(dir, 'pod.yaml'), '--fail-on', 'none'], dir).code, 0);
  });

  it('usage errors exit 2', () => {
    assert.equal(run([]).code, 2);
    assert.equal(run(['--format', 'xml', 'x']).code, 2);
    assert.equal(run(['--bogus', 'x']).code, 2);
    assert.equal(run(['does-not-exist.yaml']).code, 2);
  });

  it('text output names file, position, severity, message and rule', () => {
    const r = run([path.join(dir, 'pod.yaml')], dir);
    assert.match(r.out, /pod\.yaml\n/);
    assert.match(r.out, /13:37 +error +Container a of Pod\/p runs privileged\. +k8s-no-privileged/);
  });

  it('scans the bundled samples', () => {
    const r = run(['samples', '--format', 'json']);
    const j = JSON.parse(r.out);
    assert.ok(j.findings.length > 5);
    assert.ok(!j.findings.some((f: any) => f.path.endsWith('-compliant.yaml') && f.severity !== 'info' && f.severity !== 'hint'), 'the compliant sample has no warning or error');
  });
});

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/aks-guardrails.js');
const l = (...s: string[]) => s.join('\n') + '\n';

interface CliFinding { rule: string; path: string; severity: string; message: string; range: { start: { line: number } } }

function scan(cwd: string, args: string[], rules: string[]): CliFinding[] {
  const r = spawnSync(process.execPath, [BIN, ...args, '--format', 'json', '--fail-on', 'none'], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { files: { path: string; error: string | null }[]; findings: CliFinding[] };
  assert.deepEqual(out.files.filter((f) => f.error).map((f) => f.path), [], 'no file may fail');
  return out.findings.filter((f) => rules.includes(f.rule));
}

describe('CLI: Kubernetes rules across the files of one scan', function () {
  this.timeout(30000);
  let dir: string;
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-k8s-'));
    // The workload identity ServiceAccount lives in its own file, as in most repositories.
    write('identity/serviceaccount.yaml', l('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: orders', '  namespace: shop', '  annotations:', '    azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000000'));
    write('apps/orders.yaml', l('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: orders, namespace: shop}', 'spec:', '  template:', '    metadata:', '      labels: {app: orders}', '    spec:', '      serviceAccountName: orders',
      '      containers:', '      - name: orders', '        image: contoso.azurecr.io/orders:1.2.0', '      - name: proxy', '        image: docker.io/envoyproxy/envoy:v1.31.0'));
    // The role binding that makes the operator's token necessary lives in another file too.
    write('rbac/binding.yaml', l('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRoleBinding', 'metadata: {name: operator}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: operator}', 'subjects: [{kind: ServiceAccount, name: operator, namespace: ops}]'));
    write('apps/operator.yaml', l('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: operator, namespace: ops}', 'spec:', '  template:', '    spec:', '      serviceAccountName: operator', '      containers: [{name: op, image: "contoso.azurecr.io/op:1"}]'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('k8s-workload-identity-label finds the ServiceAccount in another scanned file', () => {
    const found = scan(dir, ['.'], ['k8s-workload-identity-label']);
    assert.deepEqual(found.map((f) => [f.path, f.range.start.line, f.severity]), [['apps/orders.yaml', 7, 'warning']]);
    assert.match(found[0].message, /ServiceAccount orders/);
  });

  it('scanned without the ServiceAccount file, the Deployment is not reported (the client id is unknown)', () => {
    assert.deepEqual(scan(dir, ['apps/orders.yaml'], ['k8s-workload-identity-label']), []);
  });

  it('k8s-automount-sa-token honours a binding in another scanned file', () => {
    const rule = ['k8s-automount-sa-token'];
    assert.deepEqual(scan(dir, ['apps/operator.yaml', 'rbac/binding.yaml'], rule).filter((f) => f.path.includes('operator')), []);
    assert.equal(scan(dir, ['apps/operator.yaml'], rule).length, 1);
  });

  it('Helm templates, values.yaml, GitHub workflows, docker-compose: a directory scan reports nothing, not even parse errors', () => {
    const r = spawnSync(process.execPath, [BIN, path.join(ROOT, 'test', 'fixtures', 'non-k8s'), '--format', 'json', '--fail-on', 'info', '--allowed-registry', 'contoso.azurecr.io'], { cwd: ROOT, encoding: 'utf8' });
    const out = JSON.parse(r.stdout) as { files: { path: string; error: string | null }[]; findings: CliFinding[] };
    assert.ok(out.files.length >= 8, 'every fixture is scanned');
    assert.deepEqual([out.files.filter((f) => f.error), out.findings.map((f) => `${f.path} ${f.rule}`), r.status], [[], [], 0]);
  });

  it('k8s-allowed-registry: no list, no finding; --allowed-registry globs and the config file option decide', () => {
    const rule = ['k8s-allowed-registry'];
    assert.deepEqual(scan(dir, ['apps'], rule), []);
    const found = scan(dir, ['apps', '--allowed-registry', '*.azurecr.io'], rule);
    assert.deepEqual(found.map((f) => [f.path, f.range.start.line, f.severity]), [['apps/orders.yaml', 14, 'warning']]);
    assert.match(found[0].message, /envoyproxy\/envoy:v1\.31\.0 from docker\.io/);
    assert.deepEqual(scan(dir, ['apps', '--allowed-registry', '*.azurecr.io', '--allowed-registry', 'docker.io/envoyproxy/*'], rule), []);
    write('.aks-guardrails.json', JSON.stringify({ allowedRegistries: ['contoso.azurecr.io'] }));
    try {
      assert.deepEqual(scan(dir, ['apps'], rule).map((f) => f.range.start.line), [14]);
    } finally {
      fs.rmSync(path.join(dir, '.aks-guardrails.json'));
    }
  });
});

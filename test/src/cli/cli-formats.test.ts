import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../../server/out/cli';

/**
 * `aks-guardrails <file> --format json|sarif` per input format, the documented JSON shape exactly, files that cannot be
 * read or parsed, files of other tools (no findings, no noise), SARIF 2.1.0 required properties, exit codes.
 * The CLI runs in-process (bin/aks-guardrails.js calls the same main()).
 */
const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function cli(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = main(args, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n'), cwd });
  return { code, out, err };
}

/** 1-based line:column of the first occurrence of `needle` (after `after`, when given) in `text`. */
function at(text: string, needle: string, after = ''): { line: number; column: number } {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(offset >= 0, `${needle} not found`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
function rangeOf(text: string, needle: string, after = '') {
  const start = at(text, needle, after);
  return { start, end: { line: start.line, column: start.column + needle.length } };
}

/** The documented shape, exactly: no key more, no key less, 1-based integers. */
function assertShape(j: any) {
  assert.deepEqual(Object.keys(j), ['version', 'files', 'findings']);
  assert.equal(j.version, 1);
  for (const f of j.files) {
    // `skipped`: a file ignored by the configuration, a Helm chart folder whose templates are not analysed.
    assert.deepEqual(Object.keys(f), f.skipped === undefined ? ['path', 'format', 'error'] : ['path', 'format', 'error', 'skipped']);
    assert.equal(typeof f.path, 'string');
    assert.ok(['arm', 'tfjson', 'tfplan', 'k8s', 'unknown'].includes(f.format) || /^[a-z0-9+]+$/.test(f.format), f.format);
    assert.ok(f.error === null || typeof f.error === 'string');
  }
  for (const x of j.findings) {
    // `overlays`: a finding of a Kustomize build (the overlays whose built objects have it).
    assert.deepEqual(Object.keys(x), ['rule', 'severity', 'path', 'range', 'message', 'resource', 'fixable', ...(x.overlays ? ['overlays'] : [])]);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(x.severity), x.severity);
    assert.deepEqual(Object.keys(x.range), ['start', 'end']);
    for (const p of [x.range.start, x.range.end]) {
      assert.deepEqual(Object.keys(p), ['line', 'column']);
      assert.ok(Number.isInteger(p.line) && p.line >= 1 && Number.isInteger(p.column) && p.column >= 1, JSON.stringify(p));
    }
    assert.equal(typeof x.message, 'string');
    assert.ok(x.resource === null || typeof x.resource === 'string');
    assert.equal(typeof x.fixable, 'boolean');
    assert.ok(j.files.some((f: any) => f.path === x.path));
  }
}

describe('CLI: JSON shape per format, errors, other files, SARIF, exit codes', function () {
  this.timeout(30000);
  let dir: string;
  const files: Record<string, string> = {};
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    files[name] = text;
  };
  const json = (name: string, extra: string[] = []) => {
    const r = cli([name, '--format', 'json', ...extra], dir);
    const j = JSON.parse(r.out);
    assertShape(j);
    return { ...r, j };
  };

  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-cli-formats-')));
    write('arm/azuredeploy.json', [
      '{',
      `  "$schema": "${ARM_SCHEMA}",`,
      '  // ARM accepts comments',
      '  "contentVersion": "1.0.0.0",',
      '  "parameters": { "admin": { "type": "bool", "defaultValue": true } },',
      '  "resources": [',
      '    {',
      '      "type": "Microsoft.ContainerRegistry/registries",',
      '      "apiVersion": "2023-07-01",',
      '      "name": "acr1",',
      '      "sku": { "name": "Premium" },',
      '      "properties": { "adminUserEnabled": "[parameters(\'admin\')]" }',
      '    }',
      '  ]',
      '}',
      ''].join('\n'));
    write('arm/bicep.json', JSON.stringify({
      $schema: ARM_SCHEMA, languageVersion: '2.0', contentVersion: '1.0.0.0',
      metadata: { _generator: { name: 'bicep', version: '0.30.23.60470', templateHash: '1' } },
      resources: { aks: { type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-09-01', name: 'aks1', properties: { disableLocalAccounts: false, apiServerAccessProfile: { enablePrivateCluster: true } } } },
    }, null, 2) + '\n');
    write('arm/nested.json', JSON.stringify({
      $schema: ARM_SCHEMA, contentVersion: '1.0.0.0',
      resources: [{
        type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner',
        properties: {
          mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, parameters: { local: { value: false } },
          template: {
            $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', parameters: { local: { type: 'bool' } },
            resources: [{ type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-09-01', name: 'aks2', properties: { disableLocalAccounts: true, apiServerAccessProfile: { enablePrivateCluster: false } } }],
          },
        },
      }],
    }, null, 2) + '\n');
    const tfCluster = (version: string, attrs: object) => JSON.stringify({
      terraform: { required_providers: { azurerm: { source: 'hashicorp/azurerm', version } } },
      resource: { azurerm_kubernetes_cluster: { c: { name: 'c', local_account_disabled: true, ...attrs } } },
    }, null, 2) + '\n';
    write('tf/v3-ranges.tf.json', tfCluster('~> 3.0', { api_server_authorized_ip_ranges: ['203.0.113.0/24'] }));
    write('tf/v4-ranges.tf.json', tfCluster('~> 4.0', { api_server_access_profile: [{ authorized_ip_ranges: ['203.0.113.0/24'] }] }));
    write('tf/v4-public.tf.json', tfCluster('~> 4.0', { private_cluster_enabled: false }));
    write('plan/plan.json', JSON.stringify({
      format_version: '1.2',
      planned_values: { root_module: { child_modules: [{ address: 'module.acr', resources: [
        { address: 'module.acr.azurerm_container_registry.r', mode: 'managed', type: 'azurerm_container_registry', name: 'r', values: { name: 'r', sku: 'Premium', admin_enabled: true } },
      ] }] } },
    }, null, 2) + '\n');
    write('k8s/multi.yaml', [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: ok',
      'spec:',
      '  securityContext: {seccompProfile: {type: RuntimeDefault}}',
      '  containers:',
      '    - {name: a, image: a:1, securityContext: {allowPrivilegeEscalation: false, privileged: true}}',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: broken',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: cj}',
      'spec:',
      '  schedule: "0 * * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '            - name: b',
      '              image: b:1',
      '              securityContext: {allowPrivilegeEscalation: false}',
      ''].join('\n'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hand-written ARM (with comments): finding on the property, from the parameter default', () => {
    const { j, code } = json('arm/azuredeploy.json');
    assert.equal(code, 1);
    assert.deepEqual(j.files, [{ path: path.join('arm', 'azuredeploy.json'), format: 'arm', error: null }]);
    const f = j.findings.find((x: any) => x.rule === 'acr-admin-user-disabled');
    assert.deepEqual(f, {
      rule: 'acr-admin-user-disabled', severity: 'error', path: path.join('arm', 'azuredeploy.json'),
      range: rangeOf(files['arm/azuredeploy.json'], `"[parameters('admin')]"`), message: f.message, resource: f.resource, fixable: true,
    });
    assert.match(f.message, /parameter 'admin'/);
  });

  it('Bicep-compiled ARM, languageVersion 2.0 (resources as an object of symbolic names)', () => {
    const { j } = json('arm/bicep.json');
    assert.equal(j.files[0].format, 'arm');
    const f = j.findings.find((x: any) => x.rule === 'aks-disable-local-accounts');
    assert.deepEqual(f.range, rangeOf(files['arm/bicep.json'], 'false', '"disableLocalAccounts"'));
    assert.equal(f.fixable, true);
    assert.ok(!j.findings.some((x: any) => x.rule === 'aks-api-authorized-ip-ranges'));
  });

  it('ARM nested inline deployment with an inner parameter scope', () => {
    const { j } = json('arm/nested.json');
    const f = j.findings.find((x: any) => x.rule === 'aks-api-authorized-ip-ranges');
    assert.ok(f, JSON.stringify(j.findings.map((x: any) => x.rule)));
    assert.ok(f.range.start.line > at(files['arm/nested.json'], '"template"').line);
    assert.ok(!j.findings.some((x: any) => x.rule === 'aks-disable-local-accounts'));
  });

  it('Terraform JSON: azurerm v3 and v4 spellings of the same setting', () => {
    for (const name of ['tf/v3-ranges.tf.json', 'tf/v4-ranges.tf.json']) {
      const { j } = json(name);
      assert.equal(j.files[0].format, 'tfjson');
      assert.ok(!j.findings.some((x: any) => x.rule === 'aks-api-authorized-ip-ranges'), name);
      assert.ok(!j.findings.some((x: any) => x.rule === 'aks-disable-local-accounts'), name);
    }
    const { j } = json('tf/v4-public.tf.json');
    const f = j.findings.find((x: any) => x.rule === 'aks-api-authorized-ip-ranges');
    assert.equal(f.resource, 'azurerm_kubernetes_cluster.c');
    assert.equal(f.severity, 'error');
  });

  it('Terraform plan JSON: resources in child modules, diagnostics without fixes', () => {
    const { j } = json('plan/plan.json');
    assert.equal(j.files[0].format, 'tfplan');
    const f = j.findings.find((x: any) => x.rule === 'acr-admin-user-disabled');
    assert.deepEqual(f.range, rangeOf(files['plan/plan.json'], 'true', '"admin_enabled"'));
    assert.equal(f.resource, 'module.acr.azurerm_container_registry.r');
    assert.ok(j.findings.every((x: any) => x.fixable === false));
  });

  it('multi-document Kubernetes YAML with a broken document: its parse error in files[].error, the others analysed', () => {
    const { j, code } = json('k8s/multi.yaml');
    assert.equal(code, 1);
    assert.equal(j.files.length, 1);
    assert.equal(j.files[0].format, 'k8s');
    assert.match(j.files[0].error, /^1[23]:\d+: YAML syntax error/);
    assert.ok(!j.findings.some((x: any) => x.rule === 'parse-error'), 'parse errors are in files[].error, not findings');
    const text = files['k8s/multi.yaml'];
    assert.deepEqual(j.findings.find((x: any) => x.rule === 'k8s-no-privileged').range, rangeOf(text, 'true', 'privileged'));
    const seccomp = j.findings.filter((x: any) => x.rule === 'k8s-seccomp');
    assert.deepEqual(seccomp.map((x: any) => x.resource), ['CronJob/cj']);
    assert.ok(seccomp[0].range.start.line > 13, 'reported in the document after the broken one');
  });

  it('a file that cannot be read or parsed is listed with its error; the rest is still scanned', () => {
    write('bad/binary.yaml', '');
    fs.writeFileSync(path.join(dir, 'bad/binary.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    write('bad/broken.tf.json', '{\n  "resource": {\n    "azurerm_container_registry": { "r": { "admin_enabled": true,\n');
    write('bad/ok.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: a:1, securityContext: {privileged: true}}]\n');
    const { j, code } = json('bad');
    assert.equal(code, 1);
    const byPath = Object.fromEntries(j.files.map((f: any) => [f.path, f]));
    assert.deepEqual(Object.keys(byPath).sort(), ['bad/binary.yaml', 'bad/broken.tf.json', 'bad/ok.yaml'].map((p) => p.split('/').join(path.sep)));
    assert.match(byPath[path.join('bad', 'binary.yaml')].error, /UTF-8/);
    assert.equal(byPath[path.join('bad', 'broken.tf.json')].format, 'tfjson');
    assert.match(byPath[path.join('bad', 'broken.tf.json')].error, /^\d+:\d+: JSON syntax error/);
    assert.equal(byPath[path.join('bad', 'ok.yaml')].error, null);
    assert.ok(j.findings.some((x: any) => x.rule === 'k8s-no-privileged' && x.path === path.join('bad', 'ok.yaml')));
  });

  it('files of other tools: no findings, no errors, exit 0, nothing but the summary in text', () => {
    write('other/package.json', JSON.stringify({ name: 'x', version: '1.0.0', scripts: { build: 'tsc' }, dependencies: { yaml: '^2' } }, null, 2));
    write('other/tsconfig.json', '{\n  // comment\n  "compilerOptions": { "strict": true, "outDir": "out", },\n  "include": ["src"]\n}\n');
    write('other/.github/workflows/ci.yml', 'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container:\n      image: node:20\n      options: --privileged\n    steps:\n      - uses: actions/checkout@v4\n');
    write('other/docker-compose.yml', 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n    network_mode: host\n');
    write('other/chart/Chart.yaml', 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n');
    write('other/chart/values.yaml', 'image:\n  repository: nginx\n  tag: ""\nsecurityContext:\n  privileged: true\n  allowPrivilegeEscalation: true\nhostNetwork: true\n');
    write('other/chart/templates/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: {{ .Chart.Name }}\n          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n');
    write('other/.vscode/settings.json', '{ "editor.formatOnSave": true }\n');
    const { j, code } = json('other');
    assert.equal(code, 0);
    assert.deepEqual(j.findings, []);
    // 8 files, and one note for the Helm chart folder (its template is not analysed).
    assert.equal(j.files.length, 9);
    assert.deepEqual(j.files.filter((f: any) => f.skipped).map((f: any) => f.path), [path.join('other', 'chart')]);
    for (const f of j.files) assert.deepEqual([f.format, f.error], ['unknown', null], f.path);
    const t = cli(['other'], dir);
    assert.equal(t.code, 0);
    assert.equal(t.out, '8 files scanned, 8 without findings (8 not ARM, Terraform or Kubernetes: not analysed). 0 findings: 0 errors, 0 warnings, 0 info, 0 hints.\n');
    // One information line for the chart folder on stderr, nothing per template.
    assert.match(t.err, /^other[\/]chart: Helm chart: 1 Go-templated file not analysed \(.*helm template <release> <chart> \| aks-guardrails -\)\n$/);
  });

  it('SARIF 2.1.0: required properties, a rule descriptor (id, short description, helpUri) for every result, 1-based regions', () => {
    const r = cli(['arm', 'tf', 'plan', 'k8s', '--format', 'sarif'], dir);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.out);
    assertSarif(log);
    const run = log.runs[0];
    const ids = new Set(run.results.map((x: any) => x.ruleId));
    for (const id of ['acr-admin-user-disabled', 'aks-disable-local-accounts', 'aks-api-authorized-ip-ranges', 'k8s-no-privileged', 'k8s-seccomp', 'parse-error']) assert.ok(ids.has(id), id);
    const priv = run.results.find((x: any) => x.ruleId === 'k8s-no-privileged');
    const rg = rangeOf(files['k8s/multi.yaml'], 'true', 'privileged');
    assert.deepEqual(priv.locations[0].physicalLocation.region, { startLine: rg.start.line, startColumn: rg.start.column, endLine: rg.end.line, endColumn: rg.end.column });
    assert.equal(priv.locations[0].physicalLocation.artifactLocation.uri, 'k8s/multi.yaml');
    assert.equal(priv.level, 'error');
    assert.equal(priv.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    // help.markdown carries the why and how of the rule's page (code scanning shows it with the alert).
    const privRule = run.tool.driver.rules[priv.ruleIndex];
    const page = fs.readFileSync(path.resolve(__dirname, '../../../docs/rules/k8s-no-privileged.md'), 'utf8');
    const why = page.split('## Why\n\n')[1].split('\n\n')[0].replace(/\n/g, ' ');
    assert.ok(privRule.help.markdown.startsWith(`**Why.** ${why}\n\n**How to fix.** `), privRule.help.markdown);
    assert.ok(!privRule.help.markdown.includes('](file:'), 'no links to files of the machine that ran the scan');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(dir).href + '/');
  });

  it('SARIF: a file that cannot be read is a tool execution notification; a syntax error is a parse-error result', () => {
    const r = cli(['bad', '--format', 'sarif'], dir);
    const log = JSON.parse(r.out);
    assertSarif(log);
    const run = log.runs[0];
    const notes = run.invocations[0].toolExecutionNotifications;
    assert.deepEqual(notes.map((n: any) => n.locations[0].physicalLocation.artifactLocation.uri), ['bad/binary.yaml']);
    assert.match(notes[0].message.text, /UTF-8/);
    const pe = run.results.filter((x: any) => x.ruleId === 'parse-error');
    assert.ok(pe.length >= 1 && pe.every((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'bad/broken.tf.json'));
    assert.ok(run.tool.driver.rules.find((x: any) => x.id === 'parse-error').shortDescription.text);
  });

  it('SARIF: configuration problems and invalid suppressions have rule descriptors too', () => {
    write('cfg/.aks-guardrails.jsonc', '{ "rules": { "k8s-no-privileged": "loud" } }\n');
    write('cfg/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      # aks-guardrails-disable-next-line k8s-nope -- no such rule\n      privileged: true\n');
    const log = JSON.parse(cli(['cfg', '--format', 'sarif'], dir).out);
    assertSarif(log);
    const ids = new Set(log.runs[0].results.map((x: any) => x.ruleId));
    assert.ok(ids.has('config') && ids.has('suppression'), [...ids].join());
  });

  it('exit codes: 0 below --fail-on, 1 at or above it, 2 for usage errors', () => {
    // v4-public.tf.json has errors; v3-ranges.tf.json only warnings and below.
    const only = (name: string, failOn?: string) => cli([name, ...(failOn ? ['--fail-on', failOn] : [])], dir).code;
    const v3 = JSON.parse(cli(['tf/v3-ranges.tf.json', '--format', 'json'], dir).out).findings.map((x: any) => x.severity);
    assert.ok(!v3.includes('error') && v3.includes('warning'), v3.join());
    assert.equal(only('tf/v3-ranges.tf.json'), 0);
    assert.equal(only('tf/v3-ranges.tf.json', 'error'), 0);
    assert.equal(only('tf/v3-ranges.tf.json', 'warning'), 1);
    assert.equal(only('tf/v3-ranges.tf.json', 'info'), 1);
    assert.equal(only('tf/v3-ranges.tf.json', 'none'), 0);
    assert.equal(only('tf/v4-public.tf.json'), 1);
    assert.equal(only('other'), 0);
    for (const args of [[], ['arm', '--format'], ['arm', '--format', 'xml'], ['arm', '--fail-on', 'sometimes'], ['arm', '--kubernetes-version', '30'],
      ['arm', '--max-file-size', '-1'], ['arm', '--bogus'], ['no-such-file.yaml'], ['arm', '--config', 'no-such-config.jsonc']]) {
      const r = cli(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '', args.join(' '));
      assert.match(r.err, /^aks-guardrails: /, args.join(' '));
    }
    assert.equal(cli(['--help'], dir).code, 0);
    const version = cli(['--version'], dir);
    assert.equal(version.code, 0);
    // The version the CLI (and the SARIF driver) reports is the package's.
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    assert.equal(version.out, `${pkg.version}\n`);
    assert.equal(JSON.parse(cli(['other', '--format', 'sarif'], dir).out).runs[0].tool.driver.version, pkg.version);
  });
});

/**
 * The properties SARIF 2.1.0 requires (sarif-schema-2.1.0.json "required", minimums and enums) for the objects the CLI
 * emits, plus what code-scanning upload needs (a descriptor per result, ruleIndex consistent with ruleId).
 */
function assertSarif(log: any) {
  assert.equal(log.version, '2.1.0');
  assert.equal(typeof log.$schema, 'string');
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1);
  const run = log.runs[0];
  const driver = run.tool?.driver;
  assert.equal(typeof driver?.name, 'string');
  const rules: any[] = driver.rules;
  assert.ok(Array.isArray(rules));
  assert.equal(new Set(rules.map((x) => x.id)).size, rules.length, 'rule ids are unique');
  for (const rule of rules) {
    assert.equal(typeof rule.id, 'string');
    for (const k of ['shortDescription', 'fullDescription', 'help']) if (rule[k] !== undefined) assert.ok(typeof rule[k].text === 'string' && rule[k].text.length > 0, `${rule.id}.${k}.text`);
    assert.ok(rule.shortDescription, `${rule.id} has a short description`);
    // SARIF 3.49.7 / validator rule SARIF1001: a name, when present, is not the id again (compared ignoring case).
    if (rule.name !== undefined) assert.notEqual(rule.name.toLowerCase(), rule.id.toLowerCase(), rule.id);
    assert.doesNotThrow(() => new URL(rule.helpUri), `${rule.id} has an absolute helpUri`);
    if (rule.defaultConfiguration) assert.ok(['none', 'note', 'warning', 'error'].includes(rule.defaultConfiguration.level));
    if (rule.properties?.tags) assert.equal(new Set(rule.properties.tags).size, rule.properties.tags.length, 'tags are unique');
  }
  assert.ok(Array.isArray(run.results) && run.results.length > 0);
  for (const res of run.results) {
    assert.ok(typeof res.message?.text === 'string' && res.message.text.length > 0, 'result.message.text');
    assert.ok(['none', 'note', 'warning', 'error'].includes(res.level), res.level);
    assert.ok(Number.isInteger(res.ruleIndex) && res.ruleIndex >= 0, `${res.ruleId} has a descriptor`);
    assert.equal(rules[res.ruleIndex].id, res.ruleId);
    assert.ok(Array.isArray(res.locations) && res.locations.length >= 1);
    for (const loc of res.locations) {
      const pl = loc.physicalLocation;
      assert.equal(typeof pl.artifactLocation.uri, 'string');
      assert.ok(!pl.artifactLocation.uri.includes('\\'), 'URI reference with forward slashes');
      const r = pl.region;
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(r[k]) && r[k] >= 1, `${k} ${r[k]}`);
      assert.ok(r.endLine > r.startLine || (r.endLine === r.startLine && r.endColumn >= r.startColumn));
    }
    if (res.properties !== undefined) assert.equal(typeof res.properties, 'object');
  }
  for (const a of run.artifacts ?? []) assert.equal(typeof a.location.uri, 'string');
  // Relative URIs name their base, and the base is an absolute URI ending with '/'.
  const bases = run.originalUriBaseIds ?? {};
  for (const b of Object.values<any>(bases)) assert.ok(new URL(b.uri).href.endsWith('/'), b.uri);
  const locations = [...run.results.flatMap((x: any) => x.locations), ...(run.artifacts ?? []), ...(run.invocations ?? []).flatMap((i: any) => (i.toolExecutionNotifications ?? []).flatMap((n: any) => n.locations ?? []))];
  for (const l of locations) {
    const al = l.physicalLocation?.artifactLocation ?? l.location;
    if (al.uriBaseId !== undefined) assert.ok(bases[al.uriBaseId], `base ${al.uriBaseId} is defined`);
  }
  for (const inv of run.invocations ?? []) {
    assert.equal(typeof inv.executionSuccessful, 'boolean');
    for (const n of inv.toolExecutionNotifications ?? []) assert.ok(typeof n.message?.text === 'string' && n.message.text.length > 0);
  }
}

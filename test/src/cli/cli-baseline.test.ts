import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../server/out/cli';

const ROOT = path.resolve(__dirname, '../../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

function cli(args: string[], cwd: string, stdin?: string): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd, stdin: stdin === undefined ? undefined : () => stdin });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const json = (r: { out: string }) => JSON.parse(r.out) as { files: Array<{ path: string; baselined?: number }>; findings: Array<{ rule: string; path: string; range: { start: { line: number } } }> };

function copyDir(from: string, to: string) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b);
    else fs.writeFileSync(b, fs.readFileSync(a));
  }
}

const PRIVILEGED = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: debug',
  'spec:',
  '  containers:',
  '    - name: shell',
  '      image: myregistry.azurecr.io/tools/shell:1.0.0',
  '      securityContext:',
  '        privileged: true',
  '',
].join('\n');

describe('CLI baseline (accepted findings)', function () {
  this.timeout(120000);
  let dir: string;
  const base = () => path.join(dir, '.aks-guardrails-baseline.json');
  before(function () {
    if (!fs.existsSync(CORPUS)) this.skip();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-baseline-')));
    copyDir(CORPUS, path.join(dir, 'corpus'));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('--baseline-create over ../shared/corpus writes every finding, sorted and stable; a re-run reports none', () => {
    const before = json(cli(['corpus', '--format', 'json', '--fail-on', 'none'], dir));
    assert.ok(before.findings.length > 1000, `${before.findings.length} findings`);
    const created = cli(['corpus', '--baseline-create', '--format', 'json'], dir);
    assert.equal(created.code, 0);
    assert.match(created.err, /wrote \d+ finding\(s\) of \d+ file\(s\) to the baseline \.aks-guardrails-baseline\.json/);
    const text = fs.readFileSync(base(), 'utf8');
    const b = JSON.parse(text);
    assert.equal(b.version, 1);
    const files = Object.keys(b.files);
    assert.deepEqual(files, [...files].sort());
    // No line numbers in it: fingerprints are resource + property path.
    assert.doesNotMatch(text, /"line"|:\d+:\d+/);
    // Stable: created again, byte for byte the same.
    cli(['corpus', '--baseline-create'], dir);
    assert.equal(fs.readFileSync(base(), 'utf8'), text);
    const again = cli(['corpus', '--format', 'json'], dir);
    assert.equal(again.code, 0, again.err);
    const out = json(again);
    assert.deepEqual(out.findings.filter((f) => f.rule !== 'parse-error'), []);
    assert.equal(out.files.reduce((n, f) => n + (f.baselined ?? 0), 0), before.findings.length);
    assert.match(cli(['corpus'], dir).out, /\d+ findings hidden by the baseline\./);
  });

  it('lines inserted above a finding: still baselined; a new privileged container in a new resource: exactly that finding', () => {
    const target = path.join(dir, 'corpus/kubernetes/aks-baseline-workload-01-aspnetapp.yaml');
    const original = fs.readFileSync(target, 'utf8');
    fs.writeFileSync(target, '# a comment\n# another\n\n' + original);
    assert.deepEqual(json(cli(['corpus', '--format', 'json'], dir)).findings, []);
    fs.writeFileSync(path.join(dir, 'corpus/kubernetes/debug-pod.yaml'), PRIVILEGED);
    const r = cli(['corpus', '--format', 'json', '--fail-on', 'error'], dir);
    const found = json(r).findings;
    assert.ok(found.length >= 1);
    assert.ok(found.every((f) => f.path === path.join('corpus', 'kubernetes', 'debug-pod.yaml')), JSON.stringify(found.map((f) => f.path)));
    assert.deepEqual(found.filter((f) => f.rule === 'k8s-no-privileged').map((f) => f.range.start.line), [10]);
    assert.equal(r.code, 1);
    fs.rmSync(path.join(dir, 'corpus/kubernetes/debug-pod.yaml'));
    fs.writeFileSync(target, original);
  });

  it('--baseline-prune after fixing one finding removes its entry and nothing else', () => {
    const target = path.join(dir, 'corpus/kubernetes/aks-baseline-workload-01-aspnetapp.yaml');
    const key = 'corpus/kubernetes/aks-baseline-workload-01-aspnetapp.yaml';
    const before = JSON.parse(fs.readFileSync(base(), 'utf8'));
    const rules = Object.keys(before.files[key]);
    assert.ok(rules.length >= 1);
    // Fix that file (every preferred fix), then prune.
    assert.equal(cli([path.relative(dir, target), '--fix', '--no-baseline', '--fail-on', 'none'], dir).code, 0);
    const pruned = cli(['corpus', '--baseline-prune'], dir);
    assert.equal(pruned.code, 0, pruned.err);
    assert.match(pruned.err, /removed \d+ entr(y|ies) that match no finding/);
    const after = JSON.parse(fs.readFileSync(base(), 'utf8'));
    const left = after.files[key] ? Object.keys(after.files[key]) : [];
    assert.ok(left.length < rules.length, `${rules} -> ${left}`);
    // Everything else is untouched.
    const others = (b: any) => JSON.stringify(Object.entries(b.files).filter(([f]) => f !== key));
    assert.equal(others(after), others(before));
  });

  it('a corrupted baseline: a clear error, exit code 2, nothing written', () => {
    const file = path.join(dir, 'broken-baseline.json');
    for (const text of ['{"version": 1, "files": ', '{"version": 2, "files": {}}', '[1, 2]', '{"version": 1, "files": {"a.yaml": {"k8s-no-privileged": {"count": 1, "findings": {"x": -1}}}}}']) {
      fs.writeFileSync(file, text);
      const target = path.join(dir, 'corpus/kubernetes/aks-baseline-workload-01-aspnetapp.yaml');
      const original = fs.readFileSync(target, 'utf8');
      for (const extra of [[], ['--baseline-prune'], ['--fix']]) {
        const r = cli(['corpus', '--baseline', 'broken-baseline.json', ...extra], dir);
        assert.equal(r.code, 2, `${text} ${extra}`);
        assert.match(r.err, /^aks-guardrails: baseline broken-baseline\.json (is not valid JSON|is not an AKS Guardrails baseline)/);
        assert.equal(r.out, '');
        assert.equal(fs.readFileSync(file, 'utf8'), text);
        assert.equal(fs.readFileSync(target, 'utf8'), original);
      }
    }
    assert.equal(cli(['corpus', '--baseline', 'missing.json'], dir).code, 2);
  });
});

describe('CLI standard input (-)', function () {
  this.timeout(30000);
  it('reads one document from standard input; --stdin-filename decides the format and the reported path', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-stdin-')));
    try {
      const r = cli(['-', '--stdin-filename', 'rendered.yaml', '--format', 'json', '--fail-on', 'none'], dir, PRIVILEGED);
      const out = json(r);
      assert.equal(out.files[0].path, 'rendered.yaml');
      assert.ok(out.findings.some((f) => f.rule === 'k8s-no-privileged' && f.path === 'rendered.yaml' && f.range.start.line === 10));
      // Without a name: '<stdin>', the format from the content (a JSON ARM template here).
      const arm = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources: [{ type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01', name: 'acr', location: 'westeurope', sku: { name: 'Premium' }, properties: { adminUserEnabled: true } }] });
      const a = json(cli(['-', '--format', 'json', '--fail-on', 'none'], dir, arm));
      assert.equal(a.files[0].path, '<stdin>');
      assert.ok(a.findings.some((f) => f.rule === 'acr-admin-user-disabled'));
      // Bicep by name.
      const b = json(cli(['-', '--stdin-filename', 'main.bicep', '--format', 'json', '--fail-on', 'none'], dir, "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acr'\n  properties: {\n    adminUserEnabled: true\n  }\n}\n"));
      assert.ok(b.findings.some((f) => f.rule === 'acr-admin-user-disabled' && f.range.start.line === 4));
      // With files too, and the exit code follows --fail-on.
      assert.equal(cli(['-', '--stdin-filename', 'pod.yaml'], dir, PRIVILEGED).code, 1);
      // Usage errors.
      assert.equal(cli(['x.yaml', '--stdin-filename', 'a.yaml'], dir).code, 2);
      assert.equal(cli(['-', '--fix'], dir, PRIVILEGED).code, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

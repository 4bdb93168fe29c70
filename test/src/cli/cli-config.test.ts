import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/aks-guardrails.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      privileged: true\n';

describe('CLI: configuration, presets, suppressions, ignore', function () {
  this.timeout(30000);
  let dir: string;
  const findings = (args: string[]) => JSON.parse(run([...args, '--format', 'json'], dir).out).findings as { rule: string; severity: string; path: string; range: { start: { line: number } } }[];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-cli-config-'));
    fs.mkdirSync(path.join(dir, 'team', 'gen'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'pod.yaml'), POD);
    fs.writeFileSync(path.join(dir, 'team', 'pod.yaml'), POD);
    fs.writeFileSync(path.join(dir, 'team', 'gen', 'pod.yaml'), POD);
    fs.writeFileSync(path.join(dir, 'team', 'suppressed.yaml'), POD.replace('      privileged: true', '      # aks-guardrails-disable-next-line k8s-no-privileged -- CNI installer\n      privileged: true'));
    fs.writeFileSync(path.join(dir, 'team', '.aks-guardrails.jsonc'), '{\n  // team settings\n  "rules": { "k8s-no-privileged": "info" },\n  "ignore": ["gen/**"]\n}\n');
    fs.writeFileSync(path.join(dir, 'broken.jsonc'), '{ "rules": { "k8s-nope": "off", "k8s-no-privileged": "off" } }\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('nearest config: levels, ignore; suppressions honoured; config files are not scanned', () => {
    const f = findings(['.']).filter((x) => x.rule === 'k8s-no-privileged');
    assert.deepEqual(f.map((x) => [x.path.split(path.sep).join('/'), x.severity]), [['pod.yaml', 'error'], [path.join('team', 'pod.yaml').split(path.sep).join('/'), 'info']]);
    const all = findings(['.']);
    assert.ok(!all.some((x) => x.path.includes('gen')));
    assert.ok(!all.some((x) => x.path.includes('suppressed') && (x.rule === 'k8s-no-privileged' || x.rule === 'suppression')));
    assert.ok(!all.some((x) => x.path.includes('.aks-guardrails')));
  });
  it('--config FILE applies to every file, and its problems are printed on it', () => {
    const r = run(['pod.yaml', '--config', 'broken.jsonc', '--format', 'text', '--fail-on', 'none'], dir);
    assert.equal(r.code, 0);
    assert.match(r.out, /broken\.jsonc\n\s+1:14\s+error\s+Unknown rule 'k8s-nope'\.\s+config/);
    assert.doesNotMatch(r.out, /k8s-no-privileged\n/);
    assert.ok(!findings(['pod.yaml', '--config', 'broken.jsonc']).some((x) => x.rule === 'k8s-no-privileged'));
  });
  it('--config with an unreadable file is a usage error', () => {
    assert.equal(run(['pod.yaml', '--config', 'missing.jsonc'], dir).code, 2);
  });
  it('strict preset via --config', () => {
    fs.writeFileSync(path.join(dir, 'strict.json'), '{"extends": "strict"}');
    const f = findings(['pod.yaml', '--config', 'strict.json']);
    assert.ok(f.length > 0);
    assert.ok(f.every((x) => x.severity === 'warning' || x.severity === 'error'), JSON.stringify(f));
  });

  it('every suppression form and its problems, as in the editor', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'sup-'));
    const withAnn = (value: string) => POD.replace('metadata: {name: p}', `metadata:\n  name: p\n  annotations:\n    aks-guardrails.io/ignore-k8s-no-privileged: ${value}`);
    fs.writeFileSync(path.join(sub, 'annotation.yaml'), withAnn('"CNI installer"'));
    fs.writeFileSync(path.join(sub, 'annotation-noreason.yaml'), withAnn('""'));
    fs.writeFileSync(path.join(sub, 'file.yaml'), '# aks-guardrails-disable-file k8s-no-privileged -- lab\n' + POD);
    fs.writeFileSync(path.join(sub, 'file-expired.yaml'), '# aks-guardrails-disable-file k8s-no-privileged until=2020-01-01 -- lab\n' + POD);
    fs.writeFileSync(path.join(sub, 'line-unknown.yaml'), POD.replace('      privileged: true', '      # aks-guardrails-disable-next-line k8s-nope,k8s-no-privileged -- x\n      privileged: true'));
    fs.writeFileSync(path.join(sub, 'line-unused.yaml'), POD.replace('      privileged: true', '      # aks-guardrails-disable-next-line k8s-no-privileged -- x\n      privileged: false'));
    const rows = findings([path.basename(sub)]).filter((x) => x.rule === 'k8s-no-privileged' || x.rule === 'suppression')
      .map((x) => [path.basename(x.path), x.rule, x.severity, x.range.start.line]);
    assert.deepEqual(rows, [
      ['annotation-noreason.yaml', 'suppression', 'info', 6],
      ['annotation-noreason.yaml', 'k8s-no-privileged', 'error', 12],
      ['file-expired.yaml', 'suppression', 'info', 1],
      ['file-expired.yaml', 'k8s-no-privileged', 'error', 10],
      ['line-unknown.yaml', 'suppression', 'info', 9],
      ['line-unused.yaml', 'suppression', 'info', 9],
    ]);
  });
  it('allowInlineSuppression: false in the config file: suppressions of that rule are reported and not applied', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'forbid-'));
    fs.writeFileSync(path.join(sub, '.aks-guardrails.jsonc'), '{ "rules": { "k8s-no-privileged": { "level": "warning", "allowInlineSuppression": false } } }');
    fs.writeFileSync(path.join(sub, 'line.yaml'), POD.replace('      privileged: true', '      # aks-guardrails-disable-next-line k8s-no-privileged -- x\n      privileged: true'));
    fs.writeFileSync(path.join(sub, 'file.yaml'), '# aks-guardrails-disable-file k8s-no-privileged -- lab\n' + POD);
    const rows = findings([path.basename(sub)]).filter((x) => x.rule === 'k8s-no-privileged' || x.rule === 'suppression').map((x) => [path.basename(x.path), x.rule, x.severity]);
    assert.deepEqual(rows, [['file.yaml', 'suppression', 'info'], ['file.yaml', 'k8s-no-privileged', 'warning'], ['line.yaml', 'suppression', 'info'], ['line.yaml', 'k8s-no-privileged', 'warning']]);
    const text = run([path.basename(sub), '--fail-on', 'none'], dir).out;
    assert.match(text, /Rule 'k8s-no-privileged' does not allow inline suppression \(allowInlineSuppression: false\)/);
  });
  it('rule options and kubernetesVersion from the config file; --kubernetes-version wins over the file', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'opts-'));
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\nspec:\n  containers:\n  - name: a\n    image: docker.io/nginx:1.27\n';
    fs.writeFileSync(path.join(sub, 'pod.yaml'), pod);
    fs.writeFileSync(path.join(sub, '.aks-guardrails.jsonc'), '{ "kubernetesVersion": "1.18", "rules": { "k8s-allowed-registry": { "registries": ["*.azurecr.io"] } } }');
    const rules = (args: string[]) => findings([path.basename(sub), ...args]).filter((x) => x.rule === 'k8s-allowed-registry' || x.rule === 'k8s-seccomp').map((x) => x.rule).sort();
    assert.deepEqual(rules([]), ['k8s-allowed-registry']);
    assert.deepEqual(rules(['--kubernetes-version', '1.30']), ['k8s-allowed-registry', 'k8s-seccomp']);
    // --allowed-registry adds to the file's list.
    assert.deepEqual(rules(['--allowed-registry', 'docker.io']), []);
  });
  it('a broken config file: its problem with the exact position, defaults for the rest of the file', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'broken-'));
    fs.writeFileSync(path.join(sub, 'pod.yaml'), POD);
    fs.writeFileSync(path.join(sub, '.aks-guardrails.jsonc'), '{\n  "extends": "strict"\n  "rules": { "k8s-no-privileged": "info", "k8s-seccomp": "loud" }\n}\n');
    const r = run([path.basename(sub), '--fail-on', 'none'], dir);
    assert.match(r.out, /\.aks-guardrails\.jsonc\n\s+3:3\s+error\s+JSON syntax error: ',' expected\.\s+config\n\s+3:58\s+error\s+Level must be one of "off", "info", "warning", "error"\.\s+config\n/);
    // The config file was read as configuration: not counted as a file that is not ARM, Terraform or Kubernetes.
    assert.doesNotMatch(r.out, /not analysed/);
    // What is valid still applies (strict, the k8s-no-privileged level); k8s-seccomp keeps the preset's level.
    const f = findings([path.basename(sub)]).filter((x) => x.path.endsWith('pod.yaml'));
    assert.deepEqual(f.filter((x) => x.rule === 'k8s-no-privileged').map((x) => x.severity), ['info']);
    assert.deepEqual(f.filter((x) => x.rule === 'k8s-seccomp').map((x) => x.severity), ['error']);
    fs.writeFileSync(path.join(sub, '.aks-guardrails.jsonc'), '{ not json');
    const d = findings([path.basename(sub)]).filter((x) => x.path.endsWith('pod.yaml'));
    assert.deepEqual(d.filter((x) => x.rule === 'k8s-no-privileged').map((x) => x.severity), ['error']);
    assert.deepEqual(d.filter((x) => x.rule === 'k8s-automount-sa-token').map((x) => x.severity), ['info']);
  });
  it('strict preset: Information findings rise to warning in the CLI too', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'strict-'));
    fs.writeFileSync(path.join(sub, 'pod.yaml'), POD);
    const sev = (cfg: string) => {
      fs.writeFileSync(path.join(sub, '.aks-guardrails.json'), cfg);
      return Object.fromEntries(findings([path.basename(sub)]).map((x) => [x.rule, x.severity]));
    };
    const rec = sev('{}');
    const strict = sev('{"extends": "strict"}');
    assert.equal(rec['k8s-automount-sa-token'], 'info');
    assert.equal(strict['k8s-automount-sa-token'], 'warning');
    assert.equal(rec['k8s-run-as-non-root'], 'warning');
    assert.equal(strict['k8s-run-as-non-root'], 'error');
  });
  it('--fix honours the config and suppressions: off rules, suppressed findings and ignored files are not fixed', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'fixcfg-'));
    fs.mkdirSync(path.join(sub, 'vendor'));
    fs.writeFileSync(path.join(sub, '.aks-guardrails.jsonc'), '{ "rules": { "k8s-read-only-root-fs": "off" }, "ignore": ["vendor/"] }');
    const suppressed = POD.replace('      privileged: true', '      # aks-guardrails-disable-next-line k8s-no-privileged -- CNI\n      privileged: true');
    fs.writeFileSync(path.join(sub, 'pod.yaml'), suppressed);
    fs.writeFileSync(path.join(sub, 'vendor', 'pod.yaml'), POD);
    const dry = run([path.basename(sub), '--fix-dry-run'], dir);
    assert.equal(dry.code, 0);
    assert.match(dry.out, /^--- a\/fix[^\n]*\/pod\.yaml\n/);
    assert.doesNotMatch(dry.out, /vendor/);
    assert.doesNotMatch(dry.out, /readOnlyRootFilesystem|privileged: false/);
    assert.match(dry.out, /\+\s+allowPrivilegeEscalation: false/);
    assert.match(dry.err, /^1 file\(s\) would change$/m);
    const fixed = run([path.basename(sub), '--fix', '--fail-on', 'none'], dir);
    assert.match(fixed.err, /1 file\(s\) changed/);
    const written = fs.readFileSync(path.join(sub, 'pod.yaml'), 'utf8');
    assert.match(written, /# aks-guardrails-disable-next-line k8s-no-privileged -- CNI\n\s+privileged: true/);
    assert.doesNotMatch(written, /readOnlyRootFilesystem/);
    assert.equal(fs.readFileSync(path.join(sub, 'vendor', 'pod.yaml'), 'utf8'), POD);
  });

  it('--fix-dry-run prints a unified diff and writes nothing; --fix writes the same result and reports it', () => {
    const file = path.join(dir, 'fixme.yaml');
    fs.writeFileSync(file, POD);
    const dry = run(['fixme.yaml', '--fix-dry-run'], dir);
    assert.equal(dry.code, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), POD);
    assert.match(dry.out, /^--- a\/fixme\.yaml\n\+\+\+ b\/fixme\.yaml\n@@ -6,4 \+6,\d+ @@\n   - name: a\n     image: a:1\n     securityContext:\n-      privileged: true\n\+      privileged: false\n/);
    assert.match(dry.err, /1 file\(s\) would change/);
    // The diff applies to the original and gives what --fix writes.
    const copy = path.join(dir, 'copy');
    fs.mkdirSync(copy);
    fs.writeFileSync(path.join(copy, 'fixme.yaml'), POD);
    const patched = spawnSync('patch', ['-p1'], { cwd: copy, input: dry.out, encoding: 'utf8' });
    assert.equal(patched.status, 0, patched.stderr);
    const fixed = run(['fixme.yaml', '--fix', '--format', 'json', '--fail-on', 'none'], dir);
    assert.equal(fixed.code, 0);
    assert.match(fixed.err, /fixed \d+ problem\(s\) in fixme\.yaml\n1 file\(s\) changed/);
    const written = fs.readFileSync(file, 'utf8');
    assert.equal(written, fs.readFileSync(path.join(copy, 'fixme.yaml'), 'utf8'));
    assert.match(written, /privileged: false/);
    const remaining = JSON.parse(fixed.out).findings as { fixable: boolean }[];
    assert.ok(remaining.every((f) => !f.fixable), JSON.stringify(remaining));
    // Nothing left to fix: no change.
    const again = run(['fixme.yaml', '--fix', '--fail-on', 'none'], dir);
    assert.match(again.err, /0 file\(s\) changed/);
    assert.equal(fs.readFileSync(file, 'utf8'), written);
  });
});

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

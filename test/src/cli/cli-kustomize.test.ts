import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/aks-guardrails.js');
const SHARED = path.resolve(ROOT, '..', 'shared', 'kustomize');

interface CliFinding { rule: string; path: string; message: string; range: { start: { line: number }; end: { line: number } }; overlays?: string[]; fixable: boolean }

function run(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--fail-on', 'none'], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r;
}

describe('CLI: Kustomize roots are analysed as built', function () {
  this.timeout(60000);

  it('podinfo/deploy: base findings once each with their overlays (JSON), none on kustomizations, none twice', function () {
    if (!fs.existsSync(SHARED)) this.skip();
    const out = JSON.parse(run(path.join(SHARED, 'podinfo'), ['deploy', '--format', 'json']).stdout) as { findings: CliFinding[] };
    const bases = out.findings.filter((f) => f.path.startsWith('deploy/bases/'));
    assert.ok(bases.length > 0);
    for (const f of bases) assert.deepEqual(f.overlays, ['overlays/dev', 'overlays/production', 'overlays/staging'], `${f.path} ${f.rule}`);
    assert.deepEqual(out.findings.filter((f) => /kustomization\.yaml$/.test(f.path)), []);
    const keys = out.findings.map((f) => `${f.path}:${f.range.start.line}:${f.rule}:${f.message}`);
    assert.equal(new Set(keys).size, keys.length, 'a file reached through three overlays is reported once per finding');
    // Files no kustomization uses (deploy/webapp, deploy/secure) are judged alone, without overlays.
    assert.ok(out.findings.some((f) => f.path.startsWith('deploy/webapp/') && !f.overlays));
  });

  it('--fix edits the base for a base finding, the patch for a value the patch sets; a second scan is clean of them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-kz-cli-'));
    try {
      const write = (p: string, t: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        fs.writeFileSync(path.join(dir, p), t);
      };
      write('base/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n          securityContext:\n            allowPrivilegeEscalation: true\n');
      write('base/kustomization.yaml', 'resources: [deploy.yaml]\n');
      write('overlays/prod/kustomization.yaml', 'resources: [../../base]\npatches:\n  - path: patch.yaml\n');
      write('overlays/prod/patch.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            privileged: true\n');
      const rules = ['k8s-no-privilege-escalation', 'k8s-no-privileged'];
      const before = (JSON.parse(run(dir, ['.', '--format', 'json']).stdout).findings as CliFinding[]).filter((f) => rules.includes(f.rule));
      assert.deepEqual(before.map((f) => [f.path, f.rule, f.overlays]), [
        [path.join('base', 'deploy.yaml'), 'k8s-no-privilege-escalation', ['overlays/prod']],
        [path.join('overlays', 'prod', 'patch.yaml'), 'k8s-no-privileged', ['overlays/prod']],
      ]);
      run(dir, ['.', '--fix']);
      assert.match(fs.readFileSync(path.join(dir, 'base/deploy.yaml'), 'utf8'), /allowPrivilegeEscalation: false/);
      assert.match(fs.readFileSync(path.join(dir, 'overlays/prod/patch.yaml'), 'utf8'), /privileged: false/);
      const after = (JSON.parse(run(dir, ['.', '--format', 'json']).stdout).findings as CliFinding[]).filter((f) => rules.includes(f.rule));
      assert.deepEqual(after, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a Helm chart folder is said once (text: one stderr line; JSON: one files[] entry), not per template', () => {
    const fixtures = path.join(ROOT, 'test', 'fixtures', 'non-k8s');
    const text = run(ROOT, [fixtures]);
    assert.equal(text.stderr.split('\n').filter((l) => /Helm chart: \d+ Go-templated files? not analysed/.test(l)).length, 1, text.stderr);
    const json = JSON.parse(run(ROOT, [fixtures, '--format', 'json']).stdout) as { files: Array<{ path: string; skipped?: string }> };
    assert.deepEqual(json.files.filter((f) => f.skipped).map((f) => f.path), [path.relative(ROOT, fixtures)]);
  });
});

describe('CLI: scanning one overlay', function () {
  this.timeout(30000);
  it('reports the base problems that overlay deploys, on the base lines, naming only that overlay', function () {
    if (!fs.existsSync(SHARED)) this.skip();
    const cwd = path.join(SHARED, 'podinfo', 'deploy');
    const out = JSON.parse(run(cwd, ['overlays/dev', '--format', 'json']).stdout) as { files: Array<{ path: string }>; findings: CliFinding[] };
    assert.ok(out.files.some((f) => f.path === path.join('bases', 'backend', 'deployment.yaml')), 'the bases the overlay reads are scanned');
    const bases = out.findings.filter((f) => f.path.startsWith('bases'));
    assert.ok(bases.length > 0);
    for (const f of bases) assert.deepEqual(f.overlays, ['dev'], `${f.path} ${f.rule}`);
    // The same lines as a scan of the whole tree.
    const all = JSON.parse(run(cwd, ['.', '--format', 'json']).stdout) as { findings: CliFinding[] };
    const key = (f: CliFinding) => `${f.path}:${f.range.start.line}:${f.rule}`;
    assert.deepEqual(bases.map(key).sort(), all.findings.filter((f) => f.path.startsWith('bases')).map(key).sort());
  });
});

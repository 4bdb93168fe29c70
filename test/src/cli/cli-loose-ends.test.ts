import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../server/out/cli';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: a:1\n      securityContext: {privileged: true}\n';

function run(args: string[], cwd: string, readdir?: (dir: string) => fs.Dirent[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd }, readdir);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI: unreadable directories, ignored explicit files, broken Kubernetes YAML', function () {
  this.timeout(30000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-loose-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('a subdirectory that cannot be listed during recursion', () => {
    // The tests run as root, where chmod 000 does not block reads: the failure is injected into the directory listing
    // the CLI uses, so the real collectFiles → main → output path runs.
    let readdir: (d: string) => fs.Dirent[];
    beforeEach(() => {
      fs.mkdirSync(path.join(dir, 'locked'));
      fs.writeFileSync(path.join(dir, 'locked', 'hidden.yaml'), POD);
      fs.mkdirSync(path.join(dir, 'ok'));
      fs.writeFileSync(path.join(dir, 'ok', 'pod.yaml'), POD);
      readdir = (d) => {
        if (path.basename(d) === 'locked') throw Object.assign(new Error(`EACCES: permission denied, scandir '${d}'`), { code: 'EACCES' });
        return fs.readdirSync(d, { withFileTypes: true });
      };
    });

    it('json: listed in files[] with its error, the other files are scanned, exit code from findings (not 2)', () => {
      const r = run([dir, '--format', 'json'], dir, readdir);
      assert.equal(r.code, 1, r.err);
      const j = JSON.parse(r.out);
      const locked = j.files.find((f: any) => f.path === 'locked');
      assert.ok(locked, JSON.stringify(j.files));
      assert.match(locked.error, /^cannot read directory: EACCES: permission denied/);
      assert.ok(j.findings.some((f: any) => f.rule === 'k8s-no-privileged' && f.path === path.join('ok', 'pod.yaml')));
      assert.ok(!j.findings.some((f: any) => f.path.includes('hidden')));
    });

    it('sarif: a tool execution notification on the directory; text: the directory and its error, counted in the summary', () => {
      const s = JSON.parse(run([dir, '--format', 'sarif'], dir, readdir).out);
      const notes = s.runs[0].invocations[0].toolExecutionNotifications;
      assert.equal(notes.length, 1);
      assert.equal(notes[0].level, 'warning');
      assert.equal(notes[0].locations[0].physicalLocation.artifactLocation.uri, 'locked');
      assert.match(notes[0].message.text, /cannot read directory/);
      assert.ok(!s.runs[0].artifacts.some((a: any) => a.location.uri === 'locked'), 'a directory is not an artifact');
      const t = run([dir], dir, readdir);
      assert.equal(t.code, 1);
      assert.match(t.out, new RegExp(`^locked${path.sep === '/' ? '/' : '\\\\'}\\n  cannot read directory: EACCES`, 'm'));
      assert.match(t.out, /^1 file scanned, 0 without findings\. 1 directory could not be read\./m);
    });

    it('a path named on the command line that does not exist is still a usage error', () => {
      const r = run([path.join(dir, 'nope')], dir, readdir);
      assert.equal(r.code, 2);
      assert.match(r.err, /not found/);
    });
  });

  describe('a file named on the command line that the configuration ignores', () => {
    beforeEach(() => {
      fs.writeFileSync(path.join(dir, '.aks-guardrails.jsonc'), '{ "ignore": ["gen/**"] }\n');
      fs.mkdirSync(path.join(dir, 'gen'));
      fs.writeFileSync(path.join(dir, 'gen', 'pod.yaml'), POD);
      fs.writeFileSync(path.join(dir, 'pod.yaml'), POD.replace('privileged: true', 'privileged: false, allowPrivilegeEscalation: false'));
    });

    it('text: a note on stderr naming the config, no findings for it', () => {
      const r = run([path.join('gen', 'pod.yaml')], dir);
      assert.equal(r.err, `${path.join('gen', 'pod.yaml')}: skipped (ignored by .aks-guardrails.jsonc)`);
      assert.equal(r.code, 0);
      assert.doesNotMatch(r.out, /k8s-no-privileged/);
      assert.match(r.out, /^0 files scanned/m);
    });

    it('json: a files[] entry with the skipped reason; sarif: a note notification', () => {
      const r = run([path.join('gen', 'pod.yaml'), 'pod.yaml', '--format', 'json'], dir);
      assert.equal(r.err, '');
      const j = JSON.parse(r.out);
      assert.deepEqual(j.files.find((f: any) => f.path === path.join('gen', 'pod.yaml')), { path: path.join('gen', 'pod.yaml'), format: 'unknown', error: null, skipped: 'ignored by .aks-guardrails.jsonc' });
      assert.equal(j.files.find((f: any) => f.path === 'pod.yaml').skipped, undefined);
      assert.ok(!j.findings.some((f: any) => f.path.startsWith('gen')));
      const s = JSON.parse(run([path.join('gen', 'pod.yaml'), '--format', 'sarif'], dir).out);
      const notes = s.runs[0].invocations[0].toolExecutionNotifications;
      assert.deepEqual(notes.map((n: any) => [n.level, n.message.text]), [['note', 'skipped (ignored by .aks-guardrails.jsonc)']]);
    });

    it('an ignored file found by recursion stays silent', () => {
      const r = run(['.', '--format', 'json'], dir);
      assert.equal(r.err, '');
      assert.ok(!JSON.parse(r.out).files.some((f: any) => f.path.startsWith('gen')));
    });
  });

  describe('a YAML file whose only document is broken', () => {
    it('reads as Kubernetes (format k8s, with the error) when it has apiVersion: and kind: lines', () => {
      fs.writeFileSync(path.join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: broken\nspec: {}\n');
      const j = JSON.parse(run(['broken.yaml', '--format', 'json'], dir).out);
      assert.equal(j.files[0].format, 'k8s');
      assert.match(j.files[0].error, /YAML syntax error/);
    });

    it('stays unknown without them, when the file is not .yaml/.yml, or for a Helm template (not analysed)', () => {
      fs.writeFileSync(path.join(dir, 'other.yml'), 'name: x\non: {push\n');
      fs.writeFileSync(path.join(dir, 'k8s.json'), '{"apiVersion": "v1",\nkind: Pod\n');
      fs.writeFileSync(path.join(dir, 'chart.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels: {{- include "x" . | nindent 4 }}\n');
      const j = JSON.parse(run(['other.yml', 'k8s.json', 'chart.yaml', '--format', 'json'], dir).out);
      assert.deepEqual(j.files.filter((f: any) => !f.skipped).map((f: any) => [f.path, f.format]), [['other.yml', 'unknown'], ['k8s.json', 'unknown'], ['chart.yaml', 'unknown']]);
      // The template is said once for its folder (Helm: render it first).
      assert.deepEqual(j.files.filter((f: any) => f.skipped).map((f: any) => f.skipped.slice(0, 44)), ['Helm chart: 1 Go-templated file not analysed']);
    });
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../server/out/cli';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLES = path.join(ROOT, 'samples');

/** The CLI in-process (same code as bin/aks-guardrails.js, without a process per call). */
function cli(args: string[]) {
  let out = '';
  const code = main(args, { out: (s) => (out += s + '\n'), err: () => undefined, cwd: ROOT });
  return { code, out };
}
function scan(args: string[]) {
  const r = cli([...args, '--format', 'json']);
  return { code: r.code, json: JSON.parse(r.out) };
}

/** One non-compliant and one compliant sample per format, as the README promises. */
const FORMATS: Array<[string, string, string]> = [
  ['arm', 'arm-noncompliant.json', 'arm-compliant.json'],
  ['arm', 'bicep-noncompliant.json', 'bicep-compliant.json'],
  ['bicep', 'bicep-noncompliant.bicep', 'bicep-compliant.bicep'],
  ['tfjson', 'terraform-noncompliant.tf.json', 'terraform-compliant.tf.json'],
  ['tfplan', 'plan-noncompliant.json', 'plan-compliant.json'],
  ['k8s', 'kubernetes-noncompliant.yaml', 'kubernetes-compliant.yaml'],
];

describe('samples/ (the README\'s first command)', function () {
  this.timeout(30000);

  it('holds exactly one non-compliant and one compliant file per format', () => {
    const scanned = fs.readdirSync(SAMPLES).filter((f) => /\.(ya?ml|json|bicep)$/.test(f)).sort();
    assert.deepEqual(scanned, FORMATS.flatMap(([, bad, good]) => [bad, good]).sort());
    for (const [format, bad, good] of FORMATS) {
      for (const f of [bad, good]) assert.equal(scan([path.join('samples', f)]).json.files[0].format, format, f);
    }
    assert.ok(fs.readFileSync(path.join(ROOT, 'samples/bicep-compliant.json'), 'utf8').includes('"languageVersion": "2.0"'));
  });

  for (const [, , good] of FORMATS) {
    it(`${good} alone yields no finding at all`, () => {
      const r = scan([path.join('samples', good)]);
      assert.deepEqual(r.json.findings, []);
      assert.equal(r.json.files[0].error, null);
      assert.equal(r.code, 0);
    });
  }

  for (const [, bad] of FORMATS) {
    it(`${bad} alone yields a readable set of findings, at least one error, on distinct exact lines`, () => {
      const r = scan([path.join('samples', bad)]);
      const f = r.json.findings as any[];
      assert.equal(r.json.files[0].error, null);
      assert.ok(f.length >= 5 && f.length <= 15, `${f.length} findings`);
      assert.ok(f.some((x) => x.severity === 'error'));
      assert.equal(r.code, 1);
      assert.ok(new Set(f.map((x) => x.range.start.line)).size >= 5, 'findings point at several distinct lines');
      for (const x of f) assert.ok(x.range.start.line >= 1 && x.range.start.column >= 1);
    });
  }

  it('reports the foundation rules on the exact value at fault', () => {
    const j = scan(['samples']).json;
    const at = (file: string, rule: string) => j.findings.filter((x: any) => x.path === path.join('samples', file) && x.rule === rule).map((x: any) => `${x.range.start.line}:${x.range.start.column}`);
    const text = (file: string, line: number) => fs.readFileSync(path.join(SAMPLES, file), 'utf8').split('\n')[line - 1];
    const [priv] = at('kubernetes-noncompliant.yaml', 'k8s-no-privileged');
    assert.match(text('kubernetes-noncompliant.yaml', Number(priv.split(':')[0])), /privileged: true/);
    const [admin] = at('terraform-noncompliant.tf.json', 'acr-admin-user-disabled');
    assert.match(text('terraform-noncompliant.tf.json', Number(admin.split(':')[0])), /"admin_enabled": "\$\{var\.acr_admin_enabled\}"/);
    const [local] = at('arm-noncompliant.json', 'aks-disable-local-accounts');
    assert.match(text('arm-noncompliant.json', Number(local.split(':')[0])), /"disableLocalAccounts": "\[parameters\('disableLocalAccounts'\)\]"/);
    assert.equal(at('kubernetes-noncompliant.yaml', 'k8s-seccomp').length, 1);
    assert.equal(at('plan-noncompliant.json', 'acr-admin-user-disabled').length, 1);
    assert.ok(j.findings.filter((x: any) => x.path.startsWith(path.join('samples', 'plan-'))).every((x: any) => x.fixable === false), 'plan JSON gets no fixes');
  });

  it('the README\'s --format json example is real output', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const example = JSON.parse(/## The CLI[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]);
    const actual = scan([example.files[0].path]).json;
    assert.deepEqual(example.files, actual.files);
    for (const f of example.findings) assert.deepEqual(f, actual.findings.find((x: any) => x.rule === f.rule && x.range.start.line === f.range.start.line));
  });

  it('npm run samples prints findings per file and a summary, and exits 0', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.scripts.samples, 'node bin/aks-guardrails.js samples --fail-on none');
    const r = cli(['samples', '--fail-on', 'none']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^samples\/kubernetes-noncompliant\.yaml\n( {2}.*\n)* {2}28:25 +error +Container api of Deployment\/orders runs privileged\. +k8s-no-privileged \(fixable\)$/m);
    assert.ok(!/-compliant\./.test(r.out.replace(/-noncompliant\./g, '')), 'compliant files are not listed');
    // The excerpt in the README's "Two commands" section is real output: every line of it (but "...") appears as is.
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const excerpt = /## Two commands[\s\S]*?```text\n([\s\S]*?)```/.exec(readme)![1].split('\n').filter((l) => l.trim() && l.trim() !== '...');
    assert.ok(excerpt.length >= 3);
    // (the counts of the summary line change with the rules: only its shape is compared)
    const shape = (l: string) => (/ files scanned, /.test(l) ? l.replace(/\d+/g, 'N') : l);
    const out = r.out.split('\n').map(shape);
    for (const line of excerpt) assert.ok(out.includes(shape(line)), `README excerpt line not in the output: ${line}`);
    assert.match(r.out, /^13 files scanned, 6 without findings\. \d+ findings: \d+ errors, \d+ warnings, \d+ info, \d+ hints?\. \d+ fixable with --fix\.$/m);
  });
});

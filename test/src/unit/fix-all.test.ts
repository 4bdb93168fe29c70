import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeText, applyTextEdits, child, editsForFix, EngineOptions, Finding, fixAll, MAX_FIX_PASSES, parseFile, RULES, toValue } from '../../../server/out/engine';
import { lines } from '../helpers/ruleTester';

const K8S_RULES = RULES.filter((r) => r.formats.includes('k8s')).map((r) => r.id);
const CORPUS = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'kubernetes');

const problems = (path: string, text: string) =>
  analyzeText(path, text).findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'rule-failed').map((f) => f.message);

/** The engine's multipass "fix all", restricted to `ruleIds`. */
function fixAllOf(path: string, text: string, ruleIds: string[], options?: Partial<EngineOptions>) {
  return fixAll(text, (t) => {
    const res = analyzeText(path, t, options);
    return { file: res.file, fixes: res.findings.filter((f) => ruleIds.includes(f.ruleId) && f.fix).map((f) => f.fix!) };
  });
}

/** The reference: the first fixable finding's fix, re-analyse, repeat. */
function oneByOne(path: string, text: string, ruleIds: string[], options?: Partial<EngineOptions>): string {
  let t = text;
  for (let i = 0; i < 500; i++) {
    const res = analyzeText(path, t, options);
    const f = res.findings.find((x) => ruleIds.includes(x.ruleId) && x.fix);
    if (!f) return t;
    t = applyTextEdits(t, editsForFix(res.file, f.fix!));
  }
  throw new Error('one-by-one fixes did not converge');
}

function assertSame(path: string, text: string, ruleIds: string[], options?: Partial<EngineOptions>) {
  const all = fixAllOf(path, text, ruleIds, options);
  assert.ok(all.converged, `fix all did not converge for ${ruleIds.join(',')}`);
  assert.equal(all.text, oneByOne(path, text, ruleIds, options), `fix all differs from one-by-one for ${ruleIds.join(',')}`);
  assert.deepEqual(problems(path, all.text), [], 'the fixed text must parse');
  const left = analyzeText(path, all.text, options).findings.filter((f) => ruleIds.includes(f.ruleId) && f.fix);
  assert.deepEqual(left.map((f) => f.message), [], 'no fixable finding may remain');
  return all;
}

const key = (f: Finding) => `${f.ruleId}: ${f.message}`;
function counts(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

describe('fix all (multipass)', () => {
  it('applies fixes of several rules in one go, conflicting ones in later passes', () => {
    const code = lines(
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:',
      '      hostNetwork: true', '      containers:', '      - name: a', '        image: a:1', '        ports: [{containerPort: 80, hostPort: 80}]',
      '      - name: b', '        image: b:1', '        securityContext: {privileged: true}');
    const res = assertSame('d.yaml', code, K8S_RULES);
    assert.ok(res.passes >= 2, 'inserts into one securityContext conflict and wait for the next pass');
    assert.ok(res.applied >= 8);
  });

  it('stops after the pass limit when a fix does not remove its finding', () => {
    const out = fixAll('a: 1\n', (t) => {
      const file = parseFile('x.yaml', t);
      const doc = file.documents[0];
      const a = child(doc.root, 'a')!;
      return { file, fixes: [{ title: 'count up', intents: [{ kind: 'set', doc, node: a, value: Number(a.value) + 1 }] }] };
    });
    assert.deepEqual([out.text, out.converged, out.passes, out.applied], ['a: 11\n', false, MAX_FIX_PASSES, MAX_FIX_PASSES]);
  });

  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => /\.ya?ml$|\.json$/.test(f)).sort() : [];
  describe('Kubernetes corpus: fix all equals one-by-one', () => {
    if (!files.length) it.skip(`corpus not found at ${CORPUS}`);
    for (const f of files) {
      it(f, function () {
        this.timeout(120000);
        const text = readFileSync(join(CORPUS, f), 'utf8');
        assertSame(f, text, K8S_RULES);
        // before Kubernetes 1.30 the AppArmor fix writes annotations instead of the field
        assertSame(f, text, K8S_RULES, { kubernetesVersion: '1.29' });
        // before 1.19 the seccomp fix writes the pod annotation too (both fixes edit the same annotations map)
        assertSame(f, text, K8S_RULES, { kubernetesVersion: '1.18' });
        const fixable = new Set(analyzeText(f, text).findings.filter((x) => x.fix).map((x) => x.ruleId));
        for (const id of K8S_RULES.filter((r) => fixable.has(r))) assertSame(f, text, [id]);
      });
    }
  });

  // The Kubernetes samples and every YAML example of the k8s-* doc pages (non-compliant and compliant), at the
  // three target versions whose fixes differ (1.30 field spellings, 1.29 AppArmor annotations, 1.18 seccomp annotations).
  const ROOT = resolve(__dirname, '..', '..', '..');
  const fixtures: Array<{ name: string; text: string; path?: string }> = [];
  const samples = join(ROOT, 'samples');
  if (existsSync(samples)) for (const f of readdirSync(samples).filter((x) => /\.ya?ml$/.test(x)).sort()) fixtures.push({ name: `samples/${f}`, text: readFileSync(join(samples, f), 'utf8') });
  const docs = join(ROOT, 'docs', 'rules');
  for (const f of readdirSync(docs).filter((x) => /^k8s-.*\.md$/.test(x)).sort()) {
    const blocks = [...readFileSync(join(docs, f), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => /^kind:/m.test(b) && /^apiVersion:/m.test(b));
    blocks.forEach((text, i) => {
      fixtures.push({ name: `docs/rules/${f} example ${i + 1}`, text });
      // the same manifest as a JSON file (the JSON fix layer, pretty-printed)
      const value = parseFile('x.yaml', text).documents.map((d) => toValue(d.root));
      if (value.length === 1) fixtures.push({ name: `docs/rules/${f} example ${i + 1} as JSON`, text: JSON.stringify(value[0], null, 2) + '\n', path: 'x.json' });
    });
  }
  describe('Kubernetes samples and doc examples: fix all equals one-by-one (1.30, 1.29, 1.18)', () => {
    it('found the fixtures', () => assert.ok(fixtures.length >= 20, `only ${fixtures.length} fixtures`));
    for (const { name, text, path: given } of fixtures) {
      it(name, function () {
        this.timeout(60000);
        const path = given ?? (name.endsWith('.yml') ? 'x.yml' : 'x.yaml');
        for (const kubernetesVersion of ['1.30', '1.29', '1.18']) assertSame(path, text, K8S_RULES, { kubernetesVersion });
      });
    }
  });

  describe('Kubernetes corpus: every fix round-trips', () => {
    for (const f of files) {
      it(f, function () {
        this.timeout(120000);
        const text = readFileSync(join(CORPUS, f), 'utf8');
        const res = analyzeText(f, text);
        const before = counts(res.findings);
        for (const finding of res.findings.filter((x) => K8S_RULES.includes(x.ruleId))) {
          for (const fix of [finding.fix, ...(finding.suggestions ?? [])]) {
            if (!fix) continue;
            const out = applyTextEdits(text, editsForFix(res.file, fix));
            const where = `${key(finding)} / ${fix.title}`;
            assert.deepEqual(problems(f, out), [], `${where}: the fixed text must parse`);
            const after = counts(analyzeText(f, out).findings);
            if (fix === finding.fix) assert.ok((after.get(key(finding)) ?? 0) < before.get(key(finding))!, `${where}: the finding must be gone`);
            for (const [k, n] of after) assert.ok(n <= (before.get(k) ?? 0), `${where}: new finding ${k}`);
          }
        }
      });
    }
  });
});

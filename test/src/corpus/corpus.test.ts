import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, applyTextEdits, editsForFix, Finding } from '../../../server/out/engine';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const sub of ['arm', 'kubernetes']) {
    const dir = path.join(CORPUS, sub);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) out.push(path.join(dir, f));
  }
  return out;
}

const key = (f: Finding) => `${f.ruleId}|${f.message}`;

describe('corpus (../shared/corpus): no crash, every fix round-trips', function () {
  this.timeout(120000);
  const files = corpusFiles();
  it('finds the corpus', () => assert.ok(files.length > 50, `corpus at ${CORPUS}`));
  for (const file of files) {
    it(path.basename(file), () => {
      const text = fs.readFileSync(file, 'utf8');
      const res = analyzeText(file, text);
      assert.deepEqual(res.findings.filter((f) => f.ruleId === 'rule-failed').map((f) => f.message), []);
      assert.deepEqual(res.findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.message), [], 'real files parse');
      for (const f of res.findings) assert.ok(f.end >= f.start && f.end <= text.length);
      const before = new Map<string, number>();
      for (const f of res.findings) before.set(key(f), (before.get(key(f)) ?? 0) + 1);
      for (const f of res.findings) {
        if (!f.fix) continue;
        const out = applyTextEdits(text, editsForFix(res.file, f.fix));
        const after = analyzeText(file, out);
        assert.deepEqual(after.findings.filter((g) => g.ruleId === 'parse-error').map((g) => g.message), [], `fix of ${f.ruleId} (${f.message}) breaks the file`);
        const counts = new Map<string, number>();
        for (const g of after.findings) counts.set(key(g), (counts.get(key(g)) ?? 0) + 1);
        assert.ok((counts.get(key(f)) ?? 0) < (before.get(key(f)) ?? 0), `fix of ${f.ruleId} did not remove: ${f.message}`);
        for (const [k, n] of counts) assert.ok(n <= (before.get(k) ?? 0), `fix of ${f.ruleId} introduced: ${k}`);
      }
    });
  }
});

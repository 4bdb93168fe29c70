import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../server/out/engine';

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

describe('corpus (../shared/corpus): no crash, real files parse, ranges inside the text', function () {
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
      // Fix round-trips over the corpus are checked by test/src/robustness/roundtrip.test.ts.
    });
  }
});

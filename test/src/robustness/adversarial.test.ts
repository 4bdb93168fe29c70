import * as assert from 'node:assert/strict';
import { analyzeText, AnalysedFile, FILE_SKIPPED, PARSE_ERROR } from '../../../server/out/engine';

/** Runs one adversarial input with a time budget and a heap-growth budget. */
function bounded(path: string, text: string, maxMs: number, opts: { maxSize?: number } = {}): AnalysedFile {
  if (global.gc) global.gc();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const res = analyzeText(path, text, {}, opts);
  const ms = performance.now() - t0;
  const grewMB = (process.memoryUsage().heapUsed - heap0) / 1e6;
  assert.ok(ms < maxMs, `${path}: ${Math.round(ms)} ms (budget ${maxMs} ms)`);
  assert.ok(grewMB < 400, `${path}: heap grew ${Math.round(grewMB)} MB`);
  for (const f of res.findings) {
    assert.notEqual(f.ruleId, 'rule-failed', f.message);
    assert.ok(f.start >= 0 && f.end >= f.start && f.end <= text.length, `${f.ruleId} range ${f.start}-${f.end}`);
  }
  return res;
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n';

describe('adversarial inputs: a clear diagnostic or skipped, within bounded time and memory', function () {
  this.timeout(60000);

  it('YAML alias bomb (billion laughs): aliases are shared, never expanded', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const p = String.fromCharCode(97 + i - 1);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + p).join(',')}]`);
    }
    const res = bounded('bomb.yaml', POD + levels.join('\n') + '\n', 1000);
    assert.deepEqual(res.findings.filter((f) => f.ruleId === PARSE_ERROR), []);
  });

  it('YAML alias bomb with more than 1,000 aliases: one parse error, not analysed', () => {
    const refs = Array.from({ length: 1500 }, (_, i) => `k${i}: *a`).join('\n');
    const res = bounded('many-aliases.yaml', `apiVersion: v1\nkind: Pod\nx: &a [1, 2]\n${refs}\n`, 2000);
    assert.ok(res.findings.some((f) => f.ruleId === PARSE_ERROR && /alias/.test(f.message)), JSON.stringify(res.findings.map((f) => f.message)));
  });

  it('10 MB single-line JSON: skipped above the default size limit with an information finding', () => {
    const resources = Array.from({ length: 120000 }, (_, i) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: `st${i}` }));
    const text = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources });
    assert.ok(text.length > 10e6 && !text.includes('\n'));
    const res = bounded('big.json', text, 2000);
    assert.equal(res.findings.length, 1);
    assert.equal(res.findings[0].ruleId, FILE_SKIPPED);
    assert.equal(res.findings[0].severity, 'info');
    assert.match(res.findings[0].message, /maxFileSizeKB/);
  });

  it('JSON nested 100,000 deep: refused before parsing, no stack overflow', () => {
    bounded('deep.json', '['.repeat(100000) + ']'.repeat(100000), 1000);
    const arm = '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[' + '{"a":'.repeat(100000) + '1' + '}'.repeat(100000) + ']}';
    const res = bounded('deep-arm.json', arm, 1000);
    assert.ok(res.findings.some((f) => f.ruleId === PARSE_ERROR && /nested deeper/.test(f.message)), JSON.stringify(res.findings.map((f) => f.message)));
  });

  it('YAML nested 100,000 deep (flow and compact block sequences): one parse error, no stack overflow', () => {
    for (const deep of ['['.repeat(100000) + ']'.repeat(100000), '{a: '.repeat(100000) + '1' + '}'.repeat(100000)]) {
      const res = bounded('deep.yaml', `apiVersion: v1\nkind: Pod\nx: ${deep}\n`, 1000);
      assert.ok(res.findings.some((f) => f.ruleId === PARSE_ERROR && /nested deeper/.test(f.message)), JSON.stringify(res.findings.map((f) => f.message)));
    }
    const res = bounded('deep-seq.yaml', `apiVersion: v1\nkind: Pod\nx:\n${'- '.repeat(100000)}a\n`, 1000);
    assert.ok(res.findings.some((f) => f.ruleId === PARSE_ERROR && /nested deeper/.test(f.message)), JSON.stringify(res.findings.map((f) => f.message)));
  });

  it('NUL bytes and invalid UTF-8: skipped with an information finding', () => {
    for (const text of [POD.replace('nginx', 'ng\u0000inx'), Buffer.from([...Buffer.from(POD), 0xff, 0xfe, 0x0a]).toString('utf8')]) {
      const res = bounded('bin.yaml', text, 500);
      assert.equal(res.findings.length, 1);
      assert.equal(res.findings[0].ruleId, FILE_SKIPPED);
      assert.equal(res.findings[0].severity, 'info');
    }
  });

  it('50 MB file: skipped above the size limit (the setting decides), bounded time', () => {
    const text = POD + '# padding\n'.repeat(5 * 1024 * 1024);
    assert.ok(text.length > 50e6);
    const res = bounded('huge.yaml', text, 2000);
    assert.deepEqual(res.findings.map((f) => [f.ruleId, f.severity]), [[FILE_SKIPPED, 'info']]);
    // A smaller limit (aksGuardrails.maxFileSizeKB) skips smaller files too.
    const small = bounded('pod.yaml', POD, 500, { maxSize: 10 });
    assert.equal(small.findings[0].ruleId, FILE_SKIPPED);
    assert.match(small.findings[0].message, /0 KB|larger than/);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient } from './lspClient';

const ROOT = path.resolve(__dirname, '../../..');
/** The bench's 1 MB, 1,000-document manifest (generated deterministically by scripts/bench.mjs, kept in the repository). */
const BIG_YAML = path.join(ROOT, 'bench/inputs/workloads-1mb.yaml');
/** The bundled server the extension ships (npm run bundle), else the compiled one. */
const BUNDLED = path.join(ROOT, 'dist/server.js');
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    securityContext:\n      privileged: true\n';

describe('language server responsiveness (time slices, stale runs, activation)', function () {
  this.timeout(120000);

  it('reports activation-to-first-diagnostics: server process start → initialize → open → first diagnostics', async () => {
    const module = fs.existsSync(BUNDLED) ? BUNDLED : undefined;
    const t0 = process.hrtime.bigint();
    const client = new LspClient(module);
    try {
      await client.initialize();
      const t1 = process.hrtime.bigint();
      const uri = 'file:///tmp/aksg-activation/pod.yaml';
      client.open(uri, 'yaml', POD);
      const diags = await client.diagnostics(uri, 1, 30000);
      const t2 = process.hrtime.bigint();
      assert.ok(diags.some((d) => d.code === 'k8s-no-privileged'));
      const ms = (a: bigint, b: bigint) => Math.round(Number(b - a) / 1e6);
      // Printed for the README's Performance section (not asserted: it depends on the machine's load).
      console.log(`      activation → first diagnostics: ${ms(t0, t2)} ms (${module ? 'bundled dist/server.js' : 'compiled server/out/server.js'}; process start → initialized ${ms(t0, t1)} ms, open → diagnostics ${ms(t1, t2)} ms)`);
    } finally {
      await client.shutdown();
    }
  });

  it('answers a code action request while a 1,000-document file is being analysed, and an edit re-analyses it', async function () {
    if (!fs.existsSync(BIG_YAML)) this.skip();
    const big = fs.readFileSync(BIG_YAML, 'utf8');
    const client = new LspClient();
    try {
      await client.initialize();
      const small = 'file:///tmp/aksg-responsive/pod.yaml';
      client.open(small, 'yaml', POD);
      await client.diagnostics(small, 1);

      const bigUri = 'file:///tmp/aksg-responsive/big.yaml';
      let bigDiagnosticsAt: bigint | undefined;
      const bigDone = client.diagnostics(bigUri, 1, 110000).then((d) => { bigDiagnosticsAt = process.hrtime.bigint(); return d; });
      const openedAt = process.hrtime.bigint();
      client.open(bigUri, 'yaml', big);
      // Parsing 1 MB of YAML takes far longer than this on any machine: the request arrives mid-analysis.
      await new Promise((r) => setTimeout(r, 100));
      const sentAt = process.hrtime.bigint();
      const actions = await client.request('textDocument/codeAction', {
        textDocument: { uri: small }, range: { start: { line: 9, character: 18 }, end: { line: 9, character: 22 } }, context: { diagnostics: [] },
      }, 60000);
      const answeredAt = process.hrtime.bigint();
      assert.ok(Array.isArray(actions) && actions.some((a: any) => /^Fix: /.test(a.title)), JSON.stringify(actions));
      // A blocked connection would answer only after the big file's diagnostics were published.
      assert.equal(bigDiagnosticsAt, undefined, 'the code action was answered only after the long analysis finished');
      const diags = await bigDone;
      assert.ok(diags.length > 1000, `diagnostics of the big file: ${diags.length}`);
      const ms = (a: bigint, b: bigint) => Math.round(Number(b - a) / 1e6);
      console.log(`      code action answered in ${ms(sentAt, answeredAt)} ms during the analysis of a 1 MB, ${big.split('\n---\n').length}-document file (open → diagnostics ${ms(openedAt, bigDiagnosticsAt!)} ms)`);

      // One-character edit in one document: the new diagnostics cover the edit, and the other documents keep exact ranges.
      const at = big.indexOf('name: app-500') + 'name: app-'.length;
      const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;
      const line = lineOf(big, at);
      const character = at - big.lastIndexOf('\n', at - 1) - 1;
      const editAt = process.hrtime.bigint();
      client.change(bigUri, 2, [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }]);
      const after = await client.diagnostics(bigUri, 2, 60000);
      console.log(`      one-character edit → new diagnostics: ${ms(editAt, process.hrtime.bigint())} ms (debounce from the last analysis cost included)`);
      assert.equal(after.length, diags.length);
      const key = (d: any) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
      assert.deepEqual(after.map(key), diags.map(key), 'same findings at the same ranges (the edit added one character inside a name)');
      assert.ok(after.some((d) => /app-x500/.test(d.message)), 'the edited document was re-analysed');
      assert.equal(client.proc.exitCode, null);
    } finally {
      await client.shutdown();
    }
  });
});

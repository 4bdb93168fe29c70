import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient } from './lspClient';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    securityContext:\n      privileged: true\n';
const BIG = path.resolve(__dirname, '../../../../shared/corpus/arm/aks-lza-private-cluster-all-in-one-main.json');

describe('language server robustness over LSP', function () {
  this.timeout(60000);

  it('a rule that throws (AKSG_TEST_THROWING_RULE=1, test only) gives one rule-failed diagnostic, the other rules report, the server stays up', async () => {
    process.env.AKSG_TEST_THROWING_RULE = '1';
    const client = new LspClient();
    delete process.env.AKSG_TEST_THROWING_RULE;
    try {
      await client.initialize();
      const uri = 'file:///tmp/aksg-robust/pod.yaml';
      client.open(uri, 'yaml', POD);
      const diags = await client.diagnostics(uri, 1);
      const failed = diags.filter((d) => d.code === 'rule-failed');
      assert.equal(failed.length, 1, JSON.stringify(diags));
      assert.match(failed[0].message, /test-throwing-rule/);
      assert.ok(diags.some((d) => d.code === 'k8s-no-privileged'), 'the other rules still report');
      client.change(uri, 2, [{ text: POD.replace('true', 'false') }]);
      const after = await client.diagnostics(uri, 2);
      assert.ok(!after.some((d) => d.code === 'k8s-no-privileged'));
      assert.equal(client.proc.exitCode, null, 'server still running');
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      assert.ok(hover === null || typeof hover === 'object');
    } finally {
      await client.shutdown();
    }
  });

  it('drops stale runs: rapid edits publish diagnostics for the latest version only; requests are answered while a 2.75 MB template is analysed', async function () {
    if (!fs.existsSync(BIG)) this.skip();
    const client = new LspClient();
    try {
      await client.initialize();
      const uri = 'file:///tmp/aksg-robust/pod2.yaml';
      client.open(uri, 'yaml', POD);
      await client.diagnostics(uri, 1);
      const since = client.notifications.length;
      for (let v = 2; v <= 6; v++) client.change(uri, v, [{ text: POD.replace('name: p', `name: p${v}`) }]);
      await client.diagnostics(uri, 6);
      await new Promise((r) => setTimeout(r, 400));
      const published = client.notifications.slice(since).filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).map((n) => n.params.version);
      assert.deepEqual(published, [6], 'only the latest version is analysed and published');

      const big = 'file:///tmp/aksg-robust/big.json';
      client.open(big, 'json', fs.readFileSync(BIG, 'utf8'));
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 9, character: 18 }, end: { line: 9, character: 22 } }, context: { diagnostics: [] } }, 30000);
      assert.ok(Array.isArray(actions) || actions === null);
      const bigDiags = await client.diagnostics(big, 1, 30000);
      assert.ok(Array.isArray(bigDiags));
    } finally {
      await client.shutdown();
    }
  });
});

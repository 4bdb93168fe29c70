import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyLspEdits, LspClient } from './lspClient';

/**
 * Bicep in the editor: main.bicep reads its local module from disk (or its open buffer); the finding caused by the
 * caller's argument sits on it and its quick fix edits it; a syntax error is not a diagnostic (the Bicep extension
 * reports those) and the rest of the file is still analysed; an edit of the module re-analyses main.bicep; the
 * "Disable … for this line" action writes the `//` comment form.
 */
const lines = (...l: string[]) => l.join('\n') + '\n';
const MAIN = lines("module aks './modules/aks.bicep' = {", "  name: 'aks'", '  params: {', '    private: false', '  }', '}');
const MODULE = (prop: string) => lines(
  'param private bool',
  "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
  "  name: 'aks'",
  "  location: 'westeurope'",
  '  properties: {',
  '    apiServerAccessProfile: {',
  `      ${prop}: private`,
  '    }',
  '  }',
  '}',
);

describe('language server: Bicep', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-bicep-')));
    fs.mkdirSync(path.join(dir, 'modules'));
    fs.writeFileSync(path.join(dir, 'main.bicep'), MAIN);
    fs.writeFileSync(path.join(dir, 'modules', 'aks.bicep'), MODULE('enablePrivateCluster'));
    client = new LspClient();
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the finding at the caller's argument, its fix edits it, an edit of the module re-analyses main.bicep", async () => {
    const main = pathToFileURL(path.join(dir, 'main.bicep')).href;
    const mod = pathToFileURL(path.join(dir, 'modules', 'aks.bicep')).href;
    client.open(main, 'bicep', MAIN);
    const diags = (await client.diagnostics(main, 1)).filter((d) => d.code === 'aks-private-cluster');
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0].range, { start: { line: 3, character: 13 }, end: { line: 3, character: 18 } });
    assert.match(diags[0].message, /from parameter 'private'/);
    const actions = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri: main }, range: diags[0].range, context: { diagnostics: [diags[0]] } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(applyLspEdits(MAIN, fix.edit.changes[main]), MAIN.replace('private: false', 'private: true'));
    const disable = actions.find((a) => /Disable aks-private-cluster for this line/.test(a.title));
    assert.ok(disable, JSON.stringify(actions.map((a) => a.title)));
    assert.match(applyLspEdits(MAIN, disable.edit.changes[main]), /^ {4}\/\/ aks-guardrails-disable-next-line aks-private-cluster -- /m);
    // The module changes (opened with another property): main.bicep is analysed again, the finding is gone.
    const since = client.notifications.length;
    client.open(mod, 'bicep', MODULE('enablePrivateClusterPublicFQDN'));
    const again = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === main, 10000, since);
    assert.deepEqual(again.diagnostics.filter((d: any) => d.code === 'aks-private-cluster'), []);
  });

  it('a syntax error is no diagnostic; the rest of the file is still analysed', async () => {
    const uri = pathToFileURL(path.join(dir, 'broken.bicep')).href;
    const text = lines(
      "var broken = 'unterminated",
      "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {",
      "  name: 'acr'",
      "  location: 'westeurope'",
      "  sku: { name: 'Premium' }",
      '  properties: {',
      '    adminUserEnabled: true',
      '    oops: (',
      '  }',
      '}',
    );
    client.open(uri, 'bicep', text);
    const diags = await client.diagnostics(uri, 1);
    assert.ok(diags.some((d) => d.code === 'acr-admin-user-disabled' && d.range.start.line === 6), JSON.stringify(diags.map((d) => d.code)));
    assert.ok(!diags.some((d) => d.code === 'parse-error'));
  });
});

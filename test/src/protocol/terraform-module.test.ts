import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyLspEdits, LspClient } from './lspClient';

/**
 * A Terraform module in the editor: main.tf reads variables.tf from disk (or its open buffer); the quick fix of a value
 * from a variable edits variables.tf (a multi-file workspace edit); an edit of variables.tf re-analyses main.tf.
 */
const lines = (...l: string[]) => l.join('\n') + '\n';
const MAIN = lines(
  'resource "azurerm_kubernetes_cluster" "aks" {',
  '  name                    = "aks"',
  '  location                = "westeurope"',
  '  resource_group_name     = "rg"',
  '  dns_prefix              = "aks"',
  '  private_cluster_enabled = var.private',
  '}',
);
const VARIABLES = (v: string) => lines('variable "private" {', '  type    = bool', `  default = ${v}`, '}');

describe('language server: a Terraform module directory', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-tf-module-')));
    fs.writeFileSync(path.join(dir, 'main.tf'), MAIN);
    fs.writeFileSync(path.join(dir, 'variables.tf'), VARIABLES('false'));
    client = new LspClient();
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the finding at var.private, its fix edits variables.tf, an edit of variables.tf re-analyses main.tf', async () => {
    const main = pathToFileURL(path.join(dir, 'main.tf')).href;
    const vars = pathToFileURL(path.join(dir, 'variables.tf')).href;
    client.open(main, 'terraform', MAIN);
    const diags = (await client.diagnostics(main, 1)).filter((d) => d.code === 'aks-private-cluster');
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0].range, { start: { line: 5, character: 28 }, end: { line: 5, character: 39 } });
    assert.match(diags[0].message, /from variable 'private'/);
    const actions = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri: main }, range: diags[0].range, context: { diagnostics: [diags[0]] } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(fix.edit.changes[main], []);
    assert.equal(applyLspEdits(VARIABLES('false'), fix.edit.changes[vars]), VARIABLES('true'));
    // The user applies it: variables.tf is open with the new default; main.tf is analysed again without the finding.
    const since = client.notifications.length;
    client.open(vars, 'terraform', VARIABLES('true'));
    const again = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === main, 10000, since);
    assert.deepEqual(again.diagnostics.filter((d: any) => d.code === 'aks-private-cluster'), []);
  });

  it('the hover says which azurerm major version the attribute names were read as, and why', async () => {
    fs.writeFileSync(path.join(dir, '.terraform.lock.hcl'), 'provider "registry.terraform.io/hashicorp/azurerm" {\n  version = "3.116.0"\n}\n');
    const uri = pathToFileURL(path.join(dir, 'cluster.tf')).href;
    const text = lines('resource "azurerm_kubernetes_cluster" "c" {', '  name                = "c"', '  location            = "westeurope"', '  resource_group_name = "rg"', '  dns_prefix          = "c"', '}');
    client.open(uri, 'terraform', text);
    const diags = (await client.diagnostics(uri, 1)).filter((d) => d.code === 'aks-cluster-auto-upgrade-channel');
    assert.equal(diags.length, 1);
    const hover = await client.request<any>('textDocument/hover', { textDocument: { uri }, position: diags[0].range.start });
    assert.match(hover.contents.value, /\*\*Terraform:\*\* attribute names read as azurerm v3 \(\.terraform\.lock\.hcl: azurerm 3\.116\.0\)/);
  });
});

// Terraform HCL in a real VS Code: a `.tf` file (plain text without HashiCorp's extension, selected by the
// `**/*.tf` pattern) gets its diagnostic; the preferred quick fix of a value that comes from a variable edits
// variables.tf (a multi-file workspace edit) and the diagnostic goes away; an HCL snippet inserts without warnings.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const u = require('./util');

const MAIN = [
  'resource "azurerm_kubernetes_cluster" "aks" {',
  '  name                    = "aks"',
  '  location                = "westeurope"',
  '  resource_group_name     = "rg"',
  '  dns_prefix              = "aks"',
  '  private_cluster_enabled = var.private',
  '}',
  '',
].join('\n');
const VARIABLES = (v) => ['variable "private" {', '  type    = bool', `  default = ${v}`, '}', ''].join('\n');

suite('Terraform HCL (.tf)', () => {
  const files = {};
  suiteSetup(async () => {
    const root = u.workspaceFolder().uri;
    files.main = vscode.Uri.joinPath(root, 'tf-module/main.tf');
    files.variables = vscode.Uri.joinPath(root, 'tf-module/variables.tf');
    await vscode.workspace.fs.writeFile(files.variables, Buffer.from(VARIABLES('false')));
    await vscode.workspace.fs.writeFile(files.main, Buffer.from(MAIN));
  });
  suiteTeardown(async () => {
    await u.closeAll();
    try { await vscode.workspace.fs.delete(vscode.Uri.joinPath(u.workspaceFolder().uri, 'tf-module'), { recursive: true }); } catch { /* gone */ }
  });

  test('main.tf: the diagnostic at var.private; the quick fix edits the default in variables.tf', async () => {
    const { uri } = await u.openFixture('tf-module/main.tf');
    const diag = await u.waitForRule(uri, 'aks-private-cluster');
    u.assertCommon(diag, 'aks-private-cluster');
    assert.deepStrictEqual([diag.range.start.line, diag.range.start.character, diag.range.end.character], [5, 28, 39]);
    assert.match(diag.message, /from variable 'private'/);
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value, 10)) || [];
    const fix = actions.find((a) => a.isPreferred && /^Fix: /.test(a.title));
    assert.ok(fix && fix.edit, `a preferred fix with an edit; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(fix.edit.entries().some(([target]) => target.path.endsWith('/tf-module/variables.tf')), 'the edit changes variables.tf');
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit accepted the edit');
    const variables = vscode.workspace.textDocuments.find((d) => d.uri.toString() === files.variables.toString());
    assert.ok(variables, 'variables.tf was opened by the edit');
    assert.match(variables.getText(), /default = true/);
    await u.waitFor(() => !u.ours(uri).some((d) => u.codeOf(d) === 'aks-private-cluster'), 'aks-private-cluster to be cleared in main.tf after the edit of variables.tf',
      u.UPDATE_MS, () => u.describe(u.ours(uri)));
    assert.ok(await variables.save(), 'variables.tf saves');
    assert.match(fs.readFileSync(files.variables.fsPath, 'utf8'), /default = true/);
  });

  test('an HCL snippet (aks-tf-cluster) inserts into a .tf file with no warning or error', async () => {
    const ext = vscode.extensions.getExtension(u.EXTENSION_ID);
    const snippets = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'snippets', 'terraform-hcl.json'), 'utf8'));
    const cluster = Object.values(snippets).find((s) => s.prefix === 'aks-tf-cluster');
    const target = vscode.Uri.joinPath(u.workspaceFolder().uri, 'tf-module/cluster.tf');
    await vscode.workspace.fs.writeFile(target, Buffer.from(''));
    const doc = await vscode.workspace.openTextDocument(target);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    assert.ok(await editor.insertSnippet(new vscode.SnippetString(cluster.body.join('\n'))), 'the snippet was inserted');
    await u.waitFor(() => /azurerm_kubernetes_cluster/.test(doc.getText()), 'the snippet text');
    // Diagnostics of the expanded text arrive (at least the accepted Information of sub-defender-for-containers).
    await u.waitForRule(doc.uri, 'sub-defender-for-containers', u.UPDATE_MS);
    const bad = u.ours(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
    assert.deepStrictEqual(u.describe(bad), '[]');
  });
});

// Bicep in a real VS Code: a `.bicep` file (plain text without the Bicep extension, selected by the `**/*.bicep`
// pattern) gets its diagnostic on the line the user wrote; the preferred quick fix edits the Bicep source (a caller's
// argument of a local module) and the diagnostic goes away; a Bicep snippet inserts without warnings.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const u = require('./util');

const MAIN = [
  "module aks './modules/aks.bicep' = {",
  "  name: 'aks'",
  '  params: {',
  '    private: false',
  '  }',
  '}',
  '',
].join('\n');
const MODULE = [
  'param private bool',
  "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
  "  name: 'aks'",
  "  location: 'westeurope'",
  '  properties: {',
  '    apiServerAccessProfile: {',
  '      enablePrivateCluster: private',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

suite('Bicep (.bicep)', () => {
  const files = {};
  suiteSetup(async () => {
    const root = u.workspaceFolder().uri;
    files.main = vscode.Uri.joinPath(root, 'bicep-app/main.bicep');
    files.module = vscode.Uri.joinPath(root, 'bicep-app/modules/aks.bicep');
    await vscode.workspace.fs.writeFile(files.module, Buffer.from(MODULE));
    await vscode.workspace.fs.writeFile(files.main, Buffer.from(MAIN));
  });
  suiteTeardown(async () => {
    await u.closeAll();
    try { await vscode.workspace.fs.delete(vscode.Uri.joinPath(u.workspaceFolder().uri, 'bicep-app'), { recursive: true }); } catch { /* gone */ }
  });

  test("main.bicep: the diagnostic at the caller's value; the quick fix edits it in main.bicep", async () => {
    const { uri, doc } = await u.openFixture('bicep-app/main.bicep');
    const diag = await u.waitForRule(uri, 'aks-private-cluster');
    u.assertCommon(diag, 'aks-private-cluster');
    assert.deepStrictEqual([diag.range.start.line, diag.range.start.character, diag.range.end.character], [3, 13, 18]);
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value, 10)) || [];
    const fix = actions.find((a) => a.isPreferred && /^Fix: /.test(a.title));
    assert.ok(fix && fix.edit, `a preferred fix with an edit; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit accepted the edit');
    const text = (doc || vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())).getText();
    assert.match(text, /private: true/);
    await u.waitFor(() => !u.ours(uri).some((d) => u.codeOf(d) === 'aks-private-cluster'), 'aks-private-cluster to be cleared after the fix',
      u.UPDATE_MS, () => u.describe(u.ours(uri)));
  });

  test('a Bicep snippet (aks-acr) inserts into a .bicep file with no warning or error', async () => {
    const ext = vscode.extensions.getExtension(u.EXTENSION_ID);
    const snippets = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'snippets', 'bicep.json'), 'utf8'));
    const acr = Object.values(snippets).find((s) => s.prefix === 'aks-acr');
    const target = vscode.Uri.joinPath(u.workspaceFolder().uri, 'bicep-app/acr.bicep');
    await vscode.workspace.fs.writeFile(target, Buffer.from(''));
    const doc = await vscode.workspace.openTextDocument(target);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    assert.ok(await editor.insertSnippet(new vscode.SnippetString(acr.body.join('\n'))), 'the snippet was inserted');
    await u.waitFor(() => /Microsoft\.ContainerRegistry\/registries/.test(doc.getText()), 'the snippet text');
    await u.waitForRule(doc.uri, 'sub-defender-for-containers', u.UPDATE_MS);
    const bad = u.ours(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning);
    assert.deepStrictEqual(u.describe(bad), '[]');
  });
});

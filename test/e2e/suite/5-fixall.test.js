// source.fixAll.aksGuardrails: offered as a code action and run on save
// through editor.codeActionsOnSave, right after an edit (before the server's
// debounced analysis of that version has run).
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const u = require('./util');

const KIND = 'source.fixAll.aksGuardrails';
const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: fixall-probe',
  'spec:',
  '  containers:',
  '    - name: app',
  '      image: contoso.azurecr.io/app:1.0.0',
  '      securityContext:',
  '        privileged: true',
  '',
].join('\n');

async function fixAllActions(doc) {
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, all, KIND, 10)) || [];
  return actions.filter((a) => a.kind && a.kind.value === KIND);
}

suite('fix all', () => {
  let file;
  suiteSetup(() => { file = vscode.Uri.joinPath(u.workspaceFolder().uri, 'fixall-pod.yaml'); });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('editor', { languageId: 'yaml' })
      .update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    await u.closeAll();
  });

  test(`${KIND} on save fixes the file`, async () => {
    await vscode.workspace.fs.writeFile(file, Buffer.from(POD));
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    await u.waitForRule(doc.uri, 'k8s-no-privileged');
    const offered = await fixAllActions(doc);
    assert.strictEqual(offered.length, 1, `one ${KIND} code action is offered; got ${JSON.stringify(offered.map((a) => a.title))}`);
    await vscode.workspace.getConfiguration('editor', { languageId: 'yaml' })
      .update('codeActionsOnSave', { [KIND]: 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    // An edit makes the document dirty, so that the save runs the save participants.
    const editor = vscode.window.activeTextEditor;
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), '# edited\n'));
    assert.ok(await doc.save(), 'saved');
    const disk = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
    assert.match(disk, /privileged: false/, `fixed on save; file on disk:\n${disk}`);
    await u.waitFor(() => !u.ours(doc.uri).some((d) => u.codeOf(d) === 'k8s-no-privileged'), 'k8s-no-privileged to be cleared',
      u.UPDATE_MS, () => u.describe(u.ours(doc.uri)));
  });
});

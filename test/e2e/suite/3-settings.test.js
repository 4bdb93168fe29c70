// Settings and the configuration file changed while a document is open take
// effect at once, without reopening the document: aksGuardrails.enable,
// aksGuardrails.rules.customizations (editor-only re-levelling) and
// .aks-guardrails.jsonc (on disk through the file watcher, and unsaved text in
// an editor, which wins over the disk).
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const u = require('./util');

const RULE = 'k8s-no-privileged';
const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: settings-probe',
  'spec:',
  '  containers:',
  '    - name: app',
  '      image: contoso.azurecr.io/app:1.0.0',
  '      securityContext:',
  '        privileged: true',
  '',
].join('\n');

const S = vscode.DiagnosticSeverity;

/** Opens a file-backed copy of POD (resource-scoped settings and the config file apply to files). */
async function openProbe(name) {
  const uri = vscode.Uri.joinPath(u.workspaceFolder().uri, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(POD));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Waits until the rule's diagnostic on `doc` has `severity` (undefined = no such diagnostic). */
async function waitForSeverity(doc, severity, why) {
  const current = () => {
    const d = u.ours(doc.uri).find((x) => u.codeOf(x) === RULE);
    return d ? d.severity : undefined;
  };
  await u.waitFor(() => current() === severity,
    `${RULE} to become ${severity === undefined ? 'absent' : u.severityName(severity)} after ${why}`,
    u.UPDATE_MS, () => `now: ${u.describe(u.ours(doc.uri))}`);
}

suite('settings and configuration file', () => {
  const config = () => vscode.workspace.getConfiguration('aksGuardrails');
  let configFile;
  suiteSetup(() => { configFile = vscode.Uri.joinPath(u.workspaceFolder().uri, 'configured/.aks-guardrails.jsonc'); });
  suiteTeardown(async () => {
    await config().update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('rules.customizations', undefined, vscode.ConfigurationTarget.Workspace);
    await u.closeAll();
    try { await vscode.workspace.fs.delete(vscode.Uri.joinPath(u.workspaceFolder().uri, 'configured'), { recursive: true }); } catch { /* not there */ }
  });

  test('aksGuardrails.enable=false clears diagnostics of an open document, true brings them back', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: POD });
    await vscode.window.showTextDocument(doc);
    await u.waitForRule(doc.uri, RULE);

    await config().update('enable', false, vscode.ConfigurationTarget.Workspace);
    await u.waitFor(() => u.ours(doc.uri).length === 0, 'diagnostics to be cleared after aksGuardrails.enable=false',
      u.UPDATE_MS, () => u.describe(u.ours(doc.uri)));

    await config().update('enable', true, vscode.ConfigurationTarget.Workspace);
    await u.waitForRule(doc.uri, RULE, u.UPDATE_MS);
    assert.ok(!doc.isClosed, 'the document stayed open');
    await u.closeAll();
  });

  test('aksGuardrails.rules.customizations re-levels diagnostics of an open document', async () => {
    const doc = await openProbe('customizations-pod.yaml');
    await waitForSeverity(doc, S.Error, 'opening (catalogue level)');

    await config().update('rules.customizations', [{ rule: 'k8s-*', severity: 'downgrade' }], vscode.ConfigurationTarget.Workspace);
    await waitForSeverity(doc, S.Warning, '{ rule: "k8s-*", severity: "downgrade" }');

    // Later entries win; "!" negates: everything but k8s-no-privileged is off, k8s-no-privileged is info.
    await config().update('rules.customizations', [
      { rule: `!${RULE}`, severity: 'off' },
      { rule: RULE, severity: 'info' },
    ], vscode.ConfigurationTarget.Workspace);
    await waitForSeverity(doc, S.Information, `{ rule: "${RULE}", severity: "info" }`);
    assert.deepStrictEqual(u.ours(doc.uri).map(u.codeOf), [RULE], 'every other rule is off ("!" glob)');

    await config().update('rules.customizations', [{ rule: RULE, severity: 'off' }], vscode.ConfigurationTarget.Workspace);
    await waitForSeverity(doc, undefined, `{ rule: "${RULE}", severity: "off" }`);

    await config().update('rules.customizations', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForSeverity(doc, S.Error, 'removing the setting');
    assert.ok(!doc.isClosed, 'the document stayed open');
    await u.closeAll();
  });

  test('.aks-guardrails.jsonc on disk and in the editor re-levels diagnostics of an open document', async () => {
    // In a folder of its own: a config document opened by an extension (workspace.openTextDocument) stays open in
    // the extension host for up to 3 minutes after its editor closes, and open config text wins over the disk.
    const doc = await openProbe('configured/pod.yaml');
    await waitForSeverity(doc, S.Error, 'opening (no config file)');

    // 1. Written and deleted on disk (not through an editor): the file watcher tells the server.
    await vscode.workspace.fs.writeFile(configFile, Buffer.from(`{\n  // e2e\n  "rules": { "${RULE}": "warning" }\n}\n`));
    await waitForSeverity(doc, S.Warning, 'writing configured/.aks-guardrails.jsonc with "warning" on disk');
    await vscode.workspace.fs.delete(configFile);
    await waitForSeverity(doc, S.Error, 'deleting configured/.aks-guardrails.jsonc');
    await vscode.workspace.fs.writeFile(configFile, Buffer.from(`{\n  // e2e\n  "rules": { "${RULE}": "warning" }\n}\n`));
    await waitForSeverity(doc, S.Warning, 'writing it again');

    // 2. Edited in an editor, not saved: the open text wins over the disk.
    const cfgDoc = await vscode.workspace.openTextDocument(configFile);
    const cfgEditor = await vscode.window.showTextDocument(cfgDoc, { preview: false });
    const at = cfgDoc.getText().indexOf('"warning"');
    await cfgEditor.edit((e) => e.replace(new vscode.Range(cfgDoc.positionAt(at), cfgDoc.positionAt(at + '"warning"'.length)), '"off"'));
    await waitForSeverity(doc, undefined, 'changing the level to "off" in the (unsaved) config editor');

    // 3. Reverted: the text is the disk's again.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await u.waitFor(() => cfgDoc.getText().includes('"warning"') && !cfgDoc.isDirty, 'the config editor to be reverted');
    await waitForSeverity(doc, S.Warning, 'reverting the config editor');
    assert.ok(!doc.isClosed, 'the document stayed open throughout');
    await u.closeAll();
  });
});

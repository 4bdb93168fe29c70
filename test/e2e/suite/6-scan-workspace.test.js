// Command "AKS Guardrails: Scan Workspace" (aksGuardrails.scanWorkspace): the
// findings of files that are not open in an editor appear in the Problems view
// (vscode.languages.getDiagnostics); ignored files get none.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const u = require('./util');

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: unopened',
  'spec:',
  '  selector: { matchLabels: { app: unopened } }',
  '  template:',
  '    metadata: { labels: { app: unopened } }',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: contoso.azurecr.io/app:1.0.0',
  '          securityContext:',
  '            privileged: true',
  '',
].join('\n');
const REGISTRY = JSON.stringify({ resource: { azurerm_container_registry: { unopened: { name: 'unopened', admin_enabled: true } } } }, null, 2);

suite('scan workspace', () => {
  const files = {};
  suiteSetup(async () => {
    const root = u.workspaceFolder().uri;
    files.yaml = vscode.Uri.joinPath(root, 'unopened/deploy.yaml');
    files.tf = vscode.Uri.joinPath(root, 'unopened/registry.tf.json');
    files.ignored = vscode.Uri.joinPath(root, 'ignored/deploy.yaml');
    files.config = vscode.Uri.joinPath(root, 'ignored/.aks-guardrails.jsonc');
    await vscode.workspace.fs.writeFile(files.yaml, Buffer.from(DEPLOYMENT));
    await vscode.workspace.fs.writeFile(files.tf, Buffer.from(REGISTRY));
    await vscode.workspace.fs.writeFile(files.ignored, Buffer.from(DEPLOYMENT));
    await vscode.workspace.fs.writeFile(files.config, Buffer.from('{ "ignore": ["*.yaml"] }\n'));
  });
  suiteTeardown(async () => {
    await u.closeAll();
    for (const d of ['unopened', 'ignored']) {
      try { await vscode.workspace.fs.delete(vscode.Uri.joinPath(u.workspaceFolder().uri, d), { recursive: true }); } catch { /* gone */ }
    }
  });

  test('the command is contributed and puts findings of unopened files in diagnostics', async () => {
    const ext = vscode.extensions.getExtension(u.EXTENSION_ID);
    const contributed = ((ext.packageJSON.contributes || {}).commands || []).map((c) => c.command);
    assert.ok(contributed.includes('aksGuardrails.scanWorkspace'), `package.json contributes aksGuardrails.scanWorkspace; has ${contributed}`);
    assert.ok((await vscode.commands.getCommands(true)).includes('aksGuardrails.scanWorkspace'), 'the command is registered');
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    for (const f of [files.yaml, files.tf]) {
      assert.ok(!open.has(f.toString()), `${f.path} is not open`);
      assert.deepStrictEqual(u.ours(f), [], `${f.path} has no diagnostics before the scan`);
    }

    // The command resolves when the scan is done (progress notification meanwhile).
    await vscode.commands.executeCommand('aksGuardrails.scanWorkspace');

    const yaml = await u.waitForRule(files.yaml, 'k8s-no-privileged', u.UPDATE_MS);
    u.assertCommon(yaml, 'k8s-no-privileged');
    assert.strictEqual(yaml.range.start.line, 13, `on line 14 (privileged: true), got ${yaml.range.start.line + 1}`);
    const tf = await u.waitForRule(files.tf, 'acr-admin-user-disabled', u.UPDATE_MS);
    u.assertCommon(tf, 'acr-admin-user-disabled');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === files.yaml.toString()), 'the scan opened no document');
    // Ignored by the nearest config file: nothing.
    assert.deepStrictEqual(u.describe(u.ours(files.ignored)), '[]', 'a file ignored by .aks-guardrails.jsonc gets no diagnostics');
  });
});

// Each kind of file the extension lints gets the expected diagnostics in a
// real VS Code: language id, rule id as `code` with a docs link, source,
// severity and range.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const u = require('./util');

suite('diagnostics in a real editor', () => {
  suiteTeardown(u.closeAll);

  test('the extension activates on a YAML document and diagnoses the document opened before activation', async () => {
    const ext = vscode.extensions.getExtension(u.EXTENSION_ID);
    assert.ok(ext, `extension ${u.EXTENSION_ID} is loaded; have: ${vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id).join(', ')}`);
    // Usually not active yet; the workbench itself sometimes opens a JSON/JSONC model first (onLanguage:json*).
    const activeBefore = ext.isActive;
    const { uri } = await u.openFixture('pod.yaml'); // onLanguage:yaml
    await u.waitFor(() => ext.isActive, `${u.EXTENSION_ID} to activate`, u.FIRST_DIAGNOSTICS_MS);
    // When pod.yaml triggered the activation, it was open before the client started: it must still get its diagnostics.
    console.log(`[ext-tests]      pod.yaml opened ${activeBefore ? 'after' : 'before'} activation`);
    await u.waitForRule(uri, 'k8s-no-privileged');
  });

  test('Kubernetes manifest: k8s-no-privileged is an Error on the `true` value', async () => {
    const { uri, doc } = await u.openFixture('pod.yaml');
    assert.strictEqual(doc.languageId, 'yaml');
    const d = await u.waitForRule(uri, 'k8s-no-privileged');
    u.assertCommon(d, 'k8s-no-privileged');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, `severity Error, got ${u.severityName(d.severity)}`);
    const line = u.lineOf(doc, 'privileged: true');
    assert.strictEqual(d.range.start.line, line, `on the line of "privileged: true" (${line + 1}), got ${d.range.start.line + 1}`);
    assert.strictEqual(doc.getText(d.range), 'true', 'the range covers exactly the `true` value');
    assert.strictEqual(u.ours(uri).filter((x) => u.codeOf(x) === 'k8s-no-privileged').length, 1, 'reported once');
  });

  test('ARM template: a managed cluster without disableLocalAccounts gets aks-disable-local-accounts', async () => {
    const { uri, doc } = await u.openFixture('cluster.json');
    // 'json' in a plain VS Code; 'arm-template' when the Azure Resource Manager Tools extension is installed.
    assert.ok(['json', 'jsonc', 'arm-template'].includes(doc.languageId), `language id ${doc.languageId}`);
    const d = await u.waitForRule(uri, 'aks-disable-local-accounts');
    u.assertCommon(d, 'aks-disable-local-accounts');
    assert.ok([vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning].includes(d.severity),
      `severity Error or Warning, got ${u.severityName(d.severity)}`);
    // The setting is absent: the finding points into the managedClusters resource.
    const first = u.lineOf(doc, '"type": "Microsoft.ContainerService/managedClusters"') - 1;
    const last = doc.getText().split(/\r?\n/).lastIndexOf('    }'); // the closing "}" of the resource
    assert.ok(d.range.start.line >= first && d.range.end.line <= last,
      `range ${d.range.start.line + 1}-${d.range.end.line + 1} lies inside the cluster resource (lines ${first + 1}-${last + 1})`);
    assert.ok(!d.range.isEmpty, 'the range is not empty');
  });

  test('Terraform JSON: admin_enabled true gets acr-admin-user-disabled on the value', async () => {
    const { uri, doc } = await u.openFixture('main.tf.json');
    assert.strictEqual(doc.languageId, 'json', '.tf.json files are json in VS Code');
    const d = await u.waitForRule(uri, 'acr-admin-user-disabled');
    u.assertCommon(d, 'acr-admin-user-disabled');
    assert.ok([vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning].includes(d.severity),
      `severity Error or Warning, got ${u.severityName(d.severity)}`);
    const line = u.lineOf(doc, '"admin_enabled": true');
    assert.strictEqual(d.range.start.line, line, `on the admin_enabled line (${line + 1}), got ${d.range.start.line + 1}`);
    assert.strictEqual(doc.getText(d.range), 'true', 'the range covers exactly the `true` value');
  });

  test('a file that is not infrastructure-as-code gets no diagnostics', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '{ "name": "not-iac", "version": "1.0.0", "privileged": true }\n' });
    await vscode.window.showTextDocument(doc);
    // Prove the server has seen an untitled document of this language first: a
    // Terraform document in another untitled editor gets its finding...
    const control = await vscode.workspace.openTextDocument({ language: 'json',
      content: JSON.stringify({ resource: { azurerm_container_registry: { r: { name: 'x', admin_enabled: true } } } }, null, 2) });
    await vscode.window.showTextDocument(control, { preview: false });
    await u.waitForRule(control.uri, 'acr-admin-user-disabled');
    // ...and the unrelated document still has none of ours.
    assert.deepStrictEqual(u.describe(u.ours(doc.uri)), '[]');
    await u.closeAll();
  });
});

// Kustomize (issue 13): an overlay's patch gets no false finding; its base gets the
// finding once, naming the overlay (message and hover); the quick fix edits the base.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const u = require('./util');

const BASE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  selector: { matchLabels: { app: web } }',
  '  template:',
  '    metadata: { labels: { app: web } }',
  '    spec:',
  '      automountServiceAccountToken: false',
  '      securityContext:',
  '        runAsNonRoot: true',
  '        seccompProfile: { type: RuntimeDefault }',
  '        appArmorProfile: { type: RuntimeDefault }',
  '      containers:',
  '        - name: web',
  '          image: contoso.azurecr.io/web@sha256:0123456789012345678901234567890123456789012345678901234567890123',
  '          securityContext:',
  '            allowPrivilegeEscalation: true',
  '            readOnlyRootFilesystem: true',
  '            capabilities: { drop: [ALL] }',
  '',
].join('\n');
// The example: a partial Deployment that only adds a memory limit.
const PATCH = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          resources:',
  '            limits:',
  '              memory: 256Mi',
  '',
].join('\n');

suite('kustomize', () => {
  const files = {};
  suiteSetup(async () => {
    const root = u.workspaceFolder().uri;
    const write = async (p, text) => {
      const uri = vscode.Uri.joinPath(root, 'kz', p);
      await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
      return uri;
    };
    files.base = await write('base/deployment.yaml', BASE);
    await write('base/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    await write('overlays/prod/kustomization.yaml', 'resources:\n  - ../../base\npatches:\n  - path: memory-patch.yaml\n');
    files.patch = await write('overlays/prod/memory-patch.yaml', PATCH);
  });
  suiteTeardown(async () => {
    await u.closeAll();
    try { await vscode.workspace.fs.delete(vscode.Uri.joinPath(u.workspaceFolder().uri, 'kz'), { recursive: true }); } catch { /* gone */ }
  });

  test('the overlay patch gets no finding; the base gets one that names the overlay; its fix edits the base', async () => {
    const { uri: base, doc } = await u.openFixture('kz/base/deployment.yaml');
    await u.waitForRule(base, 'k8s-no-privilege-escalation');
    // The files were just written: the file watcher's events may reach the server after the first analysis of the
    // base (judged alone until the kustomizations are known), so wait for the analysis as built.
    const found = await u.waitFor(() => u.ours(base).find((d) => /\(Kustomize overlay: kz\/overlays\/prod\)$/.test(d.message)),
      'the base finding to name the overlay', u.UPDATE_MS, () => u.describe(u.ours(base)));
    assert.strictEqual(found.range.start.line, u.lineOf(doc, 'allowPrivilegeEscalation'));
    assert.deepStrictEqual(u.ours(base).map(u.codeOf), ['k8s-no-privilege-escalation'], u.describe(u.ours(base)));
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', base, found.range.start);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Kustomize:.*overlays\/prod/);

    // The patch, opened and given a real problem: that one finding, none of the seven false "missing" ones the
    // patch got when judged alone; the problem removed again: no finding at all (polled, not slept).
    const { uri: patch, doc: patchDoc } = await u.openFixture('kz/overlays/prod/memory-patch.yaml');
    const edit = new vscode.WorkspaceEdit();
    const at = new vscode.Position(u.lineOf(patchDoc, 'resources:'), 0);
    edit.insert(patch, at, '          securityContext:\n            privileged: true\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await u.waitForRule(patch, 'k8s-no-privileged');
    assert.deepStrictEqual(u.ours(patch).map(u.codeOf), ['k8s-no-privileged'], u.describe(u.ours(patch)));
    const undo = new vscode.WorkspaceEdit();
    undo.delete(patch, new vscode.Range(at, at.translate(2)));
    assert.ok(await vscode.workspace.applyEdit(undo));
    await u.waitFor(() => !u.ours(patch).length, 'the patch to have no finding', u.UPDATE_MS, () => u.describe(u.ours(patch)));
    assert.strictEqual(patchDoc.getText(), PATCH);

    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', base, found.range, vscode.CodeActionKind.QuickFix.value, 10)) || [];
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix && fix.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.getText(), /allowPrivilegeEscalation: false/);
    await u.waitFor(() => !u.ours(base).length, 'the base finding to be cleared', u.UPDATE_MS, () => u.describe(u.ours(base)));
    assert.ok(await doc.save());
  });
});

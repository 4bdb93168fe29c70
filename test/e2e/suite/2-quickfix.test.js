// The preferred quick fix, as the lightbulb / Ctrl+. gets it from
// vscode.executeCodeActionProvider, applied with workspace.applyEdit: the
// file is fixed and exactly that diagnostic goes away, no other one.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const u = require('./util');

/**
 * Applies the preferred "Fix: ..." for `rule` on `file`; returns the document after the fix.
 * `titleRe` picks the fix when several diagnostics share the range (a missing setting is
 * reported on the key of the object that should hold it, so several rules can point at
 * the same `properties` key): the CodeActions that vscode.executeCodeActionProvider
 * returns do not carry their `diagnostics`, so the title is what tells them apart, as it
 * is for a user in the Ctrl+. menu.
 */
async function applyPreferredFix(file, rule, titleRe) {
  const { uri, doc } = await u.openFixture(file);
  const target = await u.waitForRule(uri, rule);
  // Let the diagnostics settle (the server may publish more than once at start):
  // poll until two reads 300 ms apart agree.
  let before = u.ours(uri).map(u.keyOf).sort();
  await u.waitFor(async () => {
    await u.tick(300);
    const now = u.ours(uri).map(u.keyOf).sort();
    const same = JSON.stringify(now) === JSON.stringify(before);
    before = now;
    return same;
  }, 'diagnostics to settle');
  const diag = u.ours(uri).find((d) => u.codeOf(d) === rule) || target;

  const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider',
    uri, diag.range, vscode.CodeActionKind.QuickFix.value, 10)) || [];
  const titles = actions.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''} [${a.kind && a.kind.value}]`);
  const preferred = actions.filter((a) => a.isPreferred);
  const named = preferred.filter((a) => titleRe.test(a.title));
  const fix = named.length === 1 ? named[0] : preferred.length === 1 ? preferred[0] : undefined;
  assert.ok(fix, `exactly one preferred quick fix for ${rule} (title ${titleRe}) is offered; got ${JSON.stringify(titles)}`);
  assert.ok(fix.title.startsWith('Fix: '), `the preferred fix's title starts with "Fix: ", got "${fix.title}"`);
  assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind quickfix, got ${fix.kind && fix.kind.value}`);
  assert.ok(fix.edit || fix.command, 'the fix carries an edit (or a command)');

  const textBefore = doc.getText();
  if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit accepted the edit');
  if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments || []));
  assert.notStrictEqual(doc.getText(), textBefore, 'the document changed');

  // Exactly that diagnostic goes away: the rest (as a multiset of code|severity|message) stays.
  const expected = [...before];
  expected.splice(expected.findIndex((k) => k.startsWith(`${rule}|`)), 1);
  await u.waitFor(() => !u.ours(uri).some((d) => u.codeOf(d) === rule), `${rule} to be cleared after the fix`,
    u.UPDATE_MS, () => u.describe(u.ours(uri)));
  const after = u.ours(uri).map(u.keyOf).sort();
  assert.deepStrictEqual(after, expected, 'only the fixed diagnostic went away; no other diagnostic appeared or vanished');

  assert.ok(await doc.save(), 'the fixed document saves');
  return doc;
}

suite('preferred quick fix', () => {
  suiteTeardown(u.closeAll);

  test('Kubernetes: "Fix: ..." sets privileged: false and clears only k8s-no-privileged', async () => {
    const doc = await applyPreferredFix('pod.yaml', 'k8s-no-privileged', /privileged/i);
    assert.match(doc.getText(), /privileged: false/);
    assert.doesNotMatch(doc.getText(), /privileged: true/);
  });

  test('ARM: "Fix: ..." disables local accounts and clears only aks-disable-local-accounts', async () => {
    const doc = await applyPreferredFix('cluster.json', 'aks-disable-local-accounts', /local account/i);
    const json = JSON.parse(doc.getText());
    assert.strictEqual(json.resources[0].properties.disableLocalAccounts, true, 'properties.disableLocalAccounts is true and the file is still valid JSON');
  });

  test('Terraform JSON: "Fix: ..." disables the admin user and clears only acr-admin-user-disabled', async () => {
    const doc = await applyPreferredFix('main.tf.json', 'acr-admin-user-disabled', /admin user/i);
    const json = JSON.parse(doc.getText());
    assert.notStrictEqual(json.resource.azurerm_container_registry.acr.admin_enabled, true, 'admin_enabled is no longer true and the file is still valid JSON');
  });
});

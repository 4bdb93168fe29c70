// Helpers shared by the e2e tests. Everything waits by polling the real state
// (diagnostics, document text) with a deadline: no fixed sleeps.
'use strict';
const assert = require('assert');
const vscode = require('vscode');

const SOURCE = 'AKS Guardrails';
const EXTENSION_ID = 'aks-guardrails.aks-guardrails';
/** First diagnostics need the extension to activate and the server to start: allow for a slow CI machine. */
const FIRST_DIAGNOSTICS_MS = Number(process.env.E2E_FIRST_DIAGNOSTICS_MS || 45000);
const UPDATE_MS = Number(process.env.E2E_UPDATE_MS || 20000);

const tick = (ms = 50) => new Promise((r) => setTimeout(r, ms));

/** Polls fn() until it returns a truthy value; throws "timed out waiting for <what>" (plus detail()) at the deadline. */
async function waitFor(fn, what, ms = UPDATE_MS, detail) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}` + (detail ? `; ${detail()}` : ''));
    }
    await tick(100);
  }
}

/** The rule id of a diagnostic: `code` is `{ value, target }` (docs link) or a plain string/number. */
function codeOf(d) {
  return d.code && typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

const severityName = (s) => ['Error', 'Warning', 'Information', 'Hint'][s] || String(s);

/** Diagnostics of our extension for a document. */
function ours(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function describe(diags) {
  return JSON.stringify(diags.map((d) => `${codeOf(d)} ${severityName(d.severity)} ` +
    `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`));
}

/** Everything on this document, whatever the source (for failure messages). */
function describeAll(uri) {
  return `all diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `[${d.source}] ${codeOf(d)} ${d.message}`))}`;
}

/** Waits until our diagnostic with rule id `rule` is on `uri` and returns it. */
async function waitForRule(uri, rule, ms = FIRST_DIAGNOSTICS_MS) {
  return waitFor(() => ours(uri).find((d) => codeOf(d) === rule), `diagnostic ${rule} on ${uri.path.split('/').pop()}`,
    ms, () => describeAll(uri));
}

function workspaceFolder() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'a workspace folder is open (the runner opens a copy of test/e2e/workspace)');
  return folder;
}

async function openFixture(name) {
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, name);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return { uri, doc };
}

/** Zero-based line of the first line of `doc` that contains `needle`. */
function lineOf(doc, needle) {
  const lines = doc.getText().split(/\r?\n/);
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `fixture ${doc.uri.path.split('/').pop()} contains "${needle}"`);
  return i;
}

/** Checks the parts of a diagnostic every rule shares: source, rule id as code with a docs link. */
function assertCommon(d, rule) {
  assert.strictEqual(d.source, SOURCE, 'diagnostic source');
  assert.ok(d.code && typeof d.code === 'object', `code is { value, target } (a docs link), got ${JSON.stringify(d.code)}`);
  assert.strictEqual(String(d.code.value), rule, 'code.value is the rule id');
  assert.ok(d.code.target instanceof vscode.Uri, `code.target is a Uri, got ${JSON.stringify(d.code.target)}`);
  assert.ok(d.code.target.toString().includes(rule), `docs link ${d.code.target.toString()} names the rule ${rule}`);
  assert.ok(d.message && d.message.length > 10, `a message, got ${JSON.stringify(d.message)}`);
}

/** A multiset key that survives line shifts caused by a fix elsewhere in the file. */
const keyOf = (d) => `${codeOf(d)}|${severityName(d.severity)}|${d.message}`;

/**
 * Closes every editor, reverting unsaved changes first, so that no "Save?"
 * dialog can block the run and no state leaks between tests.
 */
async function closeAll() {
  for (let i = 0; i < 100; i++) {
    const open = vscode.window.tabGroups.all.reduce((n, g) => n + g.tabs.length, 0);
    if (open === 0) return;
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

module.exports = {
  SOURCE, EXTENSION_ID, FIRST_DIAGNOSTICS_MS, UPDATE_MS,
  waitFor, codeOf, severityName, ours, describe, describeAll, waitForRule, workspaceFolder, openFixture,
  lineOf, assertCommon, keyOf, closeAll, tick,
};

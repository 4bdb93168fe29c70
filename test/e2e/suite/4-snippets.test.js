// Every snippet the extension contributes is compliant: inserted with
// `new SnippetString(body)` into a new untitled document of its language, it
// yields no Warning or Error from AKS Guardrails.
//
// ARM snippets that insert elements of a template's `resources` array (all
// but the whole-template one) are inserted into the `resources` array of an
// otherwise empty deploymentTemplate (subscriptionDeploymentTemplate for
// Microsoft.Security resources), because a lone resource object is not an
// ARM template and would not be analysed at all.
//
// Every document stays open until the end of the test: VS Code reuses the
// name of a closed untitled document (Untitled-1, ...).
//
// "No diagnostics" must not be decided by a fixed sleep, nor by "the next
// onDidChangeDiagnostics event": VS Code's own JSON language server publishes
// for the same documents, and a clean result from ours is an empty list. So:
//  1. a positive control per language proves that untitled documents of that
//     language reach the server;
//  2. after each insertion the test asks the server for the
//     source.fixAll.aksGuardrails code actions of the document: the server
//     answers code actions only after it has analysed the current version and
//     published its diagnostics (server.ts ensureAnalysed), and the client
//     handles that publication before the answer. The diagnostics read after
//     the answer are those of the inserted snippet.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const u = require('./util');

const CONTROLS = {
  yaml: { rule: 'k8s-no-privileged', content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: control\nspec:\n  containers:\n    - name: c\n      image: contoso.azurecr.io/c:1.0.0\n      securityContext:\n        privileged: true\n' },
  json: { rule: 'acr-admin-user-disabled', content: JSON.stringify({ resource: { azurerm_container_registry: { control: { name: 'control', admin_enabled: true } } } }, null, 2) },
};
CONTROLS.jsonc = CONTROLS.json;
CONTROLS['arm-template'] = CONTROLS.json;

/**
 * Information findings a snippet may carry in the editor, as in the unit proof test (test/src/snippets/snippets.test.ts
 * ACCEPTED_INFO, with the reasons): the counterpart of a cross-resource rule is not in a lone snippet. Hints are logged.
 */
const ACCEPTED_INFO = new Set(['aks-private-cluster', 'sub-defender-for-containers', 'acr-private-endpoint', 'aks-maintenance-window']);

const ARM_SKELETON = (scope) => [
  '{',
  `  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/${scope}.json#",`,
  '  "contentVersion": "1.0.0.0",',
  '  "resources": [',
  '    {}',
  '  ]',
  '}',
  '',
].join('\n');

/** Strips // and /* comments and trailing commas (snippet files are JSONC), outside strings. */
function parseJsonc(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 1;
      if (i === 0) break;
    } else out += c;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

function contributedSnippets() {
  const ext = vscode.extensions.getExtension(u.EXTENSION_ID);
  assert.ok(ext, `extension ${u.EXTENSION_ID} is loaded`);
  const contributed = (ext.packageJSON.contributes && ext.packageJSON.contributes.snippets) || [];
  const all = [];
  for (const c of contributed) {
    const file = path.join(ext.extensionPath, c.path);
    assert.ok(fs.existsSync(file), `snippets file ${c.path} (contributes.snippets) exists`);
    const snippets = parseJsonc(fs.readFileSync(file, 'utf8'));
    for (const [name, s] of Object.entries(snippets)) {
      const body = Array.isArray(s.body) ? s.body.join('\n') : String(s.body);
      all.push({ language: c.language, file: c.path, name, prefix: s.prefix, body });
    }
  }
  return all;
}

/** Where a snippet goes: an empty document, or the resources array of an ARM template skeleton. */
function containerFor(s) {
  if (s.language === 'yaml') return { content: '', kind: 'document' };
  const armResource = /"type"\s*:\s*"Microsoft\.[A-Za-z]+\//.test(s.body) && !/DeploymentTemplate\.json/i.test(s.body);
  if (!armResource) return { content: '', kind: 'document' };
  const scope = /"type"\s*:\s*"Microsoft\.Security\//.test(s.body) ? 'subscriptionDeploymentTemplate' : 'deploymentTemplate';
  return { content: ARM_SKELETON(scope), kind: `element of a ${scope} resources array`, replace: '{}' };
}

/** Resolves once the server has analysed the current version of `doc` and its diagnostics are in (see above). */
async function analysed(doc) {
  await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri,
    new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.aksGuardrails');
}

suite('snippets', () => {
  suiteTeardown(u.closeAll);

  test('every contributed snippet yields no warning or error (and only accepted information findings)', async function () {
    const known = new Set(await vscode.languages.getLanguages());
    const snippets = contributedSnippets();
    assert.ok(snippets.length > 0, 'package.json contributes snippets');
    const testable = snippets.filter((s) => known.has(s.language));
    for (const l of new Set(snippets.filter((s) => !known.has(s.language)).map((s) => s.language))) {
      console.log(`[ext-tests] note: language "${l}" is not known to this VS Code (its extension is not installed); its snippets are checked under the other languages they are contributed for`);
    }
    this.timeout(60000 + testable.length * 15000);

    // 1. Positive control per language.
    for (const language of [...new Set(testable.map((s) => s.language))]) {
      const control = CONTROLS[language];
      assert.ok(control, `a control document for language ${language}`);
      const doc = await vscode.workspace.openTextDocument({ language, content: control.content });
      await vscode.window.showTextDocument(doc, { preview: false });
      await u.waitForRule(doc.uri, control.rule);
      // The barrier works: after it, the control's finding is there.
      await analysed(doc);
      assert.ok(u.ours(doc.uri).some((d) => u.codeOf(d) === control.rule), `control finding ${control.rule} present after the barrier`);
    }

    // 2. Each snippet.
    const problems = [];
    const seen = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    let checked = 0;
    for (const s of testable) {
      const where = containerFor(s);
      const opened = await vscode.workspace.openTextDocument({ language: s.language, content: where.content });
      assert.ok(!seen.has(opened.uri.toString()), `a fresh uri for snippet "${s.name}", got ${opened.uri}`);
      seen.add(opened.uri.toString());
      const editor = await vscode.window.showTextDocument(opened, { preview: false });
      const doc = editor.document;
      let at;
      if (where.replace) {
        const offset = doc.getText().indexOf(where.replace);
        at = new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + where.replace.length));
      }
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(s.body), at), `snippet "${s.name}" inserted`);
      await vscode.commands.executeCommand('leaveSnippet');
      assert.ok(doc.getText().trim().length > 10, `snippet "${s.name}" produced text`);
      await analysed(doc);
      const bad = () => u.ours(doc.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning ||
        (d.severity === vscode.DiagnosticSeverity.Information && !ACCEPTED_INFO.has(u.codeOf(d))));
      const found = bad();
      if (found.length) {
        problems.push(`${s.file} "${s.name}" (prefix ${s.prefix}, ${s.language}, ${where.kind}): ${u.describe(found)}`);
      }
      const info = u.ours(doc.uri).filter((d) => d.severity > vscode.DiagnosticSeverity.Warning).map((d) => `${u.codeOf(d)} (${u.severityName(d.severity)})`);
      console.log(`[ext-tests]      snippet ${s.prefix} (${s.language}, ${where.kind}): ${found.length ? `${found.length} warning/error/unaccepted information` : 'clean'}` +
        `${info.length ? `; below warning: ${[...new Set(info)].join(', ')}` : ''}`);
      checked++;
    }
    await u.closeAll();
    console.log(`[ext-tests]      ${checked} snippet insertions checked (${snippets.length} contributed snippet entries)`);
    assert.deepStrictEqual(problems, [], `snippets with warnings/errors or unaccepted information findings:\n${problems.join('\n')}`);
  });
});

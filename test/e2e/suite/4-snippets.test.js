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
// "No diagnostics" must not be decided by a fixed sleep. So:
//  1. a positive control per language proves that untitled documents of that
//     language reach the server, and measures its latency;
//  2. for each snippet the test waits for the server's publication for the
//     document *after* the insertion (onDidChangeDiagnostics for that uri,
//     when the server publishes for clean documents too), then checks;
//     when the server publishes nothing for a clean document, it falls back
//     to polling over a window of 3x the control latency (2 s to 10 s).
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

/** Resolves with true at the next onDidChangeDiagnostics that names `uri`, false after `ms`. */
function nextDiagnosticsEvent(uri, ms) {
  return new Promise((resolve) => {
    const key = uri.toString();
    const timer = setTimeout(() => { sub.dispose(); resolve(false); }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((x) => x.toString() === key)) { clearTimeout(timer); sub.dispose(); resolve(true); }
    });
  });
}

suite('snippets', () => {
  suiteTeardown(u.closeAll);

  test('every contributed snippet yields no warning or error', async function () {
    const known = new Set(await vscode.languages.getLanguages());
    const snippets = contributedSnippets();
    if (snippets.length === 0) {
      console.log('[ext-tests] note: package.json has no contributes.snippets (or they are empty); snippet test skipped');
      this.skip();
    }
    const testable = snippets.filter((s) => known.has(s.language));
    for (const l of new Set(snippets.filter((s) => !known.has(s.language)).map((s) => s.language))) {
      console.log(`[ext-tests] note: language "${l}" is not known to this VS Code (its extension is not installed); its snippets are checked under the other languages they are contributed for`);
    }
    this.timeout(60000 + testable.length * 15000);

    // 1. Positive control per language.
    const latency = {};
    for (const language of [...new Set(testable.map((s) => s.language))]) {
      const control = CONTROLS[language];
      assert.ok(control, `a control document for language ${language}`);
      const t = Date.now();
      const doc = await vscode.workspace.openTextDocument({ language, content: control.content });
      await vscode.window.showTextDocument(doc, { preview: false });
      await u.waitForRule(doc.uri, control.rule);
      latency[language] = Date.now() - t;
      await u.closeAll();
    }

    // 2. Each snippet.
    const problems = [];
    for (const s of testable) {
      const where = containerFor(s);
      const windowMs = Math.min(10000, Math.max(2000, 3 * latency[s.language]));
      const opened = await vscode.workspace.openTextDocument({ language: s.language, content: where.content });
      const firstPublish = nextDiagnosticsEvent(opened.uri, windowMs);
      const editor = await vscode.window.showTextDocument(opened, { preview: false });
      const doc = editor.document;
      // Does the server publish for a document without findings? (then every version gets a publication)
      const publishesClean = await firstPublish;
      let at;
      if (where.replace) {
        const offset = doc.getText().indexOf(where.replace);
        at = new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + where.replace.length));
      }
      const published = nextDiagnosticsEvent(doc.uri, u.UPDATE_MS);
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(s.body), at), `snippet "${s.name}" inserted`);
      await vscode.commands.executeCommand('leaveSnippet');
      assert.ok(doc.getText().trim().length > 10, `snippet "${s.name}" produced text`);

      const bad = () => u.ours(doc.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
      if (publishesClean) {
        assert.ok(await published, `the server published diagnostics for snippet "${s.name}" within ${u.UPDATE_MS} ms`);
      } else {
        const end = Date.now() + windowMs;
        while (Date.now() < end && bad().length === 0) await u.tick(100);
      }
      const found = bad();
      if (found.length) {
        problems.push(`${s.file} "${s.name}" (prefix ${s.prefix}, ${s.language}, ${where.kind}): ${u.describe(found)}`);
      }
      const info = u.ours(doc.uri).length - found.length;
      console.log(`[ext-tests]      snippet ${s.prefix} (${s.language}, ${where.kind}): ${found.length ? `${found.length} warning/error` : 'clean'}` +
        `${info ? `, ${info} information/hint` : ''}${publishesClean ? '' : ` (window ${windowMs} ms)`}`);
      await u.closeAll();
    }
    assert.deepStrictEqual(problems, [], `snippets with warnings/errors:\n${problems.join('\n')}`);
  });
});

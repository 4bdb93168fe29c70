import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyLspEdits, LspClient } from './lspClient';

const lines = (...l: string[]) => l.join('\n') + '\n';
const POD = lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:',
  '    - name: a', '      image: a:1', '      securityContext:', '        privileged: true',
  '    - name: b', '      image: b:1', '      securityContext:', '        privileged: true');

describe('language server: code actions', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  let n = 0;
  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;
  async function actionsFor(name: string, text: string, code: string, lang = 'yaml', index = 0) {
    const uri = uriOf(`${n++}-${name}`);
    client.open(uri, lang, text);
    const diags = await client.diagnostics(uri, 1);
    const d = diags.filter((x) => x.code === code)[index];
    assert.ok(d, JSON.stringify(diags.map((x) => x.code)));
    const actions = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const get = (title: string) => {
      const a = actions.find((x) => x.title === title);
      assert.ok(a, `${title} not in ${JSON.stringify(actions.map((x) => x.title))}`);
      return a;
    };
    const apply = (title: string) => applyLspEdits(text, get(title).edit.changes[uri]);
    return { uri, actions, get, apply, titles: actions.map((x) => x.title) };
  }

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-lsp-actions-')));
    client = new LspClient();
    await client.initialize({
      workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
      textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
    });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('offers the actions in order, the preferred fix first', async () => {
    const r = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    assert.deepEqual(r.titles, [
      'Fix: Set privileged: false', 'Fix all k8s-no-privileged problems in this file', 'Fix all auto-fixable problems',
      'Disable k8s-no-privileged for this line', 'Disable k8s-no-privileged for this object', 'Disable k8s-no-privileged for this file',
      'Show documentation for k8s-no-privileged', 'Edit k8s-no-privileged in .aks-guardrails.jsonc',
    ]);
    assert.equal(r.actions.filter((a) => a.isPreferred).length, 1);
    assert.ok(r.actions.every((a) => a.kind === 'quickfix'));
    // This client did not ask for aksGuardrails.selectPlaceholder: no command on the suppression actions.
    assert.ok(r.actions.filter((a) => a.title.startsWith('Disable')).every((a) => a.command === undefined));
    // Every per-rule action names the diagnostic it resolves (fix-all is file-wide; Show documentation is a command only).
    for (const a of r.actions.filter((x) => x.edit && x.title !== 'Fix all auto-fixable problems')) assert.deepEqual(a.diagnostics?.map((d: any) => d.code), ['k8s-no-privileged'], a.title);
  });

  it('Fix: <title>: the exact edit of the finding under the cursor only (preferred)', async () => {
    const r = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    assert.deepEqual(r.get('Fix: Set privileged: false').edit.changes[r.uri], [{ range: { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } }, newText: 'false' }]);
    assert.equal(r.apply('Fix: Set privileged: false'), POD.replace('privileged: true', 'privileged: false'));
    const second = await actionsFor('pod.yaml', POD, 'k8s-no-privileged', 'yaml', 1);
    assert.equal(second.apply('Fix: Set privileged: false'), POD.replace(/privileged: true(?![\s\S]*privileged: true)/, 'privileged: false'));
  });

  it('Fix all auto-fixable problems: every preferred fix of every rule, applied in passes (exact text)', async () => {
    const r = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    const hardened = (name: string) => lines(`    - name: ${name}`, `      image: ${name}:1`, '      securityContext:', '        privileged: false', '        capabilities:', '          drop: [ALL]',
      '        allowPrivilegeEscalation: false', '        readOnlyRootFilesystem: true');
    assert.equal(r.apply('Fix all auto-fixable problems'), lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:')
      + hardened('a') + hardened('b')
      + lines('  securityContext:', '    appArmorProfile:', '      type: RuntimeDefault', '    runAsNonRoot: true', '    seccompProfile:', '      type: RuntimeDefault', '  automountServiceAccountToken: false'));
  });

  it('fix-all leaves suppressed findings alone', async () => {
    const text = POD.replace('        privileged: true', '        # aks-guardrails-disable-next-line k8s-no-privileged -- CNI installer\n        privileged: true');
    const r = await actionsFor('pod.yaml', text, 'k8s-no-privileged');
    assert.ok(!r.titles.includes('Fix all k8s-no-privileged problems in this file'), JSON.stringify(r.titles));
    const fixed = r.apply('Fix all auto-fixable problems');
    assert.match(fixed, /# aks-guardrails-disable-next-line k8s-no-privileged -- CNI installer\n\s+privileged: true\n/);
    assert.equal(fixed.match(/privileged: false/g)?.length, 1);
  });

  it('Disable <rule> for this object: adds to an existing annotations map; on a Deployment the object metadata, not the pod template', async () => {
    const withAnn = POD.replace('  name: web\n', '  name: web\n  annotations:\n    team: platform\n');
    const r = await actionsFor('pod.yaml', withAnn, 'k8s-no-privileged');
    assert.equal(r.apply('Disable k8s-no-privileged for this object'),
      withAnn.replace('    team: platform\n', '    team: platform\n    aks-guardrails.io/ignore-k8s-no-privileged: "TODO: reason"\n'));
    const deploy = lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    metadata:', '      labels: {app: web}', '    spec:', '      containers:',
      '        - name: a', '          image: a:1', '          securityContext:', '            privileged: true');
    const d = await actionsFor('deploy.yaml', '---\n' + POD + '---\n' + deploy, 'k8s-no-privileged', 'yaml', 2);
    assert.equal(d.apply('Disable k8s-no-privileged for this object'),
      '---\n' + POD + '---\n' + deploy.replace('  name: web\n', '  name: web\n  annotations:\n    aks-guardrails.io/ignore-k8s-no-privileged: "TODO: reason"\n'));
  });

  it('Disable <rule> for this line: appends to a directive with several rules, keeping its expiry and reason', async () => {
    const text = POD.replace('        privileged: true', '        # aks-guardrails-disable-next-line k8s-read-only-root-fs, k8s-seccomp until=2030-01-01 -- mounted volume\n        privileged: true');
    const r = await actionsFor('pod.yaml', text, 'k8s-no-privileged');
    const fixed = r.apply('Disable k8s-no-privileged for this line');
    assert.equal(fixed, text.replace('k8s-read-only-root-fs, k8s-seccomp until', 'k8s-read-only-root-fs, k8s-seccomp,k8s-no-privileged until'));
    // The result is a working suppression: the finding is gone.
    client.change(r.uri, 2, [{ text: fixed }]);
    const after = await client.diagnostics(r.uri, 2);
    assert.equal(after.filter((x) => x.code === 'k8s-no-privileged').length, 1, JSON.stringify(after.map((x) => [x.code, x.range.start.line])));
    assert.ok(!after.some((x) => x.code === 'k8s-no-privileged' && x.range.start.line === 10));
  });

  it('Fix all <rule> problems in this file', async () => {
    const r = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    assert.equal(r.apply('Fix all k8s-no-privileged problems in this file'), POD.replace(/privileged: true/g, 'privileged: false'));
  });

  it('Fix all auto-fixable problems, and source.fixAll.aksGuardrails with the same edit', async () => {
    const r = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    const fixed = r.apply('Fix all auto-fixable problems');
    assert.match(fixed, /privileged: false[\s\S]*privileged: false/);
    assert.doesNotMatch(fixed, /privileged: true/);
    const src = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri: r.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.aksGuardrails'] } });
    assert.deepEqual(src.map((a) => [a.title, a.kind]), [['Fix all auto-fixable problems', 'source.fixAll.aksGuardrails']]);
    assert.equal(applyLspEdits(POD, src[0].edit.changes[r.uri]), fixed);
    // Re-analysed: no fixable finding left.
    client.change(r.uri, 2, [{ text: fixed }]);
    const after = await client.diagnostics(r.uri, 2);
    const again = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri: r.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(again, [], JSON.stringify(after.map((d) => d.code)));
  });

  it('Disable <rule> for this line: inserts a directive with the placeholder reason', async () => {
    const r = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    assert.equal(r.apply('Disable k8s-no-privileged for this line'),
      POD.replace('        privileged: true', '        # aks-guardrails-disable-next-line k8s-no-privileged -- TODO: reason\n        privileged: true'));
  });

  it('Disable <rule> for this line: appends to an existing directive on the previous line', async () => {
    const text = POD.replace('        privileged: true', '        # aks-guardrails-disable-next-line k8s-read-only-root-fs -- mounted volume\n        privileged: true');
    const r = await actionsFor('pod.yaml', text, 'k8s-no-privileged');
    assert.equal(r.apply('Disable k8s-no-privileged for this line'), text.replace('k8s-read-only-root-fs -- mounted', 'k8s-read-only-root-fs,k8s-no-privileged -- mounted'));
  });

  it('Disable <rule> for this object: the annotation on metadata', async () => {
    const r = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    assert.equal(r.apply('Disable k8s-no-privileged for this object'),
      POD.replace('  name: web\n', '  name: web\n  annotations:\n    aks-guardrails.io/ignore-k8s-no-privileged: "TODO: reason"\n'));
  });

  it('Disable <rule> for this file: at the top, or appended to the existing file directive', async () => {
    const r = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    assert.equal(r.apply('Disable k8s-no-privileged for this file'), '# aks-guardrails-disable-file k8s-no-privileged -- TODO: reason\n' + POD);
    const text = '# Lab\n# aks-guardrails-disable-file k8s-read-only-root-fs -- lab\n' + POD;
    const r2 = await actionsFor('pod.yaml', text, 'k8s-no-privileged');
    assert.equal(r2.apply('Disable k8s-no-privileged for this file'), text.replace('k8s-read-only-root-fs -- lab', 'k8s-read-only-root-fs,k8s-no-privileged -- lab'));
  });

  it('CRLF files: inserted directive lines and annotations keep CRLF', async () => {
    const crlf = POD.replace(/\n/g, '\r\n');
    const r = await actionsFor('pod.yaml', crlf, 'k8s-no-privileged');
    assert.equal(r.apply('Disable k8s-no-privileged for this line'),
      crlf.replace('        privileged: true', '        # aks-guardrails-disable-next-line k8s-no-privileged -- TODO: reason\r\n        privileged: true'));
    assert.equal(r.apply('Disable k8s-no-privileged for this file'), '# aks-guardrails-disable-file k8s-no-privileged -- TODO: reason\r\n' + crlf);
    assert.equal(r.apply('Disable k8s-no-privileged for this object'),
      crlf.replace('  name: web\r\n', '  name: web\r\n  annotations:\r\n    aks-guardrails.io/ignore-k8s-no-privileged: "TODO: reason"\r\n'));
  });

  it('ARM JSON: // directives, no object action; .tf.json: no suppression actions', async () => {
    const arm = lines('{', '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",', '  "contentVersion": "1.0.0.0",',
      '  "resources": [', '    {', '      "type": "Microsoft.ContainerRegistry/registries",', '      "apiVersion": "2023-07-01",', '      "name": "acr",',
      '      "location": "westeurope",', '      "sku": {"name": "Premium"},', '      "properties": {', '        "adminUserEnabled": true', '      }', '    }', '  ]', '}');
    const r = await actionsFor('acr.json', arm, 'acr-admin-user-disabled', 'json');
    assert.ok(!r.titles.includes('Disable acr-admin-user-disabled for this object'));
    assert.equal(r.apply('Disable acr-admin-user-disabled for this line'),
      arm.replace('        "adminUserEnabled": true', '        // aks-guardrails-disable-next-line acr-admin-user-disabled -- TODO: reason\n        "adminUserEnabled": true'));
    assert.equal(r.apply('Disable acr-admin-user-disabled for this file'), '// aks-guardrails-disable-file acr-admin-user-disabled -- TODO: reason\n' + arm);
    const tf = JSON.stringify({ resource: { azurerm_container_registry: { r: { name: 'r', admin_enabled: true } } } }, null, 2) + '\n';
    const t = await actionsFor('acr.tf.json', tf, 'acr-admin-user-disabled', 'json');
    assert.ok(!t.titles.some((x) => x.startsWith('Disable')), JSON.stringify(t.titles));
  });

  it('Terraform HCL (.tf, language terraform): the HCL fix, # directives for the line and the file, no object action', async () => {
    const tf = lines('resource "azurerm_container_registry" "r" {', '  name          = "r"', '  admin_enabled = true', '}');
    const r = await actionsFor('acr.tf', tf, 'acr-admin-user-disabled', 'terraform');
    assert.ok(!r.titles.includes('Disable acr-admin-user-disabled for this object'));
    assert.equal(r.apply(r.titles[0]), tf.replace('admin_enabled = true', 'admin_enabled = false'));
    assert.equal(r.apply('Disable acr-admin-user-disabled for this line'),
      tf.replace('  admin_enabled = true', '  # aks-guardrails-disable-next-line acr-admin-user-disabled -- TODO: reason\n  admin_enabled = true'));
    assert.equal(r.apply('Disable acr-admin-user-disabled for this file'), '# aks-guardrails-disable-file acr-admin-user-disabled -- TODO: reason\n' + tf);
    // Without HashiCorp's extension the document is plain text: the .tf path decides.
    const p = await actionsFor('acr2.tf', tf, 'acr-admin-user-disabled', 'plaintext');
    assert.equal(p.apply(p.titles[0]), tf.replace('admin_enabled = true', 'admin_enabled = false'));
  });

  it('Kubernetes JSON manifest: the object annotation is written with the JSON fix layer; no comment directives', async () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'a', image: 'a:1', securityContext: { privileged: true } }] } }, null, 2) + '\n';
    const r = await actionsFor('pod.json', json, 'k8s-no-privileged', 'json');
    assert.ok(!r.titles.some((t) => / for this (line|file)$/.test(t)), JSON.stringify(r.titles));
    assert.equal(r.apply('Disable k8s-no-privileged for this object'),
      json.replace('"name": "web"\n', '"name": "web",\n    "annotations": {\n      "aks-guardrails.io/ignore-k8s-no-privileged": "TODO: reason"\n    }\n'));
  });

  it('Show documentation for <rule>: a command with the doc URI', async () => {
    const r = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    const a = r.get('Show documentation for k8s-no-privileged');
    assert.equal(a.command.command, 'aksGuardrails.showDocumentation');
    assert.match(a.command.arguments[0], /^file:.*docs\/rules\/k8s-no-privileged\.md$/);
  });

  it('Edit <rule> in .aks-guardrails.jsonc: creates the file when missing, edits it when present', async () => {
    const r = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    const cfg = uriOf('.aks-guardrails.jsonc');
    const a = r.get('Edit k8s-no-privileged in .aks-guardrails.jsonc');
    assert.deepEqual(a.edit.documentChanges, [
      { kind: 'create', uri: cfg, options: { ignoreIfExists: true } },
      { textDocument: { uri: cfg, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '{\n  "extends": "recommended",\n  "rules": {\n    "k8s-no-privileged": "error"\n  }\n}\n' }] },
    ]);
    assert.deepEqual(a.command, { title: 'Edit k8s-no-privileged in .aks-guardrails.jsonc', command: 'aksGuardrails.showDocumentation', arguments: [cfg] });
    const existing = '{\n  // team\n  "rules": {\n    "k8s-seccomp": "warning"\n  }\n}\n';
    fs.writeFileSync(path.join(dir, '.aks-guardrails.jsonc'), existing);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: cfg, type: 1 }] });
    const r2 = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    const b = r2.get('Edit k8s-no-privileged in .aks-guardrails.jsonc');
    assert.equal(applyLspEdits(existing, b.edit.changes[cfg]), '{\n  // team\n  "rules": {\n    "k8s-seccomp": "warning",\n    "k8s-no-privileged": "error"\n  }\n}\n');
    fs.rmSync(path.join(dir, '.aks-guardrails.jsonc'));
    // Open in the editor with unsaved text: the edit is computed on that text, not on the disk.
    fs.writeFileSync(path.join(dir, '.aks-guardrails.jsonc'), '{}\n');
    const unsaved = '{\n  "extends": "strict",\n  "rules": {}\n}\n';
    client.open(cfg, 'jsonc', unsaved);
    await client.diagnostics(cfg, 1);
    const r4 = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    assert.equal(applyLspEdits(unsaved, r4.get('Edit k8s-no-privileged in .aks-guardrails.jsonc').edit.changes[cfg]),
      '{\n  "extends": "strict",\n  "rules": {\n    "k8s-no-privileged": "error"\n  }\n}\n');
    client.notify('textDocument/didClose', { textDocument: { uri: cfg } });
    fs.rmSync(path.join(dir, '.aks-guardrails.jsonc'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: cfg, type: 3 }] });
    // A .aks-guardrails.json (no c) is edited under its own name; a rule already listed gets its value replaced.
    const json = '{"rules": {"k8s-no-privileged": "warning"}}';
    fs.writeFileSync(path.join(dir, '.aks-guardrails.json'), json);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.aks-guardrails.json'), type: 1 }] });
    const r3 = await actionsFor('pod.yaml', POD, 'k8s-no-privileged');
    const c = r3.get('Edit k8s-no-privileged in .aks-guardrails.json');
    assert.equal(applyLspEdits(json, c.edit.changes[uriOf('.aks-guardrails.json')]), '{"rules": {"k8s-no-privileged": "warning"}}');
    fs.rmSync(path.join(dir, '.aks-guardrails.json'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.aks-guardrails.json'), type: 3 }] });
  });
});

describe('language server: suppression actions put the cursor on the placeholder reason (initializationOptions.selectPlaceholder)', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-lsp-select-')));
    client = new LspClient();
    await client.initialize(undefined, { selectPlaceholder: true });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const textAt = (text: string, r: any) => {
    const ls = text.split('\n');
    assert.equal(r.start.line, r.end.line);
    return ls[r.start.line].slice(r.start.character, r.end.character);
  };

  it('line, object, file: the command selects "TODO: reason" in the edited text; appending to a directive has no command', async () => {
    const uri = pathToFileURL(path.join(dir, 'pod.yaml')).href;
    client.open(uri, 'yaml', POD);
    const d = (await client.diagnostics(uri, 1)).find((x) => x.code === 'k8s-no-privileged');
    const actions = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const expected: Record<string, { line: number; character: number }> = {
      'Disable k8s-no-privileged for this line': { line: 9, character: 64 },
      'Disable k8s-no-privileged for this object': { line: 5, character: 49 },
      'Disable k8s-no-privileged for this file': { line: 0, character: 51 },
    };
    for (const [title, start] of Object.entries(expected)) {
      const a = actions.find((x) => x.title === title);
      assert.ok(a, title);
      assert.equal(a.command.command, 'aksGuardrails.selectPlaceholder');
      assert.equal(a.command.arguments[0], uri);
      const after = applyLspEdits(POD, a.edit.changes[uri]);
      assert.deepEqual(a.command.arguments[1], { start, end: { line: start.line, character: start.character + 'TODO: reason'.length } }, title);
      assert.equal(textAt(after, a.command.arguments[1]), 'TODO: reason', title);
    }
    // This client cannot create files (no workspaceEdit.resourceOperations): no "Edit … in .aks-guardrails.jsonc" while none exists.
    assert.ok(!actions.some((a) => a.title.startsWith('Edit ')), JSON.stringify(actions.map((a) => a.title)));
    // Fixes and the other actions carry no selection command.
    assert.ok(actions.filter((a) => !a.title.startsWith('Disable')).every((a) => a.command?.command !== 'aksGuardrails.selectPlaceholder'));
    const text = POD.replace('        privileged: true', '        # aks-guardrails-disable-next-line k8s-seccomp -- why\n        privileged: true');
    client.change(uri, 2, [{ text }]);
    const d2 = (await client.diagnostics(uri, 2)).find((x) => x.code === 'k8s-no-privileged');
    const again = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri }, range: d2.range, context: { diagnostics: [d2] } });
    const line = again.find((x) => x.title === 'Disable k8s-no-privileged for this line');
    assert.equal(applyLspEdits(text, line.edit.changes[uri]), text.replace('k8s-seccomp -- why', 'k8s-seccomp,k8s-no-privileged -- why'));
    assert.equal(line.command, undefined);
  });
});

describe('language server: "Fix all" quick fixes resolved on demand (client with codeAction resolveSupport for edit)', function () {
  this.timeout(30000);
  let eager: LspClient;
  let lazy: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-lsp-resolve-')));
    const codeAction = { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } };
    eager = new LspClient();
    await eager.initialize({ workspace: { configuration: true }, textDocument: { codeAction } });
    lazy = new LspClient();
    const init = await lazy.initialize({ workspace: { configuration: true }, textDocument: { codeAction: { ...codeAction, resolveSupport: { properties: ['edit'] } } } });
    assert.equal((init as any)?.capabilities?.codeActionProvider?.resolveProvider, true);
  });
  after(async () => {
    await eager.shutdown();
    await lazy.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function actions(client: LspClient, name: string) {
    const uri = pathToFileURL(path.join(dir, name)).href;
    client.open(uri, 'yaml', POD);
    const d = (await client.diagnostics(uri, 1)).find((x) => x.code === 'k8s-no-privileged');
    return { uri, list: await client.request<any[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) };
  }

  it('the same titles; the fix-all edits come from codeAction/resolve and equal the eager ones', async () => {
    const e = await actions(eager, 'eager.yaml');
    const l = await actions(lazy, 'lazy.yaml');
    assert.deepEqual(l.list.map((a) => a.title), e.list.map((a) => a.title));
    for (const title of ['Fix all k8s-no-privileged problems in this file', 'Fix all auto-fixable problems']) {
      const offered = l.list.find((a) => a.title === title);
      assert.equal(offered.edit, undefined, `${title} is computed when chosen`);
      const resolved = await lazy.request<any>('codeAction/resolve', offered);
      const expected = applyLspEdits(POD, e.list.find((a) => a.title === title).edit.changes[e.uri]);
      assert.equal(applyLspEdits(POD, resolved.edit.changes[l.uri]), expected, title);
    }
    // Everything else still carries its edit.
    assert.ok(l.list.filter((a) => !a.title.startsWith('Fix all') && a.title !== 'Show documentation for k8s-no-privileged').every((a) => a.edit), JSON.stringify(l.list.map((a) => [a.title, !!a.edit])));
  });
});

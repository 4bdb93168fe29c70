import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyLspEdits, LspClient } from './lspClient';

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  'spec:',
  '  securityContext:',
  '    seccompProfile: {type: RuntimeDefault}',
  '  containers:',
  '    - name: app',
  '      image: app:1',
  '      securityContext:',
  '        allowPrivilegeEscalation: false',
  '        privileged: true',
  '',
].join('\n');

describe('language server over LSP (stdio)', function () {
  this.timeout(30000);
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.shutdown());

  it('publishes diagnostics with source, code, docs link and exact range, offers the preferred fix, and the fix clears it', async () => {
    const uri = 'file:///tmp/aksg-protocol/pod.yaml';
    const t0 = Date.now();
    client.open(uri, 'yaml', POD);
    const diags = await client.diagnostics(uri, 1);
    const firstDiagnosticsMs = Date.now() - t0;
    const d = diags.find((x) => x.code === 'k8s-no-privileged');
    assert.ok(d, JSON.stringify(diags));
    assert.equal(d.source, 'AKS Guardrails');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, { start: { line: 12, character: 20 }, end: { line: 12, character: 24 } });
    assert.match(d.codeDescription.href, /^file:.*docs\/rules\/k8s-no-privileged\.md$/);
    const actions = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix.kind, 'quickfix');
    assert.match(fix.title, /^Fix: /);
    const fixed = applyLspEdits(POD, fix.edit.changes[uri]);
    assert.equal(fixed, POD.replace('privileged: true', 'privileged: false'));
    client.change(uri, 2, [{ text: fixed }]);
    const after = await client.diagnostics(uri, 2);
    assert.deepEqual(after.filter((x) => x.code === 'k8s-no-privileged'), []);
    // Recorded for the performance notes: time from didOpen to the first diagnostics, server already running.
    process.env.AKSG_FIRST_DIAGNOSTICS_MS = String(firstDiagnosticsMs);
  });

  it('answers hover on a flagged value with the why and how of its documentation page, not the diagnostic message again', async () => {
    const uri = 'file:///tmp/aksg-protocol/hover.yaml';
    client.open(uri, 'yaml', POD);
    const diags = await client.diagnostics(uri, 1);
    const d = diags.find((x) => x.code === 'k8s-no-privileged');
    const hover = await client.request<any>('textDocument/hover', { textDocument: { uri }, position: { line: 12, character: 22 } });
    assert.ok(hover);
    assert.equal(hover.contents.kind, 'markdown');
    const value: string = hover.contents.value;
    assert.match(value, /`k8s-no-privileged`/);
    assert.ok(!value.includes(d.message), `the hover repeats the diagnostic message: ${value}`);
    // The first paragraphs of "## Why" and "## Recommendation" of docs/rules/k8s-no-privileged.md.
    const page = fs.readFileSync(path.resolve(__dirname, '../../../docs/rules/k8s-no-privileged.md'), 'utf8');
    const firstParagraph = (heading: string) => page.split(`## ${heading}\n\n`)[1].split('\n\n')[0].replace(/\n/g, ' ');
    const why = firstParagraph('Why');
    assert.ok(value.includes(`**Why:** ${why}`), value);
    const how = firstParagraph('Recommendation').replace(/\]\(([a-z0-9-]+\.md)\)/g, (_m, f) => `](${pathToFileURL(path.resolve(__dirname, '../../../docs/rules', f)).href})`);
    assert.ok(value.includes(`**How to fix:** ${how} A quick fix is available.`), value);
    assert.match(value, /\[Rule documentation\]\(file:.*docs\/rules\/k8s-no-privileged\.md\)/);
    // Off a flagged node: no hover.
    assert.equal(await client.request<any>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } }), null);
  });

  it('lists the rules instead of every why and how when many findings share one node (missing settings of a resource)', async () => {
    const uri = 'file:///tmp/aksg-protocol/bare-cluster.json';
    const text = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      resources: [{ type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-09-01', name: 'c', properties: { dnsPrefix: 'c' } }],
    }, null, 2);
    client.open(uri, 'json', text);
    const diags = await client.diagnostics(uri, 1);
    const line = text.split('\n').findIndex((l) => l.includes('"properties"'));
    const here = new Set(diags.filter((d) => d.range.start.line === line).map((d) => d.code));
    assert.ok(here.size > 3, JSON.stringify([...here]));
    const hover = await client.request<any>('textDocument/hover', { textDocument: { uri }, position: { line, character: 8 } });
    const value: string = hover.contents.value;
    assert.ok(value.startsWith(`**${here.size} AKS Guardrails rules report here**`), value);
    for (const id of here) assert.match(value, new RegExp(`^- \\*\\*.+\\*\\* · \`${id}\` · \\[documentation\\]\\(file:[^)]*/docs/rules/${id}\\.md\\)`, 'm'));
    assert.ok(!value.includes('**Why:**'));
  });

  it('reports a broken YAML document and still analyses the others', async () => {
    const uri = 'file:///tmp/aksg-protocol/broken.yaml';
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: a', '---', POD].join('\n');
    client.open(uri, 'yaml', text);
    const diags = await client.diagnostics(uri, 1);
    assert.ok(diags.some((x) => x.code === 'parse-error' && x.range.start.line <= 3), JSON.stringify(diags));
    assert.ok(diags.some((x) => x.code === 'k8s-no-privileged' && x.range.start.line === 16), JSON.stringify(diags));
  });

  it('analyses ARM templates opened as arm-template and Terraform JSON', async () => {
    const arm = 'file:///tmp/aksg-protocol/cluster.json';
    client.open(arm, 'arm-template', JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      resources: [{ type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-09-01', name: 'c', properties: { apiServerAccessProfile: { enablePrivateCluster: true } } }],
    }, null, 2));
    const armDiags = await client.diagnostics(arm, 1);
    assert.ok(armDiags.some((x) => x.code === 'aks-disable-local-accounts'), JSON.stringify(armDiags));
    const tf = 'file:///tmp/aksg-protocol/main.tf.json';
    client.open(tf, 'json', JSON.stringify({ resource: { azurerm_container_registry: { r: { name: 'r', admin_enabled: true } } } }, null, 2));
    const tfDiags = await client.diagnostics(tf, 1);
    assert.ok(tfDiags.some((x) => x.code === 'acr-admin-user-disabled'), JSON.stringify(tfDiags));
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      privileged: true\n';

describe('language server: workspace scan (aksGuardrails/scanWorkspace)', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-lsp-scan-')));
    fs.mkdirSync(path.join(dir, 'k8s'));
    fs.mkdirSync(path.join(dir, 'gen'));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(dir, 'k8s', `pod${String(i).padStart(2, '0')}.yaml`), POD);
    fs.writeFileSync(path.join(dir, 'gen', 'pod.yaml'), POD);
    fs.writeFileSync(path.join(dir, 'node_modules', 'pod.yaml'), POD);
    fs.writeFileSync(path.join(dir, 'workflow.yaml'), 'on: push\n');
    fs.writeFileSync(path.join(dir, '.aks-guardrails.jsonc'), '{ "ignore": ["gen/**"], "rules": { "k8s-no-privileged": "info" } }');
    client = new LspClient();
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics for every matching file, honours config and ignore, reports progress and status', async () => {
    const since = client.notifications.length;
    const res = await client.request<any>('aksGuardrails/scanWorkspace', { folders: [dir] });
    assert.deepEqual(res, { files: 12, withFindings: 12, findings: res.findings, cancelled: false });
    const published = client.notifications.slice(since).filter((n) => n.method === 'textDocument/publishDiagnostics');
    // The valid config file gets an empty list (clears earlier problems); every scanned manifest its findings.
    assert.deepEqual(published.map((n) => path.relative(dir, new URL(n.params.uri).pathname)).sort(),
      ['.aks-guardrails.jsonc', ...Array.from({ length: 12 }, (_, i) => path.join('k8s', `pod${String(i).padStart(2, '0')}.yaml`))]);
    assert.deepEqual(published.find((n) => n.params.uri.endsWith('.aks-guardrails.jsonc'))!.params.diagnostics, []);
    const d = published.find((n) => n.params.uri.endsWith('pod00.yaml'))!.params.diagnostics.find((x: any) => x.code === 'k8s-no-privileged');
    assert.equal(d.severity, 3);
    const progress = client.notifications.slice(since).filter((n) => n.method === 'aksGuardrails/scanProgress').map((n) => n.params);
    assert.deepEqual(progress.at(-1), { done: 14, total: 14 });
    const status = client.notifications.slice(since).filter((n) => n.method === 'aksGuardrails/status').map((n) => n.params.state);
    assert.deepEqual(status, ['analysing', 'ready']);
  });

  it('a broken config file that is not open: its problems are published with exact ranges, its valid parts apply', async () => {
    const sub = path.join(dir, 'team');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'pod.yaml'), POD);
    fs.writeFileSync(path.join(sub, '.aks-guardrails.json'), '{\n  "rules": { "k8s-no-privileged": "warning", "k8s-nope": "off" }\n}\n');
    try {
      const since = client.notifications.length;
      const res = await client.request<any>('aksGuardrails/scanWorkspace', { folders: [sub] });
      assert.equal(res.files, 1);
      const published = client.notifications.slice(since).filter((n) => n.method === 'textDocument/publishDiagnostics');
      const cfg = published.find((n) => n.params.uri.endsWith('.aks-guardrails.json'))!.params.diagnostics;
      assert.deepEqual(cfg.map((x: any) => [x.code, x.severity, x.message, x.range]), [
        ['config', 1, "Unknown rule 'k8s-nope'.", { start: { line: 1, character: 45 }, end: { line: 1, character: 55 } }],
      ]);
      const pod = published.find((n) => n.params.uri.endsWith(path.join('team', 'pod.yaml')))!.params.diagnostics;
      assert.deepEqual(pod.filter((x: any) => x.code === 'k8s-no-privileged').map((x: any) => x.severity), [2]);
    } finally {
      fs.rmSync(sub, { recursive: true, force: true });
    }
  });

  it('open documents keep their live diagnostics', async () => {
    const uri = pathToFileURL(path.join(dir, 'k8s', 'pod00.yaml')).href;
    client.open(uri, 'yaml', POD.replace('privileged: true', 'privileged: false'));
    await client.diagnostics(uri, 1);
    const since = client.notifications.length;
    await client.request<any>('aksGuardrails/scanWorkspace', { folders: [dir] });
    assert.ok(!client.notifications.slice(since).some((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri));
  });

  it('stops when cancelled', async () => {
    const id = (client as any).nextId as number;
    const p = client.request<any>('aksGuardrails/scanWorkspace', { folders: [dir] });
    client.notify('$/cancelRequest', { id });
    const res = await p.catch((e: Error) => ({ error: e.message }));
    // vscode-languageserver answers a cancelled request with RequestCancelled, or our result says cancelled.
    assert.ok('error' in res ? /cancel/i.test(res.error) : res.cancelled === true, JSON.stringify(res));
  });
});

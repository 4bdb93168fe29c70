import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      privileged: true\n';

describe('language server: configuration file and settings', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  let settings: any = {};
  const uriOf = (...p: string[]) => pathToFileURL(path.join(dir, ...p)).href;
  /** Next diagnostics of `uri` published after `since`. */
  const next = (uri: string, since: number) => client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 10000, since).then((p) => p.diagnostics as any[]);
  const priv = (d: any[]) => d.filter((x) => x.code === 'k8s-no-privileged').map((x) => x.severity);

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-lsp-config-')));
    fs.mkdirSync(path.join(dir, 'gen'));
    fs.writeFileSync(path.join(dir, '.aks-guardrails.jsonc'), '{ "rules": { "k8s-no-privileged": "info" }, "ignore": ["gen/**"] }\n');
    client = new LspClient();
    client.configuration = () => settings;
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies the nearest config file (level), and ignore', async () => {
    const uri = uriOf('pod.yaml');
    let since = client.notifications.length;
    client.open(uri, 'yaml', POD);
    assert.deepEqual(priv(await next(uri, since)), [3]);
    const ignored = uriOf('gen', 'pod.yaml');
    since = client.notifications.length;
    client.open(ignored, 'yaml', POD);
    assert.deepEqual(await next(ignored, since), []);
  });

  it('re-analyses open documents when the config file changes on disk (didChangeWatchedFiles)', async () => {
    const uri = uriOf('pod.yaml');
    fs.writeFileSync(path.join(dir, '.aks-guardrails.jsonc'), '{ "rules": { "k8s-no-privileged": "warning" } }\n');
    const since = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.aks-guardrails.jsonc'), type: 2 }] });
    assert.deepEqual(priv(await next(uri, since)), [2]);
  });

  it('applies aksGuardrails.rules.customizations on top, at once on didChangeConfiguration', async () => {
    const uri = uriOf('pod.yaml');
    settings = { rules: { customizations: [{ rule: 'k8s-*', severity: 'downgrade' }] } };
    let since = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual(priv(await next(uri, since)), [3]);
    settings = { rules: { customizations: [{ rule: 'k8s-no-privileged', severity: 'off' }] } };
    since = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual(priv(await next(uri, since)), []);
    settings = {};
    since = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual(priv(await next(uri, since)), [2]);
  });

  it('an open config file gets its problems as diagnostics with exact ranges, and its editor text applies at once', async () => {
    const cfg = uriOf('.aks-guardrails.jsonc');
    const pod = uriOf('pod.yaml');
    const text = '{\n  "rules": { "k8s-nope": "off", "k8s-no-privileged": "error" },\n  "extends": "paranoid"\n}\n';
    let since = client.notifications.length;
    client.open(cfg, 'jsonc', text);
    const d = await next(cfg, since);
    assert.deepEqual(d.map((x) => [x.code, x.message, x.range]), [
      ['config', "Unknown rule 'k8s-nope'.", { start: { line: 1, character: 13 }, end: { line: 1, character: 23 } }],
      ['config', "'extends' must be \"recommended\" or \"strict\".", { start: { line: 2, character: 13 }, end: { line: 2, character: 23 } }],
    ]);
    assert.deepEqual(priv(await next(pod, since)), [1]);
    since = client.notifications.length;
    client.change(cfg, 2, [{ text: '{ "rules": { "k8s-no-privileged": "off" } }' }]);
    assert.deepEqual(await next(cfg, since), []);
    assert.deepEqual(priv(await next(pod, since)), []);
  });
});

describe('language server: config files appear, change and disappear; settings re-analyse at once', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  let settings: any = {};
  const uriOf = (...p: string[]) => pathToFileURL(path.join(dir, ...p)).href;
  const next = (uri: string, since: number) => client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 10000, since).then((p) => p.diagnostics as any[]);
  const sev = (d: any[], code: string) => d.filter((x) => x.code === code).map((x) => x.severity);
  const POD2 = POD.replace('image: a:1', 'image: docker.io/nginx:1.27');
  const cfgPath = () => path.join(dir, '.aks-guardrails.json');

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-lsp-config2-')));
    client = new LspClient();
    client.configuration = () => settings;
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a config file created on disk applies at once (strict: Information findings rise to warning); deleted, the defaults return', async () => {
    const uri = uriOf('pod.yaml');
    let since = client.notifications.length;
    client.open(uri, 'yaml', POD2);
    assert.deepEqual(sev(await next(uri, since), 'k8s-automount-sa-token'), [3]);
    fs.writeFileSync(cfgPath(), '{ "extends": "strict" }');
    since = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.aks-guardrails.json'), type: 1 }] });
    const strict = await next(uri, since);
    assert.deepEqual(sev(strict, 'k8s-automount-sa-token'), [2]);
    assert.deepEqual(sev(strict, 'k8s-seccomp'), [1]);
    fs.rmSync(cfgPath());
    since = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.aks-guardrails.json'), type: 3 }] });
    assert.deepEqual(sev(await next(uri, since), 'k8s-automount-sa-token'), [3]);
  });

  it('an open config file wins over the disk until it is closed', async () => {
    const uri = uriOf('pod.yaml');
    fs.writeFileSync(cfgPath(), '{ "rules": { "k8s-no-privileged": "warning" } }');
    let since = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.aks-guardrails.json'), type: 1 }] });
    assert.deepEqual(sev(await next(uri, since), 'k8s-no-privileged'), [2]);
    since = client.notifications.length;
    client.open(uriOf('.aks-guardrails.json'), 'json', '{ "rules": { "k8s-no-privileged": "off", "k8s-allowed-registry": { "registry": [] } } }');
    const cfgDiags = await next(uriOf('.aks-guardrails.json'), since);
    assert.deepEqual(cfgDiags.map((x) => [x.code, x.range.start.character, x.range.end.character]), [['config', 67, 77]]);
    assert.deepEqual(sev(await next(uri, since), 'k8s-no-privileged'), []);
    since = client.notifications.length;
    client.notify('textDocument/didClose', { textDocument: { uri: uriOf('.aks-guardrails.json') } });
    assert.deepEqual(sev(await next(uri, since), 'k8s-no-privileged'), [2]);
    fs.rmSync(cfgPath());
    since = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.aks-guardrails.json'), type: 3 }] });
    assert.deepEqual(sev(await next(uri, since), 'k8s-no-privileged'), [1]);
  });

  it('settings aksGuardrails.allowedRegistries and kubernetesVersion re-analyse at once (didChangeConfiguration)', async () => {
    const uri = uriOf('pod.yaml');
    settings = { allowedRegistries: ['*.azurecr.io'] };
    let since = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    let d = await next(uri, since);
    assert.deepEqual(sev(d, 'k8s-allowed-registry'), [2]);
    settings = { allowedRegistries: ['*.azurecr.io', 'docker.io'] };
    since = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    d = await next(uri, since);
    assert.deepEqual(sev(d, 'k8s-allowed-registry'), []);
    // The target Kubernetes version: before 1.19 the seccomp alpha annotation counts, from 1.19 only the field.
    const annotated = uriOf('annotated.yaml');
    since = client.notifications.length;
    client.open(annotated, 'yaml', POD.replace('metadata: {name: p}', 'metadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default'));
    assert.equal(sev(await next(annotated, since), 'k8s-seccomp').length, 1);
    settings = { kubernetesVersion: '1.18' };
    since = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual(sev(await next(annotated, since), 'k8s-seccomp'), []);
    settings = {};
  });
});

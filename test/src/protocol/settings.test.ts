import * as assert from 'node:assert/strict';
import { LspClient } from './lspClient';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext:\n      privileged: true\n';

describe('language server: aksGuardrails.enable per resource', function () {
  this.timeout(30000);
  let client: LspClient;
  const requested: Array<{ scopeUri?: string; section?: string }> = [];
  /** enable is false for every file under /tmp/aksg-enable/off/ and true elsewhere, as a per-folder setting would be. */
  let offPrefix = 'file:///tmp/aksg-enable/off/';
  before(async () => {
    client = new LspClient();
    client.configuration = (item) => {
      requested.push(item);
      return { enable: !(item.scopeUri ?? '').startsWith(offPrefix) };
    };
    await client.initialize();
  });
  after(() => client.shutdown());
  const next = (uri: string, since: number) => client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 10000, since).then((p) => p.diagnostics as any[]);

  it('asks for the settings of each document (scopeUri) and analyses only where enable is true', async () => {
    const on = 'file:///tmp/aksg-enable/on/pod.yaml';
    const off = 'file:///tmp/aksg-enable/off/pod.yaml';
    let since = client.notifications.length;
    client.open(off, 'yaml', POD);
    assert.deepEqual(await next(off, since), []);
    since = client.notifications.length;
    client.open(on, 'yaml', POD);
    assert.ok((await next(on, since)).some((d) => d.code === 'k8s-no-privileged'));
    assert.ok(requested.some((i) => i.scopeUri === off && i.section === 'aksGuardrails'));
    assert.ok(requested.some((i) => i.scopeUri === on && i.section === 'aksGuardrails'));
  });

  it('clears and restores diagnostics when enable changes (didChangeConfiguration)', async () => {
    const on = 'file:///tmp/aksg-enable/on/pod.yaml';
    const off = 'file:///tmp/aksg-enable/off/pod.yaml';
    offPrefix = 'file:///tmp/aksg-enable/';
    let since = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual(await next(on, since), []);
    offPrefix = 'file:///nowhere/';
    since = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    const [a, b] = await Promise.all([next(on, since), next(off, since)]);
    assert.ok(a.some((d) => d.code === 'k8s-no-privileged'));
    assert.ok(b.some((d) => d.code === 'k8s-no-privileged'));
  });
});

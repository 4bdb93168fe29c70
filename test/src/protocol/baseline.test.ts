import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../../server/out/cli';
import { LspClient } from './lspClient';

/**
 * A baseline in the editor: the findings .aks-guardrails-baseline.json lists (next to .aks-guardrails.jsonc) are Hints
 * marked "(baselined)", or hidden with aksGuardrails.baseline.show = "hide"; a new finding stays what it is; editing the
 * baseline re-analyses the open file.
 */
const POD = (privileged: string[]) => [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  'spec:',
  '  containers:',
  ...privileged.flatMap((n) => [`    - name: ${n}`, `      image: myregistry.azurecr.io/${n}:1.0.0`, '      securityContext:', '        privileged: true']),
  '',
].join('\n');

describe('language server: baseline', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  let show = 'hint';
  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-baseline-ls-')));
    fs.writeFileSync(path.join(dir, '.aks-guardrails.jsonc'), '{}\n');
    fs.mkdirSync(path.join(dir, 'k8s'));
    fs.writeFileSync(path.join(dir, 'k8s', 'pod.yaml'), POD(['app']));
    // The team's baseline, written by the CLI.
    assert.equal(main(['k8s', '--baseline-create'], { out: () => undefined, err: () => undefined, cwd: dir }), 0);
    client = new LspClient();
    client.configuration = () => ({ baseline: { show } });
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('baselined findings are Hints marked (baselined); a second privileged container is a new Error', async () => {
    const uri = pathToFileURL(path.join(dir, 'k8s', 'pod.yaml')).href;
    client.open(uri, 'yaml', POD(['app', 'sidecar']));
    const diags = await client.diagnostics(uri, 1);
    const privileged = diags.filter((d) => d.code === 'k8s-no-privileged');
    assert.equal(privileged.length, 2);
    const [first, second] = privileged.sort((a, b) => a.range.start.line - b.range.start.line);
    assert.equal(first.severity, 4); // Hint
    assert.match(first.message, /\(baselined\)$/);
    assert.equal(second.severity, 1); // Error
    assert.doesNotMatch(second.message, /baselined/);
    assert.ok(diags.filter((d) => d.severity !== 4).every((d) => !/baselined/.test(d.message)));
  });

  it('aksGuardrails.baseline.show = "hide" hides them; an emptied baseline shows them again', async () => {
    const uri = pathToFileURL(path.join(dir, 'k8s', 'pod.yaml')).href;
    show = 'hide';
    let since = client.notifications.length;
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    let p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri, 10000, since);
    assert.equal(p.diagnostics.filter((d: any) => d.code === 'k8s-no-privileged').length, 1);
    assert.ok(!p.diagnostics.some((d: any) => /baselined/.test(d.message)));
    // The baseline changes (opened in the editor, emptied): the pod is analysed again, nothing is hidden.
    since = client.notifications.length;
    client.open(pathToFileURL(path.join(dir, '.aks-guardrails-baseline.json')).href, 'json', '{"version": 1, "files": {}}\n');
    p = await client.waitFor('textDocument/publishDiagnostics', (x) => x.uri === uri, 10000, since);
    assert.equal(p.diagnostics.filter((d: any) => d.code === 'k8s-no-privileged').length, 2);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

/** The issue 13 example in the editor: a patch gets no false finding, its base names the overlays, edits re-analyse. */
const BASE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
        appArmorProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: myregistry.azurecr.io/web@sha256:0123456789012345678901234567890123456789012345678901234567890123
          securityContext:
            allowPrivilegeEscalation: true
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
`;
const PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          resources:
            limits:
              memory: 256Mi
`;

describe('language server: Kustomize', function () {
  this.timeout(30000);
  let client: LspClient;
  let dir: string;
  const uriOf = (p: string) => pathToFileURL(path.join(dir, p)).href;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-kustomize-'));
    const write = (p: string, t: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), t);
    };
    write('base/deployment.yaml', BASE);
    write('base/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    write('overlays/prod/kustomization.yaml', 'resources:\n  - ../../base\npatches:\n  - path: memory-patch.yaml\n');
    write('overlays/prod/memory-patch.yaml', PATCH);
    write('overlays/dev/kustomization.yaml', 'resources:\n  - ../../base\n');
    client = new LspClient();
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an overlay patch gets no finding; its base gets the finding once, naming both overlays (message and hover)', async () => {
    client.open(uriOf('overlays/prod/memory-patch.yaml'), 'yaml', PATCH);
    assert.deepEqual(await client.diagnostics(uriOf('overlays/prod/memory-patch.yaml'), 1), []);
    const base = uriOf('base/deployment.yaml');
    client.open(base, 'yaml', BASE);
    const found = await client.diagnostics(base, 1);
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [['k8s-no-privilege-escalation', 18]]);
    assert.match(found[0].message, /\(Kustomize overlays: overlays\/dev, overlays\/prod\)$/);
    assert.deepEqual(found[0].relatedInformation.map((r: any) => [r.location.uri, r.message]), [
      [uriOf('overlays/dev/kustomization.yaml'), 'Found in what Kustomize overlay overlays/dev builds.'],
      [uriOf('overlays/prod/kustomization.yaml'), 'Found in what Kustomize overlay overlays/prod builds.'],
    ]);
    const hover = await client.request<any>('textDocument/hover', { textDocument: { uri: base }, position: found[0].range.start });
    assert.match(hover.contents.value, /\*\*Kustomize:\*\* found in what overlays `overlays\/dev`, `overlays\/prod` build/);
  });

  it('editing the open patch re-analyses the base: the finding is gone for that overlay only', async () => {
    const base = uriOf('base/deployment.yaml');
    const patch = uriOf('overlays/prod/memory-patch.yaml');
    const fixed = PATCH.replace('          resources:', '          securityContext:\n            allowPrivilegeEscalation: false\n          resources:');
    const since = client.notifications.length;
    client.change(patch, 2, [{ text: fixed }]);
    const next = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === base && p.diagnostics.every((d: any) => !/overlays\/prod/.test(d.message)), 10000, since);
    assert.deepEqual(next.diagnostics.map((d: any) => [d.code, d.message.replace(/^.*\(/, '(')]), [['k8s-no-privilege-escalation', '(Kustomize overlay: overlays/dev)']]);
    assert.deepEqual(await client.diagnostics(patch, 2), []);
  });

  it('a kustomization created on disk (file watcher) re-analyses the open files: the base names the new overlay', async () => {
    const base = uriOf('base/deployment.yaml');
    fs.mkdirSync(path.join(dir, 'overlays/qa'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'overlays/qa/kustomization.yaml'), 'resources:\n  - ../../base\n');
    const since = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('overlays/qa/kustomization.yaml'), type: 1 }] });
    const next = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === base && p.diagnostics.some((d: any) => /overlays\/qa/.test(d.message)), 10000, since);
    assert.deepEqual(next.diagnostics.map((d: any) => d.message.replace(/^.*\(/, '(')), ['(Kustomize overlays: overlays/dev, overlays/qa)']);
  });

  it('the quick fix of a base finding edits the base', async () => {
    const base = uriOf('base/deployment.yaml');
    const [d] = await client.diagnostics(base);
    const actions = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri: base }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const edits = fix.edit.changes?.[base] ?? fix.edit.documentChanges?.find((c: any) => c.textDocument?.uri === base)?.edits;
    assert.deepEqual(edits.map((e: any) => [e.range.start.line, e.newText]), [[18, 'false']]);
  });

  it('a kustomization gets a diagnostic for a path that does not exist, and nothing else', async () => {
    const uri = uriOf('overlays/dev/kustomization.yaml');
    client.open(uri, 'yaml', 'resources:\n  - ../../base\n  - ../../gone\n');
    const found = await client.diagnostics(uri, 1);
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line, d.severity]), [['kustomize-build', 2, 1]]);
  });
});

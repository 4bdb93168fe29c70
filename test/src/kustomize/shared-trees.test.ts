import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, analyzeText, applyTextEdits, DISK_FILES, editsByFile, Finding, kustomize, memoryFiles, parseOther, clearParsedOthers, FileSource } from '../../../server/out/engine';

const SHARED = path.resolve(__dirname, '../../../../shared/kustomize');
const TREES = ['microservices-demo', 'podinfo'].map((t) => path.join(SHARED, t));

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

interface Located extends Finding { path: string }

/** Every finding of every YAML file of a tree, analysed as the editor and the CLI do (the tree's folder as root). */
function analyseTree(root: string, files: FileSource = DISK_FILES, paths = yamlFiles(root)): Located[] {
  clearParsedOthers();
  return paths.flatMap((p) => analyzeFile(parseOther(files, p)!, {}, { files, roots: [root] }).findings.map((f) => ({ ...f, path: p })));
}

const key = (f: Finding) => `${f.ruleId}/${f.messageId}/${f.resource}`;

describe('kustomize: the real trees of ../shared/kustomize', function () {
  this.timeout(60000);
  if (!fs.existsSync(SHARED)) return;

  for (const root of TREES) {
    const name = path.basename(root);
    it(`${name}: every finding of a built overlay lies in a file of the tree, on the line a standalone analysis of that file gives`, () => {
      const built = analyseTree(root).filter((f) => f.overlays);
      assert.ok(built.length > 0);
      const byFile = new Map<string, Located[]>();
      for (const f of built) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
      for (const [p, found] of byFile) {
        assert.ok(p.startsWith(root + path.sep));
        // The bases are whole objects that the overlays only re-label, re-tag or extend with env: the built findings
        // are the ones a standalone analysis reports on the base's own lines.
        const alone = analyzeText(p, fs.readFileSync(p, 'utf8')).findings.map((f) => `${f.ruleId} ${f.messageId} ${f.start}-${f.end}`).sort();
        assert.deepEqual(found.map((f) => `${f.ruleId} ${f.messageId} ${f.start}-${f.end}`).sort(), alone, p);
      }
    });

    it(`${name}: no patch and no kustomization gets a finding (no "missing" finding on a partial object)`, () => {
      const paths = yamlFiles(root);
      const patchFiles = new Set<string>();
      const kustomizations = paths.filter((p) => kustomize.isKustomizationPath(p));
      for (const k of kustomizations) for (const p of kustomize.readKustomization(DISK_FILES, k)!.patches) if (p.ref?.path) patchFiles.add(p.ref.path);
      const found = analyseTree(root, DISK_FILES, [...kustomizations, ...patchFiles]);
      assert.deepEqual(found.map((f) => `${path.relative(root, f.path)} ${f.ruleId}`), []);
    });
  }

  it('microservices-demo: a base object that an overlay deletes has no finding for that overlay', () => {
    const root = TREES[0];
    const redis = analyseTree(root, DISK_FILES, [path.join(root, 'base/cartservice.yaml')]).filter((f) => f.resource === 'Deployment/redis-cart');
    assert.ok(redis.length > 0);
    // memorystore and spanner delete redis-cart: only the root kustomization and the Istio test deploy it.
    for (const f of redis) assert.deepEqual(f.overlays, ['microservices-demo', 'tests/service-mesh-istio-with-all-components']);
  });

  it('microservices-demo spanner overlay: the findings equal those of the objects built by hand', () => {
    const root = TREES[0];
    const overlay = 'tests/spanner-with-all-components';
    const built = analyseTree(root).filter((f) => f.overlays?.includes(overlay));
    // `kustomize build tests/spanner-with-all-components`, cartservice and redis-cart, written by hand from the
    // kustomize documentation: the spanner component deletes REDIS_ADDR ($patch: delete on the env item) and adds
    // SPANNER_CONNECTION_STRING (appended), deletes the redis-cart Deployment; nothing else touches cartservice.
    const expected = analyzeText('/expected.yaml', CARTSERVICE_BUILT).findings;
    const resources = new Set(['Deployment/cartservice', 'Deployment/redis-cart']);
    assert.deepEqual(built.filter((f) => resources.has(f.resource!)).map(key).sort(), expected.map(key).sort());
  });

  it('a built overlay equals the hand-built objects when patches change what the rules read', () => {
    const files = memoryFiles(OWN_TREE);
    const built = analyseTree('/own', files, Object.keys(OWN_TREE)).filter((f) => f.overlays?.includes('overlays/prod'));
    const expected = analyzeText('/expected.yaml', OWN_PROD_BUILT, { allowedRegistries: [] }).findings;
    assert.deepEqual(built.map(key).sort(), expected.map(key).sort());
    // ... and each is on the line that wrote the value: the base, the patch, or the kustomization's override.
    const at = (f: Located) => `${path.relative('/own', f.path)}:${OWN_TREE[f.path].slice(0, f.start).split('\n').length} ${f.ruleId}`;
    assert.deepEqual(built.map(at).sort(), [
      'base/deploy.yaml:11 k8s-apparmor', // the pod securityContext key: missing, reported (and fixed) in the base
      'base/deploy.yaml:10 k8s-automount-sa-token', // the pod spec key
      'overlays/prod/kustomization.yaml:11 k8s-no-host-namespaces', // `value: true` of the inline JSON 6902 patch
      'overlays/prod/kustomization.yaml:14 k8s-image-pinned', // `newTag: latest`
      'overlays/prod/sidecar.yaml:13 k8s-no-privileged',
    ].sort());
  });
});

const CARTSERVICE_BUILT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cartservice
  labels:
    app: cartservice
spec:
  selector:
    matchLabels:
      app: cartservice
  template:
    metadata:
      labels:
        app: cartservice
    spec:
      serviceAccountName: cartservice
      terminationGracePeriodSeconds: 5
      securityContext:
        fsGroup: 1000
        runAsGroup: 1000
        runAsNonRoot: true
        runAsUser: 1000
      containers:
      - name: server
        securityContext:
          allowPrivilegeEscalation: false
          capabilities:
            drop:
              - ALL
          privileged: false
          readOnlyRootFilesystem: true
        image: us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/cartservice:v0.10.6
        ports:
        - containerPort: 7070
        env:
        - name: SPANNER_CONNECTION_STRING
          value: projects/SPANNER_PROJECT/instances/SPANNER_INSTANCE/databases/SPANNER_DATABASE
        resources:
          requests:
            cpu: 200m
            memory: 64Mi
          limits:
            cpu: 300m
            memory: 128Mi
        readinessProbe:
          initialDelaySeconds: 15
          grpc:
            port: 7070
        livenessProbe:
          initialDelaySeconds: 15
          periodSeconds: 10
          grpc:
            port: 7070
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: cartservice
  annotations:
    iam.gke.io/gcp-service-account: SPANNER_DB_USER_GSA_ID
`;

/** A base that is clean but for AppArmor and the token; prod adds a privileged sidecar, host network and a :latest image. */
const OWN_TREE: Record<string, string> = {
  '/own/base/deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: contoso.azurecr.io/web:1.0@sha256:0123456789012345678901234567890123456789012345678901234567890123
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`,
  '/own/base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
  '/own/overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n',
  '/own/overlays/prod/kustomization.yaml': `resources:
  - ../../base
patches:
  - path: sidecar.yaml
  - target:
      kind: Deployment
      name: web
    patch: |-
      - op: add
        path: /spec/template/spec/hostNetwork
        value: true
images:
  - name: contoso.azurecr.io/web
    newTag: latest
`,
  '/own/overlays/prod/sidecar.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            privileged: true
`,
};

const OWN_PROD_BUILT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec:
      hostNetwork: true
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: contoso.azurecr.io/web:latest
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
            privileged: true
`;

describe('kustomize: fixes land where the value is written', () => {
  it('a value of an inline JSON 6902 patch is fixed in the kustomization; a computed image is not edited in place', () => {
    clearParsedOthers();
    const files = memoryFiles(OWN_TREE);
    const k = '/own/overlays/prod/kustomization.yaml';
    const parsed = parseOther(files, k)!;
    const found = analyzeFile(parsed, {}, { files, roots: ['/own'] }).findings;
    const host = found.find((f) => f.ruleId === 'k8s-no-host-namespaces')!;
    const groups = editsByFile(parsed, host.fix!);
    assert.deepEqual(groups.map((g) => g.file.path), [k]);
    const after = applyTextEdits(OWN_TREE[k], groups[0].edits);
    assert.equal(after, OWN_TREE[k].replace('        value: true', '        value: false'));
    const image = found.find((f) => f.ruleId === 'k8s-image-pinned')!;
    assert.ok(!image.fix || editsByFile(parsed, image.fix).every((g) => g.file.path !== k || !g.edits.length));
  });
});

import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { analyzeFile, applyTextEdits, editsByFile, memoryFiles, parseOther, clearParsedOthers, Finding } from '../../../server/out/engine';

/** The example of issue 13: a clean base, an overlay whose 12-line patch only adds a memory limit. */
export const ROOT = resolve('/repo/deploy');
export const BASE_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
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
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          resources:
            limits:
              cpu: 500m
`;
export const PATCH = `apiVersion: apps/v1
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
export const TREE: Record<string, string> = {
  [join(ROOT, 'base/deployment.yaml')]: BASE_DEPLOYMENT,
  [join(ROOT, 'base/kustomization.yaml')]: 'resources:\n  - deployment.yaml\n',
  [join(ROOT, 'overlays/prod/kustomization.yaml')]: 'resources:\n  - ../../base\npatches:\n  - path: memory-patch.yaml\n',
  [join(ROOT, 'overlays/prod/memory-patch.yaml')]: PATCH,
};

export function analyse(tree: Record<string, string>, path: string): Finding[] {
  clearParsedOthers();
  const files = memoryFiles(tree);
  const parsed = parseOther(files, path)!;
  return analyzeFile(parsed, {}, { files, roots: [ROOT] }).findings;
}

describe('kustomize: the issue example', () => {
  it('the overlay patch alone gets no finding (it is never judged as a standalone Deployment)', () => {
    // Without the project's files (judged alone) the patch gets the false findings the issue counts.
    const alone = analyzeFile(parseOther(memoryFiles(TREE), join(ROOT, 'overlays/prod/memory-patch.yaml'))!, {}).findings;
    assert.deepEqual(alone.map((f) => f.ruleId).sort(), [
      'k8s-apparmor', 'k8s-automount-sa-token', 'k8s-drop-all-capabilities', 'k8s-no-privilege-escalation', 'k8s-read-only-root-fs', 'k8s-run-as-non-root', 'k8s-seccomp',
    ]);
    assert.deepEqual(analyse(TREE, join(ROOT, 'overlays/prod/memory-patch.yaml')).map((f) => f.ruleId), []);
  });

  it('the clean base gets no finding, the kustomizations none either', () => {
    assert.deepEqual(analyse(TREE, join(ROOT, 'base/deployment.yaml')).map((f) => f.ruleId), []);
    assert.deepEqual(analyse(TREE, join(ROOT, 'base/kustomization.yaml')).map((f) => f.ruleId), []);
    assert.deepEqual(analyse(TREE, join(ROOT, 'overlays/prod/kustomization.yaml')).map((f) => f.ruleId), []);
  });

  it('a kustomization gets a diagnostic for a resources or patches path that does not exist, on that path', () => {
    const tree = { ...TREE, [join(ROOT, 'overlays/prod/kustomization.yaml')]: 'resources:\n  - ../../base\n  - ../../nowhere\npatches:\n  - path: missing-patch.yaml\n' };
    const text = tree[join(ROOT, 'overlays/prod/kustomization.yaml')];
    const found = analyse(tree, join(ROOT, 'overlays/prod/kustomization.yaml'));
    assert.deepEqual(found.map((f) => [f.ruleId, text.slice(f.start, f.end)]), [['kustomize-build', '../../nowhere'], ['kustomize-build', 'missing-patch.yaml']]);
  });

  it('a component that no overlay uses still gets a diagnostic for a path that does not exist', () => {
    const c = join(ROOT, 'components/extra/kustomization.yaml');
    const text = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - gone.yaml\n';
    const found = analyse({ ...TREE, [c]: text }, c);
    assert.deepEqual(found.map((f) => [f.ruleId, text.slice(f.start, f.end)]), [['kustomize-build', 'gone.yaml']]);
  });

  it('a base problem is reported on the base line, naming the overlay, and fixed there', () => {
    const tree = { ...TREE, [join(ROOT, 'base/deployment.yaml')]: BASE_DEPLOYMENT.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true') };
    const path = join(ROOT, 'base/deployment.yaml');
    const found = analyse(tree, path).filter((f) => f.ruleId === 'k8s-no-privilege-escalation');
    assert.equal(found.length, 1);
    assert.equal(tree[path].slice(found[0].start, found[0].end), 'true');
    assert.deepEqual(found[0].overlays, ['overlays/prod']);
    assert.match(found[0].message, /overlay: overlays\/prod/);
    const parsed = parseOther(memoryFiles(tree), path)!;
    const edits = editsByFile(parsed, found[0].fix!);
    assert.equal(edits.length, 1);
    assert.equal(edits[0].file.path, path);
    assert.match(applyTextEdits(tree[path], edits[0].edits), /allowPrivilegeEscalation: false/);
  });

  it('a patch that fixes a base problem makes it disappear for that overlay only', () => {
    const tree = {
      ...TREE,
      [join(ROOT, 'base/deployment.yaml')]: BASE_DEPLOYMENT.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'),
      [join(ROOT, 'overlays/dev/kustomization.yaml')]: 'resources:\n  - ../../base\n',
      [join(ROOT, 'overlays/prod/memory-patch.yaml')]: PATCH.replace('          resources:', '          securityContext:\n            allowPrivilegeEscalation: false\n          resources:'),
    };
    const found = analyse(tree, join(ROOT, 'base/deployment.yaml')).filter((f) => f.ruleId === 'k8s-no-privilege-escalation');
    assert.deepEqual(found.map((f) => f.overlays), [['overlays/dev']]);
    assert.deepEqual(analyse(tree, join(ROOT, 'overlays/prod/memory-patch.yaml')), []);
  });

  it('a value a patch sets last is reported in the patch, and fixed there', () => {
    const tree = { ...TREE, [join(ROOT, 'overlays/prod/memory-patch.yaml')]: PATCH.replace('          resources:', '          securityContext:\n            privileged: true\n          resources:') };
    const path = join(ROOT, 'overlays/prod/memory-patch.yaml');
    const found = analyse(tree, path);
    assert.deepEqual(found.map((f) => [f.ruleId, tree[path].slice(f.start, f.end)]), [['k8s-no-privileged', 'true']]);
    assert.deepEqual(analyse(tree, join(ROOT, 'base/deployment.yaml')), []);
    const edits = editsByFile(parseOther(memoryFiles(tree), path)!, found[0].fix!);
    assert.match(applyTextEdits(tree[path], edits[0].edits), /privileged: false/);
  });
});

describe('kustomize: inline patches are located in the kustomization', () => {
  it('a value an inline strategic-merge patch sets is reported on its line in kustomization.yaml and fixed there', () => {
    const k = join(ROOT, 'overlays/prod/kustomization.yaml');
    const text = [
      'resources:',
      '  - ../../base',
      'patches:',
      '  - patch: |-',
      '      apiVersion: apps/v1',
      '      kind: Deployment',
      '      metadata:',
      '        name: web',
      '      spec:',
      '        template:',
      '          spec:',
      '            hostPID: true',
      '',
    ].join('\n');
    const tree = { ...TREE, [k]: text };
    const found = analyse(tree, k);
    assert.deepEqual(found.map((f) => [f.ruleId, text.slice(0, f.start).split('\n').length, text.slice(f.start, f.end)]), [['k8s-no-host-namespaces', 12, 'true']]);
    const edits = editsByFile(parseOther(memoryFiles(tree), k)!, found[0].fix!);
    assert.equal(applyTextEdits(text, edits[0].edits), text.replace('hostPID: true', 'hostPID: false'));
    // The base and the patch file have nothing: the value is the inline patch's.
    assert.deepEqual(analyse(tree, join(ROOT, 'base/deployment.yaml')), []);
  });
});

describe('kustomize: overlays that rename or move the objects', () => {
  it('a base finding is one finding for overlays with different namePrefix and namespace, naming the object as the base writes it', () => {
    const tree = {
      ...TREE,
      [join(ROOT, 'base/deployment.yaml')]: BASE_DEPLOYMENT.replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'),
      [join(ROOT, 'overlays/dev/kustomization.yaml')]: 'resources:\n  - ../../base\nnamePrefix: dev-\nnamespace: dev\n',
      [join(ROOT, 'overlays/prod/kustomization.yaml')]: 'resources:\n  - ../../base\nnamePrefix: prod-\nnamespace: prod\n',
    };
    const found = analyse(tree, join(ROOT, 'base/deployment.yaml'));
    assert.deepEqual(found.map((f) => [f.ruleId, f.resource, f.overlays]), [['k8s-no-privilege-escalation', 'Deployment/web', ['overlays/dev', 'overlays/prod']]]);
    assert.match(found[0].message, /Deployment\/web .*\(Kustomize overlays: overlays\/dev, overlays\/prod\)$/);
  });
});

describe('kustomize: JSON manifests', () => {
  it('a JSON resource of a kustomization is judged as built, its value fixed in the JSON file', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x:1' }] } }, null, 2);
    const tree = { [join(ROOT, 'json/pod.json')]: json, [join(ROOT, 'json/kustomization.yaml')]: 'resources:\n  - pod.json\nnamespace: n\n' };
    const found = analyse(tree, join(ROOT, 'json/pod.json')).filter((f) => f.ruleId === 'k8s-no-host-namespaces');
    assert.deepEqual(found.map((f) => [json.slice(f.start, f.end), f.overlays]), [['true', ['json']]]);
  });
});

describe('kustomize: resources no overlay builds', () => {
  it('a resource of a component that no overlay uses is judged alone; a patch of it is still never judged', () => {
    const tree = {
      ...TREE,
      [join(ROOT, 'components/extra/kustomization.yaml')]: 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - pod.yaml\npatches:\n  - path: p.yaml\n',
      [join(ROOT, 'components/extra/pod.yaml')]: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  hostNetwork: true\n  containers:\n    - name: c\n      image: x:1\n',
      [join(ROOT, 'components/extra/p.yaml')]: PATCH,
    };
    assert.ok(analyse(tree, join(ROOT, 'components/extra/pod.yaml')).some((f) => f.ruleId === 'k8s-no-host-namespaces' && !f.overlays));
    assert.deepEqual(analyse(tree, join(ROOT, 'components/extra/p.yaml')), []);
  });
});

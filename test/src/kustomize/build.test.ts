import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { clearParsedOthers, kustomize, memoryFiles, toValue, child, str, docOf, fileOf } from '../../../server/out/engine';

const R = resolve('/k');
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.25
          env:
            - name: A
              value: "1"
            - name: B
              value: "2"
          args: ["--one", "--two"]
        - name: sidecar
          image: envoy:v1
      volumes:
        - name: data
          emptyDir: {}
`;

function built(tree: Record<string, string>, dir = join(R, 'overlay')) {
  clearParsedOthers();
  const files = memoryFiles(tree);
  const result = kustomize.build(files, dir);
  return { ...result, values: result.objects.map((o) => toValue(o.root) as any) };
}

function overlay(kustomization: string, extra: Record<string, string> = {}) {
  return built({ [join(R, 'base/deploy.yaml')]: DEPLOY, [join(R, 'base/kustomization.yaml')]: 'resources: [deploy.yaml]\n', [join(R, 'overlay/kustomization.yaml')]: kustomization, ...extra });
}

const podOf = (v: any) => v.spec.template.spec;

describe('kustomize build: strategic merge', () => {
  it('merges containers and env by name, keeps the base order, appends new items', () => {
    const { values, problems } = overlay('resources: [../base]\npatches:\n  - path: p.yaml\n', {
      [join(R, 'overlay/p.yaml')]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n            - name: B\n              value: "3"\n            - name: C\n              value: "4"\n        - name: extra\n          image: busybox\n',
    });
    assert.deepEqual(problems, []);
    const pod = podOf(values[0]);
    assert.deepEqual(pod.containers.map((c: any) => c.name), ['web', 'sidecar', 'extra']);
    assert.deepEqual(pod.containers[0].env, [{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }]);
    assert.equal(pod.containers[0].image, 'nginx:1.25');
  });

  it('$patch: delete removes a list item and a whole object; null removes a key', () => {
    const { values } = overlay('resources: [../base]\npatchesStrategicMerge:\n  - p.yaml\n', {
      [join(R, 'overlay/p.yaml')]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: null\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          $patch: delete\n        - name: web\n          env:\n            - name: A\n              $patch: delete\n',
    });
    assert.deepEqual(podOf(values[0]).containers.map((c: any) => c.name), ['web']);
    assert.deepEqual(podOf(values[0]).containers[0].env, [{ name: 'B', value: '2' }]);
    assert.equal(values[0].metadata.labels, undefined);
    const gone = overlay('resources: [../base]\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: web\n      $patch: delete\n');
    assert.deepEqual(gone.values, []);
  });

  it('$patch: replace replaces a map or a list; lists without a merge key are replaced', () => {
    const { values } = overlay('resources: [../base]\npatches:\n  - path: p.yaml\n', {
      [join(R, 'overlay/p.yaml')]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      volumes:\n        - $patch: replace\n        - name: other\n          emptyDir: {}\n      containers:\n        - name: web\n          args: ["--three"]\n          env:\n            $patch: replace\n',
    });
    const pod = podOf(values[0]);
    assert.deepEqual(pod.volumes, [{ name: 'other', emptyDir: {} }]);
    assert.deepEqual(pod.containers[0].args, ['--three']);
  });
});

describe('kustomize build: JSON 6902, images, selectors, names, namespaces', () => {
  it('applies add, replace and remove (inline patch with target, and patchesJson6902 files)', () => {
    const { values, problems } = overlay(
      'resources: [../base]\npatches:\n  - target:\n      kind: Deployment\n      name: web\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/0/env/-\n        value:\n          name: D\n          value: "5"\n      - op: replace\n        path: /spec/template/spec/containers/0/image\n        value: nginx:1.27\n      - op: remove\n        path: /spec/template/spec/containers/1\npatchesJson6902:\n  - target:\n      group: apps\n      version: v1\n      kind: Deployment\n      name: w.*\n    path: ops.yaml\n',
      { [join(R, 'overlay/ops.yaml')]: '- op: add\n  path: /spec/template/spec/hostNetwork\n  value: true\n' },
    );
    assert.deepEqual(problems, []);
    const pod = podOf(values[0]);
    assert.deepEqual(pod.containers.map((c: any) => c.name), ['web']);
    assert.equal(pod.containers[0].image, 'nginx:1.27');
    assert.deepEqual(pod.containers[0].env.map((e: any) => e.name), ['A', 'B', 'D']);
    assert.equal(pod.hostNetwork, true);
  });

  it('a JSON 6902 path that does not exist is a problem on the patch entry, not a crash', () => {
    const { problems } = overlay('resources: [../base]\npatches:\n  - target: {kind: Deployment}\n    patch: |-\n      - op: replace\n        path: /spec/nothing/here\n        value: 1\n');
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /does not apply to Deployment\/web/);
  });

  it('images: newName, newTag, digest and tagSuffix set the deployed image; the value stands for the override', () => {
    const { objects, values } = overlay('resources: [../base]\nimages:\n  - name: nginx\n    newName: contoso.azurecr.io/nginx\n    newTag: "1.27"\n  - name: envoy\n    digest: sha256:abc\n');
    assert.deepEqual(podOf(values[0]).containers.map((c: any) => c.image), ['contoso.azurecr.io/nginx:1.27', 'envoy@sha256:abc']);
    const image = child(child(child(child(objects[0].root, 'spec'), 'template'), 'spec'), 'containers')!.children![0];
    const node = child(image, 'image')!;
    assert.equal(node.derived, true);
    assert.equal(fileOf(docOf(node))?.path, join(R, 'overlay/kustomization.yaml'));
    assert.deepEqual(kustomize.overrideImage('a/b:1', [{ name: 'a/b', tagSuffix: { type: 'string', value: '-x', offset: 0, length: 0 }, node: { type: 'object', offset: 0, length: 0 } }] as any)?.image, 'a/b:1-x');
  });

  it('target selectors: kind, name regex, labelSelector', () => {
    const two = DEPLOY + '---\n' + DEPLOY.replace(/name: web\n  labels:\n    app: web/, 'name: api\n  labels:\n    app: api');
    const { values } = built({
      [join(R, 'base/deploy.yaml')]: two, [join(R, 'base/kustomization.yaml')]: 'resources: [deploy.yaml]\n',
      [join(R, 'overlay/kustomization.yaml')]: 'resources: [../base]\npatches:\n  - target:\n      labelSelector: app=api\n    patch: |-\n      - op: add\n        path: /spec/paused\n        value: true\n  - target:\n      name: "w.b"\n    patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: anything\n      spec:\n        minReadySeconds: 3\n',
    });
    assert.deepEqual(values.map((v) => [v.metadata.name, v.spec.paused, v.spec.minReadySeconds]), [['web', undefined, 3], ['api', true, undefined]]);
  });

  it('namespace, namePrefix/nameSuffix (serviceAccountName follows its ServiceAccount), replicas', () => {
    const { values } = built({
      [join(R, 'base/deploy.yaml')]: DEPLOY.replace('    spec:\n      containers:', '    spec:\n      serviceAccountName: web\n      containers:'),
      [join(R, 'base/sa.yaml')]: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n',
      [join(R, 'base/kustomization.yaml')]: 'resources: [deploy.yaml, sa.yaml]\n',
      [join(R, 'overlay/kustomization.yaml')]: 'resources: [../base]\nnamespace: prod\nnamePrefix: p-\nnameSuffix: -1\nreplicas:\n  - name: web\n    count: 3\n',
    });
    assert.deepEqual(values.map((v) => [v.kind, v.metadata.name, v.metadata.namespace]), [['Deployment', 'p-web-1', 'prod'], ['ServiceAccount', 'p-web-1', 'prod'], ['ClusterRole', 'p-reader-1', undefined]]);
    assert.equal(podOf(values[0]).serviceAccountName, 'p-web-1');
    assert.equal(values[0].spec.replicas, 3);
  });

  it('components add resources and patch the resources of the kustomization that lists them', () => {
    const { values } = overlay('resources: [../base]\ncomponents: [../comp]\n', {
      [join(R, 'comp/kustomization.yaml')]: 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [sa.yaml]\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: web\n      spec:\n        template:\n          spec:\n            automountServiceAccountToken: false\n',
      [join(R, 'comp/sa.yaml')]: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n',
    });
    assert.deepEqual(values.map((v) => v.kind), ['Deployment', 'ServiceAccount']);
    assert.equal(podOf(values[0]).automountServiceAccountToken, false);
  });
});

describe('kustomize build: missing and cyclic bases', () => {
  it('a missing base or resource is a problem on the line that names it', () => {
    const { problems, objects } = overlay('resources:\n  - ../base\n  - ../nowhere\n  - gone.yaml\n  - https://github.com/org/repo//deploy?ref=v1\n');
    assert.equal(objects.length, 1);
    assert.deepEqual(problems.map((p) => str(p.node)), ['../nowhere', 'gone.yaml']);
  });

  it('a base that includes itself, and two bases that include each other, end with a cycle problem', () => {
    const self = built({ [join(R, 'overlay/kustomization.yaml')]: 'resources:\n  - .\n  - ../overlay\n' });
    assert.ok(self.problems.length >= 1 && self.problems.every((p) => /includes itself/.test(p.message)), JSON.stringify(self.problems.map((p) => p.message)));
    const pair = built({ [join(R, 'a/kustomization.yaml')]: 'resources: [../b]\n', [join(R, 'b/kustomization.yaml')]: 'resources: [../a]\n' }, join(R, 'a'));
    assert.match(pair.problems[0].message, /includes itself \(cycle: a -> b -> a\)/);
  });

  it('a chain deeper than the limit stops with a problem', () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 100; i++) tree[join(R, `l${i}/kustomization.yaml`)] = `resources: [../l${i + 1}]\n`;
    tree[join(R, 'l100/kustomization.yaml')] = 'resources: []\n';
    const { problems } = built(tree, join(R, 'l0'));
    assert.match(problems[0].message, /nested too deep/);
  });
});

describe('kustomize build: labels and annotations', () => {
  it('commonLabels and commonAnnotations reach the object and its pod template; labels[] only with includeTemplates', () => {
    const { values } = overlay('resources: [../base]\ncommonLabels:\n  team: a\ncommonAnnotations:\n  note: x\nlabels:\n  - pairs: {tier: web}\n  - pairs: {azure.workload.identity/use: "true"}\n    includeTemplates: true\n');
    assert.deepEqual(values[0].metadata.labels, { app: 'web', team: 'a', tier: 'web', 'azure.workload.identity/use': 'true' });
    assert.deepEqual(values[0].metadata.annotations, { note: 'x' });
    assert.deepEqual(values[0].spec.template.metadata, { labels: { team: 'a', 'azure.workload.identity/use': 'true' }, annotations: { note: 'x' } });
  });
});

describe('kustomize build: patches that match nothing', () => {
  it('a strategic-merge patch without target that matches no object is a problem on its entry (not with a remote base)', () => {
    const p = { [join(R, 'overlay/p.yaml')]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: wbe\nspec:\n  replicas: 2\n' };
    const { problems } = overlay('resources: [../base]\npatches:\n  - path: p.yaml\n', p);
    assert.deepEqual(problems.map((x) => [str(x.node), x.message]), [['p.yaml', 'The patch matches no resource of this build (Deployment/wbe).']]);
    assert.deepEqual(overlay('resources: [../base, "https://github.com/org/repo//base?ref=v1"]\npatches:\n  - path: p.yaml\n', p).problems, []);
  });
});

describe('kustomize build: namespace of binding subjects, built lists keep their items attached', () => {
  it('a RoleBinding ServiceAccount subject moves with the namespace; an overridden image is a child of its container', () => {
    const { values, objects } = built({
      [join(R, 'base/rb.yaml')]: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\nsubjects:\n  - kind: ServiceAccount\n    name: web\n  - kind: User\n    name: jane\nroleRef:\n  kind: Role\n  name: r\n',
      [join(R, 'base/deploy.yaml')]: DEPLOY,
      [join(R, 'base/kustomization.yaml')]: 'resources: [rb.yaml, deploy.yaml]\n',
      [join(R, 'overlay/kustomization.yaml')]: 'resources: [../base]\nnamespace: prod\nimages:\n  - name: envoy\n    newTag: v2\n',
    });
    assert.deepEqual(values[0].subjects, [{ kind: 'ServiceAccount', name: 'web', namespace: 'prod' }, { kind: 'User', name: 'jane' }]);
    const containers = child(child(child(child(objects[1].root, 'spec'), 'template'), 'spec'), 'containers')!;
    const sidecar = containers.children![1];
    assert.equal(sidecar.parent, containers);
    assert.equal(str(child(sidecar, 'image')), 'envoy:v2');
  });
});

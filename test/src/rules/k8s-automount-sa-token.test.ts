import * as assert from 'node:assert/strict';
import { analyzeFile, modelsOf, parseFile } from '../../../server/out/engine';
import { lines, ruleTester } from '../helpers/ruleTester';

const sa = (name: string, automount: string | undefined, ns?: string) =>
  lines('apiVersion: v1', 'kind: ServiceAccount', `metadata: {name: ${name}${ns ? `, namespace: ${ns}` : ''}}`, ...(automount === undefined ? [] : [`automountServiceAccountToken: ${automount}`]));
const deployment = (name: string, ns: string | undefined, ...spec: string[]) =>
  lines('apiVersion: apps/v1', 'kind: Deployment', `metadata: {name: ${name}${ns ? `, namespace: ${ns}` : ''}}`, 'spec:', '  template:', '    spec:', ...spec);

ruleTester('k8s-automount-sa-token', {
  valid: [
    { name: 'pod sets false', path: 'pod.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  automountServiceAccountToken: false', '  containers: [{name: a, image: "a:1"}]') },
    {
      name: 'its ServiceAccount (same file, same namespace) sets false and the pod does not override it',
      path: 'app.yaml',
      code: sa('app', 'false', 'prod') + '---\n' + deployment('web', 'prod', '      serviceAccountName: app', '      containers: [{name: a, image: "a:1"}]'),
    },
    {
      name: 'the deprecated serviceAccount alias and the default ServiceAccount',
      path: 'app.yaml',
      code: sa('legacy', 'false') + '---\n' + sa('default', 'false') + '---\n' + deployment('a', undefined, '      serviceAccount: legacy', '      containers: [{name: a, image: "a:1"}]') + '---\n' + deployment('b', undefined, '      containers: [{name: a, image: "a:1"}]'),
    },
    {
      name: 'CronJob, Job and PodTemplate in a List (flow style) and JSON',
      path: 'list.yaml',
      code: lines('apiVersion: v1', 'kind: List', 'items:',
        '- {apiVersion: batch/v1, kind: CronJob, metadata: {name: c}, spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {automountServiceAccountToken: false, containers: [{name: a, image: "a:1"}]}}}}}}',
        '- {apiVersion: v1, kind: PodTemplate, metadata: {name: t}, template: {spec: {automountServiceAccountToken: false, containers: [{name: a, image: "a:1"}]}}}'),
    },
    {
      name: 'a ServiceAccount bound to a (Cluster)Role in the scanned files is meant to call the API (ingress controller)',
      path: 'traefik.yaml',
      code: sa('traefik', undefined, 'ingress') + '---\n' +
        lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRoleBinding', 'metadata: {name: traefik}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: traefik}', 'subjects:', '- kind: ServiceAccount', '  name: traefik', '  namespace: ingress') + '---\n' +
        deployment('traefik', 'ingress', '      serviceAccountName: traefik', '      containers: [{name: a, image: "a:1"}]') + '---\n' +
        lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: reader, namespace: ops}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}', 'subjects: [{kind: ServiceAccount, name: reader}]') + '---\n' +
        deployment('reader', 'ops', '      serviceAccountName: reader', '      automountServiceAccountToken: true', '      containers: [{name: a, image: "a:1"}]'),
    },
    { name: 'JSON Job', path: 'job.json', code: '{"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}, "spec": {"template": {"spec": {"automountServiceAccountToken": false, "containers": [{"name": "a", "image": "a:1"}]}}}}\n' },
  ],
  invalid: [
    {
      name: 'a binding for a ServiceAccount of another namespace, or for the default ServiceAccount, does not exempt the pod',
      path: 'app.yaml',
      code: lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: r, namespace: prod}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}', 'subjects: [{kind: ServiceAccount, name: app}, {kind: ServiceAccount, name: default}]') + '---\n' +
        deployment('a', 'dev', '      serviceAccountName: app', '      containers: [{name: a, image: "a:1"}]') + '---\n' + deployment('b', 'prod', '      containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'missing', line: 12, column: 5, text: 'spec' }, { messageId: 'missing', line: 21, column: 5, text: 'spec' }],
      output: lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: r, namespace: prod}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}', 'subjects: [{kind: ServiceAccount, name: app}, {kind: ServiceAccount, name: default}]') + '---\n' +
        deployment('a', 'dev', '      serviceAccountName: app', '      containers: [{name: a, image: "a:1"}]', '      automountServiceAccountToken: false') + '---\n' + deployment('b', 'prod', '      containers: [{name: a, image: "a:1"}]', '      automountServiceAccountToken: false'),
    },
    {
      name: 'Deployment without a value and without a ServiceAccount in scope: the fix adds false to the pod spec',
      path: 'deploy.yaml',
      code: deployment('web', undefined, '      containers:', '      - name: a', '        image: a:1'),
      errors: [{ messageId: 'missing', line: 6, column: 5, text: 'spec', severity: 'info', fixable: true }],
      output: deployment('web', undefined, '      containers:', '      - name: a', '        image: a:1', '      automountServiceAccountToken: false'),
    },
    {
      name: 'the ServiceAccount of another namespace does not count; only that document is fixed',
      path: 'app.yaml',
      code: sa('app', 'false', 'prod') + '---\n' + deployment('other', 'dev', '      serviceAccountName: app', '      containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'missing', line: 11, column: 5, text: 'spec' }],
      output: sa('app', 'false', 'prod') + '---\n' + deployment('other', 'dev', '      serviceAccountName: app', '      containers: [{name: a, image: "a:1"}]', '      automountServiceAccountToken: false'),
    },
    {
      name: 'a ServiceAccount that mounts the token (unset or true) does not help',
      path: 'app.yaml',
      code: sa('app', undefined) + '---\n' + sa('ops', 'true') + '---\n' + deployment('a', undefined, '      serviceAccountName: app', '      containers: [{name: a, image: "a:1"}]') + '---\n' + deployment('b', undefined, '      serviceAccountName: ops', '      containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'missing', line: 15, column: 5, text: 'spec' }, { messageId: 'missing', line: 24, column: 5, text: 'spec' }],
      output: sa('app', undefined) + '---\n' + sa('ops', 'true') + '---\n' + deployment('a', undefined, '      serviceAccountName: app', '      containers: [{name: a, image: "a:1"}]', '      automountServiceAccountToken: false') + '---\n' + deployment('b', undefined, '      serviceAccountName: ops', '      containers: [{name: a, image: "a:1"}]', '      automountServiceAccountToken: false'),
    },
    {
      name: 'an explicit true on the pod wins over the ServiceAccount: reported with a suggestion, no fix',
      path: 'app.yaml',
      code: sa('app', 'false') + '---\n' + deployment('web', undefined, '      serviceAccountName: app', '      automountServiceAccountToken: true # calls the API', '      containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'enabled', line: 13, column: 37, text: 'true', fixable: false }],
    },
    {
      name: 'StatefulSet, DaemonSet, ReplicaSet and ReplicationController in flow style',
      path: 'multi.yaml',
      code: lines(
        'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: s}', 'spec: {template: {spec: {containers: [{name: a, image: "a:1"}]}}}', '---',
        'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: d}', 'spec: {template: {spec: {containers: [{name: a, image: "a:1"}]}}}', '---',
        'apiVersion: apps/v1', 'kind: ReplicaSet', 'metadata: {name: r}', 'spec: {template: {spec: {containers: [{name: a, image: "a:1"}]}}}', '---',
        'apiVersion: v1', 'kind: ReplicationController', 'metadata: {name: rc}', 'spec: {template: {spec: {containers: [{name: a, image: "a:1"}]}}}'),
      errors: [
        { messageId: 'missing', line: 4, column: 19, text: 'spec' },
        { messageId: 'missing', line: 9, column: 19, text: 'spec' },
        { messageId: 'missing', line: 14, column: 19, text: 'spec' },
        { messageId: 'missing', line: 19, column: 19, text: 'spec' },
      ],
      output: lines(
        'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: s}', 'spec: {template: {spec: {containers: [{name: a, image: "a:1"}], automountServiceAccountToken: false}}}', '---',
        'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: d}', 'spec: {template: {spec: {containers: [{name: a, image: "a:1"}], automountServiceAccountToken: false}}}', '---',
        'apiVersion: apps/v1', 'kind: ReplicaSet', 'metadata: {name: r}', 'spec: {template: {spec: {containers: [{name: a, image: "a:1"}], automountServiceAccountToken: false}}}', '---',
        'apiVersion: v1', 'kind: ReplicationController', 'metadata: {name: rc}', 'spec: {template: {spec: {containers: [{name: a, image: "a:1"}], automountServiceAccountToken: false}}}'),
    },
    {
      name: 'Pod in a kind: List; the ServiceAccount in the same List counts',
      path: 'list.yaml',
      code: lines('apiVersion: v1', 'kind: List', 'items:', '- {apiVersion: v1, kind: ServiceAccount, metadata: {name: quiet}, automountServiceAccountToken: false}',
        '- apiVersion: v1', '  kind: Pod', '  metadata: {name: ok}', '  spec:', '    serviceAccountName: quiet', '    containers: [{name: a, image: "a:1"}]',
        '- apiVersion: v1', '  kind: Pod', '  metadata: {name: p}', '  spec:', '    containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'missing', line: 14, column: 3, text: 'spec' }],
      output: lines('apiVersion: v1', 'kind: List', 'items:', '- {apiVersion: v1, kind: ServiceAccount, metadata: {name: quiet}, automountServiceAccountToken: false}',
        '- apiVersion: v1', '  kind: Pod', '  metadata: {name: ok}', '  spec:', '    serviceAccountName: quiet', '    containers: [{name: a, image: "a:1"}]',
        '- apiVersion: v1', '  kind: Pod', '  metadata: {name: p}', '  spec:', '    containers: [{name: a, image: "a:1"}]', '    automountServiceAccountToken: false'),
    },
    {
      name: 'JSON CronJob',
      path: 'cron.json',
      code: '{\n  "apiVersion": "batch/v1",\n  "kind": "CronJob",\n  "metadata": {"name": "c"},\n  "spec": {\n    "schedule": "@daily",\n    "jobTemplate": {\n      "spec": {\n        "template": {\n          "spec": {\n            "containers": [{"name": "a", "image": "a:1"}]\n          }\n        }\n      }\n    }\n  }\n}\n',
      errors: [{ messageId: 'missing', line: 10, column: 11, text: '"spec"' }],
      output: '{\n  "apiVersion": "batch/v1",\n  "kind": "CronJob",\n  "metadata": {"name": "c"},\n  "spec": {\n    "schedule": "@daily",\n    "jobTemplate": {\n      "spec": {\n        "template": {\n          "spec": {\n            "containers": [{"name": "a", "image": "a:1"}],\n            "automountServiceAccountToken": false\n          }\n        }\n      }\n    }\n  }\n}\n',
    },
  ],
});

describe('rule k8s-automount-sa-token across files (CLI and workspace scan)', () => {
  it('a ServiceAccount in another scanned file counts', () => {
    const account = parseFile('sa.yaml', sa('app', 'false'));
    const workload = parseFile('deploy.yaml', deployment('web', undefined, '      serviceAccountName: app', '      containers: [{name: a, image: "a:1"}]'));
    const project = { models: [...modelsOf(account), ...modelsOf(workload)] };
    assert.deepEqual(analyzeFile(workload, {}, project).findings.filter((f) => f.ruleId === 'k8s-automount-sa-token'), []);
    assert.equal(analyzeFile(workload).findings.filter((f) => f.ruleId === 'k8s-automount-sa-token').length, 1, 'alone, the file has the finding');
  });
});

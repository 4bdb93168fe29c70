import { lines, ruleTester } from '../helpers/ruleTester';

const A = 'container.apparmor.security.beta.kubernetes.io';
const old = { kubernetesVersion: '1.29' };

ruleTester('k8s-apparmor', {
  valid: [
    {
      name: 'pod-level field RuntimeDefault covers every container',
      path: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext:', '    appArmorProfile:', '      type: RuntimeDefault',
        '  initContainers: [{name: i, image: "i:1", restartPolicy: Always}]', '  containers: [{name: a, image: "a:1"}]', '  ephemeralContainers: [{name: d, image: "d:1"}]'),
    },
    {
      name: 'container fields: Localhost with a profile, RuntimeDefault',
      path: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      appArmorProfile: {type: Localhost, localhostProfile: k8s-apparmor-example}',
        '  - {name: b, image: "b:1", securityContext: {appArmorProfile: {type: RuntimeDefault}}}'),
    },
    {
      name: 'legacy annotations on the pod template metadata, one per container',
      path: 'deploy.yaml',
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  template:', '    metadata:', '      annotations:', `        ${A}/app: runtime/default`, `        ${A}/sidecar: localhost/my-profile`,
        '    spec:', '      containers: [{name: app, image: "a:1"}]', '      initContainers: [{name: sidecar, image: "s:1", restartPolicy: Always}]'),
    },
    {
      name: 'annotation for one container, field for the other (CronJob)',
      path: 'cron.yaml',
      code: lines('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec:', '  schedule: "@daily"', '  jobTemplate:', '    spec:', '      template:', `        metadata: {annotations: {${A}/a: runtime/default}}`, '        spec:',
        '          containers: [{name: a, image: "a:1"}, {name: b, image: "b:1", securityContext: {appArmorProfile: {type: RuntimeDefault}}}]'),
    },
    {
      name: 'Windows pods are not checked',
      path: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  os: {name: windows}', '  securityContext: {appArmorProfile: {type: Unconfined}}', '  containers: [{name: a, image: "a:1"}]'),
    },
    {
      name: 'JSON Pod with the field',
      path: 'pod.json',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "a", "image": "a:1"}]}}\n',
    },
  ],
  invalid: [
    {
      name: 'unset (Kubernetes 1.30, the default): Information, the fix adds the pod-level field',
      path: 'deploy.yaml',
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    metadata:', '      labels: {app: web}', '    spec:', '      containers:', '      - name: app', '        image: a:1'),
      errors: [{ messageId: 'missing', line: 8, column: 5, text: 'spec', severity: 'info', fixable: true }],
      output: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    metadata:', '      labels: {app: web}', '    spec:', '      containers:', '      - name: app', '        image: a:1',
        '      securityContext:', '        appArmorProfile:', '          type: RuntimeDefault'),
    },
    {
      name: "Kubernetes 1.29: the fix adds an annotation per container to the pod template metadata; the controller's own annotation does not count",
      path: 'deploy.yaml',
      options: old,
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', '  annotations:', `    ${A}/app: runtime/default`, 'spec:', '  template:', '    metadata:', '      labels: {app: web}', '    spec:',
        '      initContainers: [{name: init, image: "i:1"}]', '      containers:', '      - name: app', '        image: a:1'),
      errors: [{ messageId: 'missing', line: 11, column: 5, text: 'spec', severity: 'info' }],
      output: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', '  annotations:', `    ${A}/app: runtime/default`, 'spec:', '  template:', '    metadata:', '      labels: {app: web}',
        '      annotations:', `        ${A}/init: runtime/default`, `        ${A}/app: runtime/default`, '    spec:',
        '      initContainers: [{name: init, image: "i:1"}]', '      containers:', '      - name: app', '        image: a:1'),
    },
    {
      name: 'Kubernetes 1.29: existing annotations get the missing keys; a template without metadata gets one',
      path: 'multi.yaml',
      options: old,
      code: lines('apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: s}', 'spec:', '  template:', '    metadata:', '      annotations:', `        ${A}/a: runtime/default # reviewed`, '    spec:', '      containers: [{name: a, image: "a:1"}, {name: b, image: "b:1"}]', '---',
        'apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec:', '  template:', '    spec:', '      restartPolicy: Never', '      containers: [{name: job, image: "j:1"}]'),
      errors: [{ messageId: 'missing', line: 9, column: 5, text: 'spec' }, { messageId: 'missing', line: 17, column: 5, text: 'spec' }],
      output: lines('apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: s}', 'spec:', '  template:', '    metadata:', '      annotations:', `        ${A}/a: runtime/default # reviewed`, `        ${A}/b: runtime/default`, '    spec:', '      containers: [{name: a, image: "a:1"}, {name: b, image: "b:1"}]', '---',
        'apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec:', '  template:', '    spec:', '      restartPolicy: Never', '      containers: [{name: job, image: "j:1"}]', '    metadata:', '      annotations:', `        ${A}/job: runtime/default`),
    },
    {
      name: 'Kubernetes 1.29: Pod with empty annotations `{}` and a flow-style ReplicaSet',
      path: 'multi.yaml',
      options: old,
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p, annotations: {}}', 'spec: {containers: [{name: a, image: "a:1"}]}', '---',
        'apiVersion: apps/v1', 'kind: ReplicaSet', 'metadata: {name: rs}', 'spec: {template: {metadata: {labels: {a: b}}, spec: {containers: [{name: r, image: "r:1"}]}}}'),
      errors: [{ messageId: 'missing', line: 4, column: 1, text: 'spec' }, { messageId: 'missing', line: 9, column: 47, text: 'spec' }],
      output: lines('apiVersion: v1', 'kind: Pod', `metadata: {name: p, annotations: {${A}/a: runtime/default}}`, 'spec: {containers: [{name: a, image: "a:1"}]}', '---',
        'apiVersion: apps/v1', 'kind: ReplicaSet', 'metadata: {name: rs}', `spec: {template: {metadata: {labels: {a: b}, annotations: {${A}/r: runtime/default}}, spec: {containers: [{name: r, image: "r:1"}]}}}`),
    },
    {
      name: 'Unconfined field (pod and container) and unconfined annotation are errors; the fix picks the runtime default',
      path: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations:', `    ${A}/b: unconfined`, 'spec:', '  securityContext:', '    appArmorProfile: {type: Unconfined}',
        '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      appArmorProfile:', '        type: Unconfined # debugging', '  - {name: b, image: "b:1"}'),
      errors: [
        { messageId: 'unconfinedAnnotation', line: 6, column: 55, text: 'unconfined', severity: 'error', fixable: true },
        { messageId: 'unconfined', line: 9, column: 29, text: 'Unconfined', severity: 'error', fixable: true },
        { messageId: 'unconfined', line: 15, column: 15, text: 'Unconfined', severity: 'error', fixable: true },
      ],
      output: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations:', `    ${A}/b: runtime/default`, 'spec:', '  securityContext:', '    appArmorProfile: {type: RuntimeDefault}',
        '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      appArmorProfile:', '        type: RuntimeDefault # debugging', '  - {name: b, image: "b:1"}'),
    },
    {
      name: 'Localhost without a profile name (field and annotation): Warning, no fix',
      path: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p, annotations: {"' + A + '/b": "localhost/"}}', 'spec:',
        '  containers:', '  - {name: a, image: "a:1", securityContext: {appArmorProfile: {type: Localhost}}}', '  - {name: b, image: "b:1"}'),
      errors: [
        { messageId: 'annotationWithoutProfile', line: 3, column: 87, text: '"localhost/"', severity: 'warning', fixable: false },
        { messageId: 'localhostWithoutProfile', line: 6, column: 71, text: 'Localhost', severity: 'warning', fixable: false },
      ],
    },
    {
      name: 'CronJob, PodTemplate and ephemeral containers in a kind: List',
      path: 'list.yaml',
      code: lines('apiVersion: v1', 'kind: List', 'items:',
        '- {apiVersion: batch/v1, kind: CronJob, metadata: {name: c}, spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: "a:1"}]}}}}}}',
        '- apiVersion: v1', '  kind: PodTemplate', '  metadata: {name: t}', '  template:', '    spec:', '      securityContext: {runAsNonRoot: true}', '      containers: [{name: t, image: "t:1", securityContext: {appArmorProfile: {type: RuntimeDefault}}}]', '      ephemeralContainers: [{name: dbg, image: "d:1"}]'),
      errors: [{ messageId: 'missing', line: 4, column: 121, text: 'spec' }, { messageId: 'missing', line: 10, column: 7, text: 'securityContext' }],
      output: lines('apiVersion: v1', 'kind: List', 'items:',
        '- {apiVersion: batch/v1, kind: CronJob, metadata: {name: c}, spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: "a:1"}], securityContext: {appArmorProfile: {type: RuntimeDefault}}}}}}}}',
        '- apiVersion: v1', '  kind: PodTemplate', '  metadata: {name: t}', '  template:', '    spec:', '      securityContext: {runAsNonRoot: true, appArmorProfile: {type: RuntimeDefault}}', '      containers: [{name: t, image: "t:1", securityContext: {appArmorProfile: {type: RuntimeDefault}}}]', '      ephemeralContainers: [{name: dbg, image: "d:1"}]'),
    },
    {
      name: 'JSON DaemonSet, Kubernetes 1.29: annotations created in the pod template',
      path: 'ds.json',
      options: old,
      code: '{\n  "apiVersion": "apps/v1",\n  "kind": "DaemonSet",\n  "metadata": {"name": "agent"},\n  "spec": {\n    "template": {\n      "metadata": {\n        "labels": {"app": "agent"}\n      },\n      "spec": {\n        "containers": [{"name": "agent", "image": "a:1"}]\n      }\n    }\n  }\n}\n',
      errors: [{ messageId: 'missing', line: 10, column: 7, text: '"spec"' }],
      output: '{\n  "apiVersion": "apps/v1",\n  "kind": "DaemonSet",\n  "metadata": {"name": "agent"},\n  "spec": {\n    "template": {\n      "metadata": {\n        "labels": {"app": "agent"},\n        "annotations": {\n          "container.apparmor.security.beta.kubernetes.io/agent": "runtime/default"\n        }\n      },\n      "spec": {\n        "containers": [{"name": "agent", "image": "a:1"}]\n      }\n    }\n  }\n}\n',
    },
    {
      name: 'JSON ReplicationController, Kubernetes 1.30: the field',
      path: 'rc.json',
      code: '{"apiVersion": "v1", "kind": "ReplicationController", "metadata": {"name": "rc"}, "spec": {"template": {"spec": {"containers": [{"name": "a", "image": "a:1"}]}}}}\n',
      errors: [{ messageId: 'missing', line: 1, column: 105, text: '"spec"' }],
      output: '{"apiVersion": "v1", "kind": "ReplicationController", "metadata": {"name": "rc"}, "spec": {"template": {"spec": {"containers": [{"name": "a", "image": "a:1"}], "securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}}}}}}\n',
    },
  ],
});

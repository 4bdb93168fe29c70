import { lines, ruleTester } from '../helpers/ruleTester';

ruleTester('k8s-read-only-root-fs', {
  valid: [
    {
      name: 'every container (init, regular, ephemeral) read-only',
      path: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  initContainers: [{name: i, image: "i:1", securityContext: {readOnlyRootFilesystem: true}}]',
        '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      readOnlyRootFilesystem: true', '  ephemeralContainers: [{name: d, image: "d:1", securityContext: {readOnlyRootFilesystem: true}}]'),
    },
    {
      name: 'Windows pods are not checked (the field is not supported there)',
      path: 'deploy.yaml',
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  template:', '    spec:', '      os: {name: windows}', '      containers: [{name: a, image: "a:1"}]'),
    },
    { name: 'a pod-level value does not exist: only containers count', path: 'x.yaml', code: lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data: {readOnlyRootFilesystem: "false"}') },
  ],
  invalid: [
    {
      name: 'missing and explicit false, block style; the fix adds or sets true',
      path: 'deploy.yaml',
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: a', '        image: a:1',
        '      - name: b', '        image: b:1', '        securityContext:', '          readOnlyRootFilesystem: false # writes /tmp', '      - name: c', '        image: c:1', '        securityContext:', '          runAsUser: 1000'),
      errors: [
        { messageId: 'missing', line: 8, column: 15, text: 'a', severity: 'info', fixable: true },
        { messageId: 'writable', line: 13, column: 35, text: 'false' },
        { messageId: 'missing', line: 16, column: 9, text: 'securityContext' },
      ],
      output: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: a', '        image: a:1', '        securityContext:', '          readOnlyRootFilesystem: true',
        '      - name: b', '        image: b:1', '        securityContext:', '          readOnlyRootFilesystem: true # writes /tmp', '      - name: c', '        image: c:1', '        securityContext:', '          runAsUser: 1000', '          readOnlyRootFilesystem: true'),
    },
    {
      name: 'flow style sidecar and ephemeral container of a StatefulSet',
      path: 'sts.yaml',
      code: lines('apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: s}', 'spec:', '  template:', '    spec:',
        '      initContainers: [{name: proxy, image: "p:1", restartPolicy: Always}]', '      containers: [{name: db, image: "db:1", securityContext: {readOnlyRootFilesystem: true}}]', '      ephemeralContainers: [{name: dbg, image: "d:1", securityContext: {}}]'),
      errors: [
        { messageId: 'missing', line: 7, column: 31, text: 'proxy' },
        { messageId: 'missing', line: 9, column: 55, text: 'securityContext' },
      ],
      output: lines('apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: s}', 'spec:', '  template:', '    spec:',
        '      initContainers: [{name: proxy, image: "p:1", restartPolicy: Always, securityContext: {readOnlyRootFilesystem: true}}]', '      containers: [{name: db, image: "db:1", securityContext: {readOnlyRootFilesystem: true}}]', '      ephemeralContainers: [{name: dbg, image: "d:1", securityContext: {readOnlyRootFilesystem: true}}]'),
    },
    {
      name: 'CronJob and a List with a ReplicaSet and a PodTemplate; the Windows DaemonSet is skipped',
      path: 'multi.yaml',
      code: lines('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: cj}', 'spec:', '  schedule: "@daily"', '  jobTemplate:', '    spec:', '      template:', '        spec:', '          containers:', '          - name: job', '            image: j:1', '---',
        'apiVersion: v1', 'kind: List', 'items:', '- {apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: rs}, spec: {template: {spec: {containers: [{name: r, image: "r:1"}]}}}}',
        '- {apiVersion: v1, kind: PodTemplate, metadata: {name: pt}, template: {spec: {containers: [{name: t, image: "t:1", securityContext: {readOnlyRootFilesystem: true}}]}}}',
        '- {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: win}, spec: {template: {spec: {os: {name: windows}, containers: [{name: w, image: "w:1"}]}}}}'),
      errors: [
        { messageId: 'missing', line: 11, column: 19, text: 'job' },
        { messageId: 'missing', line: 17, column: 110, text: 'r' },
      ],
      output: lines('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: cj}', 'spec:', '  schedule: "@daily"', '  jobTemplate:', '    spec:', '      template:', '        spec:', '          containers:', '          - name: job', '            image: j:1', '            securityContext:', '              readOnlyRootFilesystem: true', '---',
        'apiVersion: v1', 'kind: List', 'items:', '- {apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: rs}, spec: {template: {spec: {containers: [{name: r, image: "r:1", securityContext: {readOnlyRootFilesystem: true}}]}}}}',
        '- {apiVersion: v1, kind: PodTemplate, metadata: {name: pt}, template: {spec: {containers: [{name: t, image: "t:1", securityContext: {readOnlyRootFilesystem: true}}]}}}',
        '- {apiVersion: apps/v1, kind: DaemonSet, metadata: {name: win}, spec: {template: {spec: {os: {name: windows}, containers: [{name: w, image: "w:1"}]}}}}'),
    },
    {
      name: 'JSON ReplicationController and Job',
      path: 'rc.json',
      code: '{\n  "apiVersion": "v1",\n  "kind": "ReplicationController",\n  "metadata": {"name": "rc"},\n  "spec": {\n    "template": {\n      "spec": {\n        "containers": [\n          {\n            "name": "a",\n            "image": "a:1"\n          }\n        ]\n      }\n    }\n  }\n}\n',
      errors: [{ messageId: 'missing', line: 10, column: 21, text: '"a"' }],
      output: '{\n  "apiVersion": "v1",\n  "kind": "ReplicationController",\n  "metadata": {"name": "rc"},\n  "spec": {\n    "template": {\n      "spec": {\n        "containers": [\n          {\n            "name": "a",\n            "image": "a:1",\n            "securityContext": {\n              "readOnlyRootFilesystem": true\n            }\n          }\n        ]\n      }\n    }\n  }\n}\n',
    },
  ],
});

import { lines, ruleTester } from '../helpers/ruleTester';

const pod = (...spec: string[]) => lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', ...spec);

ruleTester('k8s-drop-all-capabilities', {
  valid: [
    {
      name: 'drop ALL, add back NET_BIND_SERVICE, in every container list',
      path: 'pod.yaml',
      code: pod(
        '  initContainers:', '  - name: init', '    image: i:1', '    securityContext: {capabilities: {drop: ["ALL"]}}',
        '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      capabilities:', '        drop:', '        - ALL', '        add:', '        - NET_BIND_SERVICE',
        '  ephemeralContainers:', '  - {name: dbg, image: "d:1", securityContext: {capabilities: {drop: [all]}}}'),
    },
    {
      name: 'Windows pods are exempt from drop ALL and from the restricted add list (Kubernetes 1.25 and later)',
      path: 'pod.yaml',
      code: pod('  os: {name: windows}', '  containers:', '  - name: a', '    image: a:1', '    securityContext: {capabilities: {add: [CHOWN]}}'),
    },
    {
      name: 'Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, PodTemplate in a List (JSON)',
      path: 'list.json',
      code: JSON.stringify({
        apiVersion: 'v1', kind: 'List', items: [
          ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['apps/v1', 'ReplicaSet'], ['batch/v1', 'Job'], ['v1', 'ReplicationController'],
        ].map(([apiVersion, kind]) => ({ apiVersion, kind, metadata: { name: 'x' }, spec: { template: { spec: { containers: [{ name: 'a', image: 'a:1', securityContext: { capabilities: { drop: ['ALL'] } } }] } } } })),
      }, null, 2) + '\n',
    },
  ],
  invalid: [
    {
      name: 'Windows pods get the restricted checks before Kubernetes 1.25',
      path: 'pod.yaml',
      options: { kubernetesVersion: '1.24' },
      code: pod('  os: {name: windows}', '  containers:', '  - name: a', '    image: a:1', '    securityContext: {capabilities: {add: [CHOWN]}}'),
      errors: [{ messageId: 'dropMissing', line: 9, column: 23, text: 'capabilities' }, { messageId: 'addNotAllowed', line: 9, column: 44, text: 'CHOWN', severity: 'warning' }],
      output: pod('  os: {name: windows}', '  containers:', '  - name: a', '    image: a:1', '    securityContext: {capabilities: {add: [CHOWN], drop: [ALL]}}'),
    },
    {
      name: 'no securityContext: the fix creates securityContext/capabilities/drop',
      path: 'deploy.yaml',
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: app', '        image: app:1'),
      errors: [{ messageId: 'dropMissing', line: 8, column: 15, text: 'app', severity: 'warning', fixable: true }],
      output: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: app', '        image: app:1',
        '        securityContext:', '          capabilities:', '            drop: [ALL]'),
    },
    {
      name: 'a drop list without ALL gets ALL appended; adds are reported, never removed',
      path: 'pod.yaml',
      code: pod('  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      capabilities:',
        '        add: ["NET_BIND_SERVICE", "CHOWN", "sys_admin", "CAP_NET_RAW"]', '        drop:', '        - NET_RAW # keep'),
      errors: [
        { messageId: 'addNotAllowed', line: 10, column: 35, text: '"CHOWN"', severity: 'warning', fixable: false },
        { messageId: 'addDangerous', line: 10, column: 44, text: '"sys_admin"', severity: 'error', fixable: false },
        { messageId: 'addOutsideBaseline', line: 10, column: 57, text: '"CAP_NET_RAW"', severity: 'error', fixable: false },
        { messageId: 'dropMissing', line: 11, column: 9, text: 'drop', fixable: true },
      ],
      output: pod('  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      capabilities:',
        '        add: ["NET_BIND_SERVICE", "CHOWN", "sys_admin", "CAP_NET_RAW"]', '        drop:', '        - NET_RAW # keep', '        - ALL'),
    },
    {
      name: 'flow style: ALL appended to a flow list, drop created inside a flow map',
      path: 'pod.yaml',
      code: pod('  containers:', '  - {name: a, image: "a:1", securityContext: {capabilities: {drop: [NET_RAW]}}}', '  - {name: b, image: "b:1", securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}}', '  - {name: c, image: "c:1", securityContext: {}}'),
      errors: [
        { messageId: 'dropMissing', line: 6, column: 62, text: 'drop' },
        { messageId: 'dropMissing', line: 7, column: 47, text: 'capabilities' },
        { messageId: 'dropMissing', line: 8, column: 29, text: 'securityContext' },
      ],
      output: pod('  containers:', '  - {name: a, image: "a:1", securityContext: {capabilities: {drop: [NET_RAW, ALL]}}}', '  - {name: b, image: "b:1", securityContext: {capabilities: {add: [NET_BIND_SERVICE], drop: [ALL]}}}', '  - {name: c, image: "c:1", securityContext: {capabilities: {drop: [ALL]}}}'),
    },
    {
      name: 'SYS_ADMIN and NET_ADMIN in a sidecar init container are errors; Windows pods still get the baseline check',
      path: 'pod.yaml',
      code: pod('  os:', '    name: windows', '  initContainers:', '  - name: mesh', '    image: m:1', '    restartPolicy: Always', '    securityContext:', '      capabilities:', '        add: [SYS_ADMIN, NET_ADMIN, KILL]'),
      errors: [
        { messageId: 'addDangerous', line: 13, column: 15, text: 'SYS_ADMIN', severity: 'error' },
        { messageId: 'addDangerous', line: 13, column: 26, text: 'NET_ADMIN', severity: 'error' },
      ],
    },
    {
      name: 'ALL added is an error',
      path: 'pod.yaml',
      code: pod('  containers:', '  - name: a', '    image: a:1', '    securityContext: {capabilities: {add: [ALL], drop: [ALL]}}'),
      errors: [{ messageId: 'addDangerous', line: 8, column: 44, text: 'ALL', severity: 'error' }],
    },
    {
      name: 'ephemeral container, empty `capabilities:` is filled',
      path: 'pod.yaml',
      code: pod('  containers: [{name: a, image: "a:1", securityContext: {capabilities: {drop: [ALL]}}}]', '  ephemeralContainers:', '  - name: dbg', '    image: d:1', '    securityContext:', '      capabilities:'),
      errors: [{ messageId: 'dropMissing', line: 10, column: 7, text: 'capabilities' }],
      output: pod('  containers: [{name: a, image: "a:1", securityContext: {capabilities: {drop: [ALL]}}}]', '  ephemeralContainers:', '  - name: dbg', '    image: d:1', '    securityContext:', '      capabilities:', '        drop: [ALL]'),
    },
    {
      name: 'CronJob and PodTemplate in a multi-document file; the ConfigMap is untouched',
      path: 'multi.yaml',
      code: lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data: {a: b}', '---',
        'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: cj}', 'spec:', '  schedule: "@daily"', '  jobTemplate:', '    spec:', '      template:', '        spec:', '          containers:', '            - name: job', '              image: j:1', '---',
        'apiVersion: v1', 'kind: PodTemplate', 'metadata: {name: t}', 'template:', '  spec:', '    containers:', '    - name: t', '      image: t:1', '      securityContext:', '        capabilities:', '          drop: []'),
      errors: [
        { messageId: 'dropMissing', line: 16, column: 21, text: 'job' },
        { messageId: 'dropMissing', line: 29, column: 11, text: 'drop' },
      ],
      output: lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data: {a: b}', '---',
        'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: cj}', 'spec:', '  schedule: "@daily"', '  jobTemplate:', '    spec:', '      template:', '        spec:', '          containers:', '            - name: job', '              image: j:1',
        '              securityContext:', '                capabilities:', '                  drop: [ALL]', '---',
        'apiVersion: v1', 'kind: PodTemplate', 'metadata: {name: t}', 'template:', '  spec:', '    containers:', '    - name: t', '      image: t:1', '      securityContext:', '        capabilities:', '          drop: [ALL]'),
    },
    {
      name: 'kind: List with a DaemonSet and a StatefulSet',
      path: 'list.yaml',
      code: lines('apiVersion: v1', 'kind: List', 'items:',
        '  - apiVersion: apps/v1', '    kind: DaemonSet', '    metadata: {name: ds}', '    spec:', '      template:', '        spec:', '          containers:', '          - name: agent', '            image: a:1', '            securityContext:', '              privileged: false',
        '  - {apiVersion: apps/v1, kind: StatefulSet, metadata: {name: st}, spec: {template: {spec: {containers: [{name: db, image: "db:1"}]}}}}'),
      errors: [
        { messageId: 'dropMissing', line: 13, column: 13, text: 'securityContext' },
        { messageId: 'dropMissing', line: 15, column: 113, text: 'db' },
      ],
      output: lines('apiVersion: v1', 'kind: List', 'items:',
        '  - apiVersion: apps/v1', '    kind: DaemonSet', '    metadata: {name: ds}', '    spec:', '      template:', '        spec:', '          containers:', '          - name: agent', '            image: a:1', '            securityContext:', '              privileged: false', '              capabilities:', '                drop: [ALL]',
        '  - {apiVersion: apps/v1, kind: StatefulSet, metadata: {name: st}, spec: {template: {spec: {containers: [{name: db, image: "db:1", securityContext: {capabilities: {drop: [ALL]}}}]}}}}'),
    },
    {
      name: 'JSON: ALL appended to an existing drop list',
      path: 'pod.json',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "a:1", "securityContext": {"capabilities": {"drop": ["NET_RAW"]}}}]}}\n',
      errors: [{ messageId: 'dropMissing', line: 1, column: 155, text: '"drop"' }],
      output: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "a:1", "securityContext": {"capabilities": {"drop": ["NET_RAW", "ALL"]}}}]}}\n',
    },
  ],
});

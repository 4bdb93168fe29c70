import { lines, ruleTester } from '../helpers/ruleTester';

const pod = (...spec: string[]) => lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', ...spec);

ruleTester('k8s-no-host-ports', {
  valid: [
    { name: 'containerPort only, hostPort 0', path: 'pod.yaml', code: pod('  containers:', '  - name: web', '    image: w:1', '    ports:', '    - containerPort: 8080', '    - {containerPort: 9090, hostPort: 0}') },
    { name: 'a Service port is not a host port', path: 'svc.yaml', code: lines('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec:', '  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]') },
  ],
  invalid: [
    {
      name: 'block ports: hostPort removed with its comment, also when it is the first key after `- `; flow ports',
      path: 'pod.yaml',
      code: pod('  containers:', '  - name: web', '    image: w:1', '    ports:', '    - containerPort: 8080', '      hostPort: 80 # legacy LB', '      protocol: TCP', '    - hostPort: 443', '      containerPort: 8443',
        '    - {containerPort: 9090, hostPort: 0}', '    - {containerPort: 9091, hostPort: 9091}'),
      errors: [
        { messageId: 'hostPort', line: 10, column: 17, text: '80', severity: 'warning', fixable: true },
        { messageId: 'hostPort', line: 12, column: 17, text: '443' },
        { messageId: 'hostPort', line: 15, column: 39, text: '9091' },
      ],
      output: pod('  containers:', '  - name: web', '    image: w:1', '    ports:', '    - containerPort: 8080', '      protocol: TCP', '    - containerPort: 8443',
        '    - {containerPort: 9090, hostPort: 0}', '    - {containerPort: 9091}'),
    },
    {
      name: 'init sidecar and ephemeral containers of a Deployment',
      path: 'deploy.yaml',
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  template:', '    spec:',
        '      initContainers:', '      - name: proxy', '        image: p:1', '        restartPolicy: Always', '        ports: [{hostPort: 15001, containerPort: 15001}]',
        '      containers: [{name: a, image: "a:1"}]', '      ephemeralContainers:', '      - name: dbg', '        image: d:1', '        ports:', '        - hostPort: 2345'),
      errors: [
        { messageId: 'hostPort', line: 11, column: 28, text: '15001' },
        { messageId: 'hostPort', line: 17, column: 21, text: '2345' },
      ],
      output: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  template:', '    spec:',
        '      initContainers:', '      - name: proxy', '        image: p:1', '        restartPolicy: Always', '        ports: [{containerPort: 15001}]',
        '      containers: [{name: a, image: "a:1"}]', '      ephemeralContainers:', '      - name: dbg', '        image: d:1', '        ports:', '        - {}'),
    },
    {
      name: 'DaemonSet, Job and CronJob in one file and in a List; CRLF kept',
      path: 'multi.yaml',
      code: [
        'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: ds}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: a', '        image: a:1', '        ports:', '        - containerPort: 53', '          hostPort: 53', '---',
        'apiVersion: v1', 'kind: List', 'items:', '- {apiVersion: batch/v1, kind: Job, metadata: {name: j}, spec: {template: {spec: {containers: [{name: a, image: "a:1", ports: [{hostPort: 8080}]}]}}}}',
        '- {apiVersion: batch/v1, kind: CronJob, metadata: {name: c}, spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: "a:1"}]}}}}}}', ''].join('\r\n'),
      errors: [
        { messageId: 'hostPort', line: 12, column: 21, text: '53' },
        { messageId: 'hostPort', line: 17, column: 139, text: '8080' },
      ],
      output: [
        'apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: ds}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: a', '        image: a:1', '        ports:', '        - containerPort: 53', '---',
        'apiVersion: v1', 'kind: List', 'items:', '- {apiVersion: batch/v1, kind: Job, metadata: {name: j}, spec: {template: {spec: {containers: [{name: a, image: "a:1", ports: [{}]}]}}}}',
        '- {apiVersion: batch/v1, kind: CronJob, metadata: {name: c}, spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: "a:1"}]}}}}}}', ''].join('\r\n'),
    },
    {
      name: 'JSON StatefulSet',
      path: 'sts.json',
      code: '{\n  "apiVersion": "apps/v1",\n  "kind": "StatefulSet",\n  "metadata": {"name": "s"},\n  "spec": {"template": {"spec": {"containers": [{"name": "a", "image": "a:1", "ports": [{"containerPort": 80, "hostPort": 80}]}]}}}\n}\n',
      errors: [{ messageId: 'hostPort', line: 5, column: 123, text: '80' }],
      output: '{\n  "apiVersion": "apps/v1",\n  "kind": "StatefulSet",\n  "metadata": {"name": "s"},\n  "spec": {"template": {"spec": {"containers": [{"name": "a", "image": "a:1", "ports": [{"containerPort": 80}]}]}}}\n}\n',
    },
  ],
});

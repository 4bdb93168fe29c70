import { lines, ruleTester } from '../helpers/ruleTester';

const pod = (...container: string[]) => lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', ...container);

ruleTester('k8s-image-pinned', {
  valid: [
    { name: 'version tag', path: 'pod.yaml', code: pod('    image: nginx:1.27.2') },
    { name: 'digest', path: 'pod.yaml', code: pod('    image: contoso.azurecr.io/web@sha256:4c2b7f5e0b8d2f6f0f0e5a0b3c5d7e9f1a2b3c4d5e6f708192a3b4c5d6e7f809') },
    { name: 'latest tag pinned by digest', path: 'pod.yaml', code: pod('    image: nginx:latest@sha256:4c2b7f5e0b8d2f6f0f0e5a0b3c5d7e9f1a2b3c4d5e6f708192a3b4c5d6e7f809') },
    { name: 'registry with a port and a tag', path: 'pod.yaml', code: pod('    image: localhost:5000/team/app:2.1') },
    { name: 'placeholder image (envsubst): unknown', path: 'pod.yaml', code: pod('    image: ${IMAGE}') },
    { name: 'no image at all', path: 'pod.yaml', code: pod('    command: [sh]') },
    { name: 'not Kubernetes', path: 'values.yaml', code: lines('image: nginx:latest') },
  ],
  invalid: [
    {
      name: 'Deployment, image without a tag',
      path: 'deploy.yaml',
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:', '        - name: web', '          image: nginx'),
      errors: [{ messageId: 'noTag', line: 10, column: 18, text: 'nginx', severity: 'info', fixable: false }],
    },
    {
      name: 'a port is not a tag',
      path: 'pod.yaml',
      code: pod('    image: localhost:5000/app'),
      errors: [{ messageId: 'noTag', line: 7, column: 12, text: 'localhost:5000/app' }],
    },
    {
      name: 'CronJob init container tagged latest, second document',
      path: 'multi.yaml',
      code: lines(
        'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', '---',
        'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: cj}', 'spec:', '  schedule: "0 * * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec:',
        '          initContainers: [{name: init, image: "busybox:latest"}]', '          containers: [{name: c, image: "contoso.azurecr.io/c:1.0"}]'),
      errors: [{ messageId: 'latest', line: 14, column: 48, text: '"busybox:latest"' }],
    },
    {
      name: 'List items: StatefulSet and DaemonSet',
      path: 'list.yaml',
      code: lines(
        'apiVersion: v1', 'kind: List', 'items:',
        '- apiVersion: apps/v1', '  kind: StatefulSet', '  metadata: {name: db}', '  spec:', '    template:', '      spec:', '        containers:', '        - {name: db, image: "mcr.microsoft.com/mssql/server"}',
        '- apiVersion: apps/v1', '  kind: DaemonSet', '  metadata: {name: agent}', '  spec:', '    template:', '      spec:', '        containers:', '        - {name: agent, image: "ghcr.io/org/agent:latest"}'),
      errors: [
        { messageId: 'noTag', line: 11, column: 29, text: '"mcr.microsoft.com/mssql/server"' },
        { messageId: 'latest', line: 19, column: 32, text: '"ghcr.io/org/agent:latest"' },
      ],
    },
    {
      name: 'JSON manifest, ephemeral container',
      path: 'pod.json',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "a:1"}], "ephemeralContainers": [{"name": "dbg", "image": "busybox"}]}}\n',
      errors: [{ messageId: 'noTag', line: 1, column: 169, text: '"busybox"' }],
    },
  ],
});

import { lines, ruleTester } from '../helpers/ruleTester';

ruleTester('k8s-no-host-namespaces', {
  valid: [
    { name: 'false or unset', path: 'pod.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  hostNetwork: false', '  hostPID: false', '  containers: [{name: a, image: "a:1"}]') },
    { name: 'a container field of the same name does not count', path: 'pod.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, image: "a:1", hostNetwork: true}]') },
    { name: "the controller's own spec does not count", path: 'd.yaml', code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  hostNetwork: true', '  template:', '    spec:', '      containers: [{name: a, image: "a:1"}]') },
    { name: 'JSON, unset', path: 'job.json', code: '{"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}, "spec": {"template": {"spec": {"hostIPC": false, "containers": [{"name": "a", "image": "a:1"}]}}}}\n' },
  ],
  invalid: [
    {
      name: 'DaemonSet: hostNetwork and hostPID (YAML 1.1 yes), comments kept',
      path: 'ds.yaml',
      code: lines('apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: agent}', 'spec:', '  template:', '    spec:', '      hostNetwork: true # node metrics', '      hostPID: yes', '      hostIPC: false', '      containers: [{name: a, image: "a:1"}]'),
      errors: [
        { messageId: 'shared', line: 7, column: 20, text: 'true', severity: 'error', fixable: true },
        { messageId: 'shared', line: 8, column: 16, text: 'yes' },
      ],
      output: lines('apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: agent}', 'spec:', '  template:', '    spec:', '      hostNetwork: false # node metrics', '      hostPID: false', '      hostIPC: false', '      containers: [{name: a, image: "a:1"}]'),
    },
    {
      name: 'Pod, flow style, Windows pods are not exempt',
      path: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {os: {name: windows}, hostIPC: true, containers: [{name: a, image: "a:1"}]}'),
      errors: [{ messageId: 'shared', line: 4, column: 38, text: 'true' }],
      output: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {os: {name: windows}, hostIPC: false, containers: [{name: a, image: "a:1"}]}'),
    },
    {
      name: 'CronJob, StatefulSet, ReplicaSet, ReplicationController, PodTemplate in one file; only the offending documents change',
      path: 'multi.yaml',
      code: lines(
        'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: cj}', 'spec:', '  schedule: "@daily"', '  jobTemplate:', '    spec:', '      template:', '        spec:', '          hostPID: true', '          containers: [{name: a, image: "a:1"}]', '---',
        'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: s}', 'spec: {template: {spec: {containers: [{name: a, image: "a:1"}]}}}', '---',
        'apiVersion: apps/v1', 'kind: ReplicaSet', 'metadata: {name: rs}', 'spec:', '  template:', '    spec:', '      hostIPC: true', '      containers: [{name: a, image: "a:1"}]', '---',
        'apiVersion: v1', 'kind: ReplicationController', 'metadata: {name: rc}', 'spec:', '  template:', '    spec:', '      hostNetwork: true', '      containers: [{name: a, image: "a:1"}]', '---',
        'apiVersion: v1', 'kind: PodTemplate', 'metadata: {name: pt}', 'template:', '  spec:', '    hostPID: true', '    containers: [{name: a, image: "a:1"}]'),
      errors: [
        { messageId: 'shared', line: 10, column: 20, text: 'true' },
        { messageId: 'shared', line: 24, column: 16, text: 'true' },
        { messageId: 'shared', line: 33, column: 20, text: 'true' },
        { messageId: 'shared', line: 41, column: 14, text: 'true' },
      ],
      output: lines(
        'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: cj}', 'spec:', '  schedule: "@daily"', '  jobTemplate:', '    spec:', '      template:', '        spec:', '          hostPID: false', '          containers: [{name: a, image: "a:1"}]', '---',
        'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: s}', 'spec: {template: {spec: {containers: [{name: a, image: "a:1"}]}}}', '---',
        'apiVersion: apps/v1', 'kind: ReplicaSet', 'metadata: {name: rs}', 'spec:', '  template:', '    spec:', '      hostIPC: false', '      containers: [{name: a, image: "a:1"}]', '---',
        'apiVersion: v1', 'kind: ReplicationController', 'metadata: {name: rc}', 'spec:', '  template:', '    spec:', '      hostNetwork: false', '      containers: [{name: a, image: "a:1"}]', '---',
        'apiVersion: v1', 'kind: PodTemplate', 'metadata: {name: pt}', 'template:', '  spec:', '    hostPID: false', '    containers: [{name: a, image: "a:1"}]'),
    },
    {
      name: 'kind: List item (Deployment)',
      path: 'list.yaml',
      code: lines('apiVersion: v1', 'kind: List', 'items:', '- apiVersion: apps/v1', '  kind: Deployment', '  metadata: {name: d}', '  spec:', '    template:', '      spec:', '        hostNetwork: true', '        containers: [{name: a, image: "a:1"}]'),
      errors: [{ messageId: 'shared', line: 10, column: 22, text: 'true' }],
      output: lines('apiVersion: v1', 'kind: List', 'items:', '- apiVersion: apps/v1', '  kind: Deployment', '  metadata: {name: d}', '  spec:', '    template:', '      spec:', '        hostNetwork: false', '        containers: [{name: a, image: "a:1"}]'),
    },
    {
      name: 'JSON Job',
      path: 'job.json',
      code: '{"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}, "spec": {"template": {"spec": {"hostIPC": true, "containers": [{"name": "a", "image": "a:1"}]}}}}\n',
      errors: [{ messageId: 'shared', line: 1, column: 112, text: 'true' }],
      output: '{"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}, "spec": {"template": {"spec": {"hostIPC": false, "containers": [{"name": "a", "image": "a:1"}]}}}}\n',
    },
  ],
});

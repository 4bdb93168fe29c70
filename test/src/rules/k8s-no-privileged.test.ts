import { lines, ruleTester } from '../helpers/ruleTester';

ruleTester('k8s-no-privileged', {
  valid: [
    { name: 'privileged false', path: 'pod.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1', '    securityContext:', '      privileged: false') },
    { name: 'unset', path: 'pod.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1') },
    { name: 'not kubernetes', path: 'values.yaml', code: lines('securityContext:', '  privileged: true') },
  ],
  invalid: [
    {
      name: 'Deployment container, block style',
      path: 'deploy.yaml',
      code: lines(
        'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:',
        '        - name: app', '          image: app:1', '          securityContext:', '            privileged: true # needed?'),
      errors: [{ messageId: 'privileged', line: 12, column: 25, text: 'true', severity: 'error', fixable: true }],
      output: lines(
        'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  template:', '    spec:', '      containers:',
        '        - name: app', '          image: app:1', '          securityContext:', '            privileged: false # needed?'),
    },
    {
      name: 'CronJob init container, flow style, second document only',
      path: 'multi.yaml',
      code: lines(
        'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', '---',
        'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: cj}', 'spec:', '  schedule: "* * * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec:',
        '          initContainers: [{name: init, image: "i:1", securityContext: {privileged: true}}]', '          containers: [{name: c, image: "c:1"}]'),
      errors: [{ messageId: 'privileged', line: 14, column: 85, text: 'true' }],
      output: lines(
        'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', '---',
        'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: cj}', 'spec:', '  schedule: "* * * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec:',
        '          initContainers: [{name: init, image: "i:1", securityContext: {privileged: false}}]', '          containers: [{name: c, image: "c:1"}]'),
    },
    {
      name: 'JSON manifest',
      path: 'pod.json',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"ephemeralContainers": [{"name": "dbg", "image": "d:1", "securityContext": {"privileged": true}}]}}\n',
      errors: [{ messageId: 'privileged', line: 1, column: 163, text: 'true' }],
      output: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"ephemeralContainers": [{"name": "dbg", "image": "d:1", "securityContext": {"privileged": false}}]}}\n',
    },
  ],
});

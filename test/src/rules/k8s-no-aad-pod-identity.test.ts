import { lines, ruleTester } from '../helpers/ruleTester';

ruleTester('k8s-no-aad-pod-identity', {
  valid: [
    {
      name: 'workload identity instead',
      path: 'app.yaml',
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    metadata:', '      labels: {app: web, azure.workload.identity/use: "true"}', '    spec:', '      serviceAccountName: web', '      containers: [{name: web, image: "web:1"}]'),
    },
    {
      name: 'the word in a selector or an annotation is not a label',
      path: 'svc.yaml',
      code: lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: s', '  annotations: {aadpodidbinding: legacy-note}', 'spec:', '  selector: {aadpodidbinding: web}'),
    },
    {
      name: 'the label on a controller\'s own metadata binds nothing (issue 16): no finding without the pod template label',
      path: 'deploy.yaml',
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', '  labels: {aadpodidbinding: web}', 'spec:', '  template:', '    metadata:', '      labels: {app: web}', '    spec:', '      containers: [{name: web, image: "web:1"}]'),
    },
    {
      name: 'the label on an object that has no pods (ConfigMap) binds nothing',
      path: 'cm.yaml',
      code: lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', '  labels: {aadpodidbinding: web}'),
    },
    {
      name: 'another API group with a kind of the same name',
      path: 'crd.yaml',
      code: lines('apiVersion: example.com/v1', 'kind: AzureIdentity', 'metadata: {name: x}'),
    },
  ],
  invalid: [
    {
      name: 'AzureIdentity and AzureIdentityBinding, labels on a Deployment and on its pod template (one finding, at the pod template), a Pod',
      path: 'pod-identity.yaml',
      code: lines(
        'apiVersion: aadpodidentity.k8s.io/v1', 'kind: AzureIdentity', 'metadata:', '  name: id', 'spec:', '  type: 0', '  clientID: 00000000-0000-0000-0000-000000000000',
        '---', 'apiVersion: aadpodidentity.k8s.io/v1', 'kind: AzureIdentityBinding', 'metadata: {name: id-binding}', 'spec: {azureIdentity: id, selector: web}',
        '---', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', '  labels:', '    aadpodidbinding: web', 'spec:', '  selector:', '    matchLabels: {app: web, aadpodidbinding: web}',
        '  template:', '    metadata:', '      labels: {app: web, aadpodidbinding: web}', '    spec:', '      containers: [{name: web, image: "web:1"}]',
        '---', 'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  labels:', '    aadpodidbinding: web', 'spec:', '  containers: [{name: web, image: "web:1"}]'),
      errors: [
        { messageId: 'identityObject', line: 2, column: 7, text: 'AzureIdentity', severity: 'warning', fixable: false },
        { messageId: 'identityObject', line: 10, column: 7, text: 'AzureIdentityBinding' },
        { messageId: 'podLabel', line: 25, column: 26, text: 'aadpodidbinding' },
        { messageId: 'podLabel', line: 34, column: 5, text: 'aadpodidbinding' },
      ],
    },
    {
      name: 'CronJob pod template in a List',
      path: 'list.yaml',
      code: lines(
        'apiVersion: v1', 'kind: List', 'items:',
        '- apiVersion: batch/v1', '  kind: CronJob', '  metadata: {name: cj}', '  spec:', '    jobTemplate:', '      spec:', '        template:', '          metadata:', '            labels:', '              aadpodidbinding: reporter',
        '          spec:', '            containers: [{name: c, image: "c:1"}]'),
      errors: [{ messageId: 'podLabel', line: 13, column: 15, text: 'aadpodidbinding' }],
    },
    {
      name: 'JSON manifest: AzurePodIdentityException of the same API group',
      path: 'exception.json',
      code: '{"apiVersion": "aadpodidentity.k8s.io/v1", "kind": "AzurePodIdentityException", "metadata": {"name": "x"}, "spec": {"podLabels": {"app": "coredns"}}}\n',
      errors: [{ messageId: 'identityObject', line: 1, column: 52, text: '"AzurePodIdentityException"' }],
    },
  ],
});

import * as assert from 'node:assert/strict';
import { analyzeFile, modelsOf, parseFile } from '../../../server/out/engine';
import { lines, ruleTester } from '../helpers/ruleTester';

const sa = (name: string, namespace?: string, clientId = '00000000-0000-0000-0000-000000000001') =>
  lines('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : []), '  annotations:', `    azure.workload.identity/client-id: ${clientId}`);
const deployment = (serviceAccount: string, labels: string[] = ['        app: web'], namespace?: string) =>
  lines(
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', ...(namespace ? [`  namespace: ${namespace}`] : []), 'spec:', '  template:', '    metadata:', '      labels:', ...labels,
    '    spec:', `      serviceAccountName: ${serviceAccount}`, '      containers:', '        - name: web', '          image: contoso.azurecr.io/web:1');

ruleTester('k8s-workload-identity-label', {
  valid: [
    { name: 'labelled pod template', path: 'app.yaml', code: sa('web') + '---\n' + deployment('web', ['        app: web', '        azure.workload.identity/use: "true"']) },
    { name: 'ServiceAccount without a client id', path: 'app.yaml', code: lines('apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: web}') + '---\n' + deployment('web') },
    { name: 'ServiceAccount with an empty client id', path: 'app.yaml', code: sa('web', undefined, '""') + '---\n' + deployment('web') },
    { name: 'ServiceAccount of the same name in another namespace', path: 'app.yaml', code: sa('web', 'other') + '---\n' + deployment('web', undefined, 'shop') },
    { name: 'absent namespace is default on both sides', path: 'app.yaml', code: sa('web', 'default') + '---\n' + deployment('web', ['        app: web', '        azure.workload.identity/use: "true"']) },
    { name: 'ServiceAccount not among the scanned files', path: 'app.yaml', code: deployment('web') },
    { name: 'no serviceAccountName (default ServiceAccount) is not checked', path: 'app.yaml', code: sa('default') + '---\n' + lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: c, image: "c:1"}]') },
  ],
  invalid: [
    {
      name: 'Deployment: label missing from the pod template labels',
      path: 'app.yaml',
      code: sa('web', 'shop') + '---\n' + deployment('web', ['        app: web # keep'], 'shop'),
      errors: [{ messageId: 'missing', line: 17, column: 7, text: 'labels', severity: 'warning', fixable: true }],
      output: sa('web', 'shop') + '---\n' + deployment('web', ['        app: web # keep', '        azure.workload.identity/use: "true"'], 'shop'),
    },
    {
      name: 'CronJob without pod template metadata: created; Pod with flow metadata via the deprecated serviceAccount field',
      path: 'jobs.yaml',
      code: sa('web') + lines(
        '---', 'apiVersion: batch/v1', 'kind: CronJob', 'metadata:', '  name: job', 'spec:', '  schedule: "0 * * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec:',
        '          serviceAccountName: web', '          containers: [{name: c, image: "c:1"}]',
        '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  serviceAccount: web', '  containers: [{name: c, image: "c:1"}]'),
      errors: [
        { messageId: 'missing', line: 16, column: 7, text: 'template' },
        { messageId: 'missing', line: 23, column: 1, text: 'metadata' },
      ],
      output: sa('web') + lines(
        '---', 'apiVersion: batch/v1', 'kind: CronJob', 'metadata:', '  name: job', 'spec:', '  schedule: "0 * * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec:',
        '          serviceAccountName: web', '          containers: [{name: c, image: "c:1"}]', '        metadata:', '          labels:', '            azure.workload.identity/use: "true"',
        '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: p, labels: {azure.workload.identity/use: "true"}}', 'spec:', '  serviceAccount: web', '  containers: [{name: c, image: "c:1"}]'),
    },
    {
      name: 'List: boolean value, label on the controller only, "false" (suggestion only), \'True\'',
      path: 'list.yaml',
      code: lines(
        'apiVersion: v1', 'kind: List', 'items:',
        '- apiVersion: v1', '  kind: ServiceAccount', '  metadata:', '    name: api', '    annotations: {azure.workload.identity/client-id: "11111111-2222-3333-4444-555555555555"}',
        '- apiVersion: apps/v1', '  kind: StatefulSet', '  metadata: {name: api}', '  spec:', '    template:', '      metadata:', '        labels: {app: api, azure.workload.identity/use: true}', '      spec:', '        serviceAccountName: api',
        '- apiVersion: apps/v1', '  kind: DaemonSet', '  metadata:', '    name: agent', '    namespace: default', '    labels:', '      azure.workload.identity/use: "true"', '  spec:', '    template:', '      metadata:', '        labels:', '          app: agent', '      spec:', '        serviceAccountName: api',
        '- apiVersion: batch/v1', '  kind: Job', '  metadata: {name: j}', '  spec:', '    template:', '      metadata:', '        labels:', '          azure.workload.identity/use: "false"', '      spec:', '        serviceAccountName: api',
        '- apiVersion: v1', '  kind: ReplicationController', '  metadata: {name: rc}', '  spec:', '    template:', '      metadata:', '        labels:', "          azure.workload.identity/use: 'True'", '      spec:', '        serviceAccountName: api'),
      errors: [
        { messageId: 'notString', line: 15, column: 57, text: 'true', fixable: true },
        { messageId: 'misplaced', line: 24, column: 7, text: 'azure.workload.identity/use', fixable: true },
        { messageId: 'notTrue', line: 39, column: 40, text: '"false"', fixable: false },
        { messageId: 'notTrue', line: 49, column: 40, text: "'True'", fixable: true },
      ],
      output: lines(
        'apiVersion: v1', 'kind: List', 'items:',
        '- apiVersion: v1', '  kind: ServiceAccount', '  metadata:', '    name: api', '    annotations: {azure.workload.identity/client-id: "11111111-2222-3333-4444-555555555555"}',
        '- apiVersion: apps/v1', '  kind: StatefulSet', '  metadata: {name: api}', '  spec:', '    template:', '      metadata:', '        labels: {app: api, azure.workload.identity/use: "true"}', '      spec:', '        serviceAccountName: api',
        '- apiVersion: apps/v1', '  kind: DaemonSet', '  metadata:', '    name: agent', '    namespace: default', '    labels:', '      azure.workload.identity/use: "true"', '  spec:', '    template:', '      metadata:', '        labels:', '          app: agent', '          azure.workload.identity/use: "true"', '      spec:', '        serviceAccountName: api',
        '- apiVersion: batch/v1', '  kind: Job', '  metadata: {name: j}', '  spec:', '    template:', '      metadata:', '        labels:', '          azure.workload.identity/use: "false"', '      spec:', '        serviceAccountName: api',
        '- apiVersion: v1', '  kind: ReplicationController', '  metadata: {name: rc}', '  spec:', '    template:', '      metadata:', '        labels:', "          azure.workload.identity/use: 'true'", '      spec:', '        serviceAccountName: api'),
    },
    {
      name: 'JSON manifest (List)',
      path: 'app.json',
      code: '{"apiVersion": "v1", "kind": "List", "items": [\n  {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "web", "annotations": {"azure.workload.identity/client-id": "00000000-0000-0000-0000-000000000001"}}},\n  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"template": {"metadata": {"labels": {"app": "web"}}, "spec": {"serviceAccountName": "web", "containers": [{"name": "web", "image": "web:1"}]}}}}\n]}\n',
      errors: [{ messageId: 'missing', line: 3, column: 115, text: '"labels"' }],
      output: '{"apiVersion": "v1", "kind": "List", "items": [\n  {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "web", "annotations": {"azure.workload.identity/client-id": "00000000-0000-0000-0000-000000000001"}}},\n  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"template": {"metadata": {"labels": {"app": "web", "azure.workload.identity/use": "true"}}, "spec": {"serviceAccountName": "web", "containers": [{"name": "web", "image": "web:1"}]}}}}\n]}\n',
    },
  ],
});

describe('rule k8s-workload-identity-label across files (CLI project scope)', () => {
  const saFile = parseFile('sa.yaml', sa('web', 'shop'));
  const appFile = parseFile('app.yaml', deployment('web', undefined, 'shop'));
  const ids = (res: ReturnType<typeof analyzeFile>) => res.findings.filter((f) => f.ruleId === 'k8s-workload-identity-label').map((f) => f.messageId);

  it('finds the ServiceAccount in another scanned file', () => {
    const project = { models: [...modelsOf(saFile), ...modelsOf(appFile)] };
    assert.deepEqual(ids(analyzeFile(appFile, {}, project)), ['missing']);
  });
  it('without the other file (editor scope) there is nothing to compare with', () => {
    assert.deepEqual(ids(analyzeFile(appFile, {})), []);
  });
});

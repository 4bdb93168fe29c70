import { lines, ruleTester } from '../helpers/ruleTester';

const spc = lines(
  'apiVersion: secrets-store.csi.x-k8s.io/v1', 'kind: SecretProviderClass', 'metadata: {name: kv, namespace: shop}', 'spec:', '  provider: azure',
  '  parameters: {clientID: "00000000-0000-0000-0000-000000000001", keyvaultName: kv-shop, tenantId: "00000000-0000-0000-0000-000000000002"}',
  '  secretObjects:', '  - secretName: db-synced', '    type: Opaque', '    data: [{objectName: db-password, key: password}]');
const csiDeployment = (...env: string[]) => lines(
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web, namespace: shop}', 'spec:', '  template:', '    spec:', '      volumes:', '      - name: kv',
  '        csi: {driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {secretProviderClass: kv}}',
  '      containers:', '      - name: web', '        image: w:1', '        volumeMounts: [{name: kv, mountPath: /mnt/secrets, readOnly: true}]', ...env);

ruleTester('k8s-secrets-via-csi', {
  valid: [
    { name: 'CSI volume only', path: 'app.yaml', code: spc + '---\n' + csiDeployment() },
    { name: 'environment from the Secret the CSI driver syncs (secretObjects)', path: 'app.yaml', code: spc + '---\n' + csiDeployment('        env:', '        - name: DB_PASSWORD', '          valueFrom: {secretKeyRef: {name: db-synced, key: password}}') },
    { name: 'CSI volume whose SecretProviderClass is not among the scanned files: may sync anything', path: 'app.yaml', code: csiDeployment('        envFrom: [{secretRef: {name: anything}}]') },
    { name: 'Secrets Kubernetes itself reads (tls, dockerconfigjson, service-account-token)', path: 'secrets.yaml', code: lines(
      'apiVersion: v1', 'kind: Secret', 'metadata: {name: tls}', 'type: kubernetes.io/tls', 'data: {tls.crt: eA==, tls.key: eA==}', '---',
      'apiVersion: v1', 'kind: Secret', 'metadata: {name: pull}', 'type: kubernetes.io/dockerconfigjson', 'data: {.dockerconfigjson: e30=}', '---',
      'apiVersion: v1', 'kind: Secret', 'metadata: {name: sa-token, annotations: {kubernetes.io/service-account.name: app}}', 'type: kubernetes.io/service-account-token') },
    { name: 'Secret without data (filled by another tool)', path: 'secret.yaml', code: lines('apiVersion: v1', 'kind: Secret', 'metadata: {name: empty}', 'type: Opaque', 'data: {}') },
    { name: 'ConfigMap references are not secrets', path: 'pod.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1', '    env: [{name: MODE, valueFrom: {configMapKeyRef: {name: cfg, key: mode}}}]', '    envFrom: [{configMapRef: {name: cfg}}]') },
  ],
  invalid: [
    {
      name: 'Secrets with inline data; env and envFrom of a pod with a CSI volume that does not sync them',
      path: 'app.yaml',
      code: lines('apiVersion: v1', 'kind: Secret', 'metadata: {name: db}', 'type: Opaque', 'stringData:', '  password: hunter2', '---', 'apiVersion: v1', 'kind: Secret', 'metadata: {name: notype}', 'data:', '  token: eA==', '---')
        + spc + '---\n'
        + lines(
          'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web, namespace: shop}', 'spec:', '  template:', '    spec:', '      volumes:', '      - name: kv',
          '        csi: {driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {secretProviderClass: kv}}',
          '      initContainers:', '      - name: migrate', '        image: m:1', '        envFrom:', '        - secretRef: {name: other}',
          '      containers:', '      - name: web', '        image: w:1', '        env:', '        - name: DB_PASSWORD', '          valueFrom:', '            secretKeyRef: {name: db-synced, key: password}',
          '        - name: API_KEY', '          valueFrom:', '            secretKeyRef:', '              name: api', '              key: key'),
      errors: [
        { messageId: 'inlineSecret', line: 5, column: 1, text: 'stringData', severity: 'info', fixable: false },
        { messageId: 'inlineSecret', line: 11, column: 1, text: 'data' },
        { messageId: 'secretRef', line: 38, column: 11, text: 'secretRef' },
        { messageId: 'secretKeyRef', line: 48, column: 13, text: 'secretKeyRef' },
      ],
    },
    {
      name: 'List: basic-auth Secret and a CronJob reading it',
      path: 'list.yaml',
      code: lines(
        'apiVersion: v1', 'kind: List', 'items:',
        '- apiVersion: v1', '  kind: Secret', '  metadata: {name: creds}', '  type: kubernetes.io/basic-auth', '  stringData: {username: u, password: p}',
        '- apiVersion: batch/v1', '  kind: CronJob', '  metadata: {name: backup}', '  spec:', '    jobTemplate:', '      spec:', '        template:', '          spec:',
        '            containers: [{name: b, image: "b:1", env: [{name: PASS, valueFrom: {secretKeyRef: {name: creds, key: password}}}]}]'),
      errors: [
        { messageId: 'inlineSecret', line: 8, column: 3, text: 'stringData' },
        { messageId: 'secretKeyRef', line: 17, column: 81, text: 'secretKeyRef' },
      ],
    },
    {
      name: 'JSON manifest: ephemeral container',
      path: 'pod.json',
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "a:1"}], "ephemeralContainers": [{"name": "dbg", "image": "d:1", "envFrom": [{"secretRef": {"name": "app"}}]}]}}\n',
      errors: [{ messageId: 'secretRef', line: 1, column: 189, text: '"secretRef"' }],
    },
  ],
});

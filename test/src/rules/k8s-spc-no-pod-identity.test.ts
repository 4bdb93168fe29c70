import { lines, ruleTester } from '../helpers/ruleTester';

const spc = (...parameters: string[]) => lines('apiVersion: secrets-store.csi.x-k8s.io/v1', 'kind: SecretProviderClass', 'metadata: {name: kv}', 'spec:', '  provider: azure', '  parameters:', '    keyvaultName: kv-shop', ...parameters);

ruleTester('k8s-spc-no-pod-identity', {
  valid: [
    { name: 'workload identity (clientID)', path: 'spc.yaml', code: spc('    clientID: "00000000-0000-0000-0000-000000000001"', '    tenantId: "00000000-0000-0000-0000-000000000002"') },
    { name: 'usePodIdentity "false"', path: 'spc.yaml', code: spc('    usePodIdentity: "false"', '    useVMManagedIdentity: "true"') },
    { name: 'another provider', path: 'spc.yaml', code: lines('apiVersion: secrets-store.csi.x-k8s.io/v1', 'kind: SecretProviderClass', 'metadata: {name: v}', 'spec:', '  provider: vault', '  parameters: {usePodIdentity: "true"}') },
    { name: 'v1alpha1 without the parameter', path: 'spc.yaml', code: lines('apiVersion: secrets-store.csi.x-k8s.io/v1alpha1', 'kind: SecretProviderClass', 'metadata: {name: kv}', 'spec: {provider: azure, parameters: {keyvaultName: kv}}') },
  ],
  invalid: [
    {
      name: 'usePodIdentity "true"',
      path: 'spc.yaml',
      code: spc('    usePodIdentity: "true"', '    tenantId: "00000000-0000-0000-0000-000000000002"'),
      errors: [{ messageId: 'podIdentity', line: 8, column: 21, text: '"true"', severity: 'warning', fixable: false }],
    },
    {
      name: 'case-insensitive string and YAML boolean; second document; List',
      path: 'spcs.yaml',
      code: lines('apiVersion: v1', 'kind: Namespace', 'metadata: {name: shop}', '---', 'apiVersion: secrets-store.csi.x-k8s.io/v1alpha1', 'kind: SecretProviderClass', 'metadata: {name: a}', 'spec: {provider: azure, parameters: {usePodIdentity: "True"}}',
        '---', 'apiVersion: v1', 'kind: List', 'items:', '- apiVersion: secrets-store.csi.x-k8s.io/v1', '  kind: SecretProviderClass', '  metadata: {name: b}', '  spec:', '    provider: azure', '    parameters:', '      usePodIdentity: true'),
      errors: [
        { messageId: 'podIdentity', line: 8, column: 54, text: '"True"' },
        { messageId: 'podIdentity', line: 19, column: 23, text: 'true' },
      ],
    },
    {
      name: 'JSON manifest',
      path: 'spc.json',
      code: '{"apiVersion": "secrets-store.csi.x-k8s.io/v1", "kind": "SecretProviderClass", "metadata": {"name": "kv"}, "spec": {"provider": "azure", "parameters": {"usePodIdentity": "true", "keyvaultName": "kv"}}}\n',
      errors: [{ messageId: 'podIdentity', line: 1, column: 171, text: '"true"' }],
    },
  ],
});

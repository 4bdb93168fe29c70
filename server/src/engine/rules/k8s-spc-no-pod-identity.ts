import { isTrue } from '../model';
import { defineRule } from './types';

export default defineRule({
  id: 'k8s-spc-no-pod-identity',
  title: 'SecretProviderClass does not use AAD Pod Identity',
  description:
    'usePodIdentity: "true" makes the Azure Key Vault provider of the Secrets Store CSI driver authenticate through AAD Pod Identity, deprecated since 2022-10-24; the provider documentation ranks workload identity "RECOMMENDED" and pod identity "NOT RECOMMENDED". CAF: workload identity (successor of pod-managed identity) and the Key Vault Secrets Store CSI driver.',
  recommendation:
    'Remove usePodIdentity (or set it to "false") and set clientID to the client id of a user-assigned managed identity federated with the pod\'s ServiceAccount (workload identity).',
  caf: 'seed 6: workload identity + Key Vault Secrets Store CSI driver',
  severity: 'warning',
  formats: ['k8s'],
  fixable: false,
  messages: {
    podIdentity: 'SecretProviderClass {{name}} authenticates to Key Vault through AAD Pod Identity (usePodIdentity: {{value}}), deprecated since 2022-10-24: use workload identity (clientID).',
  },
  check: {
    k8sObject(o, ctx) {
      if (o.kind !== 'SecretProviderClass' || o.apiGroup !== 'secrets-store.csi.x-k8s.io') return;
      // usePodIdentity is a parameter of the Azure provider only.
      const provider = o.get(['spec', 'provider']);
      if (provider.state === 'known' && !(typeof provider.value === 'string' && provider.value.toLowerCase() === 'azure')) return;
      const l = o.get(['spec', 'parameters', 'usePodIdentity']);
      if (l.state !== 'known' || !isTrue(typeof l.value === 'string' ? l.value.trim() : l.value)) return;
      ctx.report({ resource: o, lookup: l, messageId: 'podIdentity', data: { name: o.name || '(unnamed)', value: JSON.stringify(l.value) } });
    },
  },
});

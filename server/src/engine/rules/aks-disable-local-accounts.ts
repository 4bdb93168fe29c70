import { CLUSTER, isTrue } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'aks-disable-local-accounts',
  title: 'Local accounts are disabled',
  description:
    'Local Kubernetes accounts (the static cluster-admin kubeconfig) bypass Entra ID and Azure RBAC and cannot be audited per user. CAF: limit access to the kubeconfig with Azure RBAC. Absent means local accounts are enabled.',
  recommendation: 'Set properties.disableLocalAccounts / local_account_disabled to true (requires Entra ID integration).',
  caf: 'seed 2: kubeconfig access through Entra ID and Azure RBAC, no local accounts',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} keeps local accounts enabled: {{setting}} is not set.',
    enabled: 'Cluster {{name}} keeps local accounts enabled{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      const l = c.disableLocalAccounts;
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      const fix = c.fix(CLUSTER.disableLocalAccounts, l, true);
      ctx.report({
        resource: c,
        lookup: l,
        messageId: l.state === 'absent' ? 'missing' : 'enabled',
        data: { name: c.label, via: via(l), setting: c.isArm ? 'disableLocalAccounts' : 'local_account_disabled' },
        fix: fix && { title: 'Disable local accounts', intents: [fix] },
      });
    },
  },
});

import { FixIntent } from '../fixes/intent';
import { CLUSTER, isTrue } from '../model';
import { defineRule } from './types';
import { via } from '../util';
import { lacksAadBlock, managedAadBlock } from './_cluster-settings';

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
      const intents: Array<FixIntent | undefined> = [c.fix(CLUSTER.disableLocalAccounts, l, true)];
      let title = 'Disable local accounts';
      // Local accounts can only be disabled on a cluster with the AKS-managed Entra ID integration: add it when missing.
      if (lacksAadBlock(c)) {
        intents.push(c.fixAddAadBlock(managedAadBlock(c)));
        title += ' and add the AKS-managed Entra ID integration';
      }
      const fix = intents.every((i) => i) ? { title, intents: intents as FixIntent[] } : undefined;
      ctx.report({
        resource: c,
        lookup: l,
        messageId: l.state === 'absent' ? 'missing' : 'enabled',
        data: { name: c.label, via: via(l), setting: c.isArm ? 'disableLocalAccounts' : 'local_account_disabled' },
        fix,
      });
    },
  },
});

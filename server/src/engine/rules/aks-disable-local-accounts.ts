import { FixIntent } from '../fixes/intent';
import { CLUSTER, isTrue } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';
import { lacksAadBlock, managedAadBlock } from '../model/clusterSettings';

export default defineRule({
  id: 'aks-disable-local-accounts',
  title: 'Local accounts are disabled',
  description:
    'Local Kubernetes accounts (the static cluster-admin kubeconfig) bypass Entra ID and Azure RBAC and cannot be audited per user. CAF: limit access to the kubeconfig with Azure RBAC. Absent means local accounts are enabled. ARM: disableLocalAccounts exists from API version 2021-03-01 (aadProfile.managed / enableAzureRBAC, which the fix adds when the Entra ID integration is missing, are in 2020-09-01); on an older apiVersion the fix is only offered as a suggestion that also raises the apiVersion.',
  recommendation: 'Set properties.disableLocalAccounts / local_account_disabled to true (requires Entra ID integration).',
  caf: 'seed 2: kubeconfig access through Entra ID and Azure RBAC, no local accounts',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} keeps local accounts enabled: {{setting}} is not set.{{api}}',
    enabled: 'Cluster {{name}} keeps local accounts enabled{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      const l = c.disableLocalAccounts;
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      // Local accounts can only be disabled on a cluster with the AKS-managed Entra ID integration: add it when missing.
      const addAad = lacksAadBlock(c);
      const title = addAad ? 'Disable local accounts and add the AKS-managed Entra ID integration' : 'Disable local accounts';
      // ARM: an apiVersion older than these properties gets no preferred fix, only a suggestion that raises it.
      const { apiVersionNeeded, ...fixes } = c.fixWithinApiVersion(title, (newer) => {
        const intents: Array<FixIntent | undefined> = [c.fix(CLUSTER.disableLocalAccounts, l, true, newer)];
        if (addAad) intents.push(c.fixAddAadBlock(managedAadBlock(c), newer));
        return intents;
      });
      ctx.report({
        resource: c,
        lookup: l,
        messageId: l.state === 'absent' ? 'missing' : 'enabled',
        data: {
          name: c.label,
          via: via(l),
          setting: c.isArm ? 'disableLocalAccounts' : 'local_account_disabled',
          api: apiVersionNote(c.apiVersion, apiVersionNeeded, 'disableLocalAccounts'),
        },
        ...fixes,
      });
    },
  },
});

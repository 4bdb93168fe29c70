import { CLUSTER, isFalse } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'aks-kubernetes-rbac',
  title: 'Kubernetes RBAC is not disabled',
  description:
    'Without Kubernetes RBAC every authenticated identity is effectively cluster admin: no least privilege is possible for users or pods. CAF: limit access with RBAC. Absent means enabled (the service and azurerm default), so only an explicit false is reported.',
  recommendation:
    'Remove enableRBAC: false or set it to true (ARM); role_based_access_control_enabled = true (azurerm ≥ 2.99) or role_based_access_control { enabled = true } (older azurerm). It cannot be changed on an existing cluster.',
  caf: 'seed 2/3: access through RBAC, least privilege',
  severity: 'error',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    disabled: 'Cluster {{name}} disables Kubernetes RBAC{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      const l = c.kubernetesRbac;
      if (l.state !== 'known' || !isFalse(l.value)) return;
      const fix = c.fix(CLUSTER.kubernetesRbac, l, true);
      ctx.report({
        resource: c,
        lookup: l,
        messageId: 'disabled',
        data: { name: c.label, via: via(l) },
        fix: fix && { title: 'Enable Kubernetes RBAC (an existing cluster must be recreated)', intents: [fix] },
      });
    },
  },
});

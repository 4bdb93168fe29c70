import { child, items, str } from '../documents';
import { defineRule } from './types';

export default defineRule({
  id: 'k8s-cluster-admin-binding',
  title: 'Nothing but system groups is bound to cluster-admin',
  description:
    'cluster-admin is full control of the cluster: every resource, every namespace, every verb. A binding that grants it to a user, a group or a ServiceAccount turns one compromised identity into a compromised cluster. CAF: least privilege; with Entra ID and Azure RBAC, cluster administration is granted through Azure role assignments, not manifests.',
  recommendation:
    'Bind a narrower role (admin, edit or view in a namespace via a RoleBinding, or a dedicated ClusterRole), or grant cluster administration through the Azure RBAC role "Azure Kubernetes Service RBAC Cluster Admin" to an Entra ID group.',
  caf: 'seed 3: least privilege (RBAC); seed 2: Entra ID + Azure RBAC',
  severity: 'warning',
  formats: ['k8s'],
  fixable: false,
  messages: {
    clusterAdmin: '{{binding}} grants cluster-admin to {{subjects}}.',
  },
  check: {
    k8sObject(o, ctx) {
      if ((o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') || o.apiGroup !== 'rbac.authorization.k8s.io') return;
      const roleRef = child(o.node, 'roleRef');
      const name = child(roleRef, 'name');
      if (str(name) !== 'cluster-admin' || str(child(roleRef, 'kind')) !== 'ClusterRole') return;
      // Kubernetes' own bindings (system:masters and other system: groups) are exempt.
      const granted = items(child(o.node, 'subjects'))
        .filter((s) => !(str(child(s, 'kind')) === 'Group' && (str(child(s, 'name')) ?? '').startsWith('system:')))
        .map((s) => {
          const ns = str(child(s, 'namespace'));
          return `${str(child(s, 'kind')) ?? 'subject'} ${ns ? `${ns}/` : ''}${str(child(s, 'name')) ?? '(unnamed)'}`;
        });
      if (!granted.length) return;
      ctx.report({ resource: o, node: name, messageId: 'clusterAdmin', data: { binding: o.label, subjects: granted.join(', ') } });
    },
  },
});

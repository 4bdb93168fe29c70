import { child, items } from '../documents';
import { defineRule } from './types';

const FIELDS = ['apiGroups', 'resources', 'verbs'] as const;

export default defineRule({
  id: 'k8s-rbac-wildcard',
  title: 'Roles grant no wildcard permissions',
  description:
    'A "*" in a Role or ClusterRole rule grants every verb, every resource or every API group, including ones added later (new CRDs, escalate, bind, impersonate). CAF: least privilege, which includes the RBAC objects workloads and people are bound to.',
  recommendation: 'List the API groups, resources and verbs the subject needs (e.g. verbs: ["get", "list", "watch"]) instead of "*".',
  caf: 'seed 3: least privilege (RBAC)',
  severity: 'warning',
  formats: ['k8s'],
  fixable: false,
  messages: {
    wildcard: '{{role}} grants "*" in {{field}} (rule {{rule}}): list what is needed instead.',
  },
  check: {
    k8sObject(o, ctx) {
      if ((o.kind !== 'Role' && o.kind !== 'ClusterRole') || o.apiGroup !== 'rbac.authorization.k8s.io') return;
      // An aggregated ClusterRole's rules are overwritten by the control plane from the roles it selects.
      if (o.get(['aggregationRule']).state === 'known') return;
      items(child(o.node, 'rules')).forEach((rule, i) => {
        for (const field of FIELDS) {
          for (const item of items(child(rule, field))) {
            if (item.type === 'string' && item.value === '*') ctx.report({ resource: o, node: item, messageId: 'wildcard', data: { role: o.label, field, rule: i + 1 } });
          }
        }
      });
    },
  },
});

import { K8sObject, isFalse, k8sObjectsOf, serviceAccountIsBound, serviceAccountsOf } from '../model';
import { defineRule } from './types';

export default defineRule({
  id: 'k8s-automount-sa-token',
  title: 'Pods do not mount a service account token they do not need',
  description:
    "Kubernetes mounts an API token of the pod's ServiceAccount into every container unless automountServiceAccountToken is false on the pod or its ServiceAccount. Most applications never call the Kubernetes API; a stolen token lets an intruder act with the ServiceAccount's RBAC permissions. Workload identity uses its own projected token and keeps working. Pods whose ServiceAccount (other than default) is a subject of a RoleBinding or ClusterRoleBinding in the scanned files are not reported: those permissions exist to be used. CAF: least privilege for pods.",
  recommendation: 'Set spec.automountServiceAccountToken: false on the pod (or on its ServiceAccount) unless the application calls the Kubernetes API.',
  caf: 'seed 3: least privilege for pods',
  severity: 'info',
  formats: ['k8s'],
  fixable: true,
  messages: {
    missing: '{{workload}} mounts the API token of service account {{serviceAccount}}: set automountServiceAccountToken: false unless it calls the Kubernetes API.',
    enabled: '{{workload}} sets automountServiceAccountToken: true: keep it only if it calls the Kubernetes API.',
  },
  check: {
    workload(w, ctx) {
      if (!w.podSpec) return;
      const own = w.automountServiceAccountToken;
      if (own.state === 'unknown' || (own.state === 'known' && isFalse(own.value))) return;
      const data = { workload: w.label, serviceAccount: w.serviceAccount };
      const objects: K8sObject[] = k8sObjectsOf(ctx.project.models);
      // A ServiceAccount that a RoleBinding / ClusterRoleBinding grants permissions to is meant to call the API: its pods need the token.
      if (w.serviceAccount !== 'default' && serviceAccountIsBound(w.serviceAccount, w.namespace, objects)) return;
      if (own.state === 'known') {
        // An explicit true is a decision: offer the change, do not make it the preferred fix.
        const intent = w.fix(own, false);
        ctx.report({ resource: w, lookup: own, messageId: 'enabled', data, suggestions: intent && [{ title: 'Set automountServiceAccountToken: false', intents: [intent] }] });
        return;
      }
      // The pod inherits its ServiceAccount's setting (same file, or every scanned file in the CLI).
      const accounts = serviceAccountsOf(w, objects);
      if (accounts.some((sa) => { const l = sa.get(['automountServiceAccountToken']); return l.state === 'unknown' || (l.state === 'known' && isFalse(l.value)); })) return;
      const intent = w.fix(own, false);
      ctx.report({ resource: w, node: w.podAnchor, messageId: 'missing', data, fix: intent && { title: 'Add automountServiceAccountToken: false to the pod spec', intents: [intent] } });
    },
  },
});

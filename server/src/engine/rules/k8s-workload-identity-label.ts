import { K8sObject } from '../model';
import { defineRule, ProjectIndex } from './types';

const CLIENT_ID = 'azure.workload.identity/client-id';
const USE_LABEL = 'azure.workload.identity/use';

export default defineRule({
  id: 'k8s-workload-identity-label',
  title: 'Pods that use a workload identity ServiceAccount carry the azure.workload.identity/use label',
  description:
    'The Azure Workload Identity webhook injects the client id, tenant id and federated token only into pods labelled azure.workload.identity/use: "true". A pod running as a ServiceAccount annotated azure.workload.identity/client-id without the label gets no token. CAF: use workload identity (successor of pod-managed identities).',
  recommendation: 'Add the label azure.workload.identity/use: "true" (a string) to the pod template metadata (spec.template.metadata.labels), not to the controller\'s metadata.',
  caf: 'seed 6: workload identity',
  severity: 'warning',
  formats: ['k8s'],
  fixable: true,
  messages: {
    missing: '{{workload}} runs as ServiceAccount {{serviceAccount}} (workload identity client id {{clientId}}) but its pods lack the label azure.workload.identity/use: "true".',
    misplaced: 'The label azure.workload.identity/use is on the {{kind}}\'s own metadata; the webhook reads it from the pod template ({{workload}} runs as workload identity ServiceAccount {{serviceAccount}}).',
    notString: 'The label azure.workload.identity/use must be the string "true" (quoted): label values are strings and the API rejects a boolean.',
    notTrue: 'The label azure.workload.identity/use is {{value}}: pods of {{workload}} get no workload identity token although ServiceAccount {{serviceAccount}} has a client id.',
  },
  check: {
    workload(w, ctx) {
      const sa = w.serviceAccountName();
      if (sa.state !== 'known' || typeof sa.value !== 'string' || !sa.value) return;
      const account = serviceAccounts(ctx.project).get(key(w.namespace, sa.value));
      if (!account) return;
      const clientId = account.annotations().get(CLIENT_ID);
      const data = { workload: w.label, serviceAccount: sa.value, clientId: String(clientId?.value ?? '') };
      const label = w.podLabel(USE_LABEL);
      if (label.state === 'known' && label.value === 'true') return;
      if (label.state === 'unknown') return;
      const intent = w.fix(label, 'true');
      const fix = intent && { title: 'Add label azure.workload.identity/use: "true" to the pod template', intents: [intent] };
      if (label.state === 'absent') {
        const onController = w.templatePath.length ? w.labels().get(USE_LABEL) : undefined;
        if (onController) {
          ctx.report({ resource: w, node: onController.parent?.children?.[0] ?? onController, messageId: 'misplaced', data: { ...data, kind: w.kind }, fix });
        } else {
          ctx.report({ resource: w, node: w.podLabelsAnchor(), messageId: 'missing', data, fix });
        }
        return;
      }
      if (label.value === true) {
        ctx.report({ resource: w, lookup: label, messageId: 'notString', data, fix: intent && { title: 'Quote the label value: "true"', intents: [intent] } });
        return;
      }
      // "True" means true (the selector matches "true" only); another value may be a deliberate opt-out: offer the change, do not prefer it.
      const meantTrue = typeof label.value === 'string' && label.value.trim().toLowerCase() === 'true';
      ctx.report({ resource: w, lookup: label, messageId: 'notTrue', data: { ...data, value: JSON.stringify(label.value) }, fix: meantTrue ? fix : undefined, suggestions: !meantTrue && fix ? [fix] : undefined });
    },
  },
});

const key = (namespace: string | undefined, name: string) => `${namespace || 'default'}/${name}`;

/** ServiceAccounts annotated with a workload identity client id, by namespace/name, once per set of models. */
const cache = new WeakMap<ProjectIndex['models'], { size: number; accounts: Map<string, K8sObject> }>();
function serviceAccounts(project: ProjectIndex): Map<string, K8sObject> {
  const hit = cache.get(project.models);
  if (hit && hit.size === project.models.length) return hit.accounts;
  const m = new Map<string, K8sObject>();
  for (const model of project.models) {
    for (const o of model.k8s) {
      if (o.kind !== 'ServiceAccount' || o.apiGroup !== '' || !o.name) continue;
      const id = o.annotations().get(CLIENT_ID);
      if (!id || typeof id.value !== 'string' || !id.value.trim()) continue;
      m.set(key(o.namespace, o.name), o);
    }
  }
  cache.set(project.models, { size: project.models.length, accounts: m });
  return m;
}

import { child, keyOf } from '../documents';
import { Workload } from '../model';
import { defineRule } from './types';

const LABEL = 'aadpodidbinding';
const GROUP = 'aadpodidentity.k8s.io';

export default defineRule({
  id: 'k8s-no-aad-pod-identity',
  title: 'No AAD Pod Identity (deprecated)',
  description:
    'AAD Pod Identity was deprecated on 2022-10-24 and its repository archived on 2023-10-02: it gets no fixes, and its NMI DaemonSet intercepts every token request on the node. The aadpodidbinding label and the AzureIdentity / AzureIdentityBinding objects belong to it. CAF: use workload identity, the successor of pod-managed identities.',
  recommendation:
    'Migrate to Microsoft Entra Workload ID: a ServiceAccount annotated azure.workload.identity/client-id, a federated identity credential on the managed identity, and the pod label azure.workload.identity/use: "true". Then remove the aadpodidbinding labels and the aadpodidentity.k8s.io objects.',
  caf: 'seed 6: workload identity (successor of pod-managed identity)',
  severity: 'warning',
  formats: ['k8s'],
  fixable: false,
  messages: {
    identityObject: '{{kind}} ({{apiVersion}}) is part of AAD Pod Identity, deprecated since 2022-10-24: use workload identity.',
    podLabel: 'Pods of {{workload}} are bound to an AAD Pod Identity (label aadpodidbinding: {{selector}}), deprecated since 2022-10-24: use workload identity.',
  },
  check: {
    k8sObject(o, ctx) {
      if (o.apiGroup === GROUP) {
        const kind = child(o.node, 'kind');
        ctx.report({ resource: o, node: kind, messageId: 'identityObject', data: { kind: o.kind, apiVersion: o.apiVersion } });
      }
      // Only the pod's labels select an identity (NMI matches the pod's aadpodidbinding label): the pod template's, or a
      // Pod's own metadata. A controller's own metadata label binds nothing: one finding per workload, at its pod label.
      if (!(o instanceof Workload)) return;
      const podLabel = o.podLabels().get(LABEL);
      if (podLabel) ctx.report({ resource: o, node: keyOf(podLabel) ?? podLabel, messageId: 'podLabel', data: { workload: o.label, selector: String(podLabel.value ?? '') } });
    },
  },
});

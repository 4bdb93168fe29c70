import { isTrue } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'aks-pod-identity-deprecated',
  title: 'Pod-managed identity (deprecated) is not enabled',
  description:
    'Microsoft Entra pod-managed identity (AAD Pod Identity) was deprecated on 2022-10-24 and its project archived on 2023-10-02; it relies on intercepting IMDS traffic with a privileged NMI daemon set. CAF asks for pod identities: use Microsoft Entra Workload ID (workload identity with the OIDC issuer) instead.',
  recommendation: 'Migrate to workload identity (securityProfile.workloadIdentity.enabled and oidcIssuerProfile.enabled) and remove podIdentityProfile.',
  caf: 'seed 6: workload identity (successor of pod-managed identity)',
  severity: 'warning',
  // azurerm never exposed pod-managed identity.
  formats: ['arm'],
  fixable: false,
  messages: {
    enabled: 'Cluster {{name}} enables the deprecated pod-managed identity{{via}}: migrate to workload identity.',
  },
  check: {
    managedCluster(c, ctx) {
      const l = c.podIdentity;
      if (l.state !== 'known' || !isTrue(l.value)) return;
      // Migration (workloads, identities and bindings change): no automatic fix.
      ctx.report({ resource: c, lookup: l, messageId: 'enabled', data: { name: c.label, via: via(l) } });
    },
  },
});

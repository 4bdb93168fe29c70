import { CLUSTER, isTrue } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

export default defineRule({
  id: 'aks-workload-identity-needs-oidc',
  title: 'Workload identity has the OIDC issuer it needs',
  description:
    'Workload identity federates Kubernetes service account tokens with Entra ID through the cluster\'s OIDC issuer; enabling it without the OIDC issuer fails the deployment. azurerm v3 and v4 have no default for oidc_issuer_enabled (true only from v5). ARM: oidcIssuerProfile exists from API version 2022-09-01; on an older apiVersion the fix is only offered as a suggestion that also raises the apiVersion.',
  recommendation: 'Set properties.oidcIssuerProfile.enabled (ARM) / oidc_issuer_enabled (Terraform) to true wherever workload identity is enabled.',
  caf: 'seed 6: workload identity (successor of pod-managed identity)',
  severity: 'error',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} enables workload identity{{wiVia}} without the OIDC issuer: the deployment fails.{{api}}',
    disabled: 'Cluster {{name}} enables workload identity{{wiVia}} but disables the OIDC issuer{{via}}: the deployment fails.',
  },
  check: {
    managedCluster(c, ctx) {
      const wi = c.workloadIdentity;
      if (wi.state !== 'known' || !isTrue(wi.value)) return;
      const l = c.oidcIssuer;
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      const { apiVersionNeeded, ...fixes } = c.fixWithinApiVersion('Enable the OIDC issuer', (newer) => [c.fix(CLUSTER.oidcIssuer, l, true, newer)]);
      const unset = l.state === 'absent' || l.value === null;
      ctx.report({
        resource: c,
        lookup: l,
        messageId: unset ? 'missing' : 'disabled',
        data: { name: c.label, via: via(l), wiVia: via(wi), api: apiVersionNote(c.apiVersion, apiVersionNeeded, 'oidcIssuerProfile') },
        ...fixes,
      });
    },
  },
});

import { FixIntent } from '../fixes/intent';
import { CLUSTER, isTrue } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'aks-workload-identity',
  title: 'Workload identity is enabled',
  description:
    'Microsoft Entra Workload ID lets pods use Entra ID tokens through Kubernetes service account federation, without secrets in the cluster; it succeeds the deprecated pod-managed identity. CAF: use pod identities so applications reach Azure resources without credentials. Absent means disabled; it needs the OIDC issuer.',
  recommendation:
    'Set properties.securityProfile.workloadIdentity.enabled and properties.oidcIssuerProfile.enabled to true (ARM) / workload_identity_enabled and oidc_issuer_enabled to true (Terraform).',
  caf: 'seed 6: workload identity (successor of pod-managed identity) and Key Vault CSI driver',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} does not enable workload identity.',
    disabled: 'Cluster {{name}} disables workload identity{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      const l = c.workloadIdentity;
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      const intents: Array<FixIntent | undefined> = [c.fix(CLUSTER.workloadIdentity, l, true)];
      let title = 'Enable workload identity';
      // Workload identity needs the OIDC issuer: enable it in the same fix unless it is on, or an expression we leave alone.
      const oidc = c.oidcIssuer;
      if (oidc.state !== 'unknown' && !(oidc.state === 'known' && isTrue(oidc.value))) {
        intents.push(c.fix(CLUSTER.oidcIssuer, oidc, true));
        title += ' and the OIDC issuer';
      }
      const fix = intents.every((i) => i) ? { title, intents: intents as FixIntent[] } : undefined;
      const unset = l.state === 'absent' || l.value === null;
      ctx.report({
        resource: c,
        lookup: l,
        messageId: unset ? 'missing' : 'disabled',
        data: { name: c.label, via: via(l) },
        fix,
      });
    },
  },
});

import { FixIntent } from '../fixes/intent';
import { CLUSTER, isTrue } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

export default defineRule({
  id: 'aks-workload-identity',
  title: 'Workload identity is enabled',
  description:
    'Microsoft Entra Workload ID lets pods use Entra ID tokens through Kubernetes service account federation, without secrets in the cluster; it succeeds the deprecated pod-managed identity. CAF: use pod identities so applications reach Azure resources without credentials. Absent means disabled; it needs the OIDC issuer. ARM: securityProfile.workloadIdentity exists from API version 2023-02-01 (2022-09-02-preview), oidcIssuerProfile from 2022-09-01; on an older apiVersion the fix is only offered as a suggestion that also raises the apiVersion.',
  recommendation:
    'Set properties.securityProfile.workloadIdentity.enabled and properties.oidcIssuerProfile.enabled to true (ARM) / workload_identity_enabled and oidc_issuer_enabled to true (Terraform).',
  caf: 'seed 6: workload identity (successor of pod-managed identity) and Key Vault CSI driver',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} does not enable workload identity.{{api}}',
    disabled: 'Cluster {{name}} disables workload identity{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      const l = c.workloadIdentity;
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      // Workload identity needs the OIDC issuer: enable it in the same fix unless it is on, or an expression we leave alone.
      const oidc = c.oidcIssuer;
      const withOidc = oidc.state !== 'unknown' && !(oidc.state === 'known' && isTrue(oidc.value));
      const title = withOidc ? 'Enable workload identity and the OIDC issuer' : 'Enable workload identity';
      // ARM: an apiVersion older than the properties gets no preferred fix, only a suggestion that raises it.
      const { apiVersionNeeded, ...fixes } = c.fixWithinApiVersion(title, (newer) => {
        const intents: Array<FixIntent | undefined> = [c.fix(CLUSTER.workloadIdentity, l, true, newer)];
        if (withOidc) intents.push(c.fix(CLUSTER.oidcIssuer, oidc, true, newer));
        return intents;
      });
      const unset = l.state === 'absent' || l.value === null;
      ctx.report({
        resource: c,
        lookup: l,
        messageId: unset ? 'missing' : 'disabled',
        data: { name: c.label, via: via(l), api: apiVersionNote(c.apiVersion, apiVersionNeeded, 'securityProfile.workloadIdentity') },
        ...fixes,
      });
    },
  },
});

import { CLUSTER, isTrue, PropSpec } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';
import { missingAnchor } from '../model/clusterSettings';

/** azurerm 2.x (< 2.99) kept add-ons in `addon_profile { azure_policy { enabled } }`. */
const LEGACY_TF: PropSpec = { tf: ['addon_profile', 'azure_policy', 'enabled'] };

export default defineRule({
  id: 'aks-azure-policy-addon',
  title: 'The Azure Policy add-on is enabled',
  description:
    'The Azure Policy add-on (Gatekeeper) enforces and audits in-cluster policies such as the pod security baseline and restricted initiatives. CAF: use Azure Policy to apply and enforce built-in security policies on clusters. The add-on key is compared case-insensitively (azurepolicy / azurePolicy).',
  recommendation:
    'ARM: set properties.addonProfiles.azurepolicy.enabled to true. Terraform: azure_policy_enabled = true (azurerm 2.x: addon_profile.azure_policy.enabled = true). Then assign a Kubernetes policy initiative.',
  caf: 'seed 9: Azure Policy add-on',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} does not enable the Azure Policy add-on: {{setting}} is not set.{{api}}',
    disabled: 'Cluster {{name}} disables the Azure Policy add-on{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      const l = c.azurePolicy;
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      // An azurerm 2.x file (addon_profile block present) gets the fix in its own shape.
      const legacy = c.isTerraform && l.state === 'absent' && c.raw(['addon_profile']).state !== 'absent';
      const spec = legacy ? LEGACY_TF : CLUSTER.azurePolicy;
      // ARM: an apiVersion without addonProfiles gets no preferred fix, only a suggestion that raises it.
      const { apiVersionNeeded, ...fixes } = c.fixWithinApiVersion('Enable the Azure Policy add-on', (newer) => [c.fix(spec, legacy ? c.raw(LEGACY_TF.tf!) : l, true, newer)]);
      const setting = c.isArm ? 'addonProfiles.azurepolicy.enabled' : c.paths(spec)[0].join('.');
      ctx.report({
        resource: c,
        lookup: l,
        node: l.state === 'absent' ? missingAnchor(c, legacy ? c.raw(LEGACY_TF.tf!) : l) : undefined,
        messageId: l.state === 'absent' ? 'missing' : 'disabled',
        data: { name: c.label, via: via(l), setting, api: apiVersionNote(c.apiVersion, apiVersionNeeded, 'addonProfiles') },
        ...fixes,
      });
    },
  },
});

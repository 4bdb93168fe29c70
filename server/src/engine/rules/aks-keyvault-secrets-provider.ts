import { CLUSTER, CLUSTER_API_VERSIONS, isPresent, isTrue } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

/** The add-on profile (key compared case-insensitively: azureKeyvaultSecretsProvider / azurekeyvaultsecretsprovider). */
const ADDON = CLUSTER.keyVaultSecretsProvider.arm.slice(0, -1);

export default defineRule({
  id: 'aks-keyvault-secrets-provider',
  title: 'The Key Vault Secrets Store CSI driver add-on is enabled',
  description:
    'The Azure Key Vault provider for the Secrets Store CSI driver mounts secrets, keys and certificates from Key Vault into pods (with workload identity), so they are not stored as Kubernetes secrets in the cluster or in manifests. CAF: use pod identities and the Secrets Store CSI driver. Absent means disabled.',
  recommendation:
    'Enable the add-on: properties.addonProfiles.azureKeyvaultSecretsProvider with enabled: true and config.enableSecretRotation: "true" (ARM), or a key_vault_secrets_provider block with secret_rotation_enabled = true (Terraform).',
  caf: 'seed 6: workload identity and Key Vault Secrets Store CSI driver',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} does not enable the Key Vault Secrets Store CSI driver add-on.{{api}}',
    disabled: 'Cluster {{name}} disables the Key Vault Secrets Store CSI driver add-on{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      const l = c.keyVaultSecretsProvider;
      if (c.isTerraform) {
        if (l.state === 'unknown') return;
        // The block being there enables the driver; a plan writes an absent block as []; a `dynamic` block is unknown.
        if (isPresent(l) || c.raw(['dynamic', CLUSTER.keyVaultSecretsProvider.tf[0]]).state !== 'absent') return;
        const fix = c.fix(CLUSTER.keyVaultSecretsProvider, l, { secret_rotation_enabled: true });
        ctx.report({
          resource: c,
          lookup: l,
          // A plan writes the absent block as []: reported on `values`, like every absent plan attribute.
          node: c.format === 'tfplan' ? c.defaultAnchor() : undefined,
          messageId: 'missing',
          data: { name: c.label, api: '' },
          fix: fix && { title: 'Add the key_vault_secrets_provider block with secret rotation', intents: [fix] },
        });
        return;
      }
      // ARM: the add-on object first (an exported `null` add-on is absent), then its `enabled`.
      const addon = c.raw(ADDON);
      if (addon.state === 'unknown') return;
      if (!isPresent(addon)) {
        // config values are strings: enableSecretRotation is "true", not true.
        // An apiVersion without addonProfiles gets no preferred fix, only a suggestion that raises it.
        const { apiVersionNeeded, ...fixes } = c.fixWithinApiVersion('Enable the Key Vault Secrets Store CSI driver add-on with secret rotation',
          (newer) => [c.fix({ arm: ADDON, minApiVersion: CLUSTER_API_VERSIONS.addonProfiles }, addon, { enabled: true, config: { enableSecretRotation: 'true' } }, newer)]);
        ctx.report({
          resource: c,
          lookup: addon,
          messageId: 'missing',
          data: { name: c.label, api: apiVersionNote(c.apiVersion, apiVersionNeeded, 'addonProfiles') },
          ...fixes,
        });
        return;
      }
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      const fix = c.fix(CLUSTER.keyVaultSecretsProvider, l, true);
      ctx.report({
        resource: c,
        lookup: l,
        // The add-on object without `enabled` (or `enabled: null`) does not enable it either.
        messageId: l.state === 'absent' || l.value === null ? 'missing' : 'disabled',
        data: { name: c.label, via: via(l), api: '' },
        fix: fix && { title: 'Enable the Key Vault Secrets Store CSI driver add-on', intents: [fix] },
      });
    },
  },
});

import { CLUSTER, isTrue } from '../model';
import { defineRule } from './types';
import { via } from '../util';
import { armParameterType, blockState, missingAnchor } from '../model/clusterSettings';

export default defineRule({
  id: 'aks-secret-rotation',
  title: 'The Key Vault secrets provider rotates mounted secrets',
  description:
    'Without rotation the Secrets Store CSI driver mounts Key Vault secrets and certificates once, when the pod starts: a certificate renewed in Key Vault never reaches running pods. CAF: rotate certificates regularly (e.g. every 90 days) and use the Key Vault Secrets Store CSI driver. Only clusters that enable the Key Vault secrets provider add-on are checked (aks-keyvault-secrets-provider reports the others).',
  recommendation:
    'ARM: set addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation to the string "true" (config values are strings). Terraform: set key_vault_secrets_provider.secret_rotation_enabled = true.',
  caf: 'seeds 6 and 7: Key Vault Secrets Store CSI driver; certificates rotated regularly',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} enables the Key Vault secrets provider without secret rotation: {{setting}} is not set.',
    disabled: 'Cluster {{name}} disables secret rotation of the Key Vault secrets provider{{via}}.',
    notString:
      'Cluster {{name}} sets enableSecretRotation to the boolean true{{via}}: the add-on config is a map of strings, so write the string "true".',
  },
  check: {
    managedCluster(c, ctx) {
      const addon = c.keyVaultSecretsProvider;
      if (c.isArm ? !(addon.state === 'known' && isTrue(addon.value)) : blockState(c, addon, 'key_vault_secrets_provider') !== 'present') return;
      const l = c.secretRotation;
      if (l.state === 'unknown') return;
      // A bool parameter cannot hold the string "true" (the deployment fails validation): no fix then.
      const fix = l.state === 'known' && armParameterType(c, l.node) === 'bool' ? undefined : c.fix(CLUSTER.secretRotation, l, true);
      const data = { name: c.label, via: via(l), setting: c.isArm ? 'config.enableSecretRotation' : 'secret_rotation_enabled' };
      if (l.state === 'known' && isTrue(l.value)) {
        // The value resolves to true; in ARM it must also be a string (ManagedClusterAddonProfileConfig is string → string).
        if (!c.isArm || l.origin?.type !== 'boolean') return;
        ctx.report({ resource: c, lookup: l, messageId: 'notString', data, fix: fix && { title: 'Write enableSecretRotation as the string "true"', intents: [fix] } });
        return;
      }
      ctx.report({
        resource: c,
        lookup: l,
        node: l.state === 'absent' ? missingAnchor(c, l) : undefined,
        messageId: l.state === 'absent' ? 'missing' : 'disabled',
        data,
        fix: fix && { title: 'Enable secret rotation', intents: [fix] },
      });
    },
  },
});

import { REGISTRY } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

export default defineRule({
  id: 'acr-quarantine',
  title: 'The registry quarantines new images until they are scanned',
  description:
    'With the quarantine policy, a newly pushed image cannot be pulled until a scanner marks it as passed, so an unscanned image never reaches a cluster. It needs a scanning workflow that releases images: enabled without one, every new image stays unpullable. The quarantine policy exists on Premium only: a known Basic or Standard registry is not checked (acr-premium-sku reports the SKU). Absent means the service default: disabled.',
  recommendation:
    'Set properties.policies.quarantinePolicy.status to enabled / quarantine_policy_enabled to true once a scanner releases quarantined images.',
  caf: 'seed 12: image vulnerability scanning',
  severity: 'hint',
  formats: ['arm', 'tfjson', 'tfplan'],
  // Enabling quarantine without a releasing scanner blocks every new pull: offered as a suggestion, never as the preferred fix.
  fixable: false,
  messages: {
    missing: 'Registry {{name}} does not quarantine new images: the quarantine policy is not set and defaults to disabled.{{api}}',
    disabled: 'Registry {{name}} does not quarantine new images{{via}}.',
  },
  check: {
    containerRegistry(r, ctx) {
      // Quarantine is a Premium feature (azurerm: "only supported on resources with the Premium SKU").
      if (r.premiumFeaturesUnavailable) return;
      const l = r.quarantine;
      if (l.state === 'unknown' || (l.state === 'known' && l.value !== false)) return;
      // Only ever a suggestion; on an ARM apiVersion older than policies.quarantinePolicy it also raises the apiVersion.
      const { fix, suggestions, apiVersionNeeded } = r.fixWithinApiVersion('Enable the quarantine policy (new images cannot be pulled until a scanner releases them)',
        (newer) => [r.fix(REGISTRY.quarantine, l, true, newer)]);
      ctx.report({
        resource: r,
        lookup: l,
        messageId: l.state === 'absent' ? 'missing' : 'disabled',
        data: { name: r.label, via: via(l), api: apiVersionNote(r.apiVersion, apiVersionNeeded, 'policies.quarantinePolicy') },
        suggestions: fix ? [fix] : suggestions ?? [],
      });
    },
  },
});

import { REGISTRY } from '../model';
import { Fix } from '../fixes/intent';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

export default defineRule({
  id: 'acr-public-network-disabled',
  title: 'The registry is not reachable from public networks',
  description:
    'A registry with public network access accepts pulls and pushes from the internet (only guarded by credentials), and its data can leave the network boundary. CAF: a dedicated private registry reached over Private Link. Absent means the service default: Enabled. ARM: publicNetworkAccess exists from API version 2021-09-01 (2019-12-01-preview); on an older apiVersion the fix is only offered as a suggestion that also raises the apiVersion.',
  recommendation:
    'Set properties.publicNetworkAccess to Disabled / public_network_access_enabled to false and reach the registry through a private endpoint (Premium SKU).',
  caf: 'seed 11: dedicated private Azure Container Registry over Private Link',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Registry {{name}} allows public network access: {{setting}} is not set and defaults to {{default}}.{{api}}',
    enabled: 'Registry {{name}} allows public network access{{via}}.',
  },
  check: {
    containerRegistry(r, ctx) {
      const l = r.publicNetworkAccess;
      if (r.publicAccessEnabled !== true) return;
      let fix: Fix | undefined;
      const suggestions: Fix[] = [];
      // ARM: an apiVersion older than publicNetworkAccess gets no preferred fix, only a suggestion that raises it.
      let apiVersionNeeded: string | undefined;
      if (r.isPremium === false) {
        // Only the Premium tier can disable public access: upgrading changes the cost, so it is not the preferred fix.
        const made = r.fixWithinApiVersion('Disable public network access and upgrade to the Premium SKU (higher cost)', (newer) => [
          r.fix(REGISTRY.publicNetworkAccess, l, false, newer),
          r.fix(REGISTRY.sku, r.sku, 'Premium'),
        ]);
        if (made.fix) suggestions.push(made.fix);
        suggestions.push(...(made.suggestions ?? []));
        apiVersionNeeded = made.apiVersionNeeded;
      } else {
        const made = r.fixWithinApiVersion('Disable public network access', (newer) => [r.fix(REGISTRY.publicNetworkAccess, l, false, newer)]);
        fix = made.fix;
        suggestions.push(...(made.suggestions ?? []));
        apiVersionNeeded = made.apiVersionNeeded;
      }
      ctx.report({
        resource: r,
        lookup: l,
        messageId: l.state === 'absent' ? 'missing' : 'enabled',
        data: {
          name: r.label,
          via: via(l),
          setting: r.settingName(REGISTRY.publicNetworkAccess),
          default: r.isArm ? 'Enabled' : 'true',
          api: apiVersionNote(r.apiVersion, apiVersionNeeded, 'publicNetworkAccess'),
        },
        fix,
        suggestions,
      });
    },
  },
});

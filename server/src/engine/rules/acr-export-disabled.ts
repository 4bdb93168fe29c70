import { REGISTRY } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

export default defineRule({
  id: 'acr-export-disabled',
  title: 'A private registry does not allow exporting its images',
  description:
    'With the export policy enabled, images can be copied out of the registry (az acr import from another registry, ACR transfer pipelines), bypassing the private network. Disabling it keeps data reachable only through the data plane (docker pull) over the private endpoint. The service accepts a disabled export policy only when public network access is disabled, so only registries with public access disabled are checked; for the others acr-public-network-disabled reports first. The export policy exists on Premium only: a known Basic or Standard registry is not checked (acr-premium-sku reports the SKU). Absent means the service default: exports enabled. ARM: policies.exportPolicy exists from API version 2021-09-01 (stable); on an older apiVersion the fix is only offered as a suggestion that also raises the apiVersion.',
  recommendation: 'Set properties.policies.exportPolicy.status to disabled / export_policy_enabled to false (Premium, public network access disabled).',
  caf: 'seed 11: dedicated private Azure Container Registry over Private Link',
  severity: 'info',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Private registry {{name}} allows exporting images: the export policy is not set and defaults to enabled.{{api}}',
    enabled: 'Private registry {{name}} allows exporting images{{via}}.',
  },
  check: {
    containerRegistry(r, ctx) {
      // The export policy is a Premium feature: on a known Basic/Standard registry there is nothing to set.
      if (r.premiumFeaturesUnavailable || r.publicAccessEnabled !== false) return;
      const l = r.exportPolicy;
      if (l.state === 'unknown' || (l.state === 'known' && l.value !== true)) return;
      // ARM: an apiVersion older than the export policy gets no preferred fix, only a suggestion that raises it.
      const { apiVersionNeeded, ...fixes } = r.fixWithinApiVersion('Disable the export policy', (newer) => [r.fix(REGISTRY.exportPolicy, l, false, newer)]);
      ctx.report({
        resource: r,
        lookup: l,
        messageId: l.state === 'absent' ? 'missing' : 'enabled',
        data: { name: r.label, via: via(l), api: apiVersionNote(r.apiVersion, apiVersionNeeded, 'policies.exportPolicy') },
        ...fixes,
      });
    },
  },
});

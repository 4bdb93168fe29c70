import { REGISTRY } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

export default defineRule({
  id: 'acr-network-default-deny',
  title: 'A publicly reachable registry denies network access by default',
  description:
    'When public network access stays enabled, the registry firewall decides who can reach it; with the default action Allow every internet address can. CAF: a private registry; if public access must stay, restrict it. Absent means the service default: Allow. Not checked when public access is disabled (the firewall then has no effect), nor on a Basic or Standard registry: network rules exist on Premium only, so acr-premium-sku reports the SKU and acr-public-network-disabled the exposure.',
  recommendation:
    'Set properties.networkRuleSet.defaultAction / network_rule_set.default_action to Deny and allow only the addresses that need it (ipRules / ip_rule). Network rules need the Premium SKU.',
  caf: 'seed 11: dedicated private Azure Container Registry over Private Link',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Registry {{name}} is publicly reachable and its firewall allows every network: {{setting}} is not set and defaults to Allow.{{api}}',
    allow: 'Registry {{name}} is publicly reachable and its firewall allows every network (default action Allow{{via}}).',
  },
  check: {
    containerRegistry(r, ctx) {
      // Network rules are a Premium feature: on a known Basic/Standard registry there is no firewall to configure.
      if (r.premiumFeaturesUnavailable) return;
      if (r.publicAccessEnabled !== true || r.defaultDeny !== false) return;
      const l = r.networkDefaultAction;
      // ARM: an apiVersion older than networkRuleSet gets no preferred fix, only a suggestion that raises it.
      const { apiVersionNeeded, ...fixes } = r.fixWithinApiVersion('Deny network access by default', (newer) => [r.fix(REGISTRY.networkDefaultAction, l, 'Deny', newer)]);
      ctx.report({
        resource: r,
        lookup: l,
        messageId: l.state === 'absent' ? 'missing' : 'allow',
        data: { name: r.label, via: via(l), setting: r.settingName(REGISTRY.networkDefaultAction), api: apiVersionNote(r.apiVersion, apiVersionNeeded, 'networkRuleSet') },
        ...fixes,
      });
    },
  },
});

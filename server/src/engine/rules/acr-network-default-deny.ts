import { REGISTRY } from '../model';
import { Fix } from '../fixes/intent';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'acr-network-default-deny',
  title: 'A publicly reachable registry denies network access by default',
  description:
    'When public network access stays enabled, the registry firewall decides who can reach it; with the default action Allow every internet address can. CAF: a private registry; if public access must stay, restrict it. Absent means the service default: Allow. Not checked when public access is disabled (the firewall then has no effect).',
  recommendation:
    'Set properties.networkRuleSet.defaultAction / network_rule_set.default_action to Deny and allow only the addresses that need it (ipRules / ip_rule). Network rules need the Premium SKU.',
  caf: 'seed 11: dedicated private Azure Container Registry over Private Link',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Registry {{name}} is publicly reachable and its firewall allows every network: networkRuleSet.defaultAction is not set and defaults to Allow.',
    allow: 'Registry {{name}} is publicly reachable and its firewall allows every network (default action Allow{{via}}).',
  },
  check: {
    containerRegistry(r, ctx) {
      if (r.publicAccessEnabled !== true || r.defaultDeny !== false) return;
      const l = r.networkDefaultAction;
      const intent = r.fix(REGISTRY.networkDefaultAction, l, 'Deny');
      let fix: Fix | undefined;
      const suggestions: Fix[] = [];
      if (intent && r.isPremium === false) {
        // Network rules exist on Premium only: upgrading changes the cost, so it is not the preferred fix.
        const sku = r.fix(REGISTRY.sku, r.sku, 'Premium');
        if (sku) suggestions.push({ title: 'Deny network access by default and upgrade to the Premium SKU (higher cost)', intents: [intent, sku] });
      } else if (intent) {
        fix = { title: 'Deny network access by default', intents: [intent] };
      }
      ctx.report({ resource: r, lookup: l, messageId: l.state === 'absent' ? 'missing' : 'allow', data: { name: r.label, via: via(l) }, fix, suggestions });
    },
  },
});

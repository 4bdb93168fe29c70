import { eqi, REGISTRY } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'acr-trusted-services-bypass',
  title: 'A network-restricted registry lets trusted Azure services through',
  description:
    'When a registry is network-restricted (public access disabled, or a firewall that denies by default), trusted Azure services such as Microsoft Defender vulnerability assessment reach it only through the trusted-services bypass. With networkRuleBypassOptions None, image scanning stops. Network restrictions exist on Premium only: a known Basic or Standard registry is not checked. Absent means the service default: AzureServices.',
  recommendation: 'Leave properties.networkRuleBypassOptions / network_rule_bypass_option absent or set it to AzureServices.',
  caf: 'seed 12: image vulnerability scanning',
  severity: 'hint',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    none: 'Network-restricted registry {{name}} blocks trusted Azure services (networkRuleBypassOptions None{{via}}): Defender image scanning cannot reach it.',
  },
  check: {
    containerRegistry(r, ctx) {
      if (r.premiumFeaturesUnavailable || r.networkRestricted !== true) return;
      const l = r.networkRuleBypass;
      if (l.state !== 'known' || !eqi(l.value, 'None')) return;
      const intent = r.fix(REGISTRY.networkRuleBypass, l, 'AzureServices');
      ctx.report({
        resource: r,
        lookup: l,
        messageId: 'none',
        data: { name: r.label, via: via(l) },
        fix: intent && { title: 'Allow trusted Azure services', intents: [intent] },
      });
    },
  },
});

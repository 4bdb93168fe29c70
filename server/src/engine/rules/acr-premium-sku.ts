import { eqi, REGISTRY } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'acr-premium-sku',
  title: 'The registry uses the Premium SKU',
  description:
    'Private endpoints, disabling public network access, firewall rules, the export policy, content trust, retention and geo-replication are Premium-only features of Azure Container Registry. CAF: a dedicated private registry over Private Link, which needs Premium. Premium costs more than Basic or Standard.',
  recommendation: 'Set sku.name / sku to Premium (this raises the registry cost).',
  caf: 'seed 11: dedicated private Azure Container Registry over Private Link',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    sku: 'Registry {{name}} uses the {{sku}} SKU{{via}}: Private Link and network restrictions need Premium.',
    missing: 'Registry {{name}} sets no SKU: Private Link and network restrictions need Premium.',
  },
  check: {
    containerRegistry(r, ctx) {
      const l = r.sku;
      if (l.state === 'unknown') return;
      // An empty SKU is a placeholder (e.g. a registry deployed only when a SKU is given): not a finding.
      if (l.state === 'known' && (typeof l.value !== 'string' || !l.value.trim() || eqi(l.value, 'Premium'))) return;
      const intent = r.fix(REGISTRY.sku, l, 'Premium');
      ctx.report({
        resource: r,
        lookup: l,
        messageId: l.state === 'absent' ? 'missing' : 'sku',
        data: { name: r.label, sku: String(l.value ?? ''), via: via(l) },
        fix: intent && { title: 'Upgrade the registry to the Premium SKU (higher cost)', intents: [intent] },
      });
    },
  },
});

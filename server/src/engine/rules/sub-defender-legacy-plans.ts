import { Fix } from '../fixes/intent';
import { PLAN, PRICING, SecurityPricing } from '../model';
import { defineRule } from './types';
import { via } from '../util';

const LEGACY = [PLAN.kubernetesService, PLAN.containerRegistry];

export default defineRule({
  id: 'sub-defender-legacy-plans',
  title: 'No deprecated Defender plans (KubernetesService, ContainerRegistry)',
  description:
    'Defender for Kubernetes (KubernetesService) and Defender for container registries (ContainerRegistry) are deprecated plans, replaced by Defender for Containers (Containers); their Azure Policy definitions are marked [Deprecated]. Some scanners (Checkov CKV_AZURE_85/86) still require them: this rule asks for the current plan instead.',
  recommendation: 'Rename the pricing to Containers (ARM name / Terraform resource_type) and keep its tier Standard.',
  caf: 'seed 10: Microsoft Defender for Cloud / Defender for Containers',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    legacy: 'Defender plan {{plan}} is deprecated{{via}}: use the Containers plan (Defender for Containers).',
  },
  check: {
    document(model, ctx) {
      for (const p of model.pricings) {
        const plan = LEGACY.find((name) => p.isPlan(name) === 'yes');
        if (!plan) continue;
        const l = p.plan;
        const intent = p.fix(PRICING.plan, l, PLAN.containers);
        let fix: Fix | undefined;
        const suggestions: Fix[] = [];
        // Two pricings of one plan cannot be deployed: only one pricing is renamed, and never when Containers exists.
        const others = model.pricings.filter((o) => o !== p).map((o) => o.isPlan(PLAN.containers));
        const firstLegacy = model.pricings.find((o) => LEGACY.some((name) => o.isPlan(name) === 'yes')) === p;
        if (others.includes('yes') || !firstLegacy) {
          // Containers is declared (or another deprecated pricing is the one renamed): this one can only go.
          const removal = removeResource(p);
          if (removal) suggestions.push(removal);
        } else if (!others.includes('unknown') && intent) {
          fix = { title: 'Rename the plan to Containers (Defender for Containers)', intents: [intent] };
        }
        ctx.report({ resource: p, node: p.planAnchor, messageId: 'legacy', data: { plan, via: via(l) }, fix, suggestions });
      }
    },
  },
});

function removeResource(p: SecurityPricing): Fix | undefined {
  if (p.format === 'tfplan') return undefined;
  return { title: 'Remove the deprecated pricing (the Containers plan replaces it)', intents: [{ kind: 'remove', doc: p.doc, node: p.node }] };
}

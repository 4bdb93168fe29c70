import { DocumentModel, PLAN, PRICING, SecurityPricing } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'sub-defender-for-containers',
  title: 'The Microsoft Defender for Containers plan is on (Standard)',
  description:
    'CAF: use Microsoft Defender for Cloud and Defender for Containers for threat detection on clusters and vulnerability assessment of registry images. Defender for Containers is the subscription pricing named Containers; on the Free tier it does nothing. The pricing is often deployed elsewhere (a subscription template, an Azure Policy): when a file with clusters or registries has no Containers pricing in scope, the finding is Information, never Error.',
  recommendation:
    'Deploy Microsoft.Security/pricings named Containers with properties.pricingTier Standard / azurerm_security_center_subscription_pricing with resource_type = "Containers" (the default is VirtualMachines) and tier = "Standard".',
  caf: 'seed 10: Microsoft Defender for Cloud / Defender for Containers',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    free: 'Defender for Containers pricing {{name}} is on the Free tier{{via}}: threat detection and image vulnerability assessment are off.',
    notFound:
      'No Defender for Containers pricing (Containers, Standard) was found in this file (or the other files scanned) for its {{what}}: make sure the subscription enables the plan.',
  },
  check: {
    document(model, ctx) {
      for (const p of model.pricings) {
        if (p.isPlan(PLAN.containers) !== 'yes' || p.isStandard !== false) continue;
        const l = p.tier;
        const intent = p.fix(PRICING.tier, l, 'Standard');
        ctx.report({ resource: p, lookup: l, messageId: 'free', data: { name: p.label, via: via(l) }, fix: intent && { title: 'Set the Defender for Containers tier to Standard', intents: [intent] } });
      }
      const anchor = model.clusters[0] ?? model.registries[0];
      if (!anchor) return;
      const pricings = ctx.project.models.flatMap((m) => m.pricings);
      if (pricings.some(mayCoverContainers)) return;
      ctx.report({ resource: anchor, messageId: 'notFound', severity: 'info', data: { what: what(model) } });
    },
  },
});

/**
 * A pricing that is (or may be) the Containers plan, whatever its tier: a Free one is reported on its own.
 * A deprecated plan is reported by sub-defender-legacy-plans, whose fix renames it to Containers.
 */
function mayCoverContainers(p: SecurityPricing): boolean {
  return p.isPlan(PLAN.containers) !== 'no' || p.isPlan(PLAN.kubernetesService) === 'yes' || p.isPlan(PLAN.containerRegistry) === 'yes';
}

function what(model: DocumentModel): string {
  const c = model.clusters.length;
  const r = model.registries.length;
  const parts: string[] = [];
  if (c) parts.push(c === 1 ? 'AKS cluster' : 'AKS clusters');
  if (r) parts.push(r === 1 ? 'container registry' : 'container registries');
  return parts.join(' and ');
}

import { normalisePattern, parseImageRef, registryMatches } from '../model/image';
import { defineRule, RuleContext } from './types';

export default defineRule({
  id: 'k8s-allowed-registry',
  title: 'Images come from an allowed registry',
  description:
    'Images pulled from public or unknown registries bypass the landing zone\'s private registry, its vulnerability scanning and its network controls. CAF: use a dedicated private Azure Container Registry (over Private Link) and scan the images that run.',
  recommendation:
    'Pull every image from an allowed registry (configure aksGuardrails.allowedRegistries, e.g. ["contoso.azurecr.io"], or the rule option "registries"); import public images into your registry (az acr import) instead of pulling them from Docker Hub.',
  caf: 'seed 11: dedicated private Azure Container Registry',
  severity: 'warning',
  formats: ['k8s'],
  fixable: false,
  messages: {
    notAllowed: 'Container {{container}} of {{workload}} pulls {{image}} from {{registry}}, which is not an allowed registry ({{allowed}}).',
  },
  check: {
    workload(w, ctx) {
      const allowed = allowedPatterns(ctx);
      if (!allowed.length) return;
      for (const c of w.containers) {
        const l = w.container(c, ['image']);
        if (l.state !== 'known' || typeof l.value !== 'string') continue;
        const ref = parseImageRef(l.value);
        if (!ref || allowed.some((p) => registryMatches(ref, p))) continue;
        ctx.report({
          resource: w,
          lookup: l,
          messageId: 'notAllowed',
          data: { container: c.name, workload: w.label, image: l.value, registry: ref.registry, allowed: allowed.join(', ') },
        });
      }
    },
  },
});

/** Setting `aksGuardrails.allowedRegistries` (CLI `--allowed-registry`) plus the rule option `registries`. */
function allowedPatterns(ctx: RuleContext): string[] {
  const fromRule = ctx.ruleOptions.registries;
  const extra = Array.isArray(fromRule) ? fromRule : typeof fromRule === 'string' ? [fromRule] : [];
  const all = [...(ctx.options.allowedRegistries ?? []), ...extra].filter((p): p is string => typeof p === 'string').map(normalisePattern).filter(Boolean);
  return [...new Set(all)];
}

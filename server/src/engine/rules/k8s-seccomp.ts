import { Container, Lookup, SECCOMP_POD_ANNOTATION, Workload } from '../model';
import { defineRule, RuleContext } from './types';
import { versionAtLeast } from '../util';

export default defineRule({
  id: 'k8s-seccomp',
  title: 'Pods run with a seccomp profile',
  description:
    'seccomp limits the system calls a container can make. Pod Security Standards restricted requires RuntimeDefault or Localhost, and baseline forbids Unconfined. CAF: evaluate seccomp to limit process calls. Localhost profiles are compliant (unlike Checkov CKV_K8S_31). The securityContext.seccompProfile field is GA since Kubernetes 1.19; the alpha annotations count only when aksGuardrails.kubernetesVersion is older (they were deprecated in 1.19 and removed in 1.27). Windows pods are exempt from Kubernetes 1.25.',
  recommendation: 'Set a pod-level securityContext.seccompProfile: {type: RuntimeDefault} (or Localhost with localhostProfile); never Unconfined.',
  caf: 'seed 5: seccomp',
  severity: 'warning',
  formats: ['k8s'],
  fixable: true,
  pss: 'restricted',
  messages: {
    missing: '{{workload}} runs container(s) {{containers}} without a seccomp profile.',
    annotationOnly: '{{workload}} sets a seccomp profile for container(s) {{containers}} only through the alpha annotation, which Kubernetes {{version}} ignores (deprecated in 1.19, removed in 1.27): set securityContext.seccompProfile.',
    unconfined: '{{where}} of {{workload}} sets seccomp profile Unconfined.',
    unconfinedAnnotation: 'The seccomp annotation {{annotation}} of {{workload}} is unconfined.',
    localhostWithoutProfile: '{{where}} of {{workload}} uses a Localhost seccomp profile without localhostProfile.',
  },
  check: {
    workload(w, ctx) {
      if (!w.podSpec || w.windowsExemptFromRestricted(ctx.options.kubernetesVersion)) return;
      // The field is GA since 1.19; before, the alpha annotations were the only spelling (PSA seccompProfile 1.0 / 1.19).
      const fieldEra = versionAtLeast(ctx.options.kubernetesVersion, '1.19');
      checkProfile(w, ctx, w.pod(['securityContext', 'seccompProfile']), 'Pod security context');
      const annotations = new Map<unknown, Lookup>();
      const missing: Container[] = [];
      const annotationOnly: Container[] = [];
      for (const c of w.containers) {
        const own = w.container(c, ['securityContext', 'seccompProfile']);
        checkProfile(w, ctx, own, `Container ${c.name}`);
        const annotation = w.seccompAnnotation(c);
        if (annotation.state === 'known' && !annotations.has(annotation.node)) annotations.set(annotation.node, annotation);
        const eff = w.effective(c, 'seccompProfile');
        if (eff.from !== 'none') continue;
        if (annotation.state === 'unknown') continue;
        if (annotation.state === 'known') {
          if (!fieldEra) continue; // honoured (an unconfined value is reported below)
          annotationOnly.push(c);
        } else missing.push(c);
      }
      checkAnnotations(w, ctx, [...annotations.values()]);
      const pod = w.pod(['securityContext', 'seccompProfile']);
      const fix = (): { title: string; intents: NonNullable<ReturnType<Workload['fix']>>[] } | undefined => {
        if (pod.state !== 'absent') return undefined;
        if (!fieldEra) {
          // Before 1.19 the field does not exist: write the pod annotation.
          const intents = w.addPodAnnotations({ [SECCOMP_POD_ANNOTATION]: 'runtime/default' });
          return intents.length ? { title: `Add the annotation ${SECCOMP_POD_ANNOTATION}: runtime/default`, intents } : undefined;
        }
        const intent = w.fix(pod, { type: 'RuntimeDefault' });
        return intent && { title: 'Add seccompProfile RuntimeDefault to the pod security context', intents: [intent] };
      };
      if (missing.length) {
        ctx.report({ resource: w, node: w.podSecurityAnchor(), messageId: 'missing', data: { workload: w.label, containers: missing.map((c) => c.name).join(', ') }, fix: fix() });
      } else if (annotationOnly.length) {
        ctx.report({
          resource: w,
          node: w.podSecurityAnchor(),
          messageId: 'annotationOnly',
          data: { workload: w.label, containers: annotationOnly.map((c) => c.name).join(', '), version: ctx.options.kubernetesVersion },
          fix: fix(),
        });
      }
    },
  },
});

function checkProfile(w: Workload, ctx: RuleContext, profile: Lookup, where: string) {
  if (profile.state !== 'known' || !profile.origin || profile.origin.type !== 'object') return;
  const type = w.get(['type'], profile.origin);
  if (type.state !== 'known' || typeof type.value !== 'string') return;
  const t = type.value.toLowerCase();
  if (t === 'unconfined') {
    const fix = w.fix(type, 'RuntimeDefault');
    ctx.report({ resource: w, lookup: type, severity: 'error', messageId: 'unconfined', data: { where, workload: w.label }, fix: fix && { title: 'Use seccomp profile RuntimeDefault', intents: [fix] } });
  } else if (t === 'localhost') {
    const lp = w.get(['localhostProfile'], profile.origin);
    if (lp.state === 'absent' || lp.value === '') ctx.report({ resource: w, lookup: type, messageId: 'localhostWithoutProfile', data: { where, workload: w.label } });
  }
  // Another type value: the API server rejects it; nothing to add here.
}

/** `unconfined` in an alpha annotation is a finding whatever the version: Unconfined is never compliant. */
function checkAnnotations(w: Workload, ctx: RuleContext, annotations: Lookup[]) {
  for (const a of annotations) {
    if (typeof a.value !== 'string' || a.value.trim().toLowerCase() !== 'unconfined') continue;
    const name = String(a.node?.parent?.children?.[0]?.value ?? SECCOMP_POD_ANNOTATION);
    const fix = w.fix(a, 'runtime/default');
    ctx.report({ resource: w, lookup: a, severity: 'error', messageId: 'unconfinedAnnotation', data: { annotation: name, workload: w.label }, fix: fix && { title: 'Use seccomp profile runtime/default', intents: [fix] } });
  }
}

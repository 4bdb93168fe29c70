import { Node } from '../documents';
import { Container, Workload } from '../model';
import { defineRule, RuleContext } from './types';
import { versionAtLeast } from '../util';

const COMPLIANT = new Set(['runtimedefault', 'localhost']);

export default defineRule({
  id: 'k8s-seccomp',
  title: 'Pods run with a seccomp profile',
  description:
    'seccomp limits the system calls a container can make. Pod Security Standards restricted requires RuntimeDefault or Localhost, and baseline forbids Unconfined. CAF: evaluate seccomp to limit process calls. Localhost profiles are compliant (unlike Checkov CKV_K8S_31).',
  recommendation: 'Set a pod-level securityContext.seccompProfile: {type: RuntimeDefault} (or Localhost with localhostProfile); never Unconfined.',
  caf: 'seed 5: seccomp',
  severity: 'warning',
  formats: ['k8s'],
  fixable: true,
  pss: 'restricted',
  messages: {
    missing: '{{workload}} runs container(s) {{containers}} without a seccomp profile.',
    unconfined: '{{where}} of {{workload}} sets seccomp profile Unconfined.',
    localhostWithoutProfile: '{{where}} of {{workload}} uses a Localhost seccomp profile without localhostProfile.',
  },
  check: {
    workload(w, ctx) {
      if (!w.podSpec || w.isWindows) return;
      const legacyHonoured = !versionAtLeast(ctx.options.kubernetesVersion, '1.19');
      checkProfile(w, ctx, w.pod(['securityContext', 'seccompProfile']), 'Pod security context');
      const missing: Container[] = [];
      for (const c of w.containers) {
        const own = w.container(c, ['securityContext', 'seccompProfile']);
        checkProfile(w, ctx, own, `Container ${c.name}`);
        const eff = w.effective(c, 'seccompProfile');
        if (eff.from === 'none' && !(legacyHonoured && legacyAnnotation(w, c.name))) missing.push(c);
      }
      if (!missing.length) return;
      const pod = w.pod(['securityContext', 'seccompProfile']);
      const fix = pod.state === 'absent' ? w.fix(pod, { type: 'RuntimeDefault' }) : undefined;
      ctx.report({
        resource: w,
        node: w.podSecurityAnchor(),
        messageId: 'missing',
        data: { workload: w.label, containers: missing.map((c) => c.name).join(', ') },
        fix: fix && { title: 'Add seccompProfile RuntimeDefault to the pod security context', intents: [fix] },
      });
    },
  },
});

function checkProfile(w: Workload, ctx: RuleContext, profile: ReturnType<Workload['pod']>, where: string) {
  if (profile.state !== 'known' || !profile.origin || profile.origin.type !== 'object') return;
  const type = w.get(['type'], profile.origin);
  if (type.state !== 'known' || typeof type.value !== 'string') return;
  const t = type.value.toLowerCase();
  if (t === 'unconfined') {
    const fix = w.fix(type, 'RuntimeDefault');
    ctx.report({ resource: w, lookup: type, severity: 'error', messageId: 'unconfined', data: { where, workload: w.label }, fix: fix && { title: 'Use seccomp profile RuntimeDefault', intents: [fix] } });
  } else if (t === 'localhost') {
    const lp = w.get(['localhostProfile'], profile.origin);
    if (lp.state === 'absent') ctx.report({ resource: w, lookup: type, messageId: 'localhostWithoutProfile', data: { where, workload: w.label } });
  } else if (!COMPLIANT.has(t)) {
    // unknown type value: the API server rejects it; nothing to add here
  }
}

function legacyAnnotation(w: Workload, container: string): Node | undefined {
  const a = w.podAnnotations();
  return a.get(`container.seccomp.security.alpha.kubernetes.io/${container}`) ?? a.get('seccomp.security.alpha.kubernetes.io/pod');
}

import { APPARMOR_ANNOTATION_PREFIX, Container, Lookup, Workload } from '../model';
import { versionAtLeast } from '../util';
import { defineRule, RuleContext } from './types';

export default defineRule({
  id: 'k8s-apparmor',
  title: 'Pods run with an AppArmor profile',
  description:
    'AppArmor confines what a container process may read, write and execute. Pod Security Standards baseline forbids Unconfined; CAF asks for AppArmor profiles to be set explicitly. Both spellings count: the securityContext.appArmorProfile field (pod or container, Kubernetes 1.30 and later) and the legacy annotation container.apparmor.security.beta.kubernetes.io/<container> on the pod template metadata (deprecated since 1.30). Windows pods are not checked.',
  recommendation: 'Set a pod-level securityContext.appArmorProfile: {type: RuntimeDefault} (or Localhost with localhostProfile); before Kubernetes 1.30 use the annotation runtime/default per container. Never Unconfined.',
  caf: 'seed 4: AppArmor',
  severity: 'warning',
  formats: ['k8s'],
  fixable: true,
  pss: 'baseline',
  messages: {
    missing: '{{workload}} does not set an AppArmor profile for container(s) {{containers}}.',
    unconfined: '{{where}} of {{workload}} sets AppArmor profile Unconfined.',
    unconfinedAnnotation: 'The AppArmor annotation of container {{container}} of {{workload}} is unconfined.',
    localhostWithoutProfile: '{{where}} of {{workload}} uses a Localhost AppArmor profile without localhostProfile.',
    annotationWithoutProfile: 'The AppArmor annotation of container {{container}} of {{workload}} names no localhost profile.',
  },
  check: {
    workload(w, ctx) {
      if (!w.podSpec || w.isWindows) return;
      const pod = w.pod(['securityContext', 'appArmorProfile']);
      checkField(w, ctx, pod, 'Pod security context');
      const missing: Container[] = [];
      for (const c of w.containers) {
        const own = w.container(c, ['securityContext', 'appArmorProfile']);
        checkField(w, ctx, own, `Container ${c.name}`);
        const annotation = w.appArmorAnnotation(c);
        checkAnnotation(w, ctx, annotation, c);
        // Container field or annotation, else the pod field: the effective profile.
        if (own.state === 'absent' && annotation.state === 'absent' && pod.state === 'absent') missing.push(c);
      }
      if (!missing.length) return;
      // The field from Kubernetes 1.30 (aksGuardrails.kubernetesVersion), the annotation before.
      const useField = versionAtLeast(ctx.options.kubernetesVersion, '1.30');
      const field = useField ? w.fix(pod, { type: 'RuntimeDefault' }) : undefined;
      const intents = field ? [field] : useField ? [] : w.addPodAnnotations(Object.fromEntries(missing.map((c) => [`${APPARMOR_ANNOTATION_PREFIX}${c.name}`, 'runtime/default'])));
      ctx.report({
        resource: w,
        node: w.podSecurityAnchor(),
        severity: 'info',
        messageId: 'missing',
        data: { workload: w.label, containers: missing.map((c) => c.name).join(', ') },
        fix: intents.length ? { title: useField ? 'Add appArmorProfile RuntimeDefault to the pod security context' : 'Add the AppArmor annotation runtime/default for each container', intents } : undefined,
      });
    },
  },
});

function checkField(w: Workload, ctx: RuleContext, profile: Lookup, where: string) {
  if (profile.state !== 'known' || profile.origin?.type !== 'object') return;
  const type = w.get(['type'], profile.origin);
  if (type.state !== 'known' || typeof type.value !== 'string') return;
  const t = type.value.toLowerCase();
  if (t === 'unconfined') {
    const fix = w.fix(type, 'RuntimeDefault');
    ctx.report({ resource: w, lookup: type, severity: 'error', messageId: 'unconfined', data: { where, workload: w.label }, fix: fix && { title: 'Use AppArmor profile RuntimeDefault', intents: [fix] } });
  } else if (t === 'localhost') {
    const lp = w.get(['localhostProfile'], profile.origin);
    if (lp.state === 'absent' || lp.value === '') ctx.report({ resource: w, lookup: type, messageId: 'localhostWithoutProfile', data: { where, workload: w.label } });
  }
}

function checkAnnotation(w: Workload, ctx: RuleContext, annotation: Lookup, c: Container) {
  if (annotation.state !== 'known' || typeof annotation.value !== 'string') return;
  const v = annotation.value.trim().toLowerCase();
  const data = { workload: w.label, container: c.name };
  if (v === 'unconfined') {
    const fix = w.fix(annotation, 'runtime/default');
    ctx.report({ resource: w, lookup: annotation, severity: 'error', messageId: 'unconfinedAnnotation', data, fix: fix && { title: 'Use AppArmor profile runtime/default', intents: [fix] } });
  } else if (v === 'localhost/') {
    ctx.report({ resource: w, lookup: annotation, messageId: 'annotationWithoutProfile', data });
  }
}

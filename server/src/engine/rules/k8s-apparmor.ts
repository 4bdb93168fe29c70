import { APPARMOR_ANNOTATION_PREFIX, Container, Lookup, Workload } from '../model';
import { versionAtLeast } from '../util';
import { defineRule, RuleContext } from './types';

export default defineRule({
  id: 'k8s-apparmor',
  title: 'Pods run with an AppArmor profile',
  description:
    'AppArmor confines what a container process may read, write and execute. Pod Security Standards baseline forbids Unconfined; CAF asks for AppArmor profiles to be set explicitly. Both spellings count: the securityContext.appArmorProfile field (pod or container, GA in Kubernetes 1.30; counted when aksGuardrails.kubernetesVersion is 1.30 or later) and the annotation container.apparmor.security.beta.kubernetes.io/<container> on the pod template metadata (deprecated since 1.30, still honoured). Windows pods are not checked.',
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
    fieldNotSupported: '{{workload}} sets the AppArmor profile of container(s) {{containers}} only with the appArmorProfile field, which exists from Kubernetes 1.30 (target {{version}}): use the annotation container.apparmor.security.beta.kubernetes.io/<container>.',
  },
  check: {
    workload(w, ctx) {
      if (!w.podSpec || w.isWindows) return;
      // The field exists from Kubernetes 1.30 (aksGuardrails.kubernetesVersion); the annotation counts at every version.
      const fieldHonoured = versionAtLeast(ctx.options.kubernetesVersion, '1.30');
      const pod = w.pod(['securityContext', 'appArmorProfile']);
      const rows = w.containers.map((c) => ({ c, own: w.container(c, ['securityContext', 'appArmorProfile']), annotation: w.appArmorAnnotation(c) }));
      // Before 1.30 a field is dropped: fixing an Unconfined field also writes the annotation the cluster reads,
      // for the containers that take their profile from that field.
      const annotate = (inherits: (r: (typeof rows)[number]) => boolean) => (fieldHonoured ? [] : rows.filter((r) => r.annotation.state === 'absent' && inherits(r)).map((r) => r.c));
      checkField(w, ctx, pod, 'Pod security context', annotate((r) => r.own.state === 'absent'));
      const missing: Container[] = [];
      const fieldOnly: Array<{ c: Container; profile: Lookup }> = [];
      for (const row of rows) {
        const { c, own, annotation } = row;
        checkField(w, ctx, own, `Container ${c.name}`, annotate((r) => r === row));
        checkAnnotation(w, ctx, annotation, c);
        if (annotation.state !== 'absent') continue;
        // Container field, else the pod field: the effective profile.
        const field = own.state !== 'absent' ? own : pod;
        if (field.state === 'absent') missing.push(c);
        // An Unconfined field is reported (and fixed) as such.
        else if (!fieldHonoured && field.state === 'known' && profileType(w, field) !== 'unconfined') fieldOnly.push({ c, profile: field });
      }
      if (missing.length) {
        const field = fieldHonoured ? w.fix(pod, { type: 'RuntimeDefault' }) : undefined;
        const intents = field ? [field] : fieldHonoured ? [] : w.addPodAnnotations(Object.fromEntries(missing.map((c) => [`${APPARMOR_ANNOTATION_PREFIX}${c.name}`, 'runtime/default'])));
        ctx.report({
          resource: w,
          node: w.podSecurityAnchor(),
          severity: 'info',
          messageId: 'missing',
          data: { workload: w.label, containers: missing.map((c) => c.name).join(', ') },
          fix: intents.length ? { title: fieldHonoured ? 'Add appArmorProfile RuntimeDefault to the pod security context' : 'Add the AppArmor annotation runtime/default for each container', intents } : undefined,
        });
      }
      if (fieldOnly.length) {
        // Before 1.30 the API server drops the field: write the same profile as the annotation.
        const values = Object.fromEntries(fieldOnly.map(({ c, profile }) => [`${APPARMOR_ANNOTATION_PREFIX}${c.name}`, annotationValue(w, profile)]).filter(([, v]) => v !== undefined)) as Record<string, string>;
        const intents = Object.keys(values).length === fieldOnly.length ? w.addPodAnnotations(values) : [];
        ctx.report({
          resource: w,
          node: fieldOnly[0].profile.node?.parent?.children?.[0] ?? w.podSecurityAnchor(),
          messageId: 'fieldNotSupported',
          data: { workload: w.label, containers: fieldOnly.map(({ c }) => c.name).join(', '), version: ctx.options.kubernetesVersion },
          fix: intents.length ? { title: 'Add the equivalent AppArmor annotation for each container', intents } : undefined,
        });
      }
    },
  },
});

/** The annotation spelling of a field profile: runtime/default, localhost/<profile>; undefined for Unconfined or an incomplete Localhost. */
function annotationValue(w: Workload, profile: Lookup): string | undefined {
  if (profile.state !== 'known' || profile.origin?.type !== 'object') return undefined;
  const type = w.get(['type'], profile.origin);
  const t = typeof type.value === 'string' ? type.value.toLowerCase() : '';
  if (t === 'runtimedefault') return 'runtime/default';
  const lp = w.get(['localhostProfile'], profile.origin);
  if (t === 'localhost' && typeof lp.value === 'string' && lp.value) return `localhost/${lp.value}`;
  return undefined;
}

/** The lower-cased `type` of a field profile, when written literally. */
function profileType(w: Workload, profile: Lookup): string | undefined {
  if (profile.state !== 'known' || profile.origin?.type !== 'object') return undefined;
  const type = w.get(['type'], profile.origin);
  return type.state === 'known' && typeof type.value === 'string' ? type.value.toLowerCase() : undefined;
}

function checkField(w: Workload, ctx: RuleContext, profile: Lookup, where: string, annotate: Container[]) {
  if (profile.state !== 'known' || profile.origin?.type !== 'object') return;
  const type = w.get(['type'], profile.origin);
  if (type.state !== 'known' || typeof type.value !== 'string') return;
  const t = type.value.toLowerCase();
  if (t === 'unconfined') {
    const set = w.fix(type, 'RuntimeDefault');
    const intents = set ? [set, ...w.addPodAnnotations(Object.fromEntries(annotate.map((c) => [`${APPARMOR_ANNOTATION_PREFIX}${c.name}`, 'runtime/default'])))] : [];
    const title = annotate.length ? 'Use AppArmor profile RuntimeDefault (field and annotation)' : 'Use AppArmor profile RuntimeDefault';
    ctx.report({ resource: w, lookup: type, severity: 'error', messageId: 'unconfined', data: { where, workload: w.label }, fix: intents.length ? { title, intents } : undefined });
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

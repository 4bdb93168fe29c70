import { Container, isFalse, isTrue, Lookup, Workload } from '../model';
import { versionAtLeast } from '../util';
import { defineRule } from './types';

/** `runAsUser: 0` (the API takes an integer; a numeric string is read the same way). */
const isRootUid = (l: Lookup) => l.state === 'known' && (l.value === 0 || l.value === '0');

export default defineRule({
  id: 'k8s-run-as-non-root',
  title: 'Containers run as a non-root user',
  description:
    'A container process running as UID 0 is root for the kernel: a container escape or a writable host mount makes it root on the node. Pod Security Standards restricted require runAsNonRoot: true for every container (pod-level value inherited, container value overriding) and forbid runAsUser: 0. CAF: avoid running as root. Pods with hostUsers: false are exempt from Kubernetes 1.35.',
  recommendation: 'Set securityContext.runAsNonRoot: true at pod level (or on every container), never runAsNonRoot: false, and do not set runAsUser: 0.',
  caf: 'seed 3: least privilege for pods (no root)',
  severity: 'warning',
  formats: ['k8s'],
  fixable: true,
  pss: 'restricted',
  messages: {
    missing: '{{workload}} does not set runAsNonRoot: true for container(s) {{containers}}.',
    podFalse: '{{workload}} sets runAsNonRoot: false in its pod security context.',
    containerFalse: 'Container {{container}} of {{workload}} sets runAsNonRoot: false.',
    podRootUser: '{{workload}} sets runAsUser: 0 (root) in its pod security context.',
    containerRootUser: 'Container {{container}} of {{workload}} sets runAsUser: 0 (root).',
  },
  check: {
    workload(w, ctx) {
      if (!w.podSpec) return;
      // PSS 1.35: user namespaces make UID 0 in the container unprivileged on the node.
      const hostUsers = w.hostUsers;
      if (versionAtLeast(ctx.options.kubernetesVersion, '1.35') && hostUsers.state === 'known' && isFalse(hostUsers.value)) return;
      const data = { workload: w.label };

      const podUser = w.pod(['securityContext', 'runAsUser']);
      if (isRootUid(podUser)) ctx.report({ resource: w, lookup: podUser, messageId: 'podRootUser', data, suggestions: removeRunAsUser(w, podUser) });
      const pod = w.pod(['securityContext', 'runAsNonRoot']);
      if (pod.state === 'known' && !isTrue(pod.value)) {
        const fix = w.fix(pod, true);
        ctx.report({ resource: w, lookup: pod, messageId: 'podFalse', data, fix: fix && { title: 'Set runAsNonRoot: true in the pod security context', intents: [fix] } });
      }

      const missing: Container[] = [];
      for (const c of w.containers) {
        const cdata = { ...data, container: c.name };
        const user = w.container(c, ['securityContext', 'runAsUser']);
        if (isRootUid(user)) ctx.report({ resource: w, lookup: user, messageId: 'containerRootUser', data: cdata, suggestions: removeRunAsUser(w, user) });
        const own = w.container(c, ['securityContext', 'runAsNonRoot']);
        if (own.state === 'known' && !isTrue(own.value)) {
          const fix = w.fix(own, true);
          ctx.report({ resource: w, lookup: own, messageId: 'containerFalse', data: cdata, fix: fix && { title: `Set runAsNonRoot: true in container ${c.name}`, intents: [fix] } });
        }
        // Inheriting the pod's false is reported once, on the pod value; unknown never reports.
        if (w.effective(c, 'runAsNonRoot').from === 'none') missing.push(c);
      }
      if (!missing.length) return;
      const fix = pod.state === 'absent' ? w.fix(pod, true) : undefined;
      ctx.report({
        resource: w,
        node: w.podSecurityAnchor(),
        messageId: 'missing',
        data: { ...data, containers: missing.map((c) => c.name).join(', ') },
        fix: fix && { title: 'Add runAsNonRoot: true to the pod security context', intents: [fix] },
      });
    },
  },
});

/** Removing `runAsUser: 0` leaves the image's user, which runAsNonRoot then verifies; the right UID is the author's call. */
function removeRunAsUser(w: Workload, l: Lookup) {
  const intent = w.removeFix(l);
  return intent ? [{ title: 'Remove runAsUser: 0 (the image user applies; runAsNonRoot verifies it is not root)', intents: [intent] }] : undefined;
}

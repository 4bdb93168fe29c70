import { isFalse } from '../model';
import { defineRule } from './types';

export default defineRule({
  id: 'k8s-no-privilege-escalation',
  title: 'Containers cannot escalate privileges',
  description:
    'Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent (setuid binaries, file capabilities). Pod Security Standards restricted requires it explicitly. CAF: avoid root and privilege escalation. Windows pods (spec.os.name: windows) are exempt from Kubernetes 1.25, as in the Pod Security Standards.',
  recommendation: 'Set securityContext.allowPrivilegeEscalation: false in every container.',
  caf: 'seed 3: least privilege for pods (no privilege escalation)',
  severity: 'error',
  formats: ['k8s'],
  fixable: true,
  pss: 'restricted',
  messages: {
    missing: 'Container {{container}} of {{workload}} does not set allowPrivilegeEscalation: false.',
    allowed: 'Container {{container}} of {{workload}} allows privilege escalation.',
  },
  check: {
    workload(w, ctx) {
      // PSS exempt Windows pods from Kubernetes 1.25.
      if (w.windowsExemptFromRestricted(ctx.options.kubernetesVersion)) return;
      for (const c of w.containers) {
        const l = w.container(c, ['securityContext', 'allowPrivilegeEscalation']);
        if (l.state === 'unknown' || (l.state === 'known' && isFalse(l.value))) continue;
        const fix = w.fix(l, false);
        ctx.report({
          resource: w,
          lookup: l,
          node: l.state === 'absent' ? w.containerSecurityAnchor(c) : undefined,
          messageId: l.state === 'absent' ? 'missing' : 'allowed',
          data: { container: c.name, workload: w.label },
          fix: fix && { title: 'Set allowPrivilegeEscalation: false', intents: [fix] },
        });
      }
    },
  },
});

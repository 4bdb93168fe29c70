import { isTrue } from '../model';
import { defineRule } from './types';

export default defineRule({
  id: 'k8s-read-only-root-fs',
  title: 'Containers have a read-only root filesystem',
  description:
    'With a writable root filesystem an intruder can drop tools, change binaries and configuration, and persist until the container restarts. Not part of the Pod Security Standards, but recommended by the CIS benchmark and checked by Azure Policy. Windows containers do not support the setting and are not checked. CAF: least privilege for pods.',
  recommendation: 'Set securityContext.readOnlyRootFilesystem: true in every container, and mount an emptyDir where the process must write (/tmp, caches).',
  caf: 'seed 3: least privilege for pods',
  severity: 'info',
  formats: ['k8s'],
  fixable: true,
  messages: {
    missing: 'Container {{container}} of {{workload}} does not set readOnlyRootFilesystem: true.',
    writable: 'Container {{container}} of {{workload}} sets readOnlyRootFilesystem: false.',
  },
  check: {
    workload(w, ctx) {
      if (w.isWindows) return;
      for (const c of w.containers) {
        const l = w.container(c, ['securityContext', 'readOnlyRootFilesystem']);
        if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) continue;
        const fix = w.fix(l, true);
        ctx.report({
          resource: w,
          lookup: l,
          node: l.state === 'absent' ? w.missingAnchor(l, c.anchor) : undefined,
          messageId: l.state === 'absent' ? 'missing' : 'writable',
          data: { workload: w.label, container: c.name },
          fix: fix && { title: `Set readOnlyRootFilesystem: true in container ${c.name} (mount an emptyDir where it writes)`, intents: [fix] },
        });
      }
    },
  },
});

import { isTrue } from '../model';
import { defineRule } from './types';

export default defineRule({
  id: 'k8s-no-privileged',
  title: 'Containers do not run privileged',
  description:
    'A privileged container has every capability and access to all host devices: it is root on the node. Pod Security Standards baseline forbids it. CAF: least privilege for pods, no privileged containers.',
  recommendation: 'Remove securityContext.privileged or set it to false in every container (init, regular and ephemeral).',
  caf: 'seed 3: least privilege for pods',
  severity: 'error',
  formats: ['k8s'],
  fixable: true,
  pss: 'baseline',
  messages: {
    privileged: 'Container {{container}} of {{workload}} runs privileged.',
  },
  check: {
    workload(w, ctx) {
      for (const c of w.containers) {
        const l = w.container(c, ['securityContext', 'privileged']);
        if (l.state !== 'known' || !isTrue(l.value)) continue;
        const fix = w.fix(l, false);
        ctx.report({ resource: w, lookup: l, messageId: 'privileged', data: { container: c.name, workload: w.label }, fix: fix && { title: 'Set privileged: false', intents: [fix] } });
      }
    },
  },
});

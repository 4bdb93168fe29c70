import { isTrue } from '../model';
import { defineRule } from './types';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;
const WHAT: Record<(typeof FIELDS)[number], string> = {
  hostNetwork: "the node's network namespace",
  hostPID: "the node's process namespace",
  hostIPC: "the node's IPC namespace",
};

export default defineRule({
  id: 'k8s-no-host-namespaces',
  title: 'Pods do not share host namespaces',
  description:
    "hostNetwork, hostPID and hostIPC put the pod in the node's namespaces: it sees every process, can signal or trace them, reads shared memory, and binds or sniffs the node's network interfaces (including the instance metadata endpoint). Pod Security Standards baseline forbids them. CAF: least privilege for pods.",
  recommendation: 'Remove spec.hostNetwork, spec.hostPID and spec.hostIPC or set them to false.',
  caf: 'seed 3: least privilege for pods',
  severity: 'error',
  formats: ['k8s'],
  fixable: true,
  pss: 'baseline',
  messages: {
    shared: '{{workload}} sets {{field}}: true and shares {{what}}.',
  },
  check: {
    workload(w, ctx) {
      if (!w.podSpec) return;
      for (const field of FIELDS) {
        const l = w.pod([field]);
        if (l.state !== 'known' || !isTrue(l.value)) continue;
        const fix = w.fix(l, false);
        ctx.report({ resource: w, lookup: l, messageId: 'shared', data: { workload: w.label, field, what: WHAT[field] }, fix: fix && { title: `Set ${field}: false`, intents: [fix] } });
      }
    },
  },
});

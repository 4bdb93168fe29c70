import { defineRule } from './types';

export default defineRule({
  id: 'k8s-no-host-ports',
  title: 'Containers do not bind host ports',
  description:
    "A hostPort opens the port on the node's own address: the workload bypasses Services and network policies, is reachable wherever the node is, and limits scheduling to one such pod per node. Pod Security Standards baseline forbids host ports. CAF: least privilege for pods.",
  recommendation: 'Remove ports[].hostPort (or set it to 0) and expose the workload through a Service or an ingress.',
  caf: 'seed 3: least privilege for pods',
  severity: 'warning',
  formats: ['k8s'],
  fixable: true,
  pss: 'baseline',
  messages: {
    hostPort: 'Container {{container}} of {{workload}} binds host port {{port}}.',
  },
  check: {
    workload(w, ctx) {
      for (const c of w.containers) {
        for (const port of w.ports(c)) {
          const l = w.hostPort(port);
          if (l.state !== 'known') continue;
          const n = typeof l.value === 'number' ? l.value : typeof l.value === 'string' && /^\d+$/.test(l.value) ? Number(l.value) : undefined;
          if (n === undefined || n === 0) continue;
          const fix = w.removeFix(l);
          ctx.report({ resource: w, lookup: l, messageId: 'hostPort', data: { workload: w.label, container: c.name, port: n }, fix: fix && { title: `Remove hostPort ${n}`, intents: [fix] } });
        }
      }
    },
  },
});

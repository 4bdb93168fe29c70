import { keyOf } from '../documents';
import { defineRule } from './types';

export default defineRule({
  id: 'k8s-no-hostpath',
  title: 'Pods do not mount host paths',
  description:
    "A hostPath volume mounts a directory of the node into the pod: the container runtime socket, kubelet credentials or /etc give a path to node takeover, and even a read-only mount leaks other pods' data. Pod Security Standards baseline forbids hostPath volumes. CAF: least privilege for pods.",
  recommendation: 'Use emptyDir, a PersistentVolumeClaim, a ConfigMap/Secret, or the Secrets Store CSI driver instead of hostPath. Node agents that really need the host belong in a dedicated, reviewed namespace.',
  caf: 'seed 3: least privilege for pods',
  severity: 'warning',
  formats: ['k8s'],
  fixable: false,
  pss: 'baseline',
  messages: {
    hostPath: '{{workload}} mounts host path {{path}} as volume {{volume}}.',
  },
  check: {
    workload(w, ctx) {
      for (const v of w.volumes()) {
        const hp = w.hostPath(v);
        if (hp.lookup.state !== 'known') continue;
        ctx.report({ resource: w, node: keyOf(hp.lookup.node) ?? hp.lookup.node, messageId: 'hostPath', data: { workload: w.label, path: hp.path ?? '(no path)', volume: hp.name } });
      }
    },
  },
});

import { items, keyOf } from '../documents';
import { defineRule } from './types';

/** Capabilities container runtimes grant by default: Pod Security Standards baseline allows adding only these. */
const BASELINE_ALLOWED = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
/** The one capability restricted allows adding back. */
const RESTRICTED_ALLOWED = 'NET_BIND_SERVICE';

/** Runtimes accept `sys_admin` and `CAP_SYS_ADMIN` for SYS_ADMIN: classify what the container really gets. */
const normalise = (cap: string) => cap.toUpperCase().replace(/^CAP_/, '');

export default defineRule({
  id: 'k8s-drop-all-capabilities',
  title: 'Containers drop all capabilities',
  description:
    'Linux capabilities split root into privileges; the container runtime default set still holds powerful ones such as CHOWN, DAC_OVERRIDE, SETUID and NET_RAW. Pod Security Standards restricted require capabilities.drop to contain ALL and allow adding back only NET_BIND_SERVICE; baseline forbids adding anything outside the runtime default set (SYS_ADMIN, NET_ADMIN, NET_RAW, ALL…). Windows pods (spec.os.name: windows) are exempt from the restricted part from Kubernetes 1.25. CAF: least privilege for pods.',
  recommendation: 'Set securityContext.capabilities.drop: ["ALL"] in every container and add back only NET_BIND_SERVICE when the process binds a port below 1024.',
  caf: 'seed 3: least privilege for pods',
  severity: 'warning',
  formats: ['k8s'],
  fixable: true,
  pss: 'restricted',
  messages: {
    dropMissing: 'Container {{container}} of {{workload}} does not drop ALL capabilities.',
    addNotAllowed: 'Container {{container}} of {{workload}} adds capability {{capability}}: only NET_BIND_SERVICE may be added back.',
    addDangerous: 'Container {{container}} of {{workload}} adds capability {{capability}}, outside the runtime default set.',
  },
  check: {
    workload(w, ctx) {
      // PSS exempt Windows pods from the restricted part (drop ALL, add only NET_BIND_SERVICE) from Kubernetes 1.25.
      const windowsExempt = w.windowsExemptFromRestricted(ctx.options.kubernetesVersion);
      for (const c of w.containers) {
        const data = { workload: w.label, container: c.name };
        const add = w.capabilities(c, 'add');
        if (add.state === 'known' && add.origin?.type === 'array') {
          for (const item of items(add.origin)) {
            if (typeof item.value !== 'string') continue;
            const cap = normalise(item.value);
            if (!BASELINE_ALLOWED.has(cap)) {
              ctx.report({ resource: w, node: item, severity: 'error', messageId: 'addDangerous', data: { ...data, capability: item.value } });
            } else if (cap !== RESTRICTED_ALLOWED && !windowsExempt) {
              ctx.report({ resource: w, node: item, messageId: 'addNotAllowed', data: { ...data, capability: item.value } });
            }
          }
        }
        if (windowsExempt) continue;
        const drop = w.capabilities(c, 'drop');
        if (drop.state === 'unknown') continue;
        if (drop.state === 'known') {
          if (drop.origin?.type !== 'array') continue; // not a list: the API server rejects it
          if (items(drop.origin).some((i) => typeof i.value === 'string' && i.value.toUpperCase() === 'ALL')) continue;
        }
        // Never removes what the author added: only makes the drop list complete.
        const intent = drop.state === 'known' ? w.appendTo(drop, 'ALL') : w.fix(drop, ['ALL']);
        ctx.report({
          resource: w,
          node: drop.state === 'known' ? keyOf(drop.node) ?? drop.node : w.missingAnchor(drop, c.anchor),
          messageId: 'dropMissing',
          data,
          fix: intent && { title: `Drop ALL capabilities in container ${c.name}`, intents: [intent] },
        });
      }
    },
  },
});

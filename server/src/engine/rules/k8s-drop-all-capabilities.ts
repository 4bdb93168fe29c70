import { items, keyOf } from '../documents';
import { classifyCapability } from '../model';
import { defineRule } from './types';

export default defineRule({
  id: 'k8s-drop-all-capabilities',
  title: 'Containers drop all capabilities',
  description:
    'Linux capabilities split root into privileges; the default set containerd and Docker grant every container still holds powerful ones such as CHOWN, DAC_OVERRIDE, SETUID and NET_RAW. Pod Security Standards restricted require capabilities.drop to contain ALL and allow adding back only NET_BIND_SERVICE; baseline forbids adding anything outside its list, which is the runtime default set without NET_RAW (so SYS_ADMIN, NET_ADMIN, ALL and also NET_RAW are forbidden). Windows pods (spec.os.name: windows) are exempt from the restricted part from Kubernetes 1.25. CAF: least privilege for pods.',
  recommendation: 'Set securityContext.capabilities.drop: ["ALL"] in every container and add back only NET_BIND_SERVICE when the process binds a port below 1024.',
  caf: 'seed 3: least privilege for pods',
  severity: 'warning',
  formats: ['k8s'],
  fixable: true,
  pss: 'restricted',
  messages: {
    dropMissing: 'Container {{container}} of {{workload}} does not drop ALL capabilities.',
    addNotAllowed: 'Container {{container}} of {{workload}} adds capability {{capability}}: Pod Security Standards restricted allow adding back only NET_BIND_SERVICE.',
    addDangerous: 'Container {{container}} of {{workload}} adds capability {{capability}}, outside the containerd/Docker default set and the Pod Security Standards baseline list.',
    addOutsideBaseline:
      'Container {{container}} of {{workload}} adds capability {{capability}}: containerd and Docker grant it by default, but it is outside the Pod Security Standards baseline list, which forbids adding it.',
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
            // Each message names the list it is about (model/capabilities.ts): NET_RAW is a runtime default outside baseline.
            const cls = classifyCapability(item.value);
            if (cls === 'outsideBoth' || cls === 'runtimeDefaultOutsideBaseline') {
              const messageId = cls === 'outsideBoth' ? 'addDangerous' : 'addOutsideBaseline';
              ctx.report({ resource: w, node: item, severity: 'error', messageId, data: { ...data, capability: item.value } });
            } else if (cls === 'baselineAllowed' && !windowsExempt) {
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

import { CLUSTER, eqi } from '../model';
import { defineRule } from './types';
import { via } from '../util';
import { isNodeImageChannel, missingAnchor, upgradeChannel } from '../model/clusterSettings';

const KUBERNETES_CHANNELS = ['patch', 'stable', 'rapid'];

export default defineRule({
  id: 'aks-cluster-auto-upgrade-channel',
  title: 'The cluster upgrades Kubernetes automatically',
  description:
    'Without an auto-upgrade channel the cluster stays on its Kubernetes version until someone upgrades it, and falls out of support. patch, stable and rapid upgrade Kubernetes (and node images with it); node-image only upgrades node images (Information); none, the default when absent, upgrades nothing. CAF: use auto-upgrade channels.',
  recommendation:
    'Set properties.autoUpgradeProfile.upgradeChannel (ARM) / automatic_upgrade_channel (azurerm v4) / automatic_channel_upgrade (azurerm v3) to stable (or patch, rapid), and plan the upgrades with a maintenance window (aks-maintenance-window).',
  caf: 'seed 8: node image upgrades (auto-upgrade channels)',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} has no auto-upgrade channel ({{setting}} is not set, which means none): Kubernetes is never upgraded automatically.',
    none: 'Cluster {{name}} sets the auto-upgrade channel to none{{via}}: Kubernetes is never upgraded automatically.',
    nodeImage:
      'Cluster {{name}} uses the node-image auto-upgrade channel{{via}}: node images are upgraded, but the Kubernetes version is not.',
  },
  check: {
    managedCluster(c, ctx) {
      const ch = upgradeChannel(c);
      if (ch.state === 'unknown') return;
      const l = ch.lookup;
      const title = 'Set the auto-upgrade channel to stable';
      const intent = c.fix(CLUSTER.upgradeChannel, l, 'stable');
      const data = { name: c.label, via: via(l), setting: c.paths(CLUSTER.upgradeChannel)[0].join('.') };
      if (ch.state === 'known') {
        if (KUBERNETES_CHANNELS.some((v) => eqi(ch.value, v))) return;
        if (isNodeImageChannel(ch.value)) {
          // A deliberate choice that still patches nodes: offered, not preferred.
          ctx.report({ resource: c, lookup: l, severity: 'info', messageId: 'nodeImage', data, suggestions: intent ? [{ title, intents: [intent] }] : undefined });
          return;
        }
        if (!eqi(ch.value, 'none')) return; // not a channel the API accepts: the deployment fails anyway
        ctx.report({ resource: c, lookup: l, messageId: 'none', data, fix: intent && { title, intents: [intent] } });
        return;
      }
      // Absent, null or "": the service default none.
      if (l.state === 'known') {
        ctx.report({ resource: c, lookup: l, messageId: 'none', data, fix: intent && { title, intents: [intent] } });
        return;
      }
      const { fix: gatedFix, suggestions } = c.fixWithinApiVersion(title, (newer) => [c.fix(CLUSTER.upgradeChannel, l, 'stable', newer)]);
      ctx.report({ resource: c, lookup: l, node: missingAnchor(c, l), messageId: 'missing', data, fix: gatedFix, suggestions });
    },
  },
});

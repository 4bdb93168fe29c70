import { CLUSTER, eqi } from '../model';
import { defineRule } from './types';
import { via } from '../util';
import { channel, isNodeImageChannel, missingAnchor, upgradeChannel } from '../model/clusterSettings';

export default defineRule({
  id: 'aks-upgrade-channel-consistency',
  title: 'The node-image upgrade channel is paired with the NodeImage node OS channel',
  description:
    'With the cluster auto-upgrade channel node-image, the node OS upgrade channel must be NodeImage (azurerm: "node_os_upgrade_channel must be set to NodeImage if automatic_upgrade_channel has been set to node-image"). An absent node OS channel is the default NodeImage on API versions from 2023-06-01 and in azurerm v4; older API versions have no such property. azurerm v3 has no default, so it must be written there.',
  recommendation:
    'Set nodeOSUpgradeChannel / node_os_upgrade_channel / node_os_channel_upgrade to NodeImage, or choose another cluster auto-upgrade channel (stable, patch, rapid).',
  caf: 'seed 8: node image upgrades (auto-upgrade channels)',
  severity: 'error',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    mismatch: 'Cluster {{name}} uses the node-image auto-upgrade channel but sets the node OS upgrade channel to {{value}}{{via}}: it must be NodeImage.',
    missingV3: 'Cluster {{name}} uses the node-image auto-upgrade channel but does not set {{setting}}: azurerm v3 requires NodeImage there.',
  },
  check: {
    managedCluster(c, ctx) {
      const up = upgradeChannel(c);
      if (up.state !== 'known' || !isNodeImageChannel(up.value)) return;
      const ch = channel(c.nodeOsUpgradeChannel);
      if (ch.state === 'unknown') return;
      const l = ch.lookup;
      const intent = c.fix(CLUSTER.nodeOsUpgradeChannel, l, 'NodeImage');
      const fix = intent && { title: 'Set the node OS upgrade channel to NodeImage', intents: [intent] };
      if (ch.state === 'known') {
        if (eqi(ch.value, 'NodeImage')) return;
        ctx.report({ resource: c, lookup: l, messageId: 'mismatch', data: { name: c.label, value: ch.value, via: via(l) }, fix });
        return;
      }
      // Absent: the default NodeImage (ARM from 2023-06-01, azurerm v4) or no such property (older ARM API versions).
      if (c.isArm || c.azurermMajor !== 3) return;
      ctx.report({
        resource: c, lookup: l, node: missingAnchor(c, l), severity: 'warning', messageId: 'missingV3',
        data: { name: c.label, setting: c.paths(CLUSTER.nodeOsUpgradeChannel)[0].join('.') }, fix,
      });
    },
  },
});

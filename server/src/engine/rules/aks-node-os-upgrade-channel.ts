import { CLUSTER, eqi } from '../model';
import { defineRule } from './types';
import { via } from '../util';
import { channel, isNodeImageChannel, missingAnchor, NODE_OS_CHANNEL_API, nodeOsDefaultsToNodeImage, upgradeChannel } from '../model/clusterSettings';

export default defineRule({
  id: 'aks-node-os-upgrade-channel',
  title: 'Node OS images are upgraded automatically',
  description:
    'The node OS upgrade channel decides how node operating systems receive security updates: NodeImage reimages nodes with the weekly patched image, SecurityPatch applies security patches. None leaves nodes unpatched and Unmanaged leaves patching to the OS without coordinated reboots. CAF: keep node images up to date with auto-upgrade channels. Absent means NodeImage on API versions from 2023-06-01 and in azurerm v4; older API versions and azurerm v3 set no channel (Information).',
  recommendation:
    'Set properties.autoUpgradeProfile.nodeOSUpgradeChannel (ARM, API version 2023-06-01 or later) / node_os_upgrade_channel (azurerm v4) / node_os_channel_upgrade (azurerm v3) to NodeImage or SecurityPatch.',
  caf: 'seed 8: node image upgrades (auto-upgrade channels)',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    none: 'Cluster {{name}} sets the node OS upgrade channel to {{value}}{{via}}: nodes receive no OS security updates.',
    unmanaged: 'Cluster {{name}} sets the node OS upgrade channel to {{value}}{{via}}: AKS leaves OS updates to the node OS, without coordinated reboots or reimages.',
    missingOldApi:
      'Cluster {{name}} sets no node OS upgrade channel, and API version {{apiVersion}} predates the NodeImage default of nodeOSUpgradeChannel (GA in {{since}}): node OS updates are left to the service default.',
    missing: 'Cluster {{name}} sets no node OS upgrade channel: {{setting}} has no default in azurerm v3.',
  },
  check: {
    managedCluster(c, ctx) {
      // With the node-image cluster channel, node images are upgraded anyway (Azure Policy 04408ca5 passes it),
      // and aks-upgrade-channel-consistency owns the node OS channel; an unknown cluster channel could be node-image.
      const up = upgradeChannel(c);
      if (up.state === 'unknown' || (up.state === 'known' && isNodeImageChannel(up.value))) return;
      const ch = channel(c.nodeOsUpgradeChannel);
      if (ch.state === 'unknown') return;
      const l = ch.lookup;
      if (ch.state === 'known') {
        const value = ch.value;
        const none = eqi(value, 'none');
        if (!none && !eqi(value, 'unmanaged')) return; // NodeImage, SecurityPatch (and values the API rejects anyway)
        const fix = c.fix(CLUSTER.nodeOsUpgradeChannel, l, 'NodeImage');
        ctx.report({
          resource: c, lookup: l, messageId: none ? 'none' : 'unmanaged', data: { name: c.label, value, via: via(l) },
          fix: fix && { title: 'Set the node OS upgrade channel to NodeImage', intents: [fix] },
        });
        return;
      }
      const defaulted = nodeOsDefaultsToNodeImage(c);
      if (defaulted !== false) return; // NodeImage by default, or an apiVersion we cannot read
      const node = missingAnchor(c, l);
      const { fix: gatedFix, suggestions } = c.fixWithinApiVersion('Set the node OS upgrade channel to NodeImage', (newer) => [c.fix(CLUSTER.nodeOsUpgradeChannel, l, 'NodeImage', newer)]);
      if (c.isArm) {
        ctx.report({
          resource: c, lookup: l, node, severity: 'info', messageId: 'missingOldApi',
          data: { name: c.label, apiVersion: c.apiVersion ?? '', since: NODE_OS_CHANNEL_API },
          fix: gatedFix, suggestions,
        });
        return;
      }
      ctx.report({
        resource: c, lookup: l, node, severity: 'info', messageId: 'missing',
        data: { name: c.label, setting: c.paths(CLUSTER.nodeOsUpgradeChannel)[0].join('.') },
        fix: gatedFix, suggestions,
      });
    },
  },
});

import { Node } from '../documents';
import { eqi, Lookup, ManagedCluster } from '../model';
import { AUTO_UPGRADE_SCHEDULE, maintenanceConfigurations, maintenanceSchedule, NODE_OS_UPGRADE_SCHEDULE } from '../model/maintenance';
import { defineRule, RuleContext } from './types';
import { blockState, effectiveNodeOsChannel, upgradeChannel } from '../model/clusterSettings';

export default defineRule({
  id: 'aks-maintenance-window',
  title: 'Planned maintenance windows are defined for automatic upgrades',
  description:
    'Automatic upgrades start whenever AKS schedules them unless planned maintenance restricts them: aksManagedAutoUpgradeSchedule governs the cluster auto-upgrade channel, aksManagedNodeOSUpgradeSchedule the node OS channel. Each window is only checked when its channel is in use (an absent node OS channel counts as NodeImage where that is the default). The ARM maintenance configurations are separate resources: the rule looks across the file, and in the CLI across every scanned file; not found is Information.',
  recommendation:
    'ARM: deploy Microsoft.ContainerService/managedClusters/maintenanceConfigurations named aksManagedAutoUpgradeSchedule and aksManagedNodeOSUpgradeSchedule for the cluster (child resources, or top-level named <cluster>/<schedule>). Terraform: add maintenance_window_auto_upgrade and maintenance_window_node_os blocks.',
  caf: 'seed 8: node image upgrades (auto-upgrade channels)',
  severity: 'info',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: false,
  messages: {
    autoUpgrade: 'Cluster {{name}} upgrades automatically (channel {{channel}}) but {{what}}: upgrades can start at any time.',
    nodeOs: 'Cluster {{name}} upgrades node OS images automatically (channel {{channel}}) but {{what}}: node reimages can start at any time.',
  },
  check: {
    managedCluster(c, ctx) {
      const up = upgradeChannel(c);
      if (up.state === 'known' && !eqi(up.value, 'none')) {
        check(c, ctx, 'autoUpgrade', up.value, up.lookup, AUTO_UPGRADE_SCHEDULE, 'maintenance_window_auto_upgrade');
      }
      const os = effectiveNodeOsChannel(c);
      if (os.state === 'known' && os.value !== undefined && (eqi(os.value, 'NodeImage') || eqi(os.value, 'SecurityPatch'))) {
        check(c, ctx, 'nodeOs', os.defaulted ? `${os.value} (default)` : os.value, os.defaulted ? undefined : os.lookup, NODE_OS_UPGRADE_SCHEDULE, 'maintenance_window_node_os');
      }
    },
  },
});

function check(c: ManagedCluster, ctx: RuleContext, messageId: string, channel: string, channelLookup: Lookup | undefined, schedule: string, tfBlock: string) {
  let what: string;
  if (c.isArm) {
    const resources = maintenanceConfigurations(ctx.project.models);
    if (maintenanceSchedule(c, resources, schedule) !== 'missing') return;
    const elsewhere = ctx.project.documentCount !== undefined ? ctx.project.documentCount > 1 : ctx.project.models.some((m) => m.doc !== c.doc);
    what = `no ${schedule} maintenance configuration was found ${elsewhere ? 'in the scanned files' : 'in this file'}`;
  } else {
    if (blockState(c, c.raw([tfBlock]), tfBlock) !== 'absent') return;
    what = `has no ${tfBlock} block`;
  }
  // Point at the channel that makes the window necessary; at the resource when the channel is a default.
  const node: Node | undefined = channelLookup?.state === 'known' ? channelLookup.node : undefined;
  ctx.report({ resource: c, node: node ?? c.defaultAnchor(), messageId, data: { name: c.label, channel, what } });
}

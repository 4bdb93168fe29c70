// ManagedCluster readings shared by the cluster upgrade, add-on and security-profile rules.
import { child, keyOf, Node, str } from '../documents';
import { CLUSTER, CLUSTER_API_VERSIONS, eqi, findingNode, isPresent, Lookup, ManagedCluster } from './index';
import { apiVersionAtLeast } from '../util';

/** First ARM API version with `autoUpgradeProfile.nodeOSUpgradeChannel` (GA), whose default is NodeImage (source in the table). */
export const NODE_OS_CHANNEL_API = CLUSTER_API_VERSIONS.nodeOsUpgradeChannel.ga;

/** A lookup whose value is `null` or an empty string counts as absent (ARM `json('null')`, empty parameter defaults). */
export function isUnset(l: Lookup): boolean {
  return l.state === 'absent' || (l.state === 'known' && (l.value === null || l.value === ''));
}

/**
 * A nested block or object: present, absent (missing, `null`, or the plan's empty array), or unknown
 * (an expression, or a Terraform `dynamic` block that generates it).
 */
export function blockState(c: ManagedCluster, l: Lookup, tfName?: string): 'present' | 'absent' | 'unknown' {
  if (c.isTerraform && tfName && c.raw(['dynamic', tfName]).state !== 'absent') return 'unknown';
  if (l.state === 'unknown') return 'unknown';
  if (l.state === 'absent' || l.value === null || l.value === undefined) return 'absent';
  return Array.isArray(l.value) && l.value.length === 0 ? 'absent' : 'present';
}

/**
 * Where a finding about a missing setting points: the key of the deepest object that exists on the
 * path (a Terraform block written as `[{...}]` included), else the resource's anchor; for a setting
 * written empty, its key.
 */
export function missingAnchor(c: ManagedCluster, l: Lookup): Node {
  // Read through a parameter or variable: where the resource writes it (model/provenance.ts).
  const site = findingNode(c.node, l, undefined);
  if (site) return site;
  // Written but empty (`null`, the plan's `[]`): the key that holds it.
  if (l.state === 'known' && l.node) return keyOf(l.node) ?? l.node;
  if (l.state === 'absent' && l.parent && l.parent !== c.node) {
    const holder = l.parent.parent?.type === 'array' ? l.parent.parent : l.parent;
    const key = keyOf(holder);
    if (key && holder !== c.node) return key;
  }
  return c.anchorFor(l);
}

/**
 * Whether an absent node OS upgrade channel means NodeImage: ARM API versions from 2023-06-01 ("The
 * default is NodeImage"), azurerm v4 (default `NodeImage`). Older API versions do not have the
 * property and azurerm v3 sets no default. Undefined when the ARM apiVersion is not a literal date.
 */
export function nodeOsDefaultsToNodeImage(c: ManagedCluster): boolean | undefined {
  if (c.isArm) return apiVersionAtLeast(c.apiVersion, NODE_OS_CHANNEL_API);
  return c.azurermMajor === 4;
}

export type ChannelState =
  | { state: 'unknown' }
  | { state: 'absent'; lookup: Lookup }
  | { state: 'known'; lookup: Lookup; value: string };

/** A channel setting read as a string: unknown for expressions and non-strings, absent for null / "". */
export function channel(l: Lookup): ChannelState {
  if (isUnset(l)) return { state: 'absent', lookup: l };
  if (l.state !== 'known' || typeof l.value !== 'string') return { state: 'unknown' };
  return { state: 'known', lookup: l, value: l.value };
}

/** The cluster auto-upgrade channel (absent = none). */
export function upgradeChannel(c: ManagedCluster): ChannelState {
  return channel(c.upgradeChannel);
}

export const isNodeImageChannel = (v: string) => eqi(v, 'node-image');

/** The node OS upgrade channel as it takes effect: the value written, or the default when absent. */
export function effectiveNodeOsChannel(c: ManagedCluster): { state: 'unknown' } | { state: 'known'; value: string | undefined; lookup: Lookup; defaulted: boolean } {
  const ch = channel(c.get(CLUSTER.nodeOsUpgradeChannel));
  if (ch.state === 'unknown') return ch;
  if (ch.state === 'known') return { state: 'known', value: ch.value, lookup: ch.lookup, defaulted: false };
  const d = nodeOsDefaultsToNodeImage(c);
  if (d === undefined) return { state: 'unknown' };
  return { state: 'known', value: d ? 'NodeImage' : undefined, lookup: ch.lookup, defaulted: true };
}

/**
 * The AKS-managed Entra ID integration block with Azure RBAC, in this file's spelling (ARM `aadProfile`,
 * azurerm v3 block with `managed`, v4 block without it).
 */
export function managedAadBlock(c: ManagedCluster): Record<string, boolean> {
  if (c.isArm) return { managed: true, enableAzureRBAC: true };
  return c.azurermMajor === 4 ? { azure_rbac_enabled: true } : { managed: true, azure_rbac_enabled: true };
}

/** True when the cluster has no Entra ID integration at all (not when it is an expression or a Terraform `dynamic` block). */
export function lacksAadBlock(c: ManagedCluster): boolean {
  const block = c.aadProfile;
  if (block.state === 'unknown' || isPresent(block)) return false;
  return !c.isTerraform || c.raw(['dynamic', CLUSTER.aadProfile.tf[0]]).state === 'absent';
}

/**
 * The declared type (lower case) of the ARM parameter `node` is written as (`[parameters('x')]`), in the
 * cluster's scope; undefined for anything else. A fix must not write a string into a bool parameter.
 */
export function armParameterType(c: ManagedCluster, node: Node | undefined): string | undefined {
  if (c.res.format !== 'arm' || node?.type !== 'string') return undefined;
  const m = /^\[\s*parameters\(\s*'([^']+)'\s*\)\s*\]$/i.exec(node.value as string);
  const decl = m ? c.res.scope.params.get(m[1].toLowerCase())?.decl : undefined;
  return str(child(decl, 'type', true))?.toLowerCase();
}

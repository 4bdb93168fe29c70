import { CLUSTER, ManagedCluster, isPresent, isTrue, Lookup } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

/**
 * True when the public API server is limited by authorized IP ranges: a non-empty list without
 * `0.0.0.0/0`, or a list written as an expression (set, value unknown: not assumed open).
 */
function restrictedByRanges(c: ManagedCluster): boolean {
  const ranges = c.authorizedIpRanges;
  if (ranges.state === 'unknown') return true;
  if (!isPresent(ranges) || !Array.isArray(ranges.value)) return false;
  return !c.elements(ranges).some((e: Lookup) => e.state === 'known' && typeof e.value === 'string' && e.value.trim() === '0.0.0.0/0');
}

export default defineRule({
  id: 'aks-private-cluster',
  title: 'The cluster API server is private',
  description:
    'A public AKS API server can be reached, probed and attacked from the internet. CAF: decide whether the control plane is reachable from the internet (then restricted by IP ranges) or only from your private network, as a private cluster. Absent means public. Information only when authorized IP ranges restrict the public endpoint.',
  recommendation:
    'Set properties.apiServerAccessProfile.enablePrivateCluster / private_cluster_enabled to true (an existing cluster is recreated), or keep the API server public and restrict it with authorized IP ranges.',
  caf: 'seed 1: private control plane or authorized IP ranges',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} has a public API server: {{setting}} is not set.{{api}}',
    disabled: 'Cluster {{name}} has a public API server{{via}}.',
    restricted: 'Cluster {{name}} has a public API server{{via}}, limited to authorized IP ranges; a private cluster has no public endpoint at all.{{api}}',
  },
  check: {
    managedCluster(c, ctx) {
      const l = c.privateCluster;
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      // ARM exports write an unset property as null: the service default (public).
      const unset = l.state === 'absent' || (l.state === 'known' && l.value === null);
      const restricted = restrictedByRanges(c);
      // ARM: an apiVersion older than enablePrivateCluster gets no preferred fix, only a suggestion that raises it.
      const { apiVersionNeeded, ...fixes } = c.fixWithinApiVersion('Enable private cluster (the cluster is recreated)', (newer) => [
        c.fix(CLUSTER.privateCluster, l, true, newer),
      ]);
      ctx.report({
        resource: c,
        lookup: l,
        messageId: restricted ? 'restricted' : unset ? 'missing' : 'disabled',
        severity: restricted ? 'info' : undefined,
        data: {
          name: c.label,
          via: via(l),
          setting: c.isArm ? 'enablePrivateCluster' : 'private_cluster_enabled',
          api: apiVersionNote(c.apiVersion, apiVersionNeeded, 'apiServerAccessProfile.enablePrivateCluster'),
        },
        ...fixes,
      });
    },
  },
});

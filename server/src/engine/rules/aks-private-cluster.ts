import { CLUSTER } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

export default defineRule({
  id: 'aks-private-cluster',
  title: 'The cluster API server is private',
  description:
    'A public AKS API server can be reached, probed and attacked from the internet. CAF: decide whether the control plane is reachable from the internet (then restricted by IP ranges) or only from your private network, as a private cluster. Absent means public. Information only when authorized IP ranges are known to restrict the public endpoint (a known, non-empty list without 0.0.0.0/0).',
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
      if (c.apiServerExposure !== 'public') return;
      // ARM exports write an unset property as null: the service default (public).
      const unset = l.state === 'absent' || (l.state === 'known' && l.value === null);
      // The one reading of the ranges (ManagedCluster.authorizedRanges): "limited" only when known to restrict.
      const restricted = c.authorizedRanges.state === 'restricted';
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

import { CLUSTER } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'aks-api-authorized-ip-ranges',
  title: 'Public API servers are restricted to authorized IP ranges',
  description:
    'A public AKS API server that accepts connections from any address exposes the control plane to the internet. CAF: make the control plane private, or restrict it to known IP ranges. Private clusters need no authorized IP ranges (Azure Policy semantics).',
  recommendation:
    'Enable a private cluster (apiServerAccessProfile.enablePrivateCluster / private_cluster_enabled), or set apiServerAccessProfile.authorizedIPRanges / api_server_access_profile.authorized_ip_ranges to your CIDRs.',
  caf: 'seed 1: private control plane or authorized IP ranges',
  severity: 'error',
  formats: ['arm', 'tfjson', 'tfplan'],
  // No deterministic fix: the ranges are yours to choose. Making the cluster private recreates it: a suggestion.
  fixable: false,
  messages: {
    missing: 'Cluster {{name}} has a public API server with no authorized IP ranges{{via}}.',
    empty: 'Cluster {{name}} has a public API server and its authorized IP ranges are empty{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      const priv = c.privateCluster;
      if (c.apiServerExposure !== 'public') return;
      // The one reading of the ranges (ManagedCluster.authorizedRanges): only `none` is a finding here.
      const { state, lookup: ranges } = c.authorizedRanges;
      if (state !== 'none') return;
      // ARM: on an apiVersion older than enablePrivateCluster the suggestion also raises the apiVersion.
      const made = c.fixWithinApiVersion('Make the cluster private (the cluster is recreated)', (newer) => [c.fix(CLUSTER.privateCluster, priv, true, newer)]);
      const suggestions = [...(made.fix ? [made.fix] : []), ...(made.suggestions ?? [])];
      ctx.report({
        resource: c,
        lookup: ranges,
        messageId: ranges.state === 'known' && Array.isArray(ranges.value) ? 'empty' : 'missing',
        // The value at fault is the list: name the parameter or variable it comes from (e.g. a default of []).
        data: { name: c.label, via: via(ranges.state === 'known' ? ranges : priv) },
        suggestions: suggestions.length ? suggestions : undefined,
      });
    },
  },
});

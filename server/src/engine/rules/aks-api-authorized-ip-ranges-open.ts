import { OPEN_RANGE as OPEN } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'aks-api-authorized-ip-ranges-open',
  title: 'Authorized IP ranges do not allow the whole internet',
  description:
    'An authorized IP range of 0.0.0.0/0 admits every IPv4 address: the API server is as exposed as without authorized ranges, while the template looks restricted. CAF: restrict the public control plane to known IP ranges. 0.0.0.0/32 is a documented special value (only the cluster\'s load balancer egress IP) and is compliant.',
  recommendation: 'Replace 0.0.0.0/0 in apiServerAccessProfile.authorizedIPRanges / api_server_access_profile.authorized_ip_ranges with the CIDRs of your networks, or make the cluster private.',
  caf: 'seed 1: private control plane or authorized IP ranges',
  severity: 'error',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: false,
  messages: {
    open: 'Cluster {{name}} authorizes 0.0.0.0/0 on its API server{{via}}: every IPv4 address can reach it.',
  },
  check: {
    managedCluster(c, ctx) {
      // A private cluster has no public endpoint the ranges could open; an unknown flag could be private.
      if (c.apiServerExposure !== 'public') return;
      // The one reading of the ranges (ManagedCluster.authorizedRanges): every spelling written as a known list.
      const ranges = c.authorizedRanges;
      if (ranges.state !== 'open') return;
      // One finding per list, not per spelling: a plan mirrors the same list under both v3 names.
      const seen = new Set<unknown>();
      for (const list of ranges.lists) {
        const key = JSON.stringify(list.value);
        if (seen.has(list.origin) || seen.has(key)) continue;
        seen.add(list.origin);
        seen.add(key);
        const elements = c.elements(list);
        const others = elements.filter((e) => !(e.state === 'known' && typeof e.value === 'string' && e.value.trim() === OPEN));
        elements.forEach((e, i) => {
          if (e.state !== 'known' || typeof e.value !== 'string' || e.value.trim() !== OPEN) return;
          // The element as it sits in the literal array (maybe a parameter default); reported on the
          // property when the whole list comes from a parameter or variable.
          const written = list.origin!.children![i];
          const fromDefault = list.origin !== list.node;
          // Removing the only entry leaves an empty list, which means "no restriction" too: no suggestion then.
          const removal = others.length > 0 ? c.removal(written) : undefined;
          ctx.report({
            resource: c,
            lookup: list,
            node: fromDefault ? list.node : written,
            messageId: 'open',
            data: { name: c.label, via: via(fromDefault ? list : e) },
            suggestions: removal && [{ title: 'Remove 0.0.0.0/0 from the authorized IP ranges', intents: [removal] }],
          });
        });
      }
    },
  },
});

import { eqi } from '../model';
import { defineRule } from './types';
import { via } from '../util';
import { channel, missingAnchor } from '../model/clusterSettings';

const ENGINES = ['azure', 'calico', 'cilium'];

export default defineRule({
  id: 'aks-network-policy',
  title: 'A network policy engine is enabled',
  description:
    'Without a network policy engine, Kubernetes NetworkPolicy objects are accepted but not enforced: every pod can reach every other pod, and a compromised pod can move laterally. CAF: least privilege for workloads. Azure CNI powered by Cilium (networkDataplane cilium) enforces policies itself. No fix: the engine depends on the network plugin and cannot always be changed in place.',
  recommendation:
    'Set properties.networkProfile.networkPolicy (ARM) / network_profile.network_policy (Terraform) to azure, calico or cilium (cilium with the Cilium dataplane), then write NetworkPolicy objects that deny by default.',
  caf: 'seed 3: least privilege for workloads (lateral movement)',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: false,
  messages: {
    missing: 'Cluster {{name}} has no network policy engine ({{setting}} is not set): NetworkPolicy objects are not enforced.',
    none: 'Cluster {{name}} sets the network policy engine to {{value}}{{via}}: NetworkPolicy objects are not enforced.',
  },
  check: {
    managedCluster(c, ctx) {
      const ch = channel(c.networkPolicy);
      if (ch.state === 'unknown') return;
      // Bring-your-own CNI (networkPlugin none): the CNI you install (e.g. Cilium, Calico) may enforce policies; AKS cannot tell.
      const plugin = channel(c.networkPlugin);
      if (plugin.state === 'known' && eqi(plugin.value, 'none')) return;
      const setting = c.isArm ? 'networkProfile.networkPolicy' : 'network_profile.network_policy';
      if (ch.state === 'known') {
        if (ENGINES.some((e) => eqi(ch.value, e)) || !eqi(ch.value, 'none')) return;
        ctx.report({ resource: c, lookup: ch.lookup, messageId: 'none', data: { name: c.label, value: ch.value, via: via(ch.lookup), setting } });
        return;
      }
      // Absent: the Cilium dataplane enforces network policies without networkPolicy being written.
      const dataplane = channel(c.networkDataplane);
      if (dataplane.state === 'unknown' || (dataplane.state === 'known' && eqi(dataplane.value, 'cilium'))) return;
      const l = ch.lookup;
      ctx.report({
        resource: c, lookup: l, node: l.state === 'absent' ? missingAnchor(c, l) : undefined,
        messageId: l.state === 'absent' ? 'missing' : 'none', data: { name: c.label, value: JSON.stringify(l.value ?? null), via: via(l), setting },
      });
    },
  },
});

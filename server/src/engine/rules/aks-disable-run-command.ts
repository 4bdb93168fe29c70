import { CLUSTER, isTrue } from '../model';
import { defineRule } from './types';
import { via } from '../util';

export default defineRule({
  id: 'aks-disable-run-command',
  title: 'Run command is disabled',
  description:
    'Run command (az aks command invoke) lets anyone with the Azure role run kubectl against the cluster through the Azure control plane, even when the API server is private. CAF: limit who can reach the control plane. Absent means run command is enabled.',
  recommendation: 'Set properties.apiServerAccessProfile.disableRunCommand to true (ARM) / run_command_enabled to false (Terraform).',
  caf: 'seed 1: control plane exposure',
  severity: 'info',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} allows run command: it is enabled unless disabled explicitly.',
    enabled: 'Cluster {{name}} allows run command{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      // Normalised: true = run command disabled (ARM disableRunCommand, Terraform run_command_enabled inverted).
      const l = c.runCommandDisabled;
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      const unset = l.state === 'absent' || l.value === null;
      const fix = c.fix(CLUSTER.runCommandDisabled, l, true);
      ctx.report({
        resource: c,
        lookup: l,
        messageId: unset ? 'missing' : 'enabled',
        data: { name: c.label, via: via(l) },
        fix: fix && { title: 'Disable run command', intents: [fix] },
      });
    },
  },
});

import { CLUSTER, isTrue } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

export default defineRule({
  id: 'aks-disable-run-command',
  title: 'Run command is disabled',
  description:
    'Run command (az aks command invoke) lets anyone with the Azure role run kubectl against the cluster through the Azure control plane, even when the API server is private. CAF: limit who can reach the control plane. Absent means run command is enabled. ARM: apiServerAccessProfile.disableRunCommand exists from API version 2021-08-01; on an older apiVersion the fix is only offered as a suggestion that also raises the apiVersion.',
  recommendation: 'Set properties.apiServerAccessProfile.disableRunCommand to true (ARM) / run_command_enabled to false (Terraform).',
  caf: 'seed 1: control plane exposure',
  severity: 'info',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} allows run command: it is enabled unless disabled explicitly.{{api}}',
    enabled: 'Cluster {{name}} allows run command{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      // Normalised: true = run command disabled (ARM disableRunCommand, Terraform run_command_enabled inverted).
      const l = c.runCommandDisabled;
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      const unset = l.state === 'absent' || l.value === null;
      const { apiVersionNeeded, ...fixes } = c.fixWithinApiVersion('Disable run command', (newer) => [c.fix(CLUSTER.runCommandDisabled, l, true, newer)]);
      ctx.report({
        resource: c,
        lookup: l,
        messageId: unset ? 'missing' : 'enabled',
        data: { name: c.label, via: via(l), api: apiVersionNote(c.apiVersion, apiVersionNeeded, 'apiServerAccessProfile.disableRunCommand') },
        ...fixes,
      });
    },
  },
});

import { CLUSTER, isTrue } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';
import { blockState, isUnset, missingAnchor } from '../model/clusterSettings';

export default defineRule({
  id: 'aks-defender-profile',
  title: 'Microsoft Defender for Containers runs on the cluster',
  description:
    'The Defender security profile deploys the Defender sensor that reports runtime threats to Microsoft Defender for Cloud; it needs a Log Analytics workspace. CAF: use Microsoft Defender for Containers. No fix is offered: the workspace is yours to choose (the aks-cluster snippets show the shape). ARM: securityProfile.defender exists from API version 2022-06-01; older versions (2022-04-01 and previews) spelled it securityProfile.azureDefender, which is read too.',
  recommendation:
    'ARM: set properties.securityProfile.defender.securityMonitoring.enabled to true and defender.logAnalyticsWorkspaceResourceId to your workspace. Terraform: add a microsoft_defender block with log_analytics_workspace_id.',
  caf: 'seed 10: Microsoft Defender for Containers',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: false,
  messages: {
    missing: 'Cluster {{name}} has no Microsoft Defender security profile ({{setting}}): Defender threat detection does not run on the cluster.{{api}}',
    disabled: 'Cluster {{name}} disables Microsoft Defender threat detection{{via}}.',
    noWorkspace: 'Cluster {{name}} enables Microsoft Defender without a Log Analytics workspace: {{setting}} is not set{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      const monitoring = c.defenderMonitoring;
      if (c.isArm) {
        if (monitoring.state === 'unknown') return;
        if (!(monitoring.state === 'known' && isTrue(monitoring.value))) {
          const absent = monitoring.state === 'absent' || monitoring.value === null;
          ctx.report({
            resource: c, lookup: monitoring, node: absent ? missingAnchor(c, monitoring) : undefined,
            messageId: absent ? 'missing' : 'disabled',
            data: {
              name: c.label,
              via: via(monitoring),
              setting: 'securityProfile.defender.securityMonitoring.enabled is not set',
              api: apiVersionNote(c.apiVersion, c.apiVersionNeededFor(CLUSTER.defenderMonitoring), 'securityProfile.defender'),
            },
          });
          return;
        }
      } else {
        const block = blockState(c, monitoring, 'microsoft_defender');
        if (block === 'unknown') return;
        if (block === 'absent') {
          // A plan writes the absent block as []: reported on `values`, like every absent plan block (aks-entra-id-integration,
          // aks-keyvault-secrets-provider); `[]` there is not something the user wrote.
          const node = c.format === 'tfplan' ? c.defaultAnchor() : missingAnchor(c, monitoring);
          ctx.report({ resource: c, lookup: monitoring, node, messageId: 'missing', data: { name: c.label, setting: 'no microsoft_defender block', api: '' } });
          return;
        }
      }
      const ws = c.defenderWorkspace;
      if (ws.state === 'unknown' || !isUnset(ws)) return;
      ctx.report({
        resource: c, lookup: ws, node: ws.state === 'absent' ? missingAnchor(c, ws) : undefined, messageId: 'noWorkspace',
        data: { name: c.label, via: via(ws), setting: c.isArm ? 'defender.logAnalyticsWorkspaceResourceId' : 'log_analytics_workspace_id' },
      });
    },
  },
});

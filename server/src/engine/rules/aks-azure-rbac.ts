import { keyOf } from '../documents';
import { FixIntent } from '../fixes/intent';
import { CLUSTER, isPresent, isTrue, Lookup } from '../model';
import { defineRule } from './types';
import { via } from '../util';

const written = (l: Lookup) => l.state === 'unknown' || (isPresent(l) && l.value !== '');

export default defineRule({
  id: 'aks-azure-rbac',
  title: 'Kubernetes authorization uses Azure RBAC',
  description:
    'With Azure RBAC for Kubernetes authorization, access to the cluster is granted through Azure role assignments on Entra ID identities, audited and governed like every other Azure resource, instead of Kubernetes RoleBindings managed inside each cluster. CAF: limit access to the kubeconfig with Azure RBAC. Absent means disabled; it requires the AKS-managed Entra ID integration.',
  recommendation:
    'Set properties.aadProfile.enableAzureRBAC (ARM) / azure_active_directory_role_based_access_control.azure_rbac_enabled (Terraform) to true, with the managed Entra ID integration.',
  caf: 'seed 2: kubeconfig access through Entra ID and Azure RBAC, no local accounts',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} does not use Azure RBAC for Kubernetes authorization: {{setting}} is not set.',
    disabled: 'Cluster {{name}} does not use Azure RBAC for Kubernetes authorization{{via}}.',
  },
  check: {
    managedCluster(c, ctx) {
      const l = c.azureRbac;
      if (l.state === 'unknown' || (l.state === 'known' && isTrue(l.value))) return;
      const block = c.aadProfile;
      // A Terraform `dynamic` block generates the integration from an expression: unknown.
      if (block.state === 'unknown' || c.raw(['dynamic', CLUSTER.aadProfile.tf[0]]).state !== 'absent') return;
      const v4 = c.isTerraform && c.azurermMajor === 4 && c.aadBlockPath?.[0] !== 'role_based_access_control';
      const intents: Array<FixIntent | undefined> = [];
      let title = 'Enable Azure RBAC for Kubernetes authorization';
      if (!isPresent(block)) {
        const value = c.isArm
          ? { managed: true, enableAzureRBAC: true }
          : v4 ? { azure_rbac_enabled: true } : { managed: true, azure_rbac_enabled: true };
        intents.push(c.fixAddAadBlock(value));
        title += ' with the AKS-managed Entra ID integration';
      } else if (!written(c.aadServerAppId) && !written(c.aadClientAppId)) {
        // Azure RBAC needs the managed integration (ARM `managed`, azurerm v3 `managed`; always managed in v4).
        const managed = c.aadManaged;
        if (!v4 && managed.state !== 'unknown' && !(managed.state === 'known' && isTrue(managed.value))) {
          intents.push(c.fixInAadBlock(CLUSTER.aadManaged, true));
          title += ' with the AKS-managed Entra ID integration';
        }
        intents.push(c.fixInAadBlock(CLUSTER.azureRbac, true));
      }
      // The legacy integration (own app registrations) must be migrated first: no fix then.
      const fix = intents.length && intents.every((i) => i) ? { title, intents: intents as FixIntent[] } : undefined;
      const unset = l.state === 'absent' || l.value === null;
      ctx.report({
        resource: c,
        lookup: l,
        node: l.state === 'known' ? l.node : isPresent(block) ? keyOf(block.node) : undefined,
        messageId: unset ? 'missing' : 'disabled',
        data: { name: c.label, via: via(l), setting: c.isArm ? 'enableAzureRBAC' : 'azure_rbac_enabled' },
        fix,
      });
    },
  },
});

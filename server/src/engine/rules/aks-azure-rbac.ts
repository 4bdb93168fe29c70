import { keyOf } from '../documents';
import { FixIntent } from '../fixes/intent';
import { CLUSTER, isPresent, isTrue, Lookup } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

const written = (l: Lookup) => l.state === 'unknown' || (isPresent(l) && l.value !== '');

export default defineRule({
  id: 'aks-azure-rbac',
  title: 'Kubernetes authorization uses Azure RBAC',
  description:
    'With Azure RBAC for Kubernetes authorization, access to the cluster is granted through Azure role assignments on Entra ID identities, audited and governed like every other Azure resource, instead of Kubernetes RoleBindings managed inside each cluster. CAF: limit access to the kubeconfig with Azure RBAC. Absent means disabled; it requires the AKS-managed Entra ID integration. ARM: aadProfile.enableAzureRBAC and aadProfile.managed are in API version 2020-09-01 (earlier versions not checked); on an older apiVersion the fix is only offered as a suggestion that also raises the apiVersion.',
  recommendation:
    'Set properties.aadProfile.enableAzureRBAC (ARM) / azure_active_directory_role_based_access_control.azure_rbac_enabled (Terraform) to true, with the managed Entra ID integration.',
  caf: 'seed 2: kubeconfig access through Entra ID and Azure RBAC, no local accounts',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} does not use Azure RBAC for Kubernetes authorization: {{setting}} is not set.{{api}}',
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
      const managed = c.aadManaged;
      const addBlock = !isPresent(block);
      // The legacy integration (own app registrations) must be migrated first: no fix then.
      const legacy = !addBlock && (written(c.aadServerAppId) || written(c.aadClientAppId));
      // Azure RBAC needs the managed integration (ARM `managed`, azurerm v3 `managed`; always managed in v4).
      const setManaged = !addBlock && !legacy && !v4 && managed.state !== 'unknown' && !(managed.state === 'known' && isTrue(managed.value));
      const title = addBlock || setManaged
        ? 'Enable Azure RBAC for Kubernetes authorization with the AKS-managed Entra ID integration'
        : 'Enable Azure RBAC for Kubernetes authorization';
      // ARM: an apiVersion older than these properties gets no preferred fix, only a suggestion that raises it.
      const { apiVersionNeeded, ...fixes } = c.fixWithinApiVersion(title, (newer) => {
        if (legacy) return [];
        if (addBlock) {
          const value = c.isArm
            ? { managed: true, enableAzureRBAC: true }
            : v4 ? { azure_rbac_enabled: true } : { managed: true, azure_rbac_enabled: true };
          return [c.fixAddAadBlock(value, newer)];
        }
        const intents: Array<FixIntent | undefined> = [];
        if (setManaged) intents.push(c.fixInAadBlock(CLUSTER.aadManaged, true, newer));
        intents.push(c.fixInAadBlock(CLUSTER.azureRbac, true, newer));
        return intents;
      });
      const unset = l.state === 'absent' || l.value === null;
      ctx.report({
        resource: c,
        lookup: l,
        node: l.state === 'known' ? l.node : isPresent(block) ? keyOf(block.node) : undefined,
        messageId: unset ? 'missing' : 'disabled',
        data: {
          name: c.label,
          via: via(l),
          setting: c.isArm ? 'enableAzureRBAC' : 'azure_rbac_enabled',
          api: apiVersionNote(c.apiVersion, apiVersionNeeded, 'aadProfile.enableAzureRBAC'),
        },
        ...fixes,
      });
    },
  },
});

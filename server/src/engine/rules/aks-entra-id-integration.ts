import { keyOf } from '../documents';
import { CLUSTER, isPresent, isTrue, Lookup } from '../model';
import { defineRule } from './types';
import { apiVersionNote, via } from '../util';

/** A legacy app registration id that is written (a literal non-empty id, or an expression). */
const written = (l: Lookup) => l.state === 'unknown' || (isPresent(l) && l.value !== '');

export default defineRule({
  id: 'aks-entra-id-integration',
  title: 'The cluster uses the AKS-managed Microsoft Entra ID integration',
  description:
    'Without Entra ID integration, kubeconfig access relies on certificates that cannot be tied to a person or governed by Conditional Access. CAF: limit access to the kubeconfig through Entra ID and Azure RBAC. The legacy integration with your own server/client app registrations (clientAppID/serverAppID) is deprecated. ARM: aadProfile.managed and enableAzureRBAC are in API version 2020-09-01 (earlier versions not checked); on an older apiVersion the fix is only offered as a suggestion that also raises the apiVersion.',
  recommendation:
    'Add properties.aadProfile with managed: true (ARM), or the azure_active_directory_role_based_access_control block (Terraform; azurerm v3 also needs managed = true).',
  caf: 'seed 2: kubeconfig access through Entra ID and Azure RBAC, no local accounts',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: true,
  messages: {
    missing: 'Cluster {{name}} has no Microsoft Entra ID integration.{{api}}',
    notManaged: 'Cluster {{name}} does not use the AKS-managed Entra ID integration{{via}}.{{api}}',
    legacy: 'Cluster {{name}} uses the deprecated legacy Entra ID integration (own server/client app registrations): migrate to the AKS-managed integration.',
  },
  check: {
    managedCluster(c, ctx) {
      const block = c.aadProfile;
      // A Terraform `dynamic` block generates the integration from an expression: unknown.
      if (block.state === 'unknown' || c.raw(['dynamic', CLUSTER.aadProfile.tf[0]]).state !== 'absent') return;
      const v4 = c.isTerraform && c.azurermMajor === 4;
      if (!isPresent(block)) {
        const value = c.isArm
          ? { managed: true, enableAzureRBAC: true }
          : v4 ? { azure_rbac_enabled: true } : { managed: true, azure_rbac_enabled: true };
        // ARM: an apiVersion older than aadProfile.managed / enableAzureRBAC gets no preferred fix, only a suggestion that raises it.
        const { apiVersionNeeded, ...fixes } = c.fixWithinApiVersion('Add the AKS-managed Entra ID integration with Azure RBAC', (newer) => [c.fixAddAadBlock(value, newer)]);
        ctx.report({
          resource: c,
          lookup: block,
          // A plan writes the absent block as []: reported on `values`, like every absent plan attribute.
          node: c.format === 'tfplan' ? c.defaultAnchor() : undefined,
          messageId: 'missing',
          data: { name: c.label, api: apiVersionNote(c.apiVersion, apiVersionNeeded, 'aadProfile.managed') },
          ...fixes,
        });
        return;
      }
      // azurerm v4 removed `managed`: the block is always the managed integration. The 2.x nested block
      // (role_based_access_control.azure_active_directory) keeps v3 semantics whatever the provider guess.
      const blockPath = c.aadBlockPath;
      if (v4 && blockPath?.[0] === CLUSTER.aadProfile.tf[0]) return;
      const managed = c.aadManaged;
      if (managed.state === 'unknown' || (managed.state === 'known' && isTrue(managed.value))) return;
      // Reported on `managed` when written, else on the key of the block that should hold it.
      const node = managed.state === 'known' ? managed.node : keyOf(block.node);
      if (written(c.aadServerAppId) || written(c.aadClientAppId)) {
        // Migration (irreversible, drops the app registrations): no automatic fix.
        ctx.report({ resource: c, lookup: managed, node, messageId: 'legacy', data: { name: c.label } });
        return;
      }
      const { apiVersionNeeded, ...fixes } = c.fixWithinApiVersion('Use the AKS-managed Entra ID integration', (newer) => [c.fixInAadBlock(CLUSTER.aadManaged, true, newer)]);
      ctx.report({
        resource: c,
        lookup: managed,
        node,
        messageId: 'notManaged',
        data: { name: c.label, via: via(managed), api: apiVersionNote(c.apiVersion, apiVersionNeeded, 'aadProfile.managed') },
        ...fixes,
      });
    },
  },
});

import { ContainerRegistry, PrivateEndpoint } from '../model';
import { defineRule } from './types';

export default defineRule({
  id: 'acr-private-endpoint',
  title: 'The registry is reached through a private endpoint',
  description:
    'CAF: use Private Link for Azure Container Registry. A private endpoint gives the registry an address in your virtual network, so image pulls from the cluster never cross the internet. The endpoint is a separate resource, often deployed elsewhere: the rule looks across every resource of the file (and of every file of a CLI or workspace scan); when none is found the finding is Information, never Error. An endpoint whose target cannot be evaluated counts as possibly this registry (no finding).',
  recommendation:
    'Add a Microsoft.Network/privateEndpoints (privateLinkServiceConnections[].properties.privateLinkServiceId = the registry id, groupIds ["registry"]) / azurerm_private_endpoint (private_service_connection { private_connection_resource_id = azurerm_container_registry.<name>.id, subresource_names = ["registry"] }), with a privatelink.azurecr.io private DNS zone.',
  caf: 'seed 11: dedicated private Azure Container Registry over Private Link',
  severity: 'warning',
  formats: ['arm', 'tfjson', 'tfplan'],
  fixable: false,
  messages: {
    notFound: 'No private endpoint for registry {{name}} was found in this file (or the other files scanned): reach the registry over Private Link.',
    notFoundNotPremium:
      'No private endpoint for registry {{name}} was found in this file (or the other files scanned): Private Link needs the Premium SKU, and this registry uses {{sku}} (see acr-premium-sku).',
    groupIds: 'Private endpoint {{endpoint}} targets registry {{name}} but its group ids do not include "registry".',
  },
  check: {
    document(model, ctx) {
      const registries = ctx.project.models.flatMap((m) => m.registries);
      // Endpoints of this document that target a registry (here or in another scanned file) with the wrong sub-resource.
      for (const pe of model.privateEndpoints) {
        for (const registry of registries) {
          for (const c of pe.linksTo(registry).matches) {
            if (c.includesRegistryGroup !== false) continue;
            ctx.report({ resource: pe, node: c.groupIdsAnchor, messageId: 'groupIds', data: { endpoint: pe.label, name: registry.label } });
          }
        }
      }
      // Registries of this document with no endpoint anywhere in scope.
      const endpoints = ctx.project.models.flatMap((m) => m.privateEndpoints);
      for (const registry of model.registries) {
        if (hasEndpoint(registry, endpoints)) continue;
        // Below Premium a private endpoint cannot be created: say so rather than ask for one.
        const sku = registry.premiumFeaturesUnavailable ? String(registry.sku.value) : undefined;
        ctx.report({ resource: registry, messageId: sku ? 'notFoundNotPremium' : 'notFound', severity: 'info', data: { name: registry.label, sku: sku ?? '' } });
      }
    },
  },
});

/**
 * True when some endpoint targets the registry, or might: an expression we cannot evaluate in the same
 * file; in another file, only one that depends on a deployment-time input (a parameter without default),
 * since an ARM expression built from its own template's defaults names that template's registry.
 */
function hasEndpoint(registry: ContainerRegistry, endpoints: PrivateEndpoint[]): boolean {
  for (const pe of endpoints) {
    const link = pe.linksTo(registry);
    if (link.matches.length) return true;
    if (pe.doc === registry.doc ? link.unknown : link.unknownFromInput) return true;
  }
  return false;
}

/**
 * Builders for the registry, private endpoint and Defender pricing rule tests: ARM templates
 * (hand-written, Bicep-compiled, languageVersion 2.0, nested deployments, subscription templates),
 * Terraform JSON (azurerm v3 / v4) and plan JSON. Texts are JSON.stringify(…, 2), so a test states the
 * object it expects after a fix and the fix layer must produce exactly that text.
 */

import { ARM_SCHEMA, Json } from './azure';

// Shared with the cluster rule tests' builders (helpers/azure.ts).
export { ARM_SCHEMA, at, json } from './azure';
export type { Json } from './azure';

export const SUB_SCHEMA = 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#';

// ---------------------------------------------------------------------------------------------- ARM

/** A Microsoft.ContainerRegistry/registries resource: `properties` as given (none when null). */
export function armRegistry(properties: Json | null = { adminUserEnabled: false }, extra: Json = {}): Json {
  const r: Json = {
    type: 'Microsoft.ContainerRegistry/registries',
    apiVersion: '2023-07-01',
    name: 'crcontoso',
    location: '[resourceGroup().location]',
    sku: { name: 'Premium' },
    ...extra,
  };
  if (properties) r.properties = properties;
  return r;
}

export function armCluster(properties: Json = {}): Json {
  return {
    type: 'Microsoft.ContainerService/managedClusters',
    apiVersion: '2024-09-01',
    name: 'aks',
    location: '[resourceGroup().location]',
    properties: { dnsPrefix: 'aks', ...properties },
  };
}

/** A Microsoft.Network/privateEndpoints resource with one connection to `serviceId` (no groupIds when null). */
export function armPrivateEndpoint(serviceId: string, groupIds: unknown = ['registry'], opts: { manual?: boolean; name?: string } = {}): Json {
  const connection: Json = { name: 'acr', properties: { privateLinkServiceId: serviceId } };
  if (groupIds !== null) (connection.properties as Json).groupIds = groupIds;
  return {
    type: 'Microsoft.Network/privateEndpoints',
    apiVersion: '2023-11-01',
    name: opts.name ?? 'pe-acr',
    location: '[resourceGroup().location]',
    properties: {
      subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet-pe')]" },
      [opts.manual ? 'manualPrivateLinkServiceConnections' : 'privateLinkServiceConnections']: [connection],
    },
  };
}

/** A Microsoft.Security/pricings resource. */
export function armPricing(name: string, properties: Json | null, apiVersion = '2024-01-01'): Json {
  const r: Json = { type: 'Microsoft.Security/pricings', apiVersion, name };
  if (properties) r.properties = properties;
  return r;
}

export interface ArmOptions {
  parameters?: Json;
  variables?: Json;
  /** Bicep-compiled shape: metadata._generator. */
  bicep?: boolean;
  /** languageVersion 2.0: resources as an object keyed by symbolic name. */
  languageVersion2?: boolean;
  /** subscriptionDeploymentTemplate schema. */
  subscription?: boolean;
}

export function armTemplate(resources: Json[], opts: ArmOptions = {}): Json {
  const t: Json = { $schema: opts.subscription ? SUB_SCHEMA : ARM_SCHEMA };
  if (opts.languageVersion2) t.languageVersion = '2.0';
  t.contentVersion = '1.0.0.0';
  if (opts.bicep) t.metadata = { _generator: { name: 'bicep', version: '0.30.23.60470', templateHash: '1234567890123456789' } };
  if (opts.parameters) t.parameters = opts.parameters;
  if (opts.variables) t.variables = opts.variables;
  t.resources = opts.languageVersion2 ? Object.fromEntries(resources.map((r, i) => [`res${i}`, r])) : resources;
  return t;
}

/** A string parameter declaration with a default. */
export const param = (defaultValue?: unknown, type = typeof defaultValue === 'boolean' ? 'bool' : 'string'): Json =>
  defaultValue === undefined ? { type } : { type, defaultValue };

/** An inline nested deployment (expressionEvaluationOptions.scope inner) passing `values` to `inner`. */
export function nestedDeployment(inner: Json, values: Json = {}, name = 'registry'): Json {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    properties: {
      expressionEvaluationOptions: { scope: 'inner' },
      mode: 'Incremental',
      parameters: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }])),
      template: inner,
    },
  };
}

// ---------------------------------------------------------------------------------------------- Terraform

/** A Terraform JSON configuration: `resources` is { type: { name: body } }. */
export function tfConfig(major: 3 | 4 | undefined, resources: Record<string, Record<string, Json>>, variables?: Json): Json {
  const t: Json = {};
  if (major) t.terraform = { required_providers: { azurerm: { source: 'hashicorp/azurerm', version: major === 3 ? '~> 3.0' : '~> 4.0' } } };
  if (variables) t.variable = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { type: typeof v === 'boolean' ? 'bool' : 'string', default: v }]));
  t.resource = resources;
  return t;
}

export function tfRegistry(body: Json = {}): Json {
  return { name: 'crcontoso', location: 'westeurope', resource_group_name: 'rg-aks', sku: 'Premium', ...body };
}

/** An azurerm_private_endpoint with one private_service_connection (no subresource_names when null). */
export function tfPrivateEndpoint(id: string, subresources: unknown = ['registry']): Json {
  const psc: Json = { name: 'acr', private_connection_resource_id: id, is_manual_connection: false };
  if (subresources !== null) psc.subresource_names = subresources;
  return { name: 'pe-acr', location: 'westeurope', resource_group_name: 'rg-aks', subnet_id: '${azurerm_subnet.pe.id}', private_service_connection: psc };
}

export function tfCluster(body: Json = {}): Json {
  return { name: 'aks', location: 'westeurope', resource_group_name: 'rg-aks', dns_prefix: 'aks', default_node_pool: { name: 'system', node_count: 3, vm_size: 'Standard_D4ds_v5' }, identity: { type: 'SystemAssigned' }, ...body };
}

// ---------------------------------------------------------------------------------------------- plan

export interface PlanResource {
  type: string;
  name: string;
  values: Json;
  /** Module path, e.g. ['platform', 'acr'] → module.platform.module.acr. */
  modules?: string[];
  afterUnknown?: Json;
  /** The `expressions` of this resource in the configuration section. */
  expressions?: Json;
}

/** A `terraform show -json` plan. */
export function tfPlan(resources: PlanResource[], versionConstraint = '~> 4.0'): Json {
  const addr = (r: PlanResource) => [...(r.modules ?? []).map((m) => `module.${m}`), `${r.type}.${r.name}`].join('.');
  const entry = (r: PlanResource) => ({ address: addr(r), mode: 'managed', type: r.type, name: r.name, provider_name: 'registry.terraform.io/hashicorp/azurerm', schema_version: 0, values: r.values, sensitive_values: {} });
  // planned_values: resources per module, child modules nested.
  const plannedModule = (path: string[]): Json => {
    const here = resources.filter((r) => (r.modules ?? []).join('.') === path.join('.'));
    const children = [...new Set(resources.filter((r) => (r.modules ?? []).length > path.length && (r.modules ?? []).slice(0, path.length).join('.') === path.join('.')).map((r) => r.modules![path.length]))];
    const m: Json = {};
    if (path.length) m.address = path.map((p) => `module.${p}`).join('.');
    if (here.length) m.resources = here.map(entry);
    if (children.length) m.child_modules = children.map((c) => plannedModule([...path, c]));
    return m;
  };
  const configModule = (path: string[]): Json => {
    const here = resources.filter((r) => (r.modules ?? []).join('.') === path.join('.'));
    const children = [...new Set(resources.filter((r) => (r.modules ?? []).length > path.length && (r.modules ?? []).slice(0, path.length).join('.') === path.join('.')).map((r) => r.modules![path.length]))];
    const m: Json = { resources: here.map((r) => ({ address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, provider_config_key: 'azurerm', expressions: r.expressions ?? {} })) };
    if (children.length) m.module_calls = Object.fromEntries(children.map((c) => [c, { source: `./modules/${c}`, module: configModule([...path, c]) }]));
    return m;
  };
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: plannedModule([]) },
    resource_changes: resources.map((r) => ({
      address: addr(r), mode: 'managed', type: r.type, name: r.name, provider_name: 'registry.terraform.io/hashicorp/azurerm',
      change: { actions: ['create'], before: null, after: r.values, after_unknown: r.afterUnknown ?? { id: true } },
    })),
    configuration: {
      provider_config: { azurerm: { name: 'azurerm', full_name: 'registry.terraform.io/hashicorp/azurerm', version_constraint: versionConstraint } },
      root_module: configModule([]),
    },
  };
}

/** Plan `values` of an azurerm_container_registry: absent attributes are null, absent blocks []. */
export function planRegistryValues(values: Json = {}): Json {
  return {
    name: 'crcontoso',
    location: 'westeurope',
    resource_group_name: 'rg-aks',
    sku: 'Premium',
    admin_enabled: false,
    anonymous_pull_enabled: null,
    export_policy_enabled: true,
    network_rule_bypass_option: 'AzureServices',
    network_rule_set: [],
    public_network_access_enabled: true,
    quarantine_policy_enabled: null,
    ...values,
  };
}

/**
 * Builders for the Azure inputs of rule tests: ARM templates (hand-written, Bicep-compiled,
 * languageVersion 2.0, nested deployments), Terraform JSON (azurerm v3 / v4) and plan JSON.
 * Texts are JSON.stringify(…, 2): expected fix outputs are built the same way from the edited object,
 * so a test states the object it expects and the fix layer must produce exactly that text.
 */

export type Json = Record<string, unknown>;

export const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** The text of a JSON document as the tests write it. */
export const json = (o: unknown) => JSON.stringify(o, null, 2) + '\n';

/** A deep copy, to derive the expected object of a fix from the input object. */
export const clone = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

/** A Microsoft.ContainerService/managedClusters resource with `properties` added to a minimal cluster. */
export function armCluster(properties: Json = {}, extra: Json = {}): Json {
  return {
    type: 'Microsoft.ContainerService/managedClusters',
    apiVersion: '2024-09-01',
    name: 'aks',
    location: '[resourceGroup().location]',
    identity: { type: 'SystemAssigned' },
    ...extra,
    properties: { dnsPrefix: 'aks', agentPoolProfiles: [{ name: 'system', count: 3, vmSize: 'Standard_D4ds_v5', mode: 'System' }], ...properties },
  };
}

export interface ArmOptions {
  parameters?: Json;
  variables?: Json;
  /** Bicep-compiled shape: metadata._generator. */
  bicep?: boolean;
  /** languageVersion 2.0: resources as an object keyed by symbolic name. */
  languageVersion2?: boolean;
}

export function armTemplate(resources: Json[], opts: ArmOptions = {}): Json {
  const t: Json = { $schema: ARM_SCHEMA };
  if (opts.languageVersion2) t.languageVersion = '2.0';
  t.contentVersion = '1.0.0.0';
  if (opts.bicep) t.metadata = { _generator: { name: 'bicep', version: '0.30.23.60470', templateHash: '1234567890123456789' } };
  if (opts.parameters) t.parameters = opts.parameters;
  if (opts.variables) t.variables = opts.variables;
  t.resources = opts.languageVersion2 ? Object.fromEntries(resources.map((r, i) => [i === 0 ? 'aks' : `res${i}`, r])) : resources;
  return t;
}

/** An inline nested deployment (expressionEvaluationOptions.scope inner) passing literal `values` to `inner`. */
export function nestedDeployment(inner: Json, values: Json = {}): Json {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name: 'cluster',
    properties: {
      expressionEvaluationOptions: { scope: 'inner' },
      mode: 'Incremental',
      parameters: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }])),
      template: inner,
    },
  };
}

/** A Terraform JSON configuration with one azurerm_kubernetes_cluster "aks" (`body` added to a minimal cluster). */
export function tfCluster(major: 3 | 4, body: Json = {}, variables?: Json): Json {
  const t: Json = { terraform: { required_providers: { azurerm: { source: 'hashicorp/azurerm', version: major === 3 ? '~> 3.0' : '~> 4.0' } } } };
  if (variables) t.variable = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { type: typeof v === 'boolean' ? 'bool' : 'any', default: v }]));
  t.resource = {
    azurerm_kubernetes_cluster: {
      aks: {
        name: 'aks',
        location: 'westeurope',
        resource_group_name: 'rg-aks',
        dns_prefix: 'aks',
        default_node_pool: { name: 'system', node_count: 3, vm_size: 'Standard_D4ds_v5' },
        identity: { type: 'SystemAssigned' },
        ...body,
      },
    },
  };
  return t;
}

/** Plan `values` of an azurerm_kubernetes_cluster: absent attributes are null, absent blocks []. */
export function planClusterValues(values: Json = {}): Json {
  return {
    name: 'aks',
    location: 'westeurope',
    resource_group_name: 'rg-aks',
    dns_prefix: 'aks',
    api_server_access_profile: [],
    azure_active_directory_role_based_access_control: [],
    azure_policy_enabled: null,
    key_vault_secrets_provider: [],
    local_account_disabled: false,
    oidc_issuer_enabled: null,
    private_cluster_enabled: false,
    role_based_access_control_enabled: true,
    run_command_enabled: true,
    workload_identity_enabled: false,
    ...values,
  };
}

export interface PlanOptions {
  /** Put the cluster two modules deep (module.platform.module.aks). */
  nested?: boolean;
  /** after_unknown of the cluster's resource_changes entry. */
  afterUnknown?: Json;
  versionConstraint?: string;
}

/** A `terraform show -json` plan holding one azurerm_kubernetes_cluster with `values`. */
export function tfPlan(values: Json, opts: PlanOptions = {}): Json {
  const address = opts.nested ? 'module.platform.module.aks.azurerm_kubernetes_cluster.this' : 'azurerm_kubernetes_cluster.this';
  const resource = {
    address,
    mode: 'managed',
    type: 'azurerm_kubernetes_cluster',
    name: 'this',
    provider_name: 'registry.terraform.io/hashicorp/azurerm',
    schema_version: 2,
    values,
    sensitive_values: {},
  };
  const root: Json = opts.nested
    ? { child_modules: [{ address: 'module.platform', child_modules: [{ address: 'module.platform.module.aks', resources: [resource] }] }] }
    : { resources: [resource] };
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: root },
    resource_changes: [
      { address, mode: 'managed', type: 'azurerm_kubernetes_cluster', name: 'this', provider_name: 'registry.terraform.io/hashicorp/azurerm',
        change: { actions: ['create'], before: null, after: values, after_unknown: opts.afterUnknown ?? { id: true } } },
    ],
    configuration: { provider_config: { azurerm: { name: 'azurerm', full_name: 'registry.terraform.io/hashicorp/azurerm', version_constraint: opts.versionConstraint ?? '~> 4.0' } } },
  };
}

/**
 * The 1-based position of `needle` in `code` (its `nth` occurrence right after `after`), and the needle
 * as the expected text of the finding's range: `errors: [{ messageId, ...at(code, 'false', { after: '"x": ' }) }]`.
 */
export function at(code: string, needle: string, opts: { after?: string; nth?: number } = {}): { line: number; column: number; text: string } {
  const find = (opts.after ?? '') + needle;
  let offset = -1;
  for (let i = 0; i <= (opts.nth ?? 0); i++) {
    offset = code.indexOf(find, offset + 1);
    if (offset < 0) throw new Error(`'${find}' (occurrence ${opts.nth ?? 0}) not in the test input`);
  }
  offset += (opts.after ?? '').length;
  const before = code.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n'), text: needle };
}

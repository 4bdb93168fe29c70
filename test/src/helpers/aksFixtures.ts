// Builders for managed-cluster test inputs in every format: ARM (hand-written, Bicep-compiled languageVersion 2.0,
// nested inline deployments), Terraform JSON (azurerm v3 / v4) and plan JSON. Pretty-printed with two spaces, the
// indentation the fix layer detects, so an expected `output` is the same builder called with the fixed input.

export const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

type Obj = Record<string, unknown>;

const pretty = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

/** A managed cluster resource (ARM). */
export function aks(properties: Obj, o: { name?: string; apiVersion?: string; resources?: unknown[] } = {}): Obj {
  return {
    type: 'Microsoft.ContainerService/managedClusters',
    apiVersion: o.apiVersion ?? '2024-09-01',
    name: o.name ?? 'aks-prod',
    location: 'westeurope',
    properties,
    ...(o.resources ? { resources: o.resources } : {}),
  };
}

/** A hand-written ARM template. */
export function armTemplate(resources: unknown[], extra: { parameters?: Obj; variables?: Obj } = {}): string {
  return pretty({ $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', ...extra, resources });
}

/** A Bicep-compiled template with languageVersion 2.0: resources keyed by symbolic name. */
export function bicepTemplate(resources: Record<string, unknown>, extra: { parameters?: Obj } = {}): string {
  return pretty({
    $schema: ARM_SCHEMA,
    languageVersion: '2.0',
    contentVersion: '1.0.0.0',
    metadata: { _generator: { name: 'bicep', version: '0.30.23.60470', templateHash: '1234567890' } },
    ...extra,
    resources,
  });
}

/** A template whose only resource is an inline nested deployment (scope inner) passing `passed` to `innerParameters`. */
export function nestedTemplate(innerResources: unknown[], innerParameters: Obj, passed: Obj): string {
  return armTemplate([
    {
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name: 'cluster',
      properties: {
        expressionEvaluationOptions: { scope: 'inner' },
        mode: 'Incremental',
        parameters: passed,
        template: { $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', parameters: innerParameters, resources: innerResources },
      },
    },
  ]);
}

/** Terraform JSON with one azurerm_kubernetes_cluster "main", azurerm pinned to `major`. */
export function tfJson(body: Obj, major: 3 | 4, extra: { variable?: Obj } = {}): string {
  return pretty({
    terraform: { required_providers: { azurerm: { source: 'hashicorp/azurerm', version: `~> ${major}.0` } } },
    ...(extra.variable ? { variable: extra.variable } : {}),
    resource: { azurerm_kubernetes_cluster: { main: { name: 'aks-prod', location: 'westeurope', resource_group_name: 'rg-aks', dns_prefix: 'aks-prod', ...body } } },
  });
}

/** `terraform show -json` output with the cluster in the root module or in `module.aks`. */
export function tfPlan(values: Obj, o: { major?: 3 | 4; module?: boolean } = {}): string {
  const prefix = o.module ? 'module.aks.' : '';
  const resource = {
    address: `${prefix}azurerm_kubernetes_cluster.main`,
    mode: 'managed',
    type: 'azurerm_kubernetes_cluster',
    name: 'main',
    provider_name: 'registry.terraform.io/hashicorp/azurerm',
    values: { name: 'aks-prod', ...values },
  };
  return pretty({
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: o.module ? { child_modules: [{ address: 'module.aks', resources: [resource] }] } : { resources: [resource] } },
    configuration: { provider_config: { azurerm: { name: 'azurerm', full_name: 'registry.terraform.io/hashicorp/azurerm', version_constraint: `~> ${o.major ?? 4}.0` } } },
  });
}

/**
 * The 1-based position of `target` inside the only occurrence of `context` in `code`, with `text` = target:
 * a finding expectation written as "on this text" rather than as bare numbers.
 */
export function at(code: string, context: string, target: string = context): { line: number; column: number; text: string } {
  const first = code.indexOf(context);
  if (first < 0) throw new Error(`fixture: ${JSON.stringify(context)} not found`);
  if (code.indexOf(context, first + 1) >= 0) throw new Error(`fixture: ${JSON.stringify(context)} occurs more than once`);
  const inner = context.indexOf(target);
  if (inner < 0) throw new Error(`fixture: ${JSON.stringify(target)} not in ${JSON.stringify(context)}`);
  const offset = first + inner;
  const before = code.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, text: target };
}

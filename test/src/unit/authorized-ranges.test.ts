import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../server/out/engine';

/**
 * Issue 16 point 1: one answer to "are the authorized IP ranges set?" (ManagedCluster.authorizedRanges), shared by
 * aks-private-cluster and aks-api-authorized-ip-ranges. A parameter nobody passes (nullable, or not passed into a
 * nested deployment) or a variable whose default is null: no ranges, so the public API server is unrestricted (an error
 * from aks-api-authorized-ip-ranges, and aks-private-cluster never says "limited"). A plan value known only after
 * apply: unknown, so neither rule claims anything about the ranges.
 */
const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const cluster = (ranges: unknown) => ({
  type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-09-01', name: 'aks', location: 'westeurope',
  properties: { dnsPrefix: 'aks', apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: ranges } },
});

function verdict(path: string, text: string) {
  const f = analyzeText(path, text).findings;
  const ranges = f.filter((x) => x.ruleId === 'aks-api-authorized-ip-ranges');
  const priv = f.filter((x) => x.ruleId === 'aks-private-cluster');
  return { ranges, priv, limited: priv.some((x) => /limited to authorized IP ranges/.test(x.message)), text };
}

function assertUnrestricted(v: ReturnType<typeof verdict>, via: RegExp) {
  assert.equal(v.ranges.length, 1, 'aks-api-authorized-ip-ranges reports the unrestricted public API server');
  assert.equal(v.ranges[0].severity, 'error');
  assert.match(v.ranges[0].message, via);
  assert.equal(v.priv.length, 1);
  assert.equal(v.limited, false, `aks-private-cluster does not claim "limited": ${v.priv[0].message}`);
  assert.equal(v.priv[0].severity, 'warning');
}

describe('authorized IP ranges: one answer for every rule', () => {
  it('ARM languageVersion 2.0: a nullable parameter that no caller passes is null (absent), not unknown', () => {
    const t = { $schema: ARM_SCHEMA, languageVersion: '2.0', contentVersion: '1.0.0.0', parameters: { ranges: { type: 'array', nullable: true } }, resources: { aks: cluster("[parameters('ranges')]") } };
    assertUnrestricted(verdict('main.json', JSON.stringify(t, null, 2)), /from parameter 'ranges', nullable, with no default and not passed/);
  });

  it('ARM: a required parameter of the top-level template stays unknown (the deployment passes it): no claim either way', () => {
    const t = { $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', parameters: { ranges: { type: 'array' } }, resources: [cluster("[parameters('ranges')]")] };
    const v = verdict('main.json', JSON.stringify(t, null, 2));
    assert.equal(v.ranges.length, 0);
    assert.equal(v.limited, false);
  });

  it('ARM nested deployment (inner scope) whose outer template passes nothing for the ranges: unrestricted', () => {
    const inner = { $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', parameters: { ranges: { type: 'array' }, name: { type: 'string' } }, resources: [cluster("[parameters('ranges')]")] };
    const t = {
      $schema: ARM_SCHEMA, contentVersion: '1.0.0.0',
      resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'aksDeployment', properties: { mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, parameters: { name: { value: 'aks' } }, template: inner } }],
    };
    assertUnrestricted(verdict('main.json', JSON.stringify(t, null, 2)), /which deployment 'aksDeployment' does not pass/);
  });

  it('ARM nested deployment that passes the ranges: restricted ("limited"), no aks-api-authorized-ip-ranges finding', () => {
    const inner = { $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', parameters: { ranges: { type: 'array' } }, resources: [cluster("[parameters('ranges')]")] };
    const t = {
      $schema: ARM_SCHEMA, contentVersion: '1.0.0.0',
      resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'aksDeployment', properties: { mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, parameters: { ranges: { value: ['203.0.113.0/24'] } }, template: inner } }],
    };
    const v = verdict('main.json', JSON.stringify(t, null, 2));
    assert.equal(v.ranges.length, 0);
    assert.equal(v.limited, true);
  });

  it('Terraform plan: ranges known only after apply are unknown: no aks-api-authorized-ip-ranges finding, no "limited" claim', () => {
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'azurerm_kubernetes_cluster.aks', type: 'azurerm_kubernetes_cluster', name: 'aks', values: { name: 'aks', private_cluster_enabled: false, api_server_access_profile: [] } }] } },
      resource_changes: [{ address: 'azurerm_kubernetes_cluster.aks', type: 'azurerm_kubernetes_cluster', change: { actions: ['create'], after: {}, after_unknown: { api_server_access_profile: true } } }],
    };
    const v = verdict('plan.json', JSON.stringify(plan, null, 2));
    assert.equal(v.ranges.length, 0);
    assert.equal(v.limited, false);
    assert.equal(v.priv.length, 1);
  });

  it('Terraform (.tf.json and .tf): a variable whose default is null sets no ranges', () => {
    const tfjson = {
      variable: { ranges: { type: 'list(string)', default: null } },
      resource: { azurerm_kubernetes_cluster: { aks: { name: 'aks', location: 'westeurope', resource_group_name: 'rg', dns_prefix: 'aks', api_server_access_profile: { authorized_ip_ranges: '${var.ranges}' } } } },
    };
    const a = verdict('main.tf.json', JSON.stringify(tfjson, null, 2));
    assert.equal(a.ranges.length, 1, JSON.stringify(a.ranges.map((x) => x.message)));
    assert.equal(a.limited, false);
    const hcl = [
      'variable "ranges" {',
      '  type    = list(string)',
      '  default = null',
      '}',
      'resource "azurerm_kubernetes_cluster" "aks" {',
      '  name                = "aks"',
      '  location            = "westeurope"',
      '  resource_group_name = "rg"',
      '  dns_prefix          = "aks"',
      '  api_server_access_profile {',
      '    authorized_ip_ranges = var.ranges',
      '  }',
      '}',
      '',
    ].join('\n');
    const b = verdict('main.tf', hcl);
    assert.equal(b.ranges.length, 1, JSON.stringify(b.ranges.map((x) => x.message)));
    assert.equal(b.limited, false);
  });

  it('Bicep: a nullable parameter that nothing passes sets no ranges', () => {
    const text = [
      'param ranges string[]?',
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
      "  name: 'aks'",
      "  location: 'westeurope'",
      '  properties: {',
      "    dnsPrefix: 'aks'",
      '    apiServerAccessProfile: {',
      '      enablePrivateCluster: false',
      '      authorizedIPRanges: ranges',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const v = verdict('main.bicep', text);
    assertUnrestricted(v, /from parameter 'ranges'/);
    assert.equal(text.slice(v.ranges[0].start, v.ranges[0].end), 'ranges');
  });
});

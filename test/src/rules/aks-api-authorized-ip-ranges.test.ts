import * as assert from 'node:assert/strict';
import { analyzeText } from '../../../server/out/engine';
import { armCluster, armTemplate, at, json, Json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { lines, ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-api-authorized-ip-ranges';
const TF_NAME = { after: '"azurerm_kubernetes_cluster": {\n      ' };

const arm = (props: string, apiVersion = '2024-09-01') => lines(
  '{',
  '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
  '  "resources": [',
  `    {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "${apiVersion}", "name": "aks",`,
  `     "properties": {${props}}}`,
  '  ]',
  '}');
const tf = (body: string, version = '~> 4.0') => lines('{', `  "terraform": {"required_providers": {"azurerm": {"version": "${version}"}}},`, '  "resource": {"azurerm_kubernetes_cluster": {"main": {', `    ${body}`, '  }}}', '}');

const access = (p: Json) => ({ apiServerAccessProfile: p });
const rangesParam = (v: unknown[]) => armTemplate([armCluster(access({ enablePrivateCluster: false, authorizedIPRanges: "[parameters('ranges')]" }))], { parameters: { ranges: { type: 'array', defaultValue: v } } });
const lv2 = (p: Json) => armTemplate([armCluster(access(p))], { bicep: true, languageVersion2: true });
const nested = (v: unknown) =>
  armTemplate([nestedDeployment(armTemplate([armCluster(access({ authorizedIPRanges: "[parameters('ranges')]" }))], { parameters: { ranges: { type: 'array', defaultValue: ['203.0.113.0/24'] } } }), { ranges: v })]);
const MAKE_PRIVATE = 'Make the cluster private (the cluster is recreated)';

ruleTester(RULE, {
  valid: [
    { name: 'ARM private cluster needs no ranges', path: 't.json', code: arm('"apiServerAccessProfile": {"enablePrivateCluster": true}') },
    { name: 'ARM authorized ranges', path: 't.json', code: arm('"apiServerAccessProfile": {"authorizedIPRanges": ["203.0.113.0/24"]}') },
    { name: 'ARM legacy API property (2019-06-01)', path: 't.json', code: arm('"apiServerAuthorizedIPRanges": ["203.0.113.0/24"]', '2019-06-01') },
    { name: 'ARM private flag unknown', path: 't.json', code: arm('"apiServerAccessProfile": {"enablePrivateCluster": "[equals(1, 1)]"}') },
    { name: 'ARM ranges unknown', path: 't.json', code: arm('"apiServerAccessProfile": {"authorizedIPRanges": "[split(\'a,b\', \',\')]"}') },
    { name: 'ARM ranges from a parameter default', path: 'main.json', code: json(rangesParam(['198.51.100.0/24'])) },
    { name: 'ARM ranges from a parameter without default: unknown', path: 'main.json', code: json(armTemplate([armCluster(access({ authorizedIPRanges: "[parameters('ranges')]" }))], { parameters: { ranges: { type: 'array' } } })) },
    { name: 'Bicep languageVersion 2.0 private', path: 'main.json', code: json(lv2({ enablePrivateCluster: true })) },
    { name: 'ARM nested deployment: passed ranges', path: 'main.json', code: json(nested(['198.51.100.0/24'])) },
    { name: 'Terraform v4 private', path: 'main.tf.json', code: tf('"private_cluster_enabled": true') },
    { name: 'Terraform v4 access profile', path: 'main.tf.json', code: tf('"api_server_access_profile": {"authorized_ip_ranges": ["203.0.113.0/24"]}') },
    { name: 'Terraform v3 top-level ranges', path: 'main.tf.json', code: tf('"api_server_authorized_ip_ranges": ["203.0.113.0/24"]', '~> 3.0') },
    { name: 'Terraform v3 access profile block', path: 'main.tf.json', code: json(tfCluster(3, { api_server_access_profile: [{ authorized_ip_ranges: ['203.0.113.0/24'] }] })) },
    { name: 'Terraform var default ranges', path: 'main.tf.json', code: json(tfCluster(4, { api_server_access_profile: { authorized_ip_ranges: '${var.ranges}' } }, { ranges: ['203.0.113.0/24'] })) },
    { name: 'Terraform dynamic api_server_access_profile block is unknown', path: 'main.tf.json', code: json(tfCluster(4, { dynamic: { api_server_access_profile: { for_each: '${var.access}', content: { authorized_ip_ranges: '${api_server_access_profile.value.ranges}' } } } })) },
    { name: 'Terraform private from var default', path: 'main.tf.json', code: json(tfCluster(4, { private_cluster_enabled: '${var.private}' }, { private: true })) },
    { name: 'plan with ranges', path: 'plan.json', code: '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "azurerm_kubernetes_cluster", "name": "c", "mode": "managed", "values": {"private_cluster_enabled": false, "api_server_access_profile": [{"authorized_ip_ranges": ["203.0.113.0/24"]}]}}]}}}\n' },
    { name: 'plan v3 top-level ranges, two modules deep', path: 'plan.json', code: json(tfPlan(planClusterValues({ api_server_authorized_ip_ranges: ['203.0.113.0/24'] }), { nested: true, versionConstraint: '~> 3.0' })) },
    { name: 'plan private', path: 'plan.json', code: json(tfPlan(planClusterValues({ private_cluster_enabled: true }))) },
  ],
  invalid: [
    {
      name: 'ARM public, no ranges: no fix, making it private is a suggestion',
      path: 't.json',
      code: arm('"dnsPrefix": "aks"'),
      errors: [{ messageId: 'missing', line: 5, column: 6, text: '"properties"', severity: 'error', fixable: false }],
    },
    {
      name: 'ARM empty list',
      path: 't.json',
      code: arm('"apiServerAccessProfile": {"enablePrivateCluster": false, "authorizedIPRanges": []}'),
      errors: [{ messageId: 'empty', line: 5, column: 101, text: '[]', fixable: false }],
    },
    {
      name: 'ARM legacy property empty (2019-06-01)',
      path: 't.json',
      code: arm('"apiServerAuthorizedIPRanges": []', '2019-06-01'),
      errors: [{ messageId: 'empty', line: 5, column: 52, text: '[]' }],
    },
    {
      name: 'ARM parameter default []: reported on the property, the message names the parameter',
      path: 'main.json',
      code: json(rangesParam([])),
      errors: [{ messageId: 'empty', ...at(json(rangesParam([])), `"[parameters('ranges')]"`) }],
    },
    {
      name: 'Bicep languageVersion 2.0: public, ranges absent',
      path: 'main.json',
      code: json(lv2({ enablePrivateCluster: false })),
      errors: [{ messageId: 'missing', ...at(json(lv2({ enablePrivateCluster: false })), '"apiServerAccessProfile"') }],
    },
    {
      name: 'ARM nested deployment: an empty list passed in properties.parameters',
      path: 'main.json',
      code: json(nested([])),
      errors: [{ messageId: 'empty', ...at(json(nested([])), `"[parameters('ranges')]"`) }],
    },
    {
      name: 'Terraform v3, no ranges',
      path: 'main.tf.json',
      code: tf('"name": "c"', '~> 3.0'),
      errors: [{ messageId: 'missing', line: 3, column: 47, text: '"main"' }],
    },
    {
      name: 'Terraform v3 top-level ranges empty',
      path: 'main.tf.json',
      code: json(tfCluster(3, { api_server_authorized_ip_ranges: [] })),
      errors: [{ messageId: 'empty', ...at(json(tfCluster(3, { api_server_authorized_ip_ranges: [] })), '[]') }],
    },
    {
      name: 'Terraform v4 access profile without ranges: on the block key',
      path: 'main.tf.json',
      code: json(tfCluster(4, { api_server_access_profile: { subnet_id: '${azurerm_subnet.api.id}' } })),
      errors: [{ messageId: 'missing', ...at(json(tfCluster(4, { api_server_access_profile: { subnet_id: '${azurerm_subnet.api.id}' } })), '"api_server_access_profile"') }],
    },
    {
      name: 'Terraform var default []',
      path: 'main.tf.json',
      code: json(tfCluster(4, { api_server_access_profile: { authorized_ip_ranges: '${var.ranges}' } }, { ranges: [] })),
      errors: [{ messageId: 'empty', ...at(json(tfCluster(4, { api_server_access_profile: { authorized_ip_ranges: '${var.ranges}' } }, { ranges: [] })), '"${var.ranges}"') }],
    },
    {
      name: 'Terraform v4 absent: on the resource name',
      path: 'main.tf.json',
      code: json(tfCluster(4)),
      errors: [{ messageId: 'missing', ...at(json(tfCluster(4)), '"aks"', TF_NAME) }],
    },
    {
      name: 'plan: empty access profile block, no fix',
      path: 'plan.json',
      code: '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "azurerm_kubernetes_cluster", "name": "c", "mode": "managed", "values": {"private_cluster_enabled": false, "api_server_access_profile": []}}]}}}\n',
      errors: [{ messageId: 'missing', line: 1, column: 147, text: '"values"', fixable: false }],
    },
    {
      name: 'plan: null private flag and null ranges in a child module: on values',
      path: 'plan.json',
      code: json(tfPlan(planClusterValues({ private_cluster_enabled: null, api_server_access_profile: [{ authorized_ip_ranges: null }] }), { nested: true })),
      errors: [{ messageId: 'missing', ...at(json(tfPlan(planClusterValues({ private_cluster_enabled: null, api_server_access_profile: [{ authorized_ip_ranges: null }] }), { nested: true })), '"values"'), fixable: false }],
    },
  ],
});

// The suggestion (not a preferred fix: it recreates the cluster) is checked here.
describe(`rule ${RULE} suggestion`, () => {
  it('offers making the cluster private as a suggestion only', () => {
    const f = analyzeText('main.json', json(rangesParam([]))).findings.find((x) => x.ruleId === RULE);
    assert.ok(f);
    assert.equal(f.fix, undefined);
    assert.deepEqual(f.suggestions?.map((s) => s.title), [MAKE_PRIVATE]);
    assert.match(f.message, /\(from parameter 'ranges'\)/);
  });
});

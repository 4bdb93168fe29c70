import { armCluster, armTemplate, at, clone, json, Json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { lines, ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-private-cluster';

// ARM, hand-written: no apiServerAccessProfile at all.
const armAbsent = armTemplate([armCluster()]);
const armAbsentFixed = clone(armAbsent);
((armAbsentFixed.resources as Json[])[0].properties as Json).apiServerAccessProfile = { enablePrivateCluster: true };

// ARM: explicit false.
const armFalse = armTemplate([armCluster({ apiServerAccessProfile: { enablePrivateCluster: false } })]);
const armFalseFixed = armTemplate([armCluster({ apiServerAccessProfile: { enablePrivateCluster: true } })]);

// ARM: public but restricted to authorized IP ranges (Information).
const armRestricted = armTemplate([armCluster({ apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'] } })]);
const armRestrictedFixed = armTemplate([armCluster({ apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/24'], enablePrivateCluster: true } })]);

// ARM: 0.0.0.0/0 restricts nothing (Warning).
const armOpen = armTemplate([armCluster({ apiServerAccessProfile: { authorizedIPRanges: ['0.0.0.0/0'] } })]);
const armOpenFixed = armTemplate([armCluster({ apiServerAccessProfile: { authorizedIPRanges: ['0.0.0.0/0'], enablePrivateCluster: true } })]);

// ARM API 2019-06-01: the legacy top-level apiServerAuthorizedIPRanges counts as ranges.
const armLegacyRanges = armTemplate([armCluster({ apiServerAuthorizedIPRanges: ['198.51.100.7/32'] }, { apiVersion: '2019-06-01' })]);

// Bicep-compiled, value from a parameter with a literal default: the fix edits the default.
const bicepParam = (v: boolean) =>
  armTemplate([armCluster({ apiServerAccessProfile: { enablePrivateCluster: "[parameters('enablePrivateCluster')]" } })], {
    bicep: true,
    parameters: { enablePrivateCluster: { type: 'bool', defaultValue: v } },
  });

// languageVersion 2.0 (resources as an object), ARM export style null = unset.
const lv2 = (v: unknown) => armTemplate([armCluster({ apiServerAccessProfile: { enablePrivateCluster: v } })], { languageVersion2: true, bicep: true });

// Nested deployment (scope inner): the inner parameter's value is passed from the outer template.
const inner = armTemplate([armCluster({ apiServerAccessProfile: { enablePrivateCluster: "[parameters('private')]" } })], {
  parameters: { private: { type: 'bool', defaultValue: true } },
});
const nestedPassed = (v: unknown) => armTemplate([nestedDeployment(inner, { private: v })]);
const nestedDefault = (v: boolean) =>
  armTemplate([nestedDeployment(armTemplate([armCluster({ apiServerAccessProfile: { enablePrivateCluster: "[parameters('private')]" } })], { parameters: { private: { type: 'bool', defaultValue: v } } }))]);

// Terraform JSON.
const tf3Absent = tfCluster(3);
const tf3AbsentFixed = tfCluster(3, { private_cluster_enabled: true });
const tf4False = tfCluster(4, { private_cluster_enabled: false });
const tf4Var = (v: boolean) => tfCluster(4, { private_cluster_enabled: '${var.private_cluster}' }, { private_cluster: v });
const tf3TopLevelRanges = tfCluster(3, { api_server_authorized_ip_ranges: ['203.0.113.0/24'] });
const tf4ProfileRanges = tfCluster(4, { api_server_access_profile: { authorized_ip_ranges: ['203.0.113.0/24'] } });

// Plans.
const planFalse = tfPlan(planClusterValues());
const planNestedNull = tfPlan(planClusterValues({ private_cluster_enabled: null }), { nested: true });
const planRestricted = tfPlan(planClusterValues({ api_server_access_profile: [{ authorized_ip_ranges: ['203.0.113.0/24'], subnet_id: null, vnet_integration_enabled: false }] }));

// apiVersion gate: apiServerAccessProfile.enablePrivateCluster from 2020-02-01 (first version checked).
const armAt = (apiVersion: string, props: Json = {}) => armTemplate([armCluster(props, { apiVersion })]);
ruleTester(RULE, {
  valid: [
    { name: 'ARM: enablePrivateCluster true', path: 'main.json', code: json(armTemplate([armCluster({ apiServerAccessProfile: { enablePrivateCluster: true } })])) },
    { name: 'ARM: parameter default true (Bicep-compiled)', path: 'main.json', code: json(bicepParam(true)) },
    {
      name: 'ARM: unresolvable expression is unknown',
      path: 'main.json',
      code: json(armTemplate([armCluster({ apiServerAccessProfile: { enablePrivateCluster: "[equals(parameters('env'), 'prod')]" } })], { parameters: { env: { type: 'string' } } })),
    },
    { name: 'ARM: parameter without default is unknown', path: 'main.json', code: json(armTemplate([armCluster({ apiServerAccessProfile: { enablePrivateCluster: "[parameters('p')]" } })], { parameters: { p: { type: 'bool' } } })) },
    { name: 'ARM nested deployment: value passed true', path: 'main.json', code: json(nestedPassed(true)) },
    { name: 'ARM nested deployment: value passed from an unresolvable outer expression', path: 'main.json', code: json(nestedPassed("[variables('x')]")) },
    { name: 'Terraform v4: true', path: 'main.tf.json', code: json(tfCluster(4, { private_cluster_enabled: true })) },
    { name: 'Terraform: ${var.x} default true', path: 'main.tf.json', code: json(tf4Var(true)) },
    { name: 'Terraform: other interpolation is unknown', path: 'main.tf.json', code: json(tfCluster(3, { private_cluster_enabled: '${local.private}' })) },
    { name: 'plan: true', path: 'plan.json', code: json(tfPlan(planClusterValues({ private_cluster_enabled: true }))) },
    {
      name: 'plan: null but known after apply',
      path: 'plan.json',
      code: json(tfPlan(planClusterValues({ private_cluster_enabled: null }), { afterUnknown: { private_cluster_enabled: true } })),
    },
  ],
  invalid: [
    {
      name: 'ARM API 2019-08-01 (before the first version checked to have enablePrivateCluster): finding, no fix',
      path: 'main.json',
      code: json(armAt('2019-08-01')),
      errors: [{ messageId: 'missing', ...at(json(armAt('2019-08-01')), '"properties"'), fixable: false }],
    },
    {
      name: 'ARM API 2020-02-01: fix',
      path: 'main.json',
      code: json(armAt('2020-02-01')),
      errors: [{ messageId: 'missing', ...at(json(armAt('2020-02-01')), '"properties"'), fixable: true }],
      output: json(armAt('2020-02-01', { apiServerAccessProfile: { enablePrivateCluster: true } })),
    },
    {
      name: 'ARM export: apiServerAccessProfile null is unset (public), the fix replaces the null',
      path: 'main.json',
      code: json(armTemplate([armCluster({ apiServerAccessProfile: null })])),
      errors: [{ messageId: 'missing', ...at(json(armTemplate([armCluster({ apiServerAccessProfile: null })])), '"properties"'), severity: 'warning' }],
      output: json(armTemplate([armCluster({ apiServerAccessProfile: { enablePrivateCluster: true } })])),
    },
    {
      name: 'ARM: absent means public',
      path: 'main.json',
      code: json(armAbsent),
      errors: [{ messageId: 'missing', ...at(json(armAbsent), '"properties"'), severity: 'warning', fixable: true }],
      output: json(armAbsentFixed),
    },
    {
      name: 'ARM: explicit false',
      path: 'main.json',
      code: json(armFalse),
      errors: [{ messageId: 'disabled', ...at(json(armFalse), 'false', { after: '"enablePrivateCluster": ' }), severity: 'warning' }],
      output: json(armFalseFixed),
    },
    {
      name: 'ARM: public with authorized IP ranges is Information',
      path: 'main.json',
      code: json(armRestricted),
      errors: [{ messageId: 'restricted', ...at(json(armRestricted), '"apiServerAccessProfile"'), severity: 'info' }],
      output: json(armRestrictedFixed),
    },
    {
      name: 'ARM: 0.0.0.0/0 restricts nothing: Warning',
      path: 'main.json',
      code: json(armOpen),
      errors: [{ messageId: 'missing', ...at(json(armOpen), '"apiServerAccessProfile"'), severity: 'warning' }],
      output: json(armOpenFixed),
    },
    {
      name: 'ARM API 2019-06-01: legacy apiServerAuthorizedIPRanges count as ranges',
      path: 'main.json',
      code: json(armLegacyRanges),
      // 2019-06-01 has no apiServerAccessProfile: no fix (a suggestion raises the apiVersion).
      errors: [{ messageId: 'restricted', ...at(json(armLegacyRanges), '"properties"'), severity: 'info', fixable: false }],
    },
    {
      name: 'Bicep-compiled: parameter default false (reported on the property, fix edits the default)',
      path: 'main.json',
      code: json(bicepParam(false)),
      errors: [{ messageId: 'disabled', ...at(json(bicepParam(false)), `"[parameters('enablePrivateCluster')]"`) }],
      output: json(bicepParam(true)),
    },
    {
      name: 'languageVersion 2.0: null is unset',
      path: 'main.json',
      code: json(lv2(null)),
      errors: [{ messageId: 'missing', ...at(json(lv2(null)), 'null') }],
      output: json(lv2(true)),
    },
    {
      name: 'nested deployment: false passed in properties.parameters (the fix edits the passed value)',
      path: 'main.json',
      code: json(nestedPassed(false)),
      errors: [{ messageId: 'disabled', ...at(json(nestedPassed(false)), `"[parameters('private')]"`) }],
      output: json(nestedPassed(true)),
    },
    {
      name: 'nested deployment: inner parameter default false',
      path: 'main.json',
      code: json(nestedDefault(false)),
      errors: [{ messageId: 'disabled', ...at(json(nestedDefault(false)), `"[parameters('private')]"`) }],
      output: json(nestedDefault(true)),
    },
    {
      name: 'ARM with comments and compact layout: minimal edit',
      path: 'aks.json',
      code: lines(
        '{',
        '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
        '  "contentVersion": "1.0.0.0",',
        '  "resources": [',
        '    // the cluster',
        '    { "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "aks",',
        '      "properties": { "dnsPrefix": "aks", "apiServerAccessProfile": { "enablePrivateCluster": false /* for now */ } } }',
        '  ]',
        '}'),
      errors: [{ messageId: 'disabled', line: 7, column: 95, text: 'false' }],
      output: lines(
        '{',
        '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
        '  "contentVersion": "1.0.0.0",',
        '  "resources": [',
        '    // the cluster',
        '    { "type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "aks",',
        '      "properties": { "dnsPrefix": "aks", "apiServerAccessProfile": { "enablePrivateCluster": true /* for now */ } } }',
        '  ]',
        '}'),
    },
    {
      name: 'Terraform v3: absent (reported on the resource name)',
      path: 'main.tf.json',
      code: json(tf3Absent),
      errors: [{ messageId: 'missing', ...at(json(tf3Absent), '"aks"', { after: '"azurerm_kubernetes_cluster": {\n      ' }) }],
      output: json(tf3AbsentFixed),
    },
    {
      name: 'Terraform v4: false',
      path: 'main.tf.json',
      code: json(tf4False),
      errors: [{ messageId: 'disabled', ...at(json(tf4False), 'false', { after: '"private_cluster_enabled": ' }) }],
      output: json(tfCluster(4, { private_cluster_enabled: true })),
    },
    {
      name: 'Terraform: ${var.x} default false (fix edits the variable default)',
      path: 'main.tf.json',
      code: json(tf4Var(false)),
      errors: [{ messageId: 'disabled', ...at(json(tf4Var(false)), '"${var.private_cluster}"') }],
      output: json(tf4Var(true)),
    },
    {
      name: 'Terraform v3: top-level api_server_authorized_ip_ranges is Information',
      path: 'main.tf.json',
      code: json(tf3TopLevelRanges),
      errors: [{ messageId: 'restricted', ...at(json(tf3TopLevelRanges), '"aks"', { after: '"azurerm_kubernetes_cluster": {\n      ' }), severity: 'info' }],
      output: json(tfCluster(3, { api_server_authorized_ip_ranges: ['203.0.113.0/24'], private_cluster_enabled: true })),
    },
    {
      name: 'Terraform v4: api_server_access_profile.authorized_ip_ranges is Information',
      path: 'main.tf.json',
      code: json(tf4ProfileRanges),
      errors: [{ messageId: 'restricted', ...at(json(tf4ProfileRanges), '"aks"', { after: '"azurerm_kubernetes_cluster": {\n      ' }), severity: 'info' }],
      output: json(tfCluster(4, { api_server_access_profile: { authorized_ip_ranges: ['203.0.113.0/24'] }, private_cluster_enabled: true })),
    },
    {
      name: 'plan: false, no fix',
      path: 'plan.json',
      code: json(planFalse),
      errors: [{ messageId: 'disabled', ...at(json(planFalse), 'false', { after: '"private_cluster_enabled": ' }), fixable: false }],
    },
    {
      name: 'plan: child module two deep, null means absent (reported on values)',
      path: 'plan.json',
      code: json(planNestedNull),
      errors: [{ messageId: 'missing', ...at(json(planNestedNull), '"values"'), fixable: false }],
    },
    {
      name: 'plan: authorized ranges in the nested block array',
      path: 'plan.json',
      code: json(planRestricted),
      errors: [{ messageId: 'restricted', ...at(json(planRestricted), 'false', { after: '"private_cluster_enabled": ' }), severity: 'info', fixable: false }],
    },
  ],
});

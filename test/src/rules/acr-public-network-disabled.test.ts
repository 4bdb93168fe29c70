import * as assert from 'node:assert/strict';
import { analyzeText, applyTextEdits, editsForFix } from '../../../server/out/engine';
import { ruleTester } from '../helpers/ruleTester';
import { armRegistry, armTemplate, at, json, nestedDeployment, param, planRegistryValues, tfConfig, tfPlan, tfRegistry } from '../helpers/acrFixtures';

const ID = 'acr-public-network-disabled';

// ARM
const armAbsent = json(armTemplate([armRegistry({ adminUserEnabled: false })]));
const armAbsentFixed = json(armTemplate([armRegistry({ adminUserEnabled: false, publicNetworkAccess: 'Disabled' })]));
const armNoProps = json(armTemplate([armRegistry(null)]));
const armNoPropsFixed = json(armTemplate([{ ...armRegistry(null), properties: { publicNetworkAccess: 'Disabled' } }]));
const armEnabled = json(armTemplate([armRegistry({ publicNetworkAccess: 'Enabled' })]));
const armEnabledFixed = json(armTemplate([armRegistry({ publicNetworkAccess: 'Disabled' })]));
const bicepParam = json(armTemplate([armRegistry({ publicNetworkAccess: "[parameters('publicAccess')]" })], { bicep: true, parameters: { publicAccess: param('Enabled') } }));
const bicepParamFixed = json(armTemplate([armRegistry({ publicNetworkAccess: "[parameters('publicAccess')]" })], { bicep: true, parameters: { publicAccess: param('Disabled') } }));
const lv2 = json(armTemplate([armRegistry()], { bicep: true, languageVersion2: true }));
const lv2Fixed = json(armTemplate([armRegistry({ adminUserEnabled: false, publicNetworkAccess: 'Disabled' })], { bicep: true, languageVersion2: true }));
const nestedInner = () => armTemplate([armRegistry({ publicNetworkAccess: "[parameters('publicAccess')]" })], { parameters: { publicAccess: param() } });
const nested = json(armTemplate([nestedDeployment(nestedInner(), { publicAccess: 'Enabled' })]));
const nestedFixed = json(armTemplate([nestedDeployment(nestedInner(), { publicAccess: 'Disabled' })]));
const basic = json(armTemplate([armRegistry(undefined, { sku: { name: 'Basic' } })]));
const unknownExpr = json(armTemplate([armRegistry({ publicNetworkAccess: "[if(parameters('private'), 'Disabled', 'Enabled')]" })], { parameters: { private: param(false) } }));
const noDefault = json(armTemplate([armRegistry({ publicNetworkAccess: "[parameters('publicAccess')]" })], { parameters: { publicAccess: param() } }));

// Terraform
const tf3True = json(tfConfig(3, { azurerm_container_registry: { acr: tfRegistry({ public_network_access_enabled: true }) } }));
const tf3TrueFixed = json(tfConfig(3, { azurerm_container_registry: { acr: tfRegistry({ public_network_access_enabled: false }) } }));
/** Terraform converts "true"/"false" strings to booleans. */
const tf4StringTrue = json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ public_network_access_enabled: 'true' }) } }));
const tf4Absent = json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry() } }));
const tf4AbsentFixed = json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ public_network_access_enabled: false }) } }));
const tfVar = json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ public_network_access_enabled: '${var.public_access}' }) } }, { public_access: true }));
const tfVarFixed = json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ public_network_access_enabled: '${var.public_access}' }) } }, { public_access: false }));
const tfRef = json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ public_network_access_enabled: '${local.public}' }) } }));

// Plan
const planTrue = json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', modules: ['platform', 'acr'], values: planRegistryValues({ public_network_access_enabled: true }) }]));
const planNull = json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', values: planRegistryValues({ public_network_access_enabled: null }) }], '~> 3.0'));
const planFalse = json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', values: planRegistryValues({ public_network_access_enabled: false }) }]));
const planUnknown = json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', values: (() => { const v = planRegistryValues(); delete v.public_network_access_enabled; return v; })(), afterUnknown: { id: true, public_network_access_enabled: true } }]));

// apiVersion gate: publicNetworkAccess from 2021-09-01 (GA) and 2019-12-01-preview.
const armAt = (apiVersion: string, props: Record<string, unknown> = { adminUserEnabled: false }) => json(armTemplate([armRegistry(props, { apiVersion })]));
ruleTester(ID, {
  valid: [
    { name: 'ARM Disabled', path: 't.json', code: json(armTemplate([armRegistry({ publicNetworkAccess: 'Disabled' })])) },
    { name: 'ARM parameter default Disabled', path: 't.json', code: json(armTemplate([armRegistry({ publicNetworkAccess: "[parameters('p')]" })], { parameters: { p: param('Disabled') } })) },
    { name: 'ARM unresolvable expression is unknown', path: 't.json', code: unknownExpr },
    { name: 'ARM parameter without default is unknown', path: 't.json', code: noDefault },
    { name: 'ARM nested deployment passing Disabled', path: 't.json', code: nestedFixed },
    { name: 'Terraform v3 false', path: 'main.tf.json', code: tf3TrueFixed },
    { name: 'Terraform v4 string "false" (converted to a boolean by Terraform)', path: 'main.tf.json', code: json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ public_network_access_enabled: 'false' }) } })) },
    { name: 'Terraform v4 var default false', path: 'main.tf.json', code: tfVarFixed },
    { name: 'Terraform interpolation is unknown', path: 'main.tf.json', code: tfRef },
    { name: 'plan false', path: 'plan.json', code: planFalse },
    { name: 'plan unknown after apply', path: 'plan.json', code: planUnknown },
  ],
  invalid: [
    {
      name: 'ARM API 2019-05-01 (before publicNetworkAccess): finding, no fix', path: 't.json', code: armAt('2019-05-01'),
      errors: [{ messageId: 'missing', ...at(armAt('2019-05-01'), '"properties"'), fixable: false }],
    },
    {
      name: 'ARM API 2019-12-01-preview (preview with publicNetworkAccess): fix', path: 't.json', code: armAt('2019-12-01-preview'),
      errors: [{ messageId: 'missing', ...at(armAt('2019-12-01-preview'), '"properties"'), fixable: true }],
      output: armAt('2019-12-01-preview', { adminUserEnabled: false, publicNetworkAccess: 'Disabled' }),
    },
    {
      name: 'ARM API 2021-09-01: fix', path: 't.json', code: armAt('2021-09-01'),
      errors: [{ messageId: 'missing', ...at(armAt('2021-09-01'), '"properties"'), fixable: true }],
      output: armAt('2021-09-01', { adminUserEnabled: false, publicNetworkAccess: 'Disabled' }),
    },
    {
      name: 'ARM absent: defaults to Enabled, reported on properties', path: 't.json', code: armAbsent,
      errors: [{ messageId: 'missing', ...at(armAbsent, '"properties"'), severity: 'warning', fixable: true }],
      output: armAbsentFixed,
    },
    {
      name: 'ARM without properties: reported on type, properties created', path: 't.json', code: armNoProps,
      errors: [{ messageId: 'missing', ...at(armNoProps, '"type"') }],
      output: armNoPropsFixed,
    },
    {
      name: 'ARM Enabled', path: 't.json', code: armEnabled,
      errors: [{ messageId: 'enabled', ...at(armEnabled, '"Enabled"') }],
      output: armEnabledFixed,
    },
    {
      name: 'Bicep-compiled, parameter default Enabled: the fix edits the default', path: 't.json', code: bicepParam,
      errors: [{ messageId: 'enabled', ...at(bicepParam, `"[parameters('publicAccess')]"`) }],
      output: bicepParamFixed,
    },
    {
      name: 'languageVersion 2.0 absent', path: 't.json', code: lv2,
      errors: [{ messageId: 'missing', ...at(lv2, '"properties"') }],
      output: lv2Fixed,
    },
    {
      name: 'nested deployment: value passed by the parent is edited', path: 't.json', code: nested,
      errors: [{ messageId: 'enabled', ...at(nested, `"[parameters('publicAccess')]"`) }],
      output: nestedFixed,
    },
    {
      name: 'Basic SKU: upgrading is a suggestion, not the fix', path: 't.json', code: basic,
      errors: [{ messageId: 'missing', ...at(basic, '"properties"'), fixable: false }],
    },
    {
      name: 'Terraform v4 string "true": read as true, the fix writes the boolean', path: 'main.tf.json', code: tf4StringTrue,
      errors: [{ messageId: 'enabled', ...at(tf4StringTrue, '"true"') }],
      output: json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ public_network_access_enabled: false }) } })),
    },
    {
      name: 'Terraform v3 true', path: 'main.tf.json', code: tf3True,
      errors: [{ messageId: 'enabled', ...at(tf3True, 'true', { after: '"public_network_access_enabled": ' }) }],
      output: tf3TrueFixed,
    },
    {
      name: 'Terraform v4 absent: defaults to true, reported on the resource name', path: 'main.tf.json', code: tf4Absent,
      errors: [{ messageId: 'missing', ...at(tf4Absent, '"acr"') }],
      output: tf4AbsentFixed,
    },
    {
      name: 'Terraform var default true: the fix edits the default', path: 'main.tf.json', code: tfVar,
      errors: [{ messageId: 'enabled', ...at(tfVar, '"${var.public_access}"') }],
      output: tfVarFixed,
    },
    {
      name: 'plan true in a child module: no fix', path: 'plan.json', code: planTrue,
      errors: [{ messageId: 'enabled', ...at(planTrue, 'true', { after: '"public_network_access_enabled": ' }), fixable: false }],
    },
    {
      name: 'plan null means absent (azurerm v3)', path: 'plan.json', code: planNull,
      errors: [{ messageId: 'missing', ...at(planNull, '"values"'), fixable: false }],
    },
  ],
});

describe(`rule ${ID} suggestion`, () => {
  it('on a Basic registry, disables public access and upgrades to Premium', () => {
    const res = analyzeText('t.json', basic);
    const f = res.findings.find((x) => x.ruleId === ID);
    assert.ok(f && f.suggestions?.length === 1);
    const out = applyTextEdits(basic, editsForFix(res.file, f.suggestions![0]));
    assert.equal(out, json(armTemplate([armRegistry({ adminUserEnabled: false, publicNetworkAccess: 'Disabled' }, { sku: { name: 'Premium' } })])));
  });
});

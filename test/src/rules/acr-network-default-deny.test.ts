import { ruleTester } from '../helpers/ruleTester';
import { armRegistry, armTemplate, at, json, nestedDeployment, param, planRegistryValues, tfConfig, tfPlan, tfRegistry } from '../helpers/acrFixtures';

const ID = 'acr-network-default-deny';
const ipRules = [{ action: 'Allow', value: '203.0.113.0/24' }];

// ARM
const armAbsent = json(armTemplate([armRegistry()]));
const armAbsentFixed = json(armTemplate([armRegistry({ adminUserEnabled: false, networkRuleSet: { defaultAction: 'Deny' } })]));
const armRulesOnly = json(armTemplate([armRegistry({ publicNetworkAccess: 'Enabled', networkRuleSet: { ipRules } })]));
const armRulesOnlyFixed = json(armTemplate([armRegistry({ publicNetworkAccess: 'Enabled', networkRuleSet: { ipRules, defaultAction: 'Deny' } })]));
const armAllow = json(armTemplate([armRegistry({ publicNetworkAccess: 'Enabled', networkRuleSet: { defaultAction: 'Allow', ipRules } })]));
const armAllowFixed = json(armTemplate([armRegistry({ publicNetworkAccess: 'Enabled', networkRuleSet: { defaultAction: 'Deny', ipRules } })]));
const bicep = (v: string) => json(armTemplate([armRegistry({ networkRuleSet: { defaultAction: "[parameters('firewallDefault')]" } })], { bicep: true, parameters: { firewallDefault: param(v) } }));
const lv2 = json(armTemplate([armRegistry({ publicNetworkAccess: "[parameters('pna')]", networkRuleSet: { defaultAction: 'Allow' } })], { bicep: true, languageVersion2: true, parameters: { pna: param('Enabled') } }));
const lv2Fixed = json(armTemplate([armRegistry({ publicNetworkAccess: "[parameters('pna')]", networkRuleSet: { defaultAction: 'Deny' } })], { bicep: true, languageVersion2: true, parameters: { pna: param('Enabled') } }));
const inner = armTemplate([armRegistry({ networkRuleSet: "[parameters('rules')]" })], { parameters: { rules: param(undefined, 'object') } });
const nested = json(armTemplate([nestedDeployment(inner, { rules: { defaultAction: 'Allow', ipRules: [] } })]));
const nestedFixed = json(armTemplate([nestedDeployment(inner, { rules: { defaultAction: 'Deny', ipRules: [] } })]));
const standard = json(armTemplate([armRegistry(undefined, { sku: { name: 'Standard' } })]));
const skuUnknown = json(armTemplate([armRegistry(undefined, { sku: { name: "[parameters('sku')]" } })], { parameters: { sku: param() } }));
const skuUnknownFixed = json(armTemplate([armRegistry({ adminUserEnabled: false, networkRuleSet: { defaultAction: 'Deny' } }, { sku: { name: "[parameters('sku')]" } })], { parameters: { sku: param() } }));

// Terraform
const tf3Allow = json(tfConfig(3, { azurerm_container_registry: { acr: tfRegistry({ network_rule_set: { default_action: 'Allow' } }) } }));
const tf3AllowFixed = json(tfConfig(3, { azurerm_container_registry: { acr: tfRegistry({ network_rule_set: { default_action: 'Deny' } }) } }));
const tf4Absent = json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry() } }));
const tf4AbsentFixed = json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ network_rule_set: { default_action: 'Deny' } }) } }));
const tfArrayBlock = json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ network_rule_set: [{ ip_rule: [{ action: 'Allow', ip_range: '203.0.113.0/24' }] }] }) } }));
const tfArrayBlockFixed = json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ network_rule_set: [{ ip_rule: [{ action: 'Allow', ip_range: '203.0.113.0/24' }], default_action: 'Deny' }] }) } }));
const tfVar = (v: string) => json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ network_rule_set: { default_action: '${var.firewall_default}' } }) } }, { firewall_default: v }));

// Plan
const planEmpty = json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', values: planRegistryValues() }]));
const planAllow = json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', modules: ['acr'], values: planRegistryValues({ network_rule_set: [{ default_action: 'Allow', ip_rule: [] }] }) }], '~> 3.0'));

ruleTester(ID, {
  valid: [
    { name: 'ARM Deny', path: 't.json', code: json(armTemplate([armRegistry({ networkRuleSet: { defaultAction: 'Deny', ipRules } })])) },
    { name: 'ARM public access disabled: the firewall is not checked', path: 't.json', code: json(armTemplate([armRegistry({ publicNetworkAccess: 'Disabled' })])) },
    { name: 'ARM public access unknown', path: 't.json', code: json(armTemplate([armRegistry({ publicNetworkAccess: "[if(parameters('p'), 'Enabled', 'Disabled')]" })], { parameters: { p: param(true) } })) },
    { name: 'ARM default action unknown', path: 't.json', code: json(armTemplate([armRegistry({ networkRuleSet: "[if(parameters('p'), createObject('defaultAction', 'Deny'), null())]" })], { parameters: { p: param(true) } })) },
    { name: 'Bicep-compiled parameter default Deny', path: 't.json', code: bicep('Deny') },
    { name: 'ARM nested deployment passing Deny', path: 't.json', code: nestedFixed },
    { name: 'Terraform v3 Deny', path: 'main.tf.json', code: tf3AllowFixed },
    { name: 'Terraform v4 public access false', path: 'main.tf.json', code: json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ public_network_access_enabled: false }) } })) },
    { name: 'Terraform var default Deny', path: 'main.tf.json', code: tfVar('Deny') },
    { name: 'ARM Standard SKU: network rules exist on Premium only (acr-premium-sku and acr-public-network-disabled report)', path: 't.json', code: standard },
    { name: 'ARM Basic SKU from a parameter default, Allow: not checked', path: 't.json', code: json(armTemplate([armRegistry({ networkRuleSet: { defaultAction: 'Allow' } }, { sku: { name: "[parameters('sku')]" } })], { parameters: { sku: param('Basic') } })) },
    { name: 'Terraform v4 Standard SKU, absent: not checked', path: 'main.tf.json', code: json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ sku: 'Standard' }) } })) },
    { name: 'plan Basic SKU: not checked', path: 'plan.json', code: json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', values: planRegistryValues({ sku: 'Basic' }) }])) },
    { name: 'plan Deny', path: 'plan.json', code: json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', values: planRegistryValues({ network_rule_set: [{ default_action: 'Deny', ip_rule: [] }] }) }])) },
  ],
  invalid: [
    {
      name: 'ARM absent: defaults to Allow, reported on properties', path: 't.json', code: armAbsent,
      errors: [{ messageId: 'missing', ...at(armAbsent, '"properties"'), severity: 'warning', fixable: true }],
      output: armAbsentFixed,
    },
    {
      name: 'ARM networkRuleSet without defaultAction: reported on networkRuleSet', path: 't.json', code: armRulesOnly,
      errors: [{ messageId: 'missing', ...at(armRulesOnly, '"networkRuleSet"') }],
      output: armRulesOnlyFixed,
    },
    {
      name: 'ARM Allow with public access Enabled', path: 't.json', code: armAllow,
      errors: [{ messageId: 'allow', ...at(armAllow, '"Allow"', { after: '"defaultAction": ' }) }],
      output: armAllowFixed,
    },
    {
      name: 'Bicep-compiled parameter default Allow: the fix edits the default', path: 't.json', code: bicep('Allow'),
      errors: [{ messageId: 'allow', ...at(bicep('Allow'), `"[parameters('firewallDefault')]"`) }],
      output: bicep('Deny'),
    },
    {
      name: 'languageVersion 2.0, public access Enabled through a parameter', path: 't.json', code: lv2,
      errors: [{ messageId: 'allow', ...at(lv2, '"Allow"') }],
      output: lv2Fixed,
    },
    {
      name: 'nested deployment: an object parameter passed by the parent, reported on the value passed', path: 't.json', code: nested,
      errors: [{ messageId: 'allow', ...at(nested, '"Allow"') }],
      output: nestedFixed,
    },
    {
      name: 'ARM SKU unknown (parameter without default): checked, the fix is offered', path: 't.json', code: skuUnknown,
      errors: [{ messageId: 'missing', ...at(skuUnknown, '"properties"') }],
      output: skuUnknownFixed,
    },
    {
      name: 'Terraform v3 Allow', path: 'main.tf.json', code: tf3Allow,
      errors: [{ messageId: 'allow', ...at(tf3Allow, '"Allow"') }],
      output: tf3AllowFixed,
    },
    {
      name: 'Terraform v4 absent: reported on the resource name', path: 'main.tf.json', code: tf4Absent,
      errors: [{ messageId: 'missing', ...at(tf4Absent, '"acr"') }],
      output: tf4AbsentFixed,
    },
    {
      name: 'Terraform block written as an array, default_action missing: reported on the resource name', path: 'main.tf.json', code: tfArrayBlock,
      errors: [{ messageId: 'missing', ...at(tfArrayBlock, '"acr"') }],
      output: tfArrayBlockFixed,
    },
    {
      name: 'Terraform var default Allow', path: 'main.tf.json', code: tfVar('Allow'),
      errors: [{ messageId: 'allow', ...at(tfVar('Allow'), '"${var.firewall_default}"') }],
      output: tfVar('Deny'),
    },
    {
      name: 'plan with no network_rule_set block: reported on values', path: 'plan.json', code: planEmpty,
      errors: [{ messageId: 'missing', ...at(planEmpty, '"values"'), fixable: false }],
    },
    {
      name: 'plan Allow in a child module (azurerm v3)', path: 'plan.json', code: planAllow,
      errors: [{ messageId: 'allow', ...at(planAllow, '"Allow"'), fixable: false }],
    },
  ],
});

import { ruleTester } from '../helpers/ruleTester';
import { armRegistry, armTemplate, at, json, nestedDeployment, param, planRegistryValues, tfConfig, tfPlan, tfRegistry } from '../helpers/acrFixtures';

const arm = (props: Record<string, unknown>, opts = {}) => json(armTemplate([armRegistry(props)], opts));
const priv = { publicNetworkAccess: 'Disabled' };
const firewalled = { networkRuleSet: { defaultAction: 'Deny', ipRules: [] } };
const bicep = (v: string) => arm({ ...priv, networkRuleBypassOptions: "[parameters('bypass')]" }, { bicep: true, parameters: { bypass: param(v) } });
const inner = armTemplate([armRegistry({ ...firewalled, networkRuleBypassOptions: "[parameters('bypass')]" })], { parameters: { bypass: param() } });
const nested = (v: string) => json(armTemplate([nestedDeployment(inner, { bypass: v })]));
const tf = (major: 3 | 4, body: Record<string, unknown>, vars?: Record<string, unknown>) => json(tfConfig(major, { azurerm_container_registry: { acr: tfRegistry(body) } }, vars));
const plan = (values: Record<string, unknown>) => json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', modules: ['acr'], values: planRegistryValues(values) }]));

ruleTester('acr-trusted-services-bypass', {
  valid: [
    { name: 'ARM private, absent (default AzureServices)', path: 't.json', code: arm(priv) },
    { name: 'ARM private, AzureServices', path: 't.json', code: arm({ ...priv, networkRuleBypassOptions: 'AzureServices' }) },
    { name: 'ARM not network-restricted: None is not checked', path: 't.json', code: arm({ networkRuleBypassOptions: 'None' }) },
    { name: 'ARM restriction unknown', path: 't.json', code: arm({ publicNetworkAccess: "[if(parameters('p'), 'Disabled', 'Enabled')]", networkRuleBypassOptions: 'None' }, { parameters: { p: param(true) } }) },
    { name: 'ARM bypass unresolvable', path: 't.json', code: arm({ ...priv, networkRuleBypassOptions: "[if(parameters('p'), 'None', 'AzureServices')]" }, { parameters: { p: param(true) } }) },
    { name: 'Terraform v4 private, default', path: 'main.tf.json', code: tf(4, { public_network_access_enabled: false }) },
    { name: 'plan private, AzureServices', path: 'plan.json', code: plan({ public_network_access_enabled: false }) },
    { name: 'plan private, bypass null (absent: the default AzureServices)', path: 'plan.json', code: plan({ public_network_access_enabled: false, network_rule_bypass_option: null }) },
    { name: 'ARM Basic SKU with a Deny firewall and None: network rules exist on Premium only', path: 't.json', code: json(armTemplate([armRegistry({ ...firewalled, networkRuleBypassOptions: 'None' }, { sku: { name: 'Basic' } })])) },
    { name: 'Terraform v4 Standard SKU, private, None: not checked', path: 'main.tf.json', code: tf(4, { sku: 'Standard', public_network_access_enabled: false, network_rule_bypass_option: 'None' }) },
  ],
  invalid: [
    {
      name: 'ARM private, None', path: 't.json', code: arm({ ...priv, networkRuleBypassOptions: 'None' }),
      errors: [{ messageId: 'none', ...at(arm({ ...priv, networkRuleBypassOptions: 'None' }), '"None"'), severity: 'hint', fixable: true }],
      output: arm({ ...priv, networkRuleBypassOptions: 'AzureServices' }),
    },
    {
      name: 'ARM firewall Deny with public access, languageVersion 2.0', path: 't.json', code: arm({ ...firewalled, networkRuleBypassOptions: 'None' }, { languageVersion2: true, bicep: true }),
      errors: [{ messageId: 'none', ...at(arm({ ...firewalled, networkRuleBypassOptions: 'None' }, { languageVersion2: true, bicep: true }), '"None"') }],
      output: arm({ ...firewalled, networkRuleBypassOptions: 'AzureServices' }, { languageVersion2: true, bicep: true }),
    },
    {
      name: 'Bicep-compiled parameter default None: the fix edits the default', path: 't.json', code: bicep('None'),
      errors: [{ messageId: 'none', ...at(bicep('None'), `"[parameters('bypass')]"`) }],
      output: bicep('AzureServices'),
    },
    {
      name: 'nested deployment: value passed by the parent', path: 't.json', code: nested('None'),
      errors: [{ messageId: 'none', ...at(nested('None'), `"[parameters('bypass')]"`) }],
      output: nested('AzureServices'),
    },
    {
      name: 'Terraform v3 private, None', path: 'main.tf.json', code: tf(3, { public_network_access_enabled: false, network_rule_bypass_option: 'None' }),
      errors: [{ messageId: 'none', ...at(tf(3, { public_network_access_enabled: false, network_rule_bypass_option: 'None' }), '"None"') }],
      output: tf(3, { public_network_access_enabled: false, network_rule_bypass_option: 'AzureServices' }),
    },
    {
      name: 'Terraform v4 firewall Deny, var default None', path: 'main.tf.json',
      code: tf(4, { network_rule_set: { default_action: 'Deny' }, network_rule_bypass_option: '${var.bypass}' }, { bypass: 'None' }),
      errors: [{ messageId: 'none', ...at(tf(4, { network_rule_set: { default_action: 'Deny' }, network_rule_bypass_option: '${var.bypass}' }, { bypass: 'None' }), '"${var.bypass}"') }],
      output: tf(4, { network_rule_set: { default_action: 'Deny' }, network_rule_bypass_option: '${var.bypass}' }, { bypass: 'AzureServices' }),
    },
    {
      name: 'plan firewall Deny, None: no fix', path: 'plan.json', code: plan({ network_rule_set: [{ default_action: 'Deny', ip_rule: [] }], network_rule_bypass_option: 'None' }),
      errors: [{ messageId: 'none', ...at(plan({ network_rule_set: [{ default_action: 'Deny', ip_rule: [] }], network_rule_bypass_option: 'None' }), '"None"'), fixable: false }],
    },
  ],
});

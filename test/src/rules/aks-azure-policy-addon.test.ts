import { ruleTester } from '../helpers/ruleTester';
import { aks, armTemplate, at, bicepTemplate, nestedTemplate, tfJson, tfPlan } from '../helpers/aksFixtures';

const addons = (a: Record<string, unknown>) => ({ addonProfiles: a });
const armAbsent = armTemplate([aks({ dnsPrefix: 'aks' })]);
const armOtherAddon = armTemplate([aks(addons({ omsagent: { enabled: true } }))]);
const armFalse = armTemplate([aks(addons({ azurePolicy: { enabled: false } }))]);
const armNoEnabled = armTemplate([aks(addons({ azurepolicy: { config: { version: 'v2' } } }))]);
const armParam = (d: boolean) =>
  armTemplate([aks(addons({ azurepolicy: { enabled: "[parameters('azurePolicyEnabled')]" } }))], { parameters: { azurePolicyEnabled: { type: 'bool', defaultValue: d } } });
const bicep = (v: boolean) => bicepTemplate({ cluster: aks(addons({ azurepolicy: { enabled: v } })) });
const nested = (v: boolean) =>
  nestedTemplate([aks(addons({ azurepolicy: { enabled: "[parameters('policy')]" } }))], { policy: { type: 'bool', defaultValue: true } }, { policy: { value: v } });
const tf3 = tfJson({ azure_policy_enabled: false }, 3);
const tf4Absent = tfJson({ oidc_issuer_enabled: true }, 4);
const tfLegacy = tfJson({ addon_profile: { oms_agent: { enabled: false } } }, 3);
const tfLegacyFalse = tfJson({ addon_profile: { azure_policy: { enabled: false } } }, 3);
const tfVar = (d: boolean) => tfJson({ azure_policy_enabled: '${var.policy}' }, 4, { variable: { policy: { type: 'bool', default: d } } });
const planNull = tfPlan({ azure_policy_enabled: null }, { module: true });

ruleTester('aks-azure-policy-addon', {
  valid: [
    { name: 'ARM azurepolicy enabled', path: 'azuredeploy.json', code: armTemplate([aks(addons({ azurepolicy: { enabled: true, config: { version: 'v2' } } }))]) },
    { name: 'ARM azurePolicy (other casing) enabled', path: 'azuredeploy.json', code: armTemplate([aks(addons({ azurePolicy: { enabled: true } }))]) },
    { name: 'ARM parameter default true', path: 'azuredeploy.json', code: armParam(true) },
    { name: 'ARM unresolvable expression is unknown', path: 'azuredeploy.json', code: armTemplate([aks(addons({ azurepolicy: { enabled: "[not(empty(parameters('p')))]" } }))], { parameters: { p: { type: 'string', defaultValue: '' } } }) },
    { name: 'ARM addonProfiles written as a variable expression is unknown', path: 'azuredeploy.json', code: armTemplate([aks({ addonProfiles: "[if(variables('a'), variables('b'), variables('c'))]" })]) },
    { name: 'Bicep-compiled true', path: 'main.json', code: bicep(true) },
    { name: 'Terraform v4 true', path: 'main.tf.json', code: tfJson({ azure_policy_enabled: true }, 4) },
    { name: 'Terraform azurerm 2.x addon_profile.azure_policy.enabled', path: 'main.tf.json', code: tfJson({ addon_profile: [{ azure_policy: [{ enabled: true }] }] }, 3) },
    { name: 'Terraform interpolation is unknown', path: 'main.tf.json', code: tfJson({ azure_policy_enabled: '${local.policy}' }, 4) },
    { name: 'plan true', path: 'plan.json', code: tfPlan({ azure_policy_enabled: true }) },
  ],
  invalid: [
    {
      name: 'ARM absent: reported on properties, fix inserts the add-on',
      path: 'azuredeploy.json',
      code: armAbsent,
      errors: [{ messageId: 'missing', ...at(armAbsent, '"properties"'), severity: 'warning' }],
      output: armTemplate([aks({ dnsPrefix: 'aks', addonProfiles: { azurepolicy: { enabled: true } } })]),
    },
    {
      name: 'ARM other add-ons only: reported on addonProfiles',
      path: 'azuredeploy.json',
      code: armOtherAddon,
      errors: [{ messageId: 'missing', ...at(armOtherAddon, '"addonProfiles"') }],
      output: armTemplate([aks(addons({ omsagent: { enabled: true }, azurepolicy: { enabled: true } }))]),
    },
    {
      name: 'ARM azurePolicy false (key casing kept)',
      path: 'azuredeploy.json',
      code: armFalse,
      errors: [{ messageId: 'disabled', ...at(armFalse, 'false') }],
      output: armTemplate([aks(addons({ azurePolicy: { enabled: true } }))]),
    },
    {
      name: 'ARM add-on without enabled: inserted into it',
      path: 'azuredeploy.json',
      code: armNoEnabled,
      errors: [{ messageId: 'missing', ...at(armNoEnabled, '"azurepolicy"') }],
      output: armTemplate([aks(addons({ azurepolicy: { config: { version: 'v2' }, enabled: true } }))]),
    },
    {
      name: 'ARM parameter default false: fix edits the default',
      path: 'azuredeploy.json',
      code: armParam(false),
      errors: [{ messageId: 'disabled', ...at(armParam(false), `"[parameters('azurePolicyEnabled')]"`) }],
      output: armParam(true),
    },
    {
      name: 'Bicep-compiled, languageVersion 2.0',
      path: 'main.json',
      code: bicep(false),
      errors: [{ messageId: 'disabled', ...at(bicep(false), 'false') }],
      output: bicep(true),
    },
    {
      name: 'nested deployment: the passed value is edited',
      path: 'nested.json',
      code: nested(false),
      errors: [{ messageId: 'disabled', ...at(nested(false), `"enabled": "[parameters('policy')]"`, `"[parameters('policy')]"`) }],
      output: nested(true),
    },
    {
      name: 'Terraform v3 false',
      path: 'main.tf.json',
      code: tf3,
      errors: [{ messageId: 'disabled', ...at(tf3, 'false') }],
      output: tfJson({ azure_policy_enabled: true }, 3),
    },
    {
      name: 'Terraform v4 absent: fix inserts azure_policy_enabled',
      path: 'main.tf.json',
      code: tf4Absent,
      errors: [{ messageId: 'missing', ...at(tf4Absent, '"main"') }],
      output: tfJson({ oidc_issuer_enabled: true, azure_policy_enabled: true }, 4),
    },
    {
      name: 'Terraform azurerm 2.x shape: fix inserts into addon_profile',
      path: 'main.tf.json',
      code: tfLegacy,
      errors: [{ messageId: 'missing', ...at(tfLegacy, '"addon_profile"') }],
      output: tfJson({ addon_profile: { oms_agent: { enabled: false }, azure_policy: { enabled: true } } }, 3),
    },
    {
      name: 'Terraform azurerm 2.x azure_policy disabled',
      path: 'main.tf.json',
      code: tfLegacyFalse,
      errors: [{ messageId: 'disabled', ...at(tfLegacyFalse, 'false') }],
      output: tfJson({ addon_profile: { azure_policy: { enabled: true } } }, 3),
    },
    {
      name: 'Terraform var default false: fix edits the default',
      path: 'main.tf.json',
      code: tfVar(false),
      errors: [{ messageId: 'disabled', ...at(tfVar(false), '"${var.policy}"') }],
      output: tfVar(true),
    },
    {
      name: 'plan null in a child module, no fix',
      path: 'plan.json',
      code: planNull,
      errors: [{ messageId: 'missing', ...at(planNull, '"values"'), fixable: false }],
    },
  ],
});

import { armCluster, armTemplate, at, json, Json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-keyvault-secrets-provider';
const TF_NAME = { after: '"azurerm_kubernetes_cluster": {\n      ' };
const ADDON_FIXED = { enabled: true, config: { enableSecretRotation: 'true' } };

const arm = (props: Json = {}) => armTemplate([armCluster(props)]);
const addons = (a: Json) => arm({ addonProfiles: a });
const bicepParam = (v: boolean) =>
  armTemplate([armCluster({ addonProfiles: { azureKeyvaultSecretsProvider: { enabled: "[parameters('enableKeyvaultSecretsProvider')]" } } })], {
    bicep: true,
    parameters: { enableKeyvaultSecretsProvider: { type: 'bool', defaultValue: v } },
  });
const lv2 = (a: Json) => armTemplate([armCluster({ addonProfiles: a })], { languageVersion2: true, bicep: true });
const nested = (v: unknown) =>
  armTemplate([nestedDeployment(armTemplate([armCluster({ addonProfiles: { azureKeyvaultSecretsProvider: { enabled: "[parameters('kv')]" } } })], { parameters: { kv: { type: 'bool', defaultValue: true } } }), { kv: v })]);
const plan = (block: unknown, nestedModule = false) => tfPlan(planClusterValues({ key_vault_secrets_provider: block }), { nested: nestedModule });

ruleTester(RULE, {
  valid: [
    { name: 'ARM: enabled', path: 'main.json', code: json(addons({ azureKeyvaultSecretsProvider: ADDON_FIXED })) },
    { name: 'ARM: key in lower case', path: 'main.json', code: json(addons({ azurekeyvaultsecretsprovider: { enabled: true } })) },
    { name: 'ARM: "true" string', path: 'main.json', code: json(addons({ azureKeyvaultSecretsProvider: { enabled: 'true' } })) },
    { name: 'Bicep-compiled: parameter default true', path: 'main.json', code: json(bicepParam(true)) },
    { name: 'ARM: addonProfiles from an unresolvable expression', path: 'main.json', code: json(arm({ addonProfiles: "[union(variables('baseAddons'), parameters('extraAddons'))]" })) },
    { name: 'ARM: add-on from an unresolvable expression', path: 'main.json', code: json(addons({ azureKeyvaultSecretsProvider: "[if(parameters('kv'), variables('kvAddon'), null())]" })) },
    { name: 'ARM nested: passed true', path: 'main.json', code: json(nested(true)) },
    { name: 'Terraform v3: block present', path: 'main.tf.json', code: json(tfCluster(3, { key_vault_secrets_provider: { secret_rotation_enabled: true } })) },
    { name: 'Terraform v4: block as array', path: 'main.tf.json', code: json(tfCluster(4, { key_vault_secrets_provider: [{ secret_rotation_interval: '5m' }] })) },
    { name: 'Terraform: dynamic block is unknown', path: 'main.tf.json', code: json(tfCluster(4, { dynamic: { key_vault_secrets_provider: { for_each: '${var.kv ? [1] : []}', content: { secret_rotation_enabled: true } } } })) },
    { name: 'plan: block present', path: 'plan.json', code: json(plan([{ secret_rotation_enabled: true, secret_rotation_interval: '2m', secret_identity: [] }])) },
  ],
  invalid: [
    {
      name: 'ARM: no addonProfiles (fix adds the add-on with rotation "true")',
      path: 'main.json',
      code: json(arm()),
      errors: [{ messageId: 'missing', ...at(json(arm()), '"properties"'), severity: 'warning', fixable: true }],
      output: json(addons({ azureKeyvaultSecretsProvider: ADDON_FIXED })),
    },
    {
      name: 'ARM: other add-ons only (reported on addonProfiles)',
      path: 'main.json',
      code: json(addons({ azurepolicy: { enabled: true } })),
      errors: [{ messageId: 'missing', ...at(json(addons({ azurepolicy: { enabled: true } })), '"addonProfiles"') }],
      output: json(addons({ azurepolicy: { enabled: true }, azureKeyvaultSecretsProvider: ADDON_FIXED })),
    },
    {
      name: 'ARM: lower-case key disabled (casing kept)',
      path: 'main.json',
      code: json(addons({ azurekeyvaultsecretsprovider: { enabled: false } })),
      errors: [{ messageId: 'disabled', ...at(json(addons({ azurekeyvaultsecretsprovider: { enabled: false } })), 'false') }],
      output: json(addons({ azurekeyvaultsecretsprovider: { enabled: true } })),
    },
    {
      name: 'ARM: add-on without enabled: not enabled (missing), the fix inserts enabled',
      path: 'main.json',
      code: json(addons({ azureKeyvaultSecretsProvider: { config: { enableSecretRotation: 'true' } } })),
      errors: [{ messageId: 'missing', ...at(json(addons({ azureKeyvaultSecretsProvider: { config: { enableSecretRotation: 'true' } } })), '"azureKeyvaultSecretsProvider"') }],
      output: json(addons({ azureKeyvaultSecretsProvider: { config: { enableSecretRotation: 'true' }, enabled: true } })),
    },
    {
      name: 'Bicep-compiled: parameter default false',
      path: 'main.json',
      code: json(bicepParam(false)),
      errors: [{ messageId: 'disabled', ...at(json(bicepParam(false)), `"[parameters('enableKeyvaultSecretsProvider')]"`) }],
      output: json(bicepParam(true)),
    },
    {
      name: 'languageVersion 2.0: add-on null',
      path: 'main.json',
      code: json(lv2({ azureKeyvaultSecretsProvider: null })),
      errors: [{ messageId: 'missing', ...at(json(lv2({ azureKeyvaultSecretsProvider: null })), 'null') }],
      output: json(lv2({ azureKeyvaultSecretsProvider: ADDON_FIXED })),
    },
    {
      name: 'nested deployment: false passed in properties.parameters',
      path: 'main.json',
      code: json(nested(false)),
      errors: [{ messageId: 'disabled', ...at(json(nested(false)), `"[parameters('kv')]"`) }],
      output: json(nested(true)),
    },
    {
      name: 'Terraform v3: no block',
      path: 'main.tf.json',
      code: json(tfCluster(3)),
      errors: [{ messageId: 'missing', ...at(json(tfCluster(3)), '"aks"', TF_NAME) }],
      output: json(tfCluster(3, { key_vault_secrets_provider: { secret_rotation_enabled: true } })),
    },
    {
      name: 'Terraform v4: block null',
      path: 'main.tf.json',
      code: json(tfCluster(4, { key_vault_secrets_provider: null })),
      errors: [{ messageId: 'missing', ...at(json(tfCluster(4, { key_vault_secrets_provider: null })), '"aks"', TF_NAME) }],
      output: json(tfCluster(4, { key_vault_secrets_provider: { secret_rotation_enabled: true } })),
    },
    {
      name: 'plan: empty block array means absent (reported on values)',
      path: 'plan.json',
      code: json(plan([])),
      errors: [{ messageId: 'missing', ...at(json(plan([])), '"values"'), fixable: false }],
    },
    {
      name: 'plan in a child module: null',
      path: 'plan.json',
      code: json(plan(null, true)),
      errors: [{ messageId: 'missing', ...at(json(plan(null, true)), '"values"'), fixable: false }],
    },
  ],
});

import { ruleTester } from '../helpers/ruleTester';
import { aks, armTemplate, at, bicepTemplate, nestedTemplate, tfJson, tfPlan } from '../helpers/aksFixtures';

const kv = (config?: Record<string, unknown>, enabled: unknown = true) => ({
  addonProfiles: { azureKeyvaultSecretsProvider: { enabled, ...(config ? { config } : {}) } },
});

const armFalse = armTemplate([aks(kv({ enableSecretRotation: 'false', rotationPollInterval: '2m' }))]);
const armAbsent = armTemplate([aks(kv())]);
const armBool = armTemplate([aks(kv({ enableSecretRotation: true }))]);
const armBoolFalse = armTemplate([aks(kv({ enableSecretRotation: false }))]);
const armParam = (d: string) =>
  armTemplate([aks(kv({ enableSecretRotation: "[parameters('rotation')]" }))], { parameters: { rotation: { type: 'string', defaultValue: d } } });
const bicep = (v: string) => bicepTemplate({ cluster: aks(kv({ enableSecretRotation: v })) });
const nested = (v: string) =>
  nestedTemplate([aks(kv({ enableSecretRotation: "[parameters('rotation')]" }))], { rotation: { type: 'string', defaultValue: 'true' } }, { rotation: { value: v } });
const tfBlock = (block: unknown, major: 3 | 4 = 4) => tfJson({ key_vault_secrets_provider: block }, major);
const armBoolParam = (d: boolean) =>
  armTemplate([aks(kv({ enableSecretRotation: "[parameters('rotation')]" }))], { parameters: { rotation: { type: 'bool', defaultValue: d } } });
const lowerKey = (v: string) => armTemplate([aks({ addonProfiles: { azurekeyvaultsecretsprovider: { enabled: true, config: { enableSecretRotation: v } } } })]);
const objectParam = (v: string) =>
  armTemplate([aks({ addonProfiles: { azureKeyvaultSecretsProvider: "[parameters('kv')]" } })], { parameters: { kv: { type: 'object', defaultValue: { enabled: true, config: { enableSecretRotation: v } } } } });

ruleTester('aks-secret-rotation', {
  valid: [
    { name: 'ARM string "true"', path: 'azuredeploy.json', code: armTemplate([aks(kv({ enableSecretRotation: 'true' }))]) },
    { name: 'ARM add-on key and value in other casing', path: 'azuredeploy.json', code: armTemplate([aks({ addonProfiles: { AzureKeyVaultSecretsProvider: { enabled: true, config: { EnableSecretRotation: 'True' } } } })]) },
    { name: 'ARM add-on absent: left to aks-keyvault-secrets-provider', path: 'azuredeploy.json', code: armTemplate([aks({ dnsPrefix: 'aks' })]) },
    { name: 'ARM add-on disabled', path: 'azuredeploy.json', code: armTemplate([aks(kv({ enableSecretRotation: 'false' }, false))]) },
    { name: 'ARM add-on enabled by a parameter without default is unknown', path: 'azuredeploy.json', code: armTemplate([aks(kv({ enableSecretRotation: 'false' }, "[parameters('kv')]"))], { parameters: { kv: { type: 'bool' } } }) },
    { name: 'ARM parameter default "true"', path: 'azuredeploy.json', code: armParam('true') },
    { name: 'ARM unresolvable expression is unknown', path: 'azuredeploy.json', code: armTemplate([aks(kv({ enableSecretRotation: "[if(parameters('x'), 'true', 'false')]" }))], { parameters: { x: { type: 'bool', defaultValue: true } } }) },
    { name: 'ARM config written as an expression is unknown', path: 'azuredeploy.json', code: armTemplate([aks({ addonProfiles: { azureKeyvaultSecretsProvider: { enabled: true, config: "[variables('kvConfig')]" } } })], { variables: { kvConfig: "[if(true(), createObject(), createObject())]" } }) },
    { name: 'Bicep-compiled string "true"', path: 'main.json', code: bicep('true') },
    { name: 'Terraform v4 enabled', path: 'main.tf.json', code: tfBlock({ secret_rotation_enabled: true, secret_rotation_interval: '2m' }) },
    { name: 'Terraform without the block', path: 'main.tf.json', code: tfJson({ oidc_issuer_enabled: true }, 4) },
    { name: 'Terraform interpolation is unknown', path: 'main.tf.json', code: tfBlock({ secret_rotation_enabled: '${local.rotate}' }) },
    { name: 'Terraform dynamic block is unknown', path: 'main.tf.json', code: tfJson({ dynamic: { key_vault_secrets_provider: { for_each: '${var.kv}', content: { secret_rotation_enabled: false } } } }, 4) },
    { name: 'plan enabled', path: 'plan.json', code: tfPlan({ key_vault_secrets_provider: [{ secret_rotation_enabled: true, secret_rotation_interval: '2m' }] }) },
    { name: 'plan empty block list = no add-on', path: 'plan.json', code: tfPlan({ key_vault_secrets_provider: [] }) },
  ],
  invalid: [
    {
      name: 'ARM string "false": fix writes the string "true"',
      path: 'azuredeploy.json',
      code: armFalse,
      errors: [{ messageId: 'disabled', ...at(armFalse, '"enableSecretRotation": "false"', '"false"'), severity: 'warning' }],
      output: armTemplate([aks(kv({ enableSecretRotation: 'true', rotationPollInterval: '2m' }))]),
    },
    {
      name: 'ARM config absent: reported on the add-on key, fix inserts config',
      path: 'azuredeploy.json',
      code: armAbsent,
      errors: [{ messageId: 'missing', ...at(armAbsent, '"azureKeyvaultSecretsProvider"') }],
      output: armTemplate([aks(kv({ enableSecretRotation: 'true' }))]),
    },
    {
      name: 'ARM boolean true: wrong type, fix writes the string',
      path: 'azuredeploy.json',
      code: armBool,
      errors: [{ messageId: 'notString', ...at(armBool, '"enableSecretRotation": true', 'true'), fixable: true }],
      output: armTemplate([aks(kv({ enableSecretRotation: 'true' }))]),
    },
    {
      name: 'ARM boolean false',
      path: 'azuredeploy.json',
      code: armBoolFalse,
      errors: [{ messageId: 'disabled', ...at(armBoolFalse, '"enableSecretRotation": false', 'false') }],
      output: armTemplate([aks(kv({ enableSecretRotation: 'true' }))]),
    },
    {
      name: 'ARM parameter default "false": fix edits the default',
      path: 'azuredeploy.json',
      code: armParam('false'),
      errors: [{ messageId: 'disabled', ...at(armParam('false'), `"[parameters('rotation')]"`) }],
      output: armParam('true'),
    },
    {
      name: 'Bicep-compiled, languageVersion 2.0',
      path: 'main.json',
      code: bicep('false'),
      errors: [{ messageId: 'disabled', ...at(bicep('false'), '"false"') }],
      output: bicep('true'),
    },
    {
      name: 'nested deployment: the passed value is edited',
      path: 'nested.json',
      code: nested('false'),
      errors: [{ messageId: 'disabled', ...at(nested('false'), `"enableSecretRotation": "[parameters('rotation')]"`, `"[parameters('rotation')]"`) }],
      output: nested('true'),
    },
    {
      name: 'Terraform v3 false',
      path: 'main.tf.json',
      code: tfBlock({ secret_rotation_enabled: false }, 3),
      errors: [{ messageId: 'disabled', ...at(tfBlock({ secret_rotation_enabled: false }, 3), '"secret_rotation_enabled": false', 'false') }],
      output: tfBlock({ secret_rotation_enabled: true }, 3),
    },
    {
      name: 'Terraform v4 block written as a list, attribute absent: reported on the block key',
      path: 'main.tf.json',
      code: tfBlock([{ secret_rotation_interval: '5m' }]),
      errors: [{ messageId: 'missing', ...at(tfBlock([{ secret_rotation_interval: '5m' }]), '"key_vault_secrets_provider"') }],
      output: tfBlock([{ secret_rotation_interval: '5m', secret_rotation_enabled: true }]),
    },
    {
      name: 'Terraform empty block: inserted',
      path: 'main.tf.json',
      code: tfBlock({}),
      errors: [{ messageId: 'missing', ...at(tfBlock({}), '"key_vault_secrets_provider"') }],
      output: tfBlock({ secret_rotation_enabled: true }),
    },
    {
      name: 'Terraform var default false: fix edits the default',
      path: 'main.tf.json',
      code: tfJson({ key_vault_secrets_provider: { secret_rotation_enabled: '${var.rotate}' } }, 4, { variable: { rotate: { type: 'bool', default: false } } }),
      errors: [{ messageId: 'disabled', ...at(tfJson({ key_vault_secrets_provider: { secret_rotation_enabled: '${var.rotate}' } }, 4, { variable: { rotate: { type: 'bool', default: false } } }), '"${var.rotate}"') }],
      output: tfJson({ key_vault_secrets_provider: { secret_rotation_enabled: '${var.rotate}' } }, 4, { variable: { rotate: { type: 'bool', default: true } } }),
    },
    {
      name: 'plan in a child module: false, no fix',
      path: 'plan.json',
      code: tfPlan({ key_vault_secrets_provider: [{ secret_rotation_enabled: false }] }, { module: true }),
      errors: [{ messageId: 'disabled', ...at(tfPlan({ key_vault_secrets_provider: [{ secret_rotation_enabled: false }] }, { module: true }), '"secret_rotation_enabled": false', 'false'), fixable: false }],
    },
    {
      name: 'ARM bool parameter default false: reported naming it, no fix (a bool parameter cannot hold "true")',
      path: 'azuredeploy.json',
      code: armBoolParam(false),
      errors: [{ messageId: 'disabled', ...at(armBoolParam(false), `"[parameters('rotation')]"`), fixable: false }],
    },
    {
      name: 'ARM bool parameter default true: wrong type, no fix',
      path: 'azuredeploy.json',
      code: armBoolParam(true),
      errors: [{ messageId: 'notString', ...at(armBoolParam(true), `"[parameters('rotation')]"`), fixable: false }],
    },
    {
      name: 'ARM add-on key compared case-insensitively',
      path: 'azuredeploy.json',
      code: lowerKey('false'),
      errors: [{ messageId: 'disabled', ...at(lowerKey('false'), '"enableSecretRotation": "false"', '"false"') }],
      output: lowerKey('true'),
    },
    {
      name: 'ARM add-on from an object parameter default: reported on the nested value, the fix edits it',
      path: 'azuredeploy.json',
      code: objectParam('false'),
      errors: [{ messageId: 'disabled', ...at(objectParam('false'), '"enableSecretRotation": "false"', '"false"') }],
      output: objectParam('true'),
    },
    {
      name: 'plan null means absent',
      path: 'plan.json',
      code: tfPlan({ key_vault_secrets_provider: [{ secret_rotation_enabled: null, secret_rotation_interval: '2m' }] }),
      errors: [{ messageId: 'missing', ...at(tfPlan({ key_vault_secrets_provider: [{ secret_rotation_enabled: null, secret_rotation_interval: '2m' }] }), '"key_vault_secrets_provider"'), fixable: false }],
    },
  ],
});

import { armCluster, armTemplate, at, json, Json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-azure-rbac';
const TF_NAME = { after: '"azurerm_kubernetes_cluster": {\n      ' };
const AAD_TF = 'azure_active_directory_role_based_access_control';

const arm = (props: Json = {}) => armTemplate([armCluster(props)]);
const aad = (p: Json) => arm({ aadProfile: p });
const bicepVar = (v: boolean) =>
  armTemplate([armCluster({ aadProfile: { managed: true, enableAzureRBAC: "[variables('isUsingAzureRBACasKubernetesRBAC')]" } })], {
    bicep: true,
    variables: { isUsingAzureRBACasKubernetesRBAC: v },
  });
const lv2 = (p: Json) => armTemplate([armCluster({ aadProfile: p })], { languageVersion2: true, bicep: true });
const nested = (v: unknown) =>
  armTemplate([nestedDeployment(armTemplate([armCluster({ aadProfile: { managed: true, enableAzureRBAC: "[parameters('azureRbac')]" } })], { parameters: { azureRbac: { type: 'bool', defaultValue: true } } }), { azureRbac: v })]);
const legacy = aad({ clientAppID: 'c', serverAppID: 's', serverAppSecret: "[parameters('secret')]" });
const tf = (major: 3 | 4, block?: unknown, vars?: Json) => tfCluster(major, block === undefined ? {} : { [AAD_TF]: block }, vars);
const tf2 = (aadBlock: Json) => tfCluster(3, { role_based_access_control: { enabled: true, azure_active_directory: aadBlock } });
const planV4 = (block: unknown, nestedModule = false) => tfPlan(planClusterValues({ [AAD_TF]: block }), { nested: nestedModule });

// apiVersion gate: aadProfile.managed / enableAzureRBAC from 2020-09-01 (first version checked).
const armAt = (apiVersion: string, props: Json = {}) => armTemplate([armCluster(props, { apiVersion })]);
ruleTester(RULE, {
  valid: [
    { name: 'ARM: enableAzureRBAC true', path: 'main.json', code: json(aad({ managed: true, enableAzureRBAC: true })) },
    { name: 'ARM: property name casing differs (enableAzureRbac)', path: 'main.json', code: json(aad({ managed: true, enableAzureRbac: true })) },
    { name: 'Bicep-compiled: variable true', path: 'main.json', code: json(bicepVar(true)) },
    { name: 'ARM: unresolvable expression', path: 'main.json', code: json(aad({ managed: true, enableAzureRBAC: "[equals(parameters('authz'), 'azure')]" })) },
    { name: 'ARM: aadProfile unknown', path: 'main.json', code: json(arm({ aadProfile: "[if(parameters('aad'), variables('aad'), null())]" })) },
    { name: 'ARM nested: passed true', path: 'main.json', code: json(nested(true)) },
    { name: 'Terraform v3: managed block with Azure RBAC', path: 'main.tf.json', code: json(tf(3, { managed: true, azure_rbac_enabled: true })) },
    { name: 'Terraform v4: block as array', path: 'main.tf.json', code: json(tf(4, [{ azure_rbac_enabled: true }])) },
    { name: 'Terraform: ${var.x} default true', path: 'main.tf.json', code: json(tf(4, { azure_rbac_enabled: '${var.rbac}' }, { rbac: true })) },
    { name: 'Terraform: dynamic block is unknown', path: 'main.tf.json', code: json(tfCluster(4, { dynamic: { [AAD_TF]: { for_each: '${var.aad}', content: { azure_rbac_enabled: '${each.value}' } } } })) },
    { name: 'azurerm 2.x: nested block with Azure RBAC', path: 'main.tf.json', code: json(tf2({ managed: true, azure_rbac_enabled: true })) },
    { name: 'plan: true', path: 'plan.json', code: json(planV4([{ azure_rbac_enabled: true, tenant_id: 't' }])) },
  ],
  invalid: [
    {
      name: 'ARM API 2020-06-01, no aadProfile: finding, no fix',
      path: 'main.json',
      code: json(armAt('2020-06-01')),
      errors: [{ messageId: 'missing', ...at(json(armAt('2020-06-01')), '"properties"'), fixable: false }],
    },
    {
      name: 'ARM API 2020-06-01, managed aadProfile without enableAzureRBAC: finding on aadProfile, no fix',
      path: 'main.json',
      code: json(armAt('2020-06-01', { aadProfile: { managed: true } })),
      errors: [{ messageId: 'missing', ...at(json(armAt('2020-06-01', { aadProfile: { managed: true } })), '"aadProfile"'), fixable: false }],
    },
    {
      name: 'ARM API 2020-09-01, no aadProfile: fix',
      path: 'main.json',
      code: json(armAt('2020-09-01')),
      errors: [{ messageId: 'missing', ...at(json(armAt('2020-09-01')), '"properties"'), fixable: true }],
      output: json(armAt('2020-09-01', { aadProfile: { managed: true, enableAzureRBAC: true } })),
    },
    {
      name: 'ARM: no aadProfile (fix adds the managed integration)',
      path: 'main.json',
      code: json(arm()),
      errors: [{ messageId: 'missing', ...at(json(arm()), '"properties"'), severity: 'warning', fixable: true }],
      output: json(aad({ managed: true, enableAzureRBAC: true })),
    },
    {
      name: 'ARM: managed without Azure RBAC (reported on aadProfile)',
      path: 'main.json',
      code: json(aad({ managed: true })),
      errors: [{ messageId: 'missing', ...at(json(aad({ managed: true })), '"aadProfile"') }],
      output: json(aad({ managed: true, enableAzureRBAC: true })),
    },
    {
      name: 'ARM: empty aadProfile (two keys inserted into one object)',
      path: 'main.json',
      code: json(aad({})),
      errors: [{ messageId: 'missing', ...at(json(aad({})), '"aadProfile"') }],
      output: json(aad({ managed: true, enableAzureRBAC: true })),
    },
    {
      name: 'ARM: false, not managed: both set',
      path: 'main.json',
      code: json(aad({ managed: false, enableAzureRBAC: false })),
      errors: [{ messageId: 'disabled', ...at(json(aad({ managed: false, enableAzureRBAC: false })), 'false', { after: '"enableAzureRBAC": ' }) }],
      output: json(aad({ managed: true, enableAzureRBAC: true })),
    },
    {
      name: 'ARM: legacy integration must be migrated first (no fix)',
      path: 'main.json',
      code: json(legacy),
      errors: [{ messageId: 'missing', ...at(json(legacy), '"aadProfile"'), fixable: false }],
    },
    {
      name: 'Bicep-compiled: variable false (fix edits the variable)',
      path: 'main.json',
      code: json(bicepVar(false)),
      errors: [{ messageId: 'disabled', ...at(json(bicepVar(false)), `"[variables('isUsingAzureRBACasKubernetesRBAC')]"`) }],
      output: json(bicepVar(true)),
    },
    {
      name: 'languageVersion 2.0: false',
      path: 'main.json',
      code: json(lv2({ managed: true, enableAzureRBAC: false })),
      errors: [{ messageId: 'disabled', ...at(json(lv2({ managed: true, enableAzureRBAC: false })), 'false') }],
      output: json(lv2({ managed: true, enableAzureRBAC: true })),
    },
    {
      name: 'nested deployment: false passed in properties.parameters',
      path: 'main.json',
      code: json(nested(false)),
      errors: [{ messageId: 'disabled', ...at(json(nested(false)), `"[parameters('azureRbac')]"`) }],
      output: json(nested(true)),
    },
    {
      name: 'Terraform v3: no block',
      path: 'main.tf.json',
      code: json(tf(3)),
      errors: [{ messageId: 'missing', ...at(json(tf(3)), '"aks"', TF_NAME) }],
      output: json(tf(3, { managed: true, azure_rbac_enabled: true })),
    },
    {
      name: 'Terraform v3: managed block without Azure RBAC',
      path: 'main.tf.json',
      code: json(tf(3, { managed: true })),
      errors: [{ messageId: 'missing', ...at(json(tf(3, { managed: true })), `"${AAD_TF}"`) }],
      output: json(tf(3, { managed: true, azure_rbac_enabled: true })),
    },
    {
      name: 'Terraform v3: empty block (managed = true added too)',
      path: 'main.tf.json',
      code: json(tf(3, {})),
      errors: [{ messageId: 'missing', ...at(json(tf(3, {})), `"${AAD_TF}"`) }],
      output: json(tf(3, { managed: true, azure_rbac_enabled: true })),
    },
    {
      name: 'Terraform v4: block without Azure RBAC (no managed in v4)',
      path: 'main.tf.json',
      code: json(tf(4, { tenant_id: '${var.tenant_id}' })),
      errors: [{ messageId: 'missing', ...at(json(tf(4, { tenant_id: '${var.tenant_id}' })), `"${AAD_TF}"`) }],
      output: json(tf(4, { tenant_id: '${var.tenant_id}', azure_rbac_enabled: true })),
    },
    {
      name: 'Terraform v4: ${var.x} default false',
      path: 'main.tf.json',
      code: json(tf(4, { azure_rbac_enabled: '${var.rbac}' }, { rbac: false })),
      errors: [{ messageId: 'disabled', ...at(json(tf(4, { azure_rbac_enabled: '${var.rbac}' }, { rbac: false })), '"${var.rbac}"') }],
      output: json(tf(4, { azure_rbac_enabled: '${var.rbac}' }, { rbac: true })),
    },
    {
      name: 'azurerm 2.x: nested block without Azure RBAC',
      path: 'main.tf.json',
      code: json(tf2({ managed: true })),
      errors: [{ messageId: 'missing', ...at(json(tf2({ managed: true })), '"azure_active_directory"') }],
      output: json(tf2({ managed: true, azure_rbac_enabled: true })),
    },
    {
      name: 'plan: false',
      path: 'plan.json',
      code: json(planV4([{ azure_rbac_enabled: false, tenant_id: 't' }])),
      errors: [{ messageId: 'disabled', ...at(json(planV4([{ azure_rbac_enabled: false, tenant_id: 't' }])), 'false', { after: '"azure_rbac_enabled": ' }), fixable: false }],
    },
    {
      name: 'plan: null inside the block means absent, reported on the block key, no fix',
      path: 'plan.json',
      code: json(planV4([{ azure_rbac_enabled: null, tenant_id: 't' }], true)),
      errors: [{ messageId: 'missing', ...at(json(planV4([{ azure_rbac_enabled: null, tenant_id: 't' }], true)), '"azure_active_directory_role_based_access_control"'), fixable: false }],
    },
    {
      name: 'plan: child module, block absent',
      path: 'plan.json',
      code: json(planV4([], true)),
      errors: [{ messageId: 'missing', ...at(json(planV4([], true)), '"values"'), fixable: false }],
    },
  ],
});

import { armCluster, armTemplate, at, json, Json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-entra-id-integration';
const TF_NAME = { after: '"azurerm_kubernetes_cluster": {\n      ' };
const AAD_TF = 'azure_active_directory_role_based_access_control';

const arm = (props: Json = {}, extra: Json = {}) => armTemplate([armCluster(props, extra)]);
const bicepParam = (v: boolean) =>
  armTemplate([armCluster({ aadProfile: { managed: "[parameters('aadManaged')]", enableAzureRBAC: true } })], {
    bicep: true,
    parameters: { aadManaged: { type: 'bool', defaultValue: v } },
  });
const lv2 = (aad: unknown) => armTemplate([armCluster({ aadProfile: aad })], { languageVersion2: true });
const nested = (v: unknown) =>
  armTemplate([nestedDeployment(armTemplate([armCluster({ aadProfile: { managed: "[parameters('aadManaged')]" } })], { parameters: { aadManaged: { type: 'bool', defaultValue: true } } }), { aadManaged: v })]);
const legacyArm = arm({ aadProfile: { clientAppID: "[parameters('clientAppId')]", serverAppID: "[parameters('serverAppId')]", serverAppSecret: "[parameters('serverAppSecret')]", tenantID: '[subscription().tenantId]' } }, { apiVersion: '2020-09-01' });
const tf3Var = (v: boolean) => tfCluster(3, { [AAD_TF]: { managed: '${var.aad_managed}', azure_rbac_enabled: true } }, { aad_managed: v });
const tf3Legacy = tfCluster(3, { [AAD_TF]: { client_app_id: '${var.client_app_id}', server_app_id: '${var.server_app_id}', server_app_secret: '${var.server_app_secret}' } });
// azurerm < 2.99: role_based_access_control { enabled, azure_active_directory { … } }.
const tf2 = (rbac: Json) => tfCluster(3, { role_based_access_control: rbac });
const planV4Empty = tfPlan(planClusterValues());
const planV3 = (managed: boolean) =>
  tfPlan(planClusterValues({ [AAD_TF]: [{ admin_group_object_ids: [], azure_rbac_enabled: true, managed, client_app_id: null, server_app_id: null, server_app_secret: null, tenant_id: 'x' }] }), { nested: true, versionConstraint: '>= 3.90, < 4.0' });

ruleTester(RULE, {
  valid: [
    { name: 'ARM: managed true', path: 'main.json', code: json(arm({ aadProfile: { managed: true, enableAzureRBAC: true } })) },
    { name: 'ARM: managed from a parameter default true', path: 'main.json', code: json(bicepParam(true)) },
    { name: 'ARM: managed with leftover legacy ids (managed wins)', path: 'main.json', code: json(arm({ aadProfile: { managed: true, clientAppID: "[parameters('c')]" } })) },
    { name: 'ARM: aadProfile from an unresolvable expression', path: 'main.json', code: json(arm({ aadProfile: "[if(parameters('aad'), variables('aadProfile'), null())]" })) },
    { name: 'ARM: managed unknown', path: 'main.json', code: json(arm({ aadProfile: { managed: "[parameters('m')]" } })) },
    { name: 'ARM nested: managed passed true', path: 'main.json', code: json(nested(true)) },
    { name: 'Terraform v3: managed true', path: 'main.tf.json', code: json(tfCluster(3, { [AAD_TF]: { managed: true, azure_rbac_enabled: true } })) },
    { name: 'Terraform v4: block present (always managed)', path: 'main.tf.json', code: json(tfCluster(4, { [AAD_TF]: [{ azure_rbac_enabled: true, tenant_id: '${var.tenant}' }] })) },
    { name: 'Terraform: dynamic block is unknown', path: 'main.tf.json', code: json(tfCluster(4, { dynamic: { [AAD_TF]: { for_each: '${var.aad}', content: { azure_rbac_enabled: true } } } })) },
    { name: 'Terraform: ${var.x} default true', path: 'main.tf.json', code: json(tf3Var(true)) },
    { name: 'azurerm 2.x: managed true in the nested block', path: 'main.tf.json', code: json(tf2({ enabled: true, azure_active_directory: { managed: true } })) },
    { name: 'plan v4: block present', path: 'plan.json', code: json(tfPlan(planClusterValues({ [AAD_TF]: [{ azure_rbac_enabled: true, tenant_id: 'x', admin_group_object_ids: [] }] }))) },
    { name: 'plan v3: managed true', path: 'plan.json', code: json(planV3(true)) },
  ],
  invalid: [
    {
      name: 'ARM API 2020-06-01 (before the first version checked to have aadProfile.managed): finding, no fix',
      path: 'main.json',
      code: json(arm({}, { apiVersion: '2020-06-01' })),
      errors: [{ messageId: 'missing', ...at(json(arm({}, { apiVersion: '2020-06-01' })), '"properties"'), fixable: false }],
    },
    {
      name: 'ARM API 2020-06-01, aadProfile without managed: finding, no fix',
      path: 'main.json',
      code: json(arm({ aadProfile: { adminGroupObjectIDs: [] } }, { apiVersion: '2020-06-01' })),
      errors: [{ messageId: 'notManaged', ...at(json(arm({ aadProfile: { adminGroupObjectIDs: [] } }, { apiVersion: '2020-06-01' })), '"aadProfile"'), fixable: false }],
    },
    {
      name: 'ARM API 2020-09-01: fix',
      path: 'main.json',
      code: json(arm({}, { apiVersion: '2020-09-01' })),
      errors: [{ messageId: 'missing', ...at(json(arm({}, { apiVersion: '2020-09-01' })), '"properties"'), fixable: true }],
      output: json(arm({ aadProfile: { managed: true, enableAzureRBAC: true } }, { apiVersion: '2020-09-01' })),
    },
    {
      name: 'ARM: no aadProfile',
      path: 'main.json',
      code: json(arm()),
      errors: [{ messageId: 'missing', ...at(json(arm()), '"properties"'), severity: 'warning', fixable: true }],
      output: json(arm({ aadProfile: { managed: true, enableAzureRBAC: true } })),
    },
    {
      name: 'ARM: empty aadProfile (reported on the key)',
      path: 'main.json',
      code: json(arm({ aadProfile: {} })),
      errors: [{ messageId: 'notManaged', ...at(json(arm({ aadProfile: {} })), '"aadProfile"') }],
      output: json(arm({ aadProfile: { managed: true } })),
    },
    {
      name: 'ARM: managed false',
      path: 'main.json',
      code: json(arm({ aadProfile: { managed: false, enableAzureRBAC: false } })),
      errors: [{ messageId: 'notManaged', ...at(json(arm({ aadProfile: { managed: false, enableAzureRBAC: false } })), 'false', { after: '"managed": ' }) }],
      output: json(arm({ aadProfile: { managed: true, enableAzureRBAC: false } })),
    },
    {
      name: 'ARM: legacy integration with app registrations (deprecated, no fix)',
      path: 'main.json',
      code: json(legacyArm),
      errors: [{ messageId: 'legacy', ...at(json(legacyArm), '"aadProfile"'), fixable: false }],
    },
    {
      name: 'Bicep-compiled: managed from a parameter default false',
      path: 'main.json',
      code: json(bicepParam(false)),
      errors: [{ messageId: 'notManaged', ...at(json(bicepParam(false)), `"[parameters('aadManaged')]"`) }],
      output: json(bicepParam(true)),
    },
    {
      name: 'languageVersion 2.0: aadProfile null',
      path: 'main.json',
      code: json(lv2(null)),
      errors: [{ messageId: 'missing', ...at(json(lv2(null)), 'null') }],
      output: json(lv2({ managed: true, enableAzureRBAC: true })),
    },
    {
      name: 'nested deployment: managed false passed in properties.parameters',
      path: 'main.json',
      code: json(nested(false)),
      errors: [{ messageId: 'notManaged', ...at(json(nested(false)), `"[parameters('aadManaged')]"`) }],
      output: json(nested(true)),
    },
    {
      name: 'Terraform v3: no block (fix writes managed = true)',
      path: 'main.tf.json',
      code: json(tfCluster(3)),
      errors: [{ messageId: 'missing', ...at(json(tfCluster(3)), '"aks"', TF_NAME) }],
      output: json(tfCluster(3, { [AAD_TF]: { managed: true, azure_rbac_enabled: true } })),
    },
    {
      name: 'Terraform v3: block without managed (default false)',
      path: 'main.tf.json',
      code: json(tfCluster(3, { [AAD_TF]: { azure_rbac_enabled: true } })),
      errors: [{ messageId: 'notManaged', ...at(json(tfCluster(3, { [AAD_TF]: { azure_rbac_enabled: true } })), `"${AAD_TF}"`) }],
      output: json(tfCluster(3, { [AAD_TF]: { azure_rbac_enabled: true, managed: true } })),
    },
    {
      name: 'Terraform v3: ${var.x} default false',
      path: 'main.tf.json',
      code: json(tf3Var(false)),
      errors: [{ messageId: 'notManaged', ...at(json(tf3Var(false)), '"${var.aad_managed}"') }],
      output: json(tf3Var(true)),
    },
    {
      name: 'Terraform v3: legacy client/server app ids',
      path: 'main.tf.json',
      code: json(tf3Legacy),
      errors: [{ messageId: 'legacy', ...at(json(tf3Legacy), `"${AAD_TF}"`), fixable: false }],
    },
    {
      name: 'Terraform v4: no block (no managed attribute in v4)',
      path: 'main.tf.json',
      code: json(tfCluster(4)),
      errors: [{ messageId: 'missing', ...at(json(tfCluster(4)), '"aks"', TF_NAME) }],
      output: json(tfCluster(4, { [AAD_TF]: { azure_rbac_enabled: true } })),
    },
    {
      name: 'azurerm 2.x: RBAC block without Entra ID (fix nests azure_active_directory)',
      path: 'main.tf.json',
      code: json(tf2({ enabled: true })),
      errors: [{ messageId: 'missing', ...at(json(tf2({ enabled: true })), '"aks"', TF_NAME) }],
      output: json(tf2({ enabled: true, azure_active_directory: { managed: true, azure_rbac_enabled: true } })),
    },
    {
      name: 'azurerm 2.x: nested azure_active_directory without managed',
      path: 'main.tf.json',
      code: json(tf2({ enabled: true, azure_active_directory: { admin_group_object_ids: ['${var.admins}'] } })),
      errors: [{ messageId: 'notManaged', ...at(json(tf2({ enabled: true, azure_active_directory: { admin_group_object_ids: ['${var.admins}'] } })), '"azure_active_directory"') }],
      output: json(tf2({ enabled: true, azure_active_directory: { admin_group_object_ids: ['${var.admins}'], managed: true } })),
    },
    {
      name: 'azurerm 2.x: legacy server app',
      path: 'main.tf.json',
      code: json(tf2({ enabled: true, azure_active_directory: { client_app_id: 'c', server_app_id: 's', server_app_secret: '${var.secret}' } })),
      errors: [{ messageId: 'legacy', ...at(json(tf2({ enabled: true, azure_active_directory: { client_app_id: 'c', server_app_id: 's', server_app_secret: '${var.secret}' } })), '"azure_active_directory"') }],
    },
    {
      name: 'plan v4: empty block array means absent (reported on values)',
      path: 'plan.json',
      code: json(planV4Empty),
      errors: [{ messageId: 'missing', ...at(json(planV4Empty), '"values"'), fixable: false }],
    },
    {
      name: 'plan v3 in a child module: managed false',
      path: 'plan.json',
      code: json(planV3(false)),
      errors: [{ messageId: 'notManaged', ...at(json(planV3(false)), 'false', { after: '"managed": ' }), fixable: false }],
    },
  ],
});

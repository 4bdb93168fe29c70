import { armCluster, armTemplate, at, json, Json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { lines, ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-disable-local-accounts';
const TF_NAME = { after: '"azurerm_kubernetes_cluster": {\n      ' };

// The clusters below have the managed Entra ID integration unless a case is about adding it.
const AAD = { aadProfile: { managed: true, enableAzureRBAC: true } };
const arm = (props: Json = {}, o: { parameters?: Json; variables?: Json; bicep?: boolean; languageVersion2?: boolean } = {}) => armTemplate([armCluster({ ...AAD, ...props })], o);
const param = (v: unknown, type = 'bool') => ({ parameters: { disableLocalAccounts: { type, defaultValue: v } } });
const byParam = { disableLocalAccounts: "[parameters('disableLocalAccounts')]" };
const nested = (v: unknown) =>
  armTemplate([nestedDeployment(armTemplate([armCluster({ ...AAD, disableLocalAccounts: "[parameters('dla')]" })], { parameters: { dla: { type: 'bool', defaultValue: true } } }), { dla: v })]);
const TF_AAD3 = { azure_active_directory_role_based_access_control: { managed: true, azure_rbac_enabled: true } };
const TF_AAD4 = { azure_active_directory_role_based_access_control: { azure_rbac_enabled: true } };
const PLAN_AAD = { azure_active_directory_role_based_access_control: [{ azure_rbac_enabled: true, tenant_id: '00000000-0000-0000-0000-000000000000', admin_group_object_ids: [] }] };

// apiVersion gate: disableLocalAccounts from 2021-03-01 (not in 2021-02-01); aadProfile.managed / enableAzureRBAC from 2020-09-01.
const armAt = (apiVersion: string, props: Json = {}) => armTemplate([armCluster(props, { apiVersion })]);
ruleTester(RULE, {
  valid: [
    { name: 'ARM true', path: 'main.json', code: json(arm({ disableLocalAccounts: true })) },
    { name: 'ARM parameter default true', path: 'main.json', code: json(arm(byParam, param(true))) },
    { name: 'ARM variable nested in an object', path: 'main.json', code: json(arm({ disableLocalAccounts: "[variables('cluster').local.disabled]" }, { variables: { cluster: { local: { disabled: true } } } })) },
    { name: 'ARM unresolvable [if()] is unknown', path: 'main.json', code: json(arm({ disableLocalAccounts: "[if(parameters('aad'), true(), false())]" }, { parameters: { aad: { type: 'bool', defaultValue: false } } })) },
    { name: 'ARM [format()] is unknown', path: 'main.json', code: json(arm({ disableLocalAccounts: "[format('{0}', 'false')]" })) },
    { name: 'ARM parameter without default is unknown', path: 'main.json', code: json(arm(byParam, { parameters: { disableLocalAccounts: { type: 'bool' } } })) },
    { name: 'Bicep languageVersion 2.0 true', path: 'main.json', code: json(arm({ disableLocalAccounts: true }, { bicep: true, languageVersion2: true })) },
    { name: 'ARM nested deployment: passed true', path: 'main.json', code: json(nested(true)) },
    { name: 'Terraform v3 true', path: 'main.tf.json', code: json(tfCluster(3, { ...TF_AAD3, local_account_disabled: true })) },
    { name: 'Terraform v4 true', path: 'main.tf.json', code: json(tfCluster(4, { ...TF_AAD4, local_account_disabled: true })) },
    { name: 'Terraform interpolation is unknown', path: 'main.tf.json', code: json(tfCluster(4, { local_account_disabled: '${local.x}' })) },
    { name: 'Terraform var default true', path: 'main.tf.json', code: json(tfCluster(4, { local_account_disabled: '${var.dla}' }, { dla: true })) },
    { name: 'plan true, two modules deep', path: 'plan.json', code: json(tfPlan(planClusterValues({ ...PLAN_AAD, local_account_disabled: true }), { nested: true })) },
    { name: 'plan unknown after apply', path: 'plan.json', code: json(tfPlan(planClusterValues({ local_account_disabled: null }), { afterUnknown: { local_account_disabled: true } })) },
  ],
  invalid: [
    {
      name: 'ARM API 2021-02-01 (before disableLocalAccounts): finding, no fix',
      path: 'main.json',
      code: json(armAt('2021-02-01', AAD)),
      errors: [{ messageId: 'missing', ...at(json(armAt('2021-02-01', AAD)), '"properties"'), fixable: false }],
    },
    {
      name: 'ARM API 2021-03-01: fix',
      path: 'main.json',
      code: json(armAt('2021-03-01', AAD)),
      errors: [{ messageId: 'missing', ...at(json(armAt('2021-03-01', AAD)), '"properties"'), fixable: true }],
      output: json(armAt('2021-03-01', { ...AAD, disableLocalAccounts: true })),
    },
    {
      name: 'ARM API 2021-03-01 without Entra ID: fix adds both',
      path: 'main.json',
      code: json(armAt('2021-03-01')),
      errors: [{ messageId: 'missing', ...at(json(armAt('2021-03-01')), '"properties"'), fixable: true }],
      output: json(armAt('2021-03-01', { disableLocalAccounts: true, ...AAD })),
    },
    {
      name: 'ARM absent with Entra ID: reported on properties, fix inserts',
      path: 'main.json',
      code: json(arm()),
      errors: [{ messageId: 'missing', ...at(json(arm()), '"properties"'), severity: 'warning', fixable: true }],
      output: json(arm({ disableLocalAccounts: true })),
    },
    {
      name: 'ARM absent without Entra ID: the fix also adds the managed integration',
      path: 'main.json',
      code: json(armTemplate([armCluster()])),
      errors: [{ messageId: 'missing', ...at(json(armTemplate([armCluster()])), '"properties"') }],
      output: json(armTemplate([armCluster({ disableLocalAccounts: true, aadProfile: { managed: true, enableAzureRBAC: true } })])),
    },
    {
      name: 'ARM Entra ID from an unresolvable expression: left alone',
      path: 'main.json',
      code: json(armTemplate([armCluster({ aadProfile: "[if(parameters('aad'), variables('aad'), null())]", disableLocalAccounts: false })])),
      errors: [{ messageId: 'enabled', ...at(json(armTemplate([armCluster({ aadProfile: "[if(parameters('aad'), variables('aad'), null())]", disableLocalAccounts: false })])), 'false') }],
      output: json(armTemplate([armCluster({ aadProfile: "[if(parameters('aad'), variables('aad'), null())]", disableLocalAccounts: true })])),
    },
    {
      name: 'ARM parameter default false: message names it, fix edits the default',
      path: 'main.json',
      code: json(arm(byParam, param(false))),
      errors: [{ messageId: 'enabled', ...at(json(arm(byParam, param(false))), `"[parameters('disableLocalAccounts')]"`) }],
      output: json(arm(byParam, param(true))),
    },
    {
      name: 'Bicep-compiled languageVersion 2.0 false',
      path: 'main.json',
      code: json(arm({ disableLocalAccounts: false }, { bicep: true, languageVersion2: true })),
      errors: [{ messageId: 'enabled', ...at(json(arm({ disableLocalAccounts: false }, { bicep: true, languageVersion2: true })), 'false', { after: '"disableLocalAccounts": ' }) }],
      output: json(arm({ disableLocalAccounts: true }, { bicep: true, languageVersion2: true })),
    },
    {
      name: 'ARM nested deployment (scope inner): the passed value is edited',
      path: 'main.json',
      code: json(nested(false)),
      errors: [{ messageId: 'enabled', ...at(json(nested(false)), `"[parameters('dla')]"`) }],
      output: json(nested(true)),
    },
    {
      name: 'Terraform v3 absent with the v3 block: reported on the resource name',
      path: 'main.tf.json',
      code: json(tfCluster(3, TF_AAD3)),
      errors: [{ messageId: 'missing', ...at(json(tfCluster(3, TF_AAD3)), '"aks"', TF_NAME) }],
      output: json(tfCluster(3, { ...TF_AAD3, local_account_disabled: true })),
    },
    {
      name: 'Terraform v3 without Entra ID: adds the v3 block (with managed)',
      path: 'main.tf.json',
      code: json(tfCluster(3)),
      errors: [{ messageId: 'missing', ...at(json(tfCluster(3)), '"aks"', TF_NAME) }],
      output: json(tfCluster(3, { local_account_disabled: true, ...TF_AAD3 })),
    },
    {
      name: 'Terraform v4 false without Entra ID: adds the v4 block (no managed)',
      path: 'main.tf.json',
      code: json(tfCluster(4, { local_account_disabled: false })),
      errors: [{ messageId: 'enabled', ...at(json(tfCluster(4, { local_account_disabled: false })), 'false', { after: '"local_account_disabled": ' }) }],
      output: json(tfCluster(4, { local_account_disabled: true, ...TF_AAD4 })),
    },
    {
      name: 'Terraform var default false: the fix edits the variable default',
      path: 'main.tf.json',
      code: json(tfCluster(4, { ...TF_AAD4, local_account_disabled: '${var.dla}' }, { dla: false })),
      errors: [{ messageId: 'enabled', ...at(json(tfCluster(4, { ...TF_AAD4, local_account_disabled: '${var.dla}' }, { dla: false })), '"${var.dla}"') }],
      output: json(tfCluster(4, { ...TF_AAD4, local_account_disabled: '${var.dla}' }, { dla: true })),
    },
    {
      name: 'plan false: on the value, no fix',
      path: 'plan.json',
      code: json(tfPlan(planClusterValues(PLAN_AAD))),
      errors: [{ messageId: 'enabled', ...at(json(tfPlan(planClusterValues(PLAN_AAD))), 'false', { after: '"local_account_disabled": ' }), fixable: false }],
    },
    {
      name: 'plan null means absent, in a child module; no fix',
      path: 'plan.json',
      code: '{"format_version": "1.2", "planned_values": {"root_module": {"child_modules": [{"address": "module.m", "child_modules": [{"address": "module.m.module.n", "resources": [{"address": "module.m.module.n.azurerm_kubernetes_cluster.c", "mode": "managed", "type": "azurerm_kubernetes_cluster", "name": "c", "values": {"local_account_disabled": null}}]}]}]}}}\n',
      errors: [{ messageId: 'missing', line: 1, column: 301, text: '"values"', fixable: false }],
    },
    {
      name: 'compact hand-written ARM: inserted parents follow the file',
      path: 't.json',
      code: lines('{', '  "resources": [', '    {', '      "type": "Microsoft.ContainerService/managedClusters",', '      "apiVersion": "2024-09-01",', '      "name": "aks",', '      "properties": {', '        "dnsPrefix": "aks"', '      }', '    }', '  ]', '}'),
      errors: [{ messageId: 'missing', line: 7, column: 7, text: '"properties"' }],
      output: lines('{', '  "resources": [', '    {', '      "type": "Microsoft.ContainerService/managedClusters",', '      "apiVersion": "2024-09-01",', '      "name": "aks",', '      "properties": {', '        "dnsPrefix": "aks",', '        "disableLocalAccounts": true,', '        "aadProfile": {', '          "managed": true,', '          "enableAzureRBAC": true', '        }', '      }', '    }', '  ]', '}'),
    },
  ],
});

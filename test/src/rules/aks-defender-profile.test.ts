import { ruleTester } from '../helpers/ruleTester';
import { aks, armTemplate, at, bicepTemplate, nestedTemplate, tfJson, tfPlan } from '../helpers/aksFixtures';

const WS = "[resourceId('Microsoft.OperationalInsights/workspaces', 'la-aks')]";
const defender = (d: Record<string, unknown>) => ({ securityProfile: { defender: d } });
const on = (ws?: unknown) => defender({ ...(ws !== undefined ? { logAnalyticsWorkspaceResourceId: ws } : {}), securityMonitoring: { enabled: true } });

const armAbsent = armTemplate([aks({ dnsPrefix: 'aks' })]);
const armWorkloadOnly = armTemplate([aks({ securityProfile: { workloadIdentity: { enabled: true } } })]);
const armOff = armTemplate([aks(defender({ logAnalyticsWorkspaceResourceId: WS, securityMonitoring: { enabled: false } }))]);
const armNoWs = armTemplate([aks(on())]);
const armEmptyWs = armTemplate([aks(on(''))]);
const armParam = armTemplate([aks(defender({ logAnalyticsWorkspaceResourceId: WS, securityMonitoring: { enabled: "[parameters('defender')]" } }))], { parameters: { defender: { type: 'bool', defaultValue: false } } });
const bicep = bicepTemplate({ cluster: aks(defender({ securityMonitoring: { enabled: false } })) });
const nested = nestedTemplate([aks(on("[parameters('workspaceId')]"))], { workspaceId: { type: 'string', defaultValue: '/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/z' } }, { workspaceId: { value: '' } });
const tf3 = tfJson({ oms_agent: { log_analytics_workspace_id: '${azurerm_log_analytics_workspace.la.id}' } }, 3);
const tf4Empty = tfJson({ microsoft_defender: [{ log_analytics_workspace_id: '' }] }, 4);
const planEmpty = tfPlan({ microsoft_defender: [] }, { module: true });
const planNullWs = tfPlan({ microsoft_defender: [{ log_analytics_workspace_id: null }] });

ruleTester('aks-defender-profile', {
  valid: [
    { name: 'ARM enabled with a workspace expression', path: 'azuredeploy.json', code: armTemplate([aks(on(WS))]) },
    { name: 'ARM preview shape securityProfile.azureDefender', path: 'azuredeploy.json', code: armTemplate([aks({ securityProfile: { azureDefender: { enabled: true, logAnalyticsWorkspaceResourceId: WS } } }, { apiVersion: '2021-11-01-preview' })]) },
    { name: 'ARM defender written as an expression is unknown', path: 'azuredeploy.json', code: armTemplate([aks({ securityProfile: { defender: "[if(parameters('d'), createObject('securityMonitoring', createObject('enabled', true())), null())]" } })], { parameters: { d: { type: 'bool', defaultValue: true } } }) },
    { name: 'ARM enabled by a parameter without default is unknown', path: 'azuredeploy.json', code: armTemplate([aks(defender({ securityMonitoring: { enabled: "[parameters('d')]" } }))], { parameters: { d: { type: 'bool' } } }) },
    { name: 'Bicep-compiled enabled', path: 'main.json', code: bicepTemplate({ cluster: aks(on(WS)) }) },
    { name: 'Terraform v4 block with workspace reference', path: 'main.tf.json', code: tfJson({ microsoft_defender: { log_analytics_workspace_id: '${azurerm_log_analytics_workspace.la.id}' } }, 4) },
    { name: 'Terraform v3 block as a list', path: 'main.tf.json', code: tfJson({ microsoft_defender: [{ log_analytics_workspace_id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/z' }] }, 3) },
    { name: 'Terraform dynamic block is unknown', path: 'main.tf.json', code: tfJson({ dynamic: { microsoft_defender: { for_each: '${var.defender}', content: { log_analytics_workspace_id: '${each.value}' } } } }, 4) },
    { name: 'plan block with workspace', path: 'plan.json', code: tfPlan({ microsoft_defender: [{ log_analytics_workspace_id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/z' }] }) },
  ],
  invalid: [
    {
      name: 'ARM absent: reported on properties, no fix',
      path: 'azuredeploy.json',
      code: armAbsent,
      errors: [{ messageId: 'missing', ...at(armAbsent, '"properties"'), severity: 'warning', fixable: false }],
    },
    {
      name: 'ARM security profile without defender: reported on securityProfile',
      path: 'azuredeploy.json',
      code: armWorkloadOnly,
      errors: [{ messageId: 'missing', ...at(armWorkloadOnly, '"securityProfile"') }],
    },
    {
      name: 'ARM securityMonitoring disabled',
      path: 'azuredeploy.json',
      code: armOff,
      errors: [{ messageId: 'disabled', ...at(armOff, 'false') }],
    },
    {
      name: 'ARM enabled without a workspace: reported on defender',
      path: 'azuredeploy.json',
      code: armNoWs,
      errors: [{ messageId: 'noWorkspace', ...at(armNoWs, '"defender"') }],
    },
    {
      name: 'ARM enabled with an empty workspace id',
      path: 'azuredeploy.json',
      code: armEmptyWs,
      errors: [{ messageId: 'noWorkspace', ...at(armEmptyWs, '""') }],
    },
    {
      name: 'ARM parameter default false',
      path: 'azuredeploy.json',
      code: armParam,
      errors: [{ messageId: 'disabled', ...at(armParam, `"[parameters('defender')]"`) }],
    },
    {
      name: 'Bicep-compiled, languageVersion 2.0: disabled',
      path: 'main.json',
      code: bicep,
      errors: [{ messageId: 'disabled', ...at(bicep, 'false') }],
    },
    {
      name: 'nested deployment: an empty workspace id passed in',
      path: 'nested.json',
      code: nested,
      errors: [{ messageId: 'noWorkspace', ...at(nested, `"logAnalyticsWorkspaceResourceId": "[parameters('workspaceId')]"`, `"[parameters('workspaceId')]"`) }],
    },
    {
      name: 'Terraform v3 without microsoft_defender: on the resource name',
      path: 'main.tf.json',
      code: tf3,
      errors: [{ messageId: 'missing', ...at(tf3, '"main"') }],
    },
    {
      name: 'Terraform v4 empty workspace id',
      path: 'main.tf.json',
      code: tf4Empty,
      errors: [{ messageId: 'noWorkspace', ...at(tf4Empty, '""') }],
    },
    {
      name: 'plan empty block list in a child module',
      path: 'plan.json',
      code: planEmpty,
      // The plan's [] is the absent block: on the resource's `values`, as aks-entra-id-integration and aks-keyvault-secrets-provider.
      errors: [{ messageId: 'missing', ...at(planEmpty, '"values"') }],
    },
    {
      name: 'plan null workspace',
      path: 'plan.json',
      code: planNullWs,
      errors: [{ messageId: 'noWorkspace', ...at(planNullWs, '"microsoft_defender"') }],
    },
  ],
});

import { ruleTester } from '../helpers/ruleTester';
import { aks, armTemplate, at, bicepTemplate, nestedTemplate, tfJson, tfPlan } from '../helpers/aksFixtures';

const net = (n: Record<string, unknown>) => ({ networkProfile: n });
const armAbsent = armTemplate([aks({ dnsPrefix: 'aks' })]);
const armNoPolicy = armTemplate([aks(net({ networkPlugin: 'azure', networkPluginMode: 'overlay' }))]);
const armNone = armTemplate([aks(net({ networkPlugin: 'azure', networkPolicy: 'none' }))]);
const armParam = (d: string) =>
  armTemplate([aks(net({ networkPlugin: 'kubenet', networkPolicy: "[parameters('networkPolicy')]" }))], { parameters: { networkPolicy: { type: 'string', defaultValue: d } } });
const bicep = (v: string) => bicepTemplate({ cluster: aks(net({ networkPlugin: 'azure', networkPolicy: v })) });
const nested = (v: string) =>
  nestedTemplate([aks(net({ networkPlugin: 'azure', networkPolicy: "[parameters('policy')]" }))], { policy: { type: 'string', defaultValue: 'azure' } }, { policy: { value: v } });
const tf3 = tfJson({ network_profile: { network_plugin: 'kubenet' } }, 3);
const tf4Absent = tfJson({ oidc_issuer_enabled: true }, 4);
const tfVar = (d: string) => tfJson({ network_profile: [{ network_plugin: 'azure', network_policy: '${var.policy}' }] }, 4, { variable: { policy: { type: 'string', default: d } } });
const planNull = tfPlan({ network_profile: [{ network_plugin: 'azure', network_policy: null }] }, { module: true });

ruleTester('aks-network-policy', {
  valid: [
    { name: 'ARM azure', path: 'azuredeploy.json', code: armTemplate([aks(net({ networkPlugin: 'azure', networkPolicy: 'azure' }))]) },
    { name: 'ARM calico', path: 'azuredeploy.json', code: armTemplate([aks(net({ networkPlugin: 'kubenet', networkPolicy: 'calico' }))]) },
    { name: 'ARM cilium', path: 'azuredeploy.json', code: armTemplate([aks(net({ networkPlugin: 'azure', networkDataplane: 'cilium', networkPolicy: 'cilium' }))]) },
    { name: 'ARM Cilium dataplane without networkPolicy enforces policies', path: 'azuredeploy.json', code: armTemplate([aks(net({ networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataplane: 'cilium' }))]) },
    { name: 'ARM parameter default calico', path: 'azuredeploy.json', code: armParam('calico') },
    { name: 'ARM bring-your-own CNI (networkPlugin none): the installed CNI may enforce policies', path: 'azuredeploy.json', code: armTemplate([aks(net({ networkPlugin: 'none' }))]) },
    { name: 'Terraform dynamic network_profile block is unknown', path: 'main.tf.json', code: tfJson({ dynamic: { network_profile: { for_each: '${var.network}', content: { network_plugin: 'azure' } } } }, 4) },
    { name: 'Terraform BYO CNI (network_plugin none)', path: 'main.tf.json', code: tfJson({ network_profile: { network_plugin: 'none' } }, 4) },
    { name: 'plan BYO CNI', path: 'plan.json', code: tfPlan({ network_profile: [{ network_plugin: 'none', network_policy: null }] }) },
    { name: 'ARM parameter without default is unknown', path: 'azuredeploy.json', code: armTemplate([aks(net({ networkPolicy: "[parameters('p')]" }))], { parameters: { p: { type: 'string' } } }) },
    { name: 'ARM absent with an unknown dataplane', path: 'azuredeploy.json', code: armTemplate([aks(net({ networkPlugin: 'azure', networkDataplane: "[parameters('dp')]" }))], { parameters: { dp: { type: 'string' } } }) },
    { name: 'Bicep-compiled azure', path: 'main.json', code: bicep('azure') },
    { name: 'Terraform v4 cilium', path: 'main.tf.json', code: tfJson({ network_profile: { network_plugin: 'azure', network_data_plane: 'cilium', network_policy: 'cilium' } }, 4) },
    { name: 'Terraform v3 eBPF (Cilium) dataplane', path: 'main.tf.json', code: tfJson({ network_profile: { network_plugin: 'azure', ebpf_data_plane: 'cilium' } }, 3) },
    { name: 'Terraform interpolation is unknown', path: 'main.tf.json', code: tfJson({ network_profile: { network_policy: '${local.policy}' } }, 4) },
    { name: 'plan calico', path: 'plan.json', code: tfPlan({ network_profile: [{ network_plugin: 'kubenet', network_policy: 'calico' }] }) },
  ],
  invalid: [
    {
      name: 'ARM no networkProfile: on properties, no fix',
      path: 'azuredeploy.json',
      code: armAbsent,
      errors: [{ messageId: 'missing', ...at(armAbsent, '"properties"'), severity: 'warning', fixable: false }],
    },
    {
      name: 'ARM networkProfile without networkPolicy: on networkProfile',
      path: 'azuredeploy.json',
      code: armNoPolicy,
      errors: [{ messageId: 'missing', ...at(armNoPolicy, '"networkProfile"') }],
    },
    {
      name: 'ARM none',
      path: 'azuredeploy.json',
      code: armNone,
      errors: [{ messageId: 'none', ...at(armNone, '"none"') }],
    },
    {
      name: 'ARM parameter default "" names the parameter',
      path: 'azuredeploy.json',
      code: armParam(''),
      errors: [{ messageId: 'none', ...at(armParam(''), `"[parameters('networkPolicy')]"`) }],
    },
    {
      name: 'Bicep-compiled, languageVersion 2.0: none',
      path: 'main.json',
      code: bicep('none'),
      errors: [{ messageId: 'none', ...at(bicep('none'), '"none"') }],
    },
    {
      name: 'nested deployment: none passed in',
      path: 'nested.json',
      code: nested('none'),
      errors: [{ messageId: 'none', ...at(nested('none'), `"networkPolicy": "[parameters('policy')]"`, `"[parameters('policy')]"`) }],
    },
    {
      name: 'Terraform v3 kubenet without network_policy: on network_profile',
      path: 'main.tf.json',
      code: tf3,
      errors: [{ messageId: 'missing', ...at(tf3, '"network_profile"') }],
    },
    {
      name: 'Terraform v4 without network_profile: on the resource name',
      path: 'main.tf.json',
      code: tf4Absent,
      errors: [{ messageId: 'missing', ...at(tf4Absent, '"main"') }],
    },
    {
      name: 'Terraform var default none',
      path: 'main.tf.json',
      code: tfVar('none'),
      errors: [{ messageId: 'none', ...at(tfVar('none'), '"${var.policy}"') }],
    },
    {
      name: 'plan null in a child module',
      path: 'plan.json',
      code: planNull,
      errors: [{ messageId: 'missing', ...at(planNull, '"network_profile"') }],
    },
  ],
});

import { ruleTester } from '../helpers/ruleTester';
import { aks, armTemplate, at, bicepTemplate, nestedTemplate, tfJson, tfPlan } from '../helpers/aksFixtures';

const profile = (p: Record<string, unknown>) => ({ autoUpgradeProfile: p });
const armMismatch = armTemplate([aks(profile({ upgradeChannel: 'node-image', nodeOSUpgradeChannel: 'SecurityPatch' }))]);
const armParam = (d: string) =>
  armTemplate([aks(profile({ upgradeChannel: 'node-image', nodeOSUpgradeChannel: "[parameters('nodeOs')]" }))], { parameters: { nodeOs: { type: 'string', defaultValue: d } } });
const bicep = (v: string) => bicepTemplate({ cluster: aks(profile({ upgradeChannel: "[parameters('up')]", nodeOSUpgradeChannel: v })) }, { parameters: { up: { type: 'string', defaultValue: 'node-image' } } });
const nested = (v: string) =>
  nestedTemplate([aks(profile({ upgradeChannel: 'node-image', nodeOSUpgradeChannel: "[parameters('nodeOs')]" }))], { nodeOs: { type: 'string', defaultValue: 'NodeImage' } }, { nodeOs: { value: v } });
const tf3Absent = tfJson({ automatic_channel_upgrade: 'node-image' }, 3);
const tf3None = tfJson({ automatic_channel_upgrade: 'node-image', node_os_channel_upgrade: 'None' }, 3);
const tf4Var = (d: string) => tfJson({ automatic_upgrade_channel: 'node-image', node_os_upgrade_channel: '${var.node_os}' }, 4, { variable: { node_os: { type: 'string', default: d } } });
const planV4 = tfPlan({ automatic_upgrade_channel: 'node-image', node_os_upgrade_channel: 'Unmanaged' }, { module: true });
const planV3Null = tfPlan({ automatic_channel_upgrade: 'node-image', node_os_channel_upgrade: null }, { major: 3 });

ruleTester('aks-upgrade-channel-consistency', {
  valid: [
    { name: 'ARM node-image with NodeImage', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: 'node-image', nodeOSUpgradeChannel: 'NodeImage' }))]) },
    { name: 'ARM node-image, node OS channel absent on API 2024-09-01 (default NodeImage)', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: 'node-image' }))]) },
    { name: 'ARM node-image on an API version without nodeOSUpgradeChannel', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: 'node-image' }), { apiVersion: '2022-09-01' })]) },
    { name: 'ARM stable with SecurityPatch: not concerned', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: 'stable', nodeOSUpgradeChannel: 'SecurityPatch' }))]) },
    { name: 'ARM unknown cluster channel', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: "[parameters('up')]", nodeOSUpgradeChannel: 'None' }))], { parameters: { up: { type: 'string' } } }) },
    { name: 'ARM unknown node OS channel', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: 'node-image', nodeOSUpgradeChannel: "[parameters('os')]" }))], { parameters: { os: { type: 'string' } } }) },
    { name: 'Terraform v4 node-image, node OS channel absent (default NodeImage)', path: 'main.tf.json', code: tfJson({ automatic_upgrade_channel: 'node-image' }, 4) },
    { name: 'Terraform v3 node-image with NodeImage', path: 'main.tf.json', code: tfJson({ automatic_channel_upgrade: 'node-image', node_os_channel_upgrade: 'NodeImage' }, 3) },
    { name: 'plan v4 node-image with NodeImage', path: 'plan.json', code: tfPlan({ automatic_upgrade_channel: 'node-image', node_os_upgrade_channel: 'NodeImage' }) },
  ],
  invalid: [
    {
      name: 'ARM node-image with SecurityPatch: Error, fix sets NodeImage',
      path: 'azuredeploy.json',
      code: armMismatch,
      errors: [{ messageId: 'mismatch', ...at(armMismatch, '"SecurityPatch"'), severity: 'error' }],
      output: armTemplate([aks(profile({ upgradeChannel: 'node-image', nodeOSUpgradeChannel: 'NodeImage' }))]),
    },
    {
      name: 'ARM parameter default None: fix edits the default',
      path: 'azuredeploy.json',
      code: armParam('None'),
      errors: [{ messageId: 'mismatch', ...at(armParam('None'), `"[parameters('nodeOs')]"`) }],
      output: armParam('NodeImage'),
    },
    {
      name: 'Bicep-compiled, languageVersion 2.0, cluster channel from a parameter default',
      path: 'main.json',
      code: bicep('Unmanaged'),
      errors: [{ messageId: 'mismatch', ...at(bicep('Unmanaged'), '"Unmanaged"') }],
      output: bicep('NodeImage'),
    },
    {
      name: 'nested deployment: the passed value is edited',
      path: 'nested.json',
      code: nested('None'),
      errors: [{ messageId: 'mismatch', ...at(nested('None'), `"nodeOSUpgradeChannel": "[parameters('nodeOs')]"`, `"[parameters('nodeOs')]"`) }],
      output: nested('NodeImage'),
    },
    {
      name: 'Terraform v3 node-image without node_os_channel_upgrade: Warning, fix inserts it',
      path: 'main.tf.json',
      code: tf3Absent,
      errors: [{ messageId: 'missingV3', ...at(tf3Absent, '"main"'), severity: 'warning' }],
      output: tfJson({ automatic_channel_upgrade: 'node-image', node_os_channel_upgrade: 'NodeImage' }, 3),
    },
    {
      name: 'Terraform v3 None',
      path: 'main.tf.json',
      code: tf3None,
      errors: [{ messageId: 'mismatch', ...at(tf3None, '"None"'), severity: 'error' }],
      output: tfJson({ automatic_channel_upgrade: 'node-image', node_os_channel_upgrade: 'NodeImage' }, 3),
    },
    {
      name: 'Terraform v4 var default SecurityPatch: fix edits the default',
      path: 'main.tf.json',
      code: tf4Var('SecurityPatch'),
      errors: [{ messageId: 'mismatch', ...at(tf4Var('SecurityPatch'), '"${var.node_os}"') }],
      output: tf4Var('NodeImage'),
    },
    {
      name: 'plan v4 Unmanaged in a child module, no fix',
      path: 'plan.json',
      code: planV4,
      errors: [{ messageId: 'mismatch', ...at(planV4, '"Unmanaged"'), fixable: false }],
    },
    {
      name: 'plan v3 null',
      path: 'plan.json',
      code: planV3Null,
      errors: [{ messageId: 'missingV3', ...at(planV3Null, '"values"'), severity: 'warning', fixable: false }],
    },
  ],
});

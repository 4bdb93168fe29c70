import * as assert from 'node:assert/strict';
import { analyzeText, applyTextEdits, editsForFix } from '../../../server/out/engine';
import { ruleTester } from '../helpers/ruleTester';
import { aks, armTemplate, at, bicepTemplate, nestedTemplate, tfJson, tfPlan } from '../helpers/aksFixtures';

const profile = (p: Record<string, unknown>) => ({ autoUpgradeProfile: p });
const armNone = armTemplate([aks(profile({ upgradeChannel: 'stable', nodeOSUpgradeChannel: 'None' }))]);
const armParam = (d: string) =>
  armTemplate([aks(profile({ nodeOSUpgradeChannel: "[parameters('nodeOsChannel')]" }))], { parameters: { nodeOsChannel: { type: 'string', defaultValue: d } } });
const armOld = armTemplate([aks({ dnsPrefix: 'aks' }, { apiVersion: '2022-09-01' })]);
const armOldProfile = armTemplate([aks(profile({ upgradeChannel: 'stable' }), { apiVersion: '2023-04-01' })]);
const bicep = (v: string) => bicepTemplate({ cluster: aks(profile({ nodeOSUpgradeChannel: v })) });
const nested = (v: string) =>
  nestedTemplate([aks(profile({ nodeOSUpgradeChannel: "[parameters('channel')]" }))], { channel: { type: 'string', defaultValue: 'NodeImage' } }, { channel: { value: v } });
const tf3Absent = tfJson({ automatic_channel_upgrade: 'patch' }, 3);
const tf4None = tfJson({ node_os_upgrade_channel: 'None' }, 4);
const tf3Var = (d: string) => tfJson({ node_os_channel_upgrade: '${var.node_os}' }, 3, { variable: { node_os: { type: 'string', default: d } } });
const planV3 = tfPlan({ automatic_channel_upgrade: 'stable', node_os_channel_upgrade: null }, { major: 3 });
const planModule = tfPlan({ node_os_upgrade_channel: 'Unmanaged' }, { module: true });

ruleTester('aks-node-os-upgrade-channel', {
  valid: [
    { name: 'ARM NodeImage', path: 'azuredeploy.json', code: armTemplate([aks(profile({ nodeOSUpgradeChannel: 'NodeImage' }))]) },
    { name: 'ARM SecurityPatch (any casing)', path: 'azuredeploy.json', code: armTemplate([aks(profile({ nodeOSUpgradeChannel: 'securityPatch' }))]) },
    { name: 'ARM absent on API 2023-06-01 and later: default NodeImage', path: 'azuredeploy.json', code: armTemplate([aks({ dnsPrefix: 'aks' }, { apiVersion: '2023-06-01' })]) },
    { name: 'ARM None with the node-image cluster channel: left to aks-upgrade-channel-consistency', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: 'node-image', nodeOSUpgradeChannel: 'None' }))]) },
    { name: 'ARM old API without a channel but node-image cluster channel (Azure Policy passes it)', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: 'node-image' }), { apiVersion: '2022-09-01' })]) },
    { name: 'ARM unknown cluster channel could be node-image', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: "[parameters('up')]", nodeOSUpgradeChannel: 'None' }))], { parameters: { up: { type: 'string' } } }) },
    { name: 'ARM parameter default NodeImage', path: 'azuredeploy.json', code: armParam('NodeImage') },
    { name: 'ARM parameter without default is unknown', path: 'azuredeploy.json', code: armTemplate([aks(profile({ nodeOSUpgradeChannel: "[parameters('c')]" }))], { parameters: { c: { type: 'string' } } }) },
    { name: 'Bicep-compiled SecurityPatch', path: 'main.json', code: bicep('SecurityPatch') },
    { name: 'Terraform v4 absent: default NodeImage', path: 'main.tf.json', code: tfJson({ automatic_upgrade_channel: 'stable' }, 4) },
    { name: 'Terraform v3 NodeImage', path: 'main.tf.json', code: tfJson({ node_os_channel_upgrade: 'NodeImage' }, 3) },
    { name: 'Terraform interpolation is unknown', path: 'main.tf.json', code: tfJson({ node_os_upgrade_channel: '${local.channel}' }, 4) },
    { name: 'plan v4 NodeImage', path: 'plan.json', code: tfPlan({ node_os_upgrade_channel: 'NodeImage' }) },
  ],
  invalid: [
    {
      name: 'ARM None: fix sets NodeImage',
      path: 'azuredeploy.json',
      code: armNone,
      errors: [{ messageId: 'none', ...at(armNone, '"nodeOSUpgradeChannel": "None"', '"None"'), severity: 'warning' }],
      output: armTemplate([aks(profile({ upgradeChannel: 'stable', nodeOSUpgradeChannel: 'NodeImage' }))]),
    },
    {
      name: 'ARM parameter default Unmanaged: fix edits the default',
      path: 'azuredeploy.json',
      code: armParam('Unmanaged'),
      errors: [{ messageId: 'unmanaged', ...at(armParam('Unmanaged'), `"[parameters('nodeOsChannel')]"`) }],
      output: armParam('NodeImage'),
    },
    {
      name: 'ARM absent on an API version that predates the property: Information, suggestion raises the apiVersion',
      path: 'azuredeploy.json',
      code: armOld,
      errors: [{ messageId: 'missingOldApi', ...at(armOld, '"properties"'), severity: 'info', fixable: false }],
    },
    {
      name: 'ARM absent next to an existing autoUpgradeProfile (API 2023-04-01)',
      path: 'azuredeploy.json',
      code: armOldProfile,
      errors: [{ messageId: 'missingOldApi', ...at(armOldProfile, '"autoUpgradeProfile"'), severity: 'info', fixable: false }],
    },
    {
      name: 'Bicep-compiled, languageVersion 2.0: None',
      path: 'main.json',
      code: bicep('None'),
      errors: [{ messageId: 'none', ...at(bicep('None'), '"None"') }],
      output: bicep('NodeImage'),
    },
    {
      name: 'nested deployment: the passed value is edited',
      path: 'nested.json',
      code: nested('Unmanaged'),
      errors: [{ messageId: 'unmanaged', ...at(nested('Unmanaged'), `"nodeOSUpgradeChannel": "[parameters('channel')]"`, `"[parameters('channel')]"`) }],
      output: nested('NodeImage'),
    },
    {
      name: 'Terraform v3 absent: Information, fix writes the v3 name',
      path: 'main.tf.json',
      code: tf3Absent,
      errors: [{ messageId: 'missing', ...at(tf3Absent, '"main"'), severity: 'info' }],
      output: tfJson({ automatic_channel_upgrade: 'patch', node_os_channel_upgrade: 'NodeImage' }, 3),
    },
    {
      name: 'Terraform v4 None',
      path: 'main.tf.json',
      code: tf4None,
      errors: [{ messageId: 'none', ...at(tf4None, '"None"'), severity: 'warning' }],
      output: tfJson({ node_os_upgrade_channel: 'NodeImage' }, 4),
    },
    {
      name: 'Terraform v3 var default None: fix edits the default',
      path: 'main.tf.json',
      code: tf3Var('None'),
      errors: [{ messageId: 'none', ...at(tf3Var('None'), '"${var.node_os}"') }],
      output: tf3Var('NodeImage'),
    },
    {
      name: 'plan v3 null: Information on the values key, no fix',
      path: 'plan.json',
      code: planV3,
      errors: [{ messageId: 'missing', ...at(planV3, '"values"'), severity: 'info', fixable: false }],
    },
    {
      name: 'plan v4 Unmanaged in a child module',
      path: 'plan.json',
      code: planModule,
      errors: [{ messageId: 'unmanaged', ...at(planModule, '"Unmanaged"'), fixable: false }],
    },
  ],
});

describe('rule aks-node-os-upgrade-channel: suggestion on old API versions', () => {
  it('sets the channel and raises the apiVersion together', () => {
    const res = analyzeText('azuredeploy.json', armOld);
    const f = res.findings.find((x) => x.ruleId === 'aks-node-os-upgrade-channel');
    assert.ok(f && !f.fix && f.suggestions?.length === 1);
    assert.equal(f.suggestions[0].title, 'Set the node OS upgrade channel to NodeImage and raise apiVersion 2022-09-01 to 2023-06-01');
    const out = applyTextEdits(armOld, editsForFix(res.file, f.suggestions[0]));
    assert.equal(out, armTemplate([aks({ dnsPrefix: 'aks', autoUpgradeProfile: { nodeOSUpgradeChannel: 'NodeImage' } }, { apiVersion: '2023-06-01' })]));
    assert.deepEqual(analyzeText('azuredeploy.json', out).findings.filter((x) => x.ruleId === 'aks-node-os-upgrade-channel'), []);
  });
});

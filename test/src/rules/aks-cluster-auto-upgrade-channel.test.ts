import * as assert from 'node:assert/strict';
import { analyzeText, applyTextEdits, editsForFix } from '../../../server/out/engine';
import { ruleTester } from '../helpers/ruleTester';
import { aks, armTemplate, at, bicepTemplate, nestedTemplate, tfJson, tfPlan } from '../helpers/aksFixtures';

const profile = (p: Record<string, unknown>) => ({ autoUpgradeProfile: p });
const armAbsent = armTemplate([aks({ dnsPrefix: 'aks' })]);
const armNone = armTemplate([aks(profile({ upgradeChannel: 'none', nodeOSUpgradeChannel: 'NodeImage' }))]);
const armNodeImage = armTemplate([aks(profile({ upgradeChannel: 'node-image' }))]);
const armOld = armTemplate([aks({ dnsPrefix: 'aks' }, { apiVersion: '2020-09-01' })]);
const armParam = (d: string) =>
  armTemplate([aks(profile({ upgradeChannel: "[parameters('upgradeChannel')]" }))], { parameters: { upgradeChannel: { type: 'string', defaultValue: d } } });
const bicep = (v: string) => bicepTemplate({ cluster: aks(profile({ upgradeChannel: v })) });
const nested = (v: string) =>
  nestedTemplate([aks(profile({ upgradeChannel: "[parameters('channel')]" }))], { channel: { type: 'string', defaultValue: 'stable' } }, { channel: { value: v } });
const tf3None = tfJson({ automatic_channel_upgrade: 'none' }, 3);
const tf4Absent = tfJson({ node_os_upgrade_channel: 'NodeImage' }, 4);
const tf3Absent = tfJson({ node_os_channel_upgrade: 'NodeImage' }, 3);
const tfVar = (d: string) => tfJson({ automatic_upgrade_channel: '${var.channel}' }, 4, { variable: { channel: { type: 'string', default: d } } });
const planNull = tfPlan({ automatic_upgrade_channel: null }, { module: true });

ruleTester('aks-cluster-auto-upgrade-channel', {
  valid: [
    { name: 'ARM stable', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: 'stable' }))]) },
    { name: 'ARM patch', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: 'patch' }))]) },
    { name: 'ARM rapid (any casing)', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: 'Rapid' }))]) },
    { name: 'ARM parameter default stable', path: 'azuredeploy.json', code: armParam('stable') },
    { name: 'ARM parameter without default is unknown', path: 'azuredeploy.json', code: armTemplate([aks(profile({ upgradeChannel: "[parameters('c')]" }))], { parameters: { c: { type: 'string' } } }) },
    { name: 'ARM properties written as one expression is unknown', path: 'azuredeploy.json', code: armTemplate([aks({} as Record<string, unknown>)]).replace('"properties": {}', `"properties": "[union(variables('a'), variables('b'))]"`) },
    { name: 'Bicep-compiled stable', path: 'main.json', code: bicep('stable') },
    { name: 'Terraform v3 stable', path: 'main.tf.json', code: tfJson({ automatic_channel_upgrade: 'stable' }, 3) },
    { name: 'Terraform v4 patch', path: 'main.tf.json', code: tfJson({ automatic_upgrade_channel: 'patch' }, 4) },
    { name: 'Terraform interpolation is unknown', path: 'main.tf.json', code: tfJson({ automatic_upgrade_channel: '${local.channel}' }, 4) },
    { name: 'plan rapid', path: 'plan.json', code: tfPlan({ automatic_upgrade_channel: 'rapid' }) },
  ],
  invalid: [
    {
      name: 'ARM export: autoUpgradeProfile null is unset (none), the fix replaces the null',
      path: 'azuredeploy.json',
      code: armTemplate([aks({ autoUpgradeProfile: null })]),
      errors: [{ messageId: 'missing', ...at(armTemplate([aks({ autoUpgradeProfile: null })]), '"properties"') }],
      output: armTemplate([aks({ autoUpgradeProfile: { upgradeChannel: 'stable' } })]),
    },
    {
      name: 'ARM absent: none by default, fix inserts stable',
      path: 'azuredeploy.json',
      code: armAbsent,
      errors: [{ messageId: 'missing', ...at(armAbsent, '"properties"'), severity: 'warning' }],
      output: armTemplate([aks({ dnsPrefix: 'aks', autoUpgradeProfile: { upgradeChannel: 'stable' } })]),
    },
    {
      name: 'ARM none',
      path: 'azuredeploy.json',
      code: armNone,
      errors: [{ messageId: 'none', ...at(armNone, '"none"') }],
      output: armTemplate([aks(profile({ upgradeChannel: 'stable', nodeOSUpgradeChannel: 'NodeImage' }))]),
    },
    {
      name: 'ARM node-image: Information, stable only as a suggestion',
      path: 'azuredeploy.json',
      code: armNodeImage,
      errors: [{ messageId: 'nodeImage', ...at(armNodeImage, '"node-image"'), severity: 'info', fixable: false }],
    },
    {
      name: 'ARM absent on an API version without autoUpgradeProfile: suggestion only',
      path: 'azuredeploy.json',
      code: armOld,
      errors: [{ messageId: 'missing', ...at(armOld, '"properties"'), fixable: false }],
    },
    {
      name: 'ARM parameter default "" (none): fix edits the default',
      path: 'azuredeploy.json',
      code: armParam(''),
      errors: [{ messageId: 'none', ...at(armParam(''), `"[parameters('upgradeChannel')]"`) }],
      output: armParam('stable'),
    },
    {
      name: 'Bicep-compiled, languageVersion 2.0: none',
      path: 'main.json',
      code: bicep('none'),
      errors: [{ messageId: 'none', ...at(bicep('none'), '"none"') }],
      output: bicep('stable'),
    },
    {
      name: 'nested deployment: the passed value is edited',
      path: 'nested.json',
      code: nested('none'),
      errors: [{ messageId: 'none', ...at(nested('none'), `"upgradeChannel": "[parameters('channel')]"`, `"[parameters('channel')]"`) }],
      output: nested('stable'),
    },
    {
      name: 'Terraform v3 none',
      path: 'main.tf.json',
      code: tf3None,
      errors: [{ messageId: 'none', ...at(tf3None, '"none"') }],
      output: tfJson({ automatic_channel_upgrade: 'stable' }, 3),
    },
    {
      name: 'Terraform v4 absent: fix writes automatic_upgrade_channel',
      path: 'main.tf.json',
      code: tf4Absent,
      errors: [{ messageId: 'missing', ...at(tf4Absent, '"main"') }],
      output: tfJson({ node_os_upgrade_channel: 'NodeImage', automatic_upgrade_channel: 'stable' }, 4),
    },
    {
      name: 'Terraform v3 absent: fix writes automatic_channel_upgrade',
      path: 'main.tf.json',
      code: tf3Absent,
      errors: [{ messageId: 'missing', ...at(tf3Absent, '"main"') }],
      output: tfJson({ node_os_channel_upgrade: 'NodeImage', automatic_channel_upgrade: 'stable' }, 3),
    },
    {
      name: 'Terraform var default none: fix edits the default',
      path: 'main.tf.json',
      code: tfVar('none'),
      errors: [{ messageId: 'none', ...at(tfVar('none'), '"${var.channel}"') }],
      output: tfVar('stable'),
    },
    {
      name: 'plan null in a child module: absent, no fix',
      path: 'plan.json',
      code: planNull,
      errors: [{ messageId: 'missing', ...at(planNull, '"values"'), fixable: false }],
    },
    {
      name: 'plan node-image',
      path: 'plan.json',
      code: tfPlan({ automatic_upgrade_channel: 'node-image' }),
      errors: [{ messageId: 'nodeImage', ...at(tfPlan({ automatic_upgrade_channel: 'node-image' }), '"node-image"'), severity: 'info', fixable: false }],
    },
  ],
});

describe('rule aks-cluster-auto-upgrade-channel: suggestions', () => {
  const suggestion = (code: string) => {
    const res = analyzeText('azuredeploy.json', code);
    const f = res.findings.find((x) => x.ruleId === 'aks-cluster-auto-upgrade-channel');
    assert.ok(f && !f.fix && f.suggestions?.length === 1);
    return applyTextEdits(code, editsForFix(res.file, f.suggestions[0]));
  };
  it('node-image → stable is offered, not preferred', () => {
    assert.equal(suggestion(armNodeImage), armTemplate([aks(profile({ upgradeChannel: 'stable' }))]));
  });
  it('old API versions: the channel comes with an apiVersion that has it', () => {
    assert.equal(suggestion(armOld), armTemplate([aks({ dnsPrefix: 'aks', autoUpgradeProfile: { upgradeChannel: 'stable' } }, { apiVersion: '2020-11-01' })]));
  });
});

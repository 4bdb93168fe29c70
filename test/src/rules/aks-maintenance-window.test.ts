import * as assert from 'node:assert/strict';
import { analyzeFile, modelsOf, parseFile } from '../../../server/out/engine';
import { ruleTester } from '../helpers/ruleTester';
import { aks, armTemplate, at, bicepTemplate, nestedTemplate, tfJson, tfPlan } from '../helpers/aksFixtures';

const MC = 'Microsoft.ContainerService/managedClusters/maintenanceConfigurations';
const window = { maintenanceWindow: { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Sunday' } }, durationHours: 4, startTime: '00:00' } };
const config = (name: string, extra: Record<string, unknown> = {}) => ({ type: MC, apiVersion: '2024-09-01', name, properties: window, ...extra });
const both = { upgradeChannel: 'stable', nodeOSUpgradeChannel: 'NodeImage' };
const cluster = (p: Record<string, unknown> = both, o: Parameters<typeof aks>[1] = {}) => aks({ autoUpgradeProfile: p }, o);

const armNone = armTemplate([cluster()]);
const armDefaultOnly = armTemplate([cluster(), config('aks-prod/default')]);
const armOther = armTemplate([cluster(), config('other/aksManagedAutoUpgradeSchedule'), config('aks-prod/aksManagedNodeOSUpgradeSchedule')]);
const armDefaultedOs = armTemplate([cluster({ upgradeChannel: 'patch' }), config('aks-prod/aksManagedAutoUpgradeSchedule')]);
const nestedMissing = nestedTemplate([cluster(both, { name: "[parameters('clusterName')]" }), config("[format('{0}/{1}', parameters('clusterName'), 'aksManagedNodeOSUpgradeSchedule')]")], { clusterName: { type: 'string' } }, {});
const tf4 = tfJson({ automatic_upgrade_channel: 'stable', maintenance_window_auto_upgrade: { frequency: 'Weekly', interval: 1, duration: 4, day_of_week: 'Sunday' } }, 4);
const tf3 = tfJson({ automatic_channel_upgrade: 'patch' }, 3);
const planEmpty = tfPlan({ automatic_upgrade_channel: 'rapid', node_os_upgrade_channel: 'SecurityPatch', maintenance_window_auto_upgrade: [], maintenance_window_node_os: [{ frequency: 'Weekly' }] });
// A v4 plan in a child module: null channel = none (no window needed), node OS NodeImage, the node OS window written as null.
const planModuleNull = tfPlan({ automatic_upgrade_channel: null, node_os_upgrade_channel: 'NodeImage', maintenance_window_auto_upgrade: [], maintenance_window_node_os: null }, { module: true });

ruleTester('aks-maintenance-window', {
  valid: [
    { name: 'ARM top-level configurations with literal names', path: 'azuredeploy.json', code: armTemplate([cluster(), config('aks-prod/aksManagedAutoUpgradeSchedule'), config('aks-prod/aksManagedNodeOSUpgradeSchedule')]) },
    { name: 'ARM configurations nested in the cluster', path: 'azuredeploy.json', code: armTemplate([cluster(both, { resources: [config('aksManagedAutoUpgradeSchedule', { type: 'maintenanceConfigurations' }), config('aksManagedNodeOSUpgradeSchedule', { type: 'maintenanceConfigurations' })] })]) },
    {
      name: 'Bicep-compiled: names built with format() from the same parameter as the cluster name',
      path: 'main.json',
      code: bicepTemplate({
        cluster: cluster(both, { name: "[parameters('clusterName')]" }),
        autoUpgrade: config("[format('{0}/{1}', parameters('clusterName'), 'aksManagedAutoUpgradeSchedule')]", { dependsOn: ['cluster'] }),
        nodeOs: config("[format('{0}/{1}', parameters('clusterName'), 'aksManagedNodeOSUpgradeSchedule')]", { dependsOn: ['cluster'] }),
      }, { parameters: { clusterName: { type: 'string' } } }),
    },
    { name: 'ARM concat() names and a parameter default', path: 'azuredeploy.json', code: armTemplate([cluster(both, { name: "[parameters('clusterName')]" }), config("[concat(parameters('clusterName'), '/aksManagedAutoUpgradeSchedule')]"), config("[concat(parameters('clusterName'), '/', 'aksManagedNodeOSUpgradeSchedule')]")], { parameters: { clusterName: { type: 'string', defaultValue: 'aks-prod' } } }) },
    { name: 'ARM configuration owned by an unresolvable expression is unknown', path: 'azuredeploy.json', code: armTemplate([cluster({ upgradeChannel: 'stable', nodeOSUpgradeChannel: 'None' }), config("[format('{0}/{1}', reference('x').clusterName, 'aksManagedAutoUpgradeSchedule')]")]) },
    { name: 'ARM channels none and None: no window needed', path: 'azuredeploy.json', code: armTemplate([cluster({ upgradeChannel: 'none', nodeOSUpgradeChannel: 'None' })]) },
    { name: 'ARM no channel on an old API version: nothing upgrades automatically', path: 'azuredeploy.json', code: armTemplate([aks({ dnsPrefix: 'aks' }, { apiVersion: '2022-09-01' })]) },
    { name: 'ARM unknown channels', path: 'azuredeploy.json', code: armTemplate([cluster({ upgradeChannel: "[parameters('up')]", nodeOSUpgradeChannel: "[parameters('os')]" })], { parameters: { up: { type: 'string' }, os: { type: 'string' } } }) },
    { name: 'nested deployment with its configuration in the same inner template', path: 'nested.json', code: nestedTemplate([cluster({ upgradeChannel: 'none', nodeOSUpgradeChannel: 'NodeImage' }, { name: "[parameters('clusterName')]" }), config("[format('{0}/{1}', parameters('clusterName'), 'aksManagedNodeOSUpgradeSchedule')]")], { clusterName: { type: 'string' } }, { clusterName: { value: "[variables('x')]" } }) },
    { name: 'Terraform v4 with both blocks', path: 'main.tf.json', code: tfJson({ automatic_upgrade_channel: 'stable', maintenance_window_auto_upgrade: { frequency: 'Weekly' }, maintenance_window_node_os: [{ frequency: 'Weekly' }] }, 4) },
    { name: 'Terraform v3 without channels (v3 has no node OS default)', path: 'main.tf.json', code: tfJson({ sku_tier: 'Standard' }, 3) },
    { name: 'Terraform dynamic block is unknown', path: 'main.tf.json', code: tfJson({ automatic_upgrade_channel: 'stable', node_os_upgrade_channel: 'None', dynamic: { maintenance_window_auto_upgrade: { for_each: '${var.windows}', content: {} } } }, 4) },
    { name: 'plan with both blocks', path: 'plan.json', code: tfPlan({ automatic_upgrade_channel: 'stable', node_os_upgrade_channel: 'NodeImage', maintenance_window_auto_upgrade: [{ frequency: 'Weekly' }], maintenance_window_node_os: [{ frequency: 'Daily' }] }) },
  ],
  invalid: [
    {
      name: 'ARM no configuration: one finding per channel, on the channel',
      path: 'azuredeploy.json',
      code: armNone,
      errors: [
        { messageId: 'autoUpgrade', ...at(armNone, '"stable"'), severity: 'info', fixable: false },
        { messageId: 'nodeOs', ...at(armNone, '"NodeImage"'), severity: 'info' },
      ],
    },
    {
      name: 'ARM the legacy "default" configuration does not count',
      path: 'azuredeploy.json',
      code: armDefaultOnly,
      errors: [{ messageId: 'autoUpgrade', ...at(armDefaultOnly, '"stable"') }, { messageId: 'nodeOs', ...at(armDefaultOnly, '"NodeImage"') }],
    },
    {
      name: 'ARM a configuration of another cluster does not count',
      path: 'azuredeploy.json',
      code: armOther,
      errors: [{ messageId: 'autoUpgrade', ...at(armOther, '"stable"') }],
    },
    {
      name: 'ARM node OS channel absent on API 2024-09-01 is NodeImage: reported on properties',
      path: 'azuredeploy.json',
      code: armDefaultedOs,
      errors: [{ messageId: 'nodeOs', ...at(armDefaultedOs, '"westeurope",\n      "properties"', '"properties"') }],
    },
    {
      name: 'nested deployment: the auto-upgrade schedule is missing',
      path: 'nested.json',
      code: nestedMissing,
      errors: [{ messageId: 'autoUpgrade', ...at(nestedMissing, '"stable"') }],
    },
    {
      name: 'Terraform v4: node OS channel defaults to NodeImage, block missing: on the resource name',
      path: 'main.tf.json',
      code: tf4,
      errors: [{ messageId: 'nodeOs', ...at(tf4, '"main"') }],
    },
    {
      name: 'Terraform v3 patch without maintenance_window_auto_upgrade',
      path: 'main.tf.json',
      code: tf3,
      errors: [{ messageId: 'autoUpgrade', ...at(tf3, '"patch"') }],
    },
    {
      name: 'plan: an empty block list is absent',
      path: 'plan.json',
      code: planEmpty,
      errors: [{ messageId: 'autoUpgrade', ...at(planEmpty, '"rapid"') }],
    },
    {
      name: 'plan in a child module: null cluster channel needs no window; the null node OS window is missing',
      path: 'plan.json',
      code: planModuleNull,
      errors: [{ messageId: 'nodeOs', ...at(planModuleNull, '"NodeImage"') }],
    },
  ],
});

describe('rule aks-maintenance-window: across files (CLI scan)', () => {
  const main = parseFile('main.json', armTemplate([cluster()]));
  const schedules = parseFile('maintenance.json', armTemplate([config('aks-prod/aksManagedAutoUpgradeSchedule'), config('aks-prod/aksManagedNodeOSUpgradeSchedule')]));
  const findings = (project?: { models: ReturnType<typeof modelsOf> }) =>
    analyzeFile(main, {}, project).findings.filter((f) => f.ruleId === 'aks-maintenance-window');

  it('finds the configurations in another scanned file', () => {
    assert.deepEqual(findings({ models: [...modelsOf(main), ...modelsOf(schedules)] }), []);
  });
  it('alone, says where it looked', () => {
    const f = findings();
    assert.equal(f.length, 2);
    assert.match(f[0].message, /no aksManagedAutoUpgradeSchedule maintenance configuration was found in this file/);
  });
  it('with other files, says it looked in the scanned files', () => {
    const other = parseFile('other.json', armTemplate([config('other/aksManagedAutoUpgradeSchedule')]));
    const f = findings({ models: [...modelsOf(main), ...modelsOf(other)] });
    assert.equal(f.length, 2);
    assert.match(f[1].message, /no aksManagedNodeOSUpgradeSchedule maintenance configuration was found in the scanned files/);
  });
});

import { armCluster, armTemplate, at, json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-disable-run-command';
const TF_NAME = { after: '"azurerm_kubernetes_cluster": {\n      ' };

const armAbsent = armTemplate([armCluster()]);
const armProfile = (p: Record<string, unknown>) => armTemplate([armCluster({ apiServerAccessProfile: p })]);
const bicepParam = (v: boolean) =>
  armTemplate([armCluster({ apiServerAccessProfile: { disableRunCommand: "[parameters('disableRunCommand')]" } })], {
    bicep: true,
    parameters: { disableRunCommand: { type: 'bool', defaultValue: v } },
  });
const lv2 = (p: Record<string, unknown>) => armTemplate([armCluster({ apiServerAccessProfile: p })], { languageVersion2: true });
const nested = (v: unknown) =>
  armTemplate([nestedDeployment(armTemplate([armCluster({ apiServerAccessProfile: { disableRunCommand: "[parameters('noRun')]" } })], { parameters: { noRun: { type: 'bool' } } }), { noRun: v })]);
const tfVar = (v: boolean) => tfCluster(4, { run_command_enabled: '${var.run_command}' }, { run_command: v });
const planTrue = tfPlan(planClusterValues());
const planNull = tfPlan(planClusterValues({ run_command_enabled: null }), { nested: true });

// apiVersion gate: apiServerAccessProfile.disableRunCommand from 2021-08-01 (first version checked).
const armAt = (apiVersion: string, props: Record<string, unknown> = {}) => armTemplate([armCluster(props, { apiVersion })]);
ruleTester(RULE, {
  valid: [
    { name: 'ARM: disableRunCommand true', path: 'main.json', code: json(armProfile({ disableRunCommand: true })) },
    { name: 'ARM: parameter default true', path: 'main.json', code: json(bicepParam(true)) },
    { name: 'ARM: unresolvable expression', path: 'main.json', code: json(armProfile({ disableRunCommand: "[not(parameters('allowRunCommand'))]" })) },
    { name: 'ARM nested: passed true', path: 'main.json', code: json(nested(true)) },
    { name: 'Terraform v3: run_command_enabled false', path: 'main.tf.json', code: json(tfCluster(3, { run_command_enabled: false })) },
    { name: 'Terraform: "false" string', path: 'main.tf.json', code: json(tfCluster(4, { run_command_enabled: 'false' })) },
    { name: 'Terraform: ${var.x} default false', path: 'main.tf.json', code: json(tfVar(false)) },
    { name: 'plan: run_command_enabled false', path: 'plan.json', code: json(tfPlan(planClusterValues({ run_command_enabled: false }))) },
  ],
  invalid: [
    {
      name: 'ARM API 2021-03-01 (before disableRunCommand): finding, no fix',
      path: 'main.json',
      code: json(armAt('2021-03-01')),
      errors: [{ messageId: 'missing', ...at(json(armAt('2021-03-01')), '"properties"'), severity: 'info', fixable: false }],
    },
    {
      name: 'ARM API 2021-08-01: fix',
      path: 'main.json',
      code: json(armAt('2021-08-01')),
      errors: [{ messageId: 'missing', ...at(json(armAt('2021-08-01')), '"properties"'), severity: 'info', fixable: true }],
      output: json(armAt('2021-08-01', { apiServerAccessProfile: { disableRunCommand: true } })),
    },
    {
      name: 'ARM API 2021-03-01, disableRunCommand written false: the value is edited',
      path: 'main.json',
      code: json(armAt('2021-03-01', { apiServerAccessProfile: { disableRunCommand: false } })),
      errors: [{ messageId: 'enabled', ...at(json(armAt('2021-03-01', { apiServerAccessProfile: { disableRunCommand: false } })), 'false'), fixable: true }],
      output: json(armAt('2021-03-01', { apiServerAccessProfile: { disableRunCommand: true } })),
    },
    {
      name: 'ARM: absent means enabled',
      path: 'main.json',
      code: json(armAbsent),
      errors: [{ messageId: 'missing', ...at(json(armAbsent), '"properties"'), severity: 'info', fixable: true }],
      output: json(armTemplate([armCluster({ apiServerAccessProfile: { disableRunCommand: true } })])),
    },
    {
      name: 'ARM: apiServerAccessProfile without the setting (reported on the profile)',
      path: 'main.json',
      code: json(armProfile({ enablePrivateCluster: true })),
      errors: [{ messageId: 'missing', ...at(json(armProfile({ enablePrivateCluster: true })), '"apiServerAccessProfile"') }],
      output: json(armProfile({ enablePrivateCluster: true, disableRunCommand: true })),
    },
    {
      name: 'ARM: explicit false',
      path: 'main.json',
      code: json(armProfile({ disableRunCommand: false })),
      errors: [{ messageId: 'enabled', ...at(json(armProfile({ disableRunCommand: false })), 'false', { after: '"disableRunCommand": ' }) }],
      output: json(armProfile({ disableRunCommand: true })),
    },
    {
      name: 'Bicep-compiled: parameter default false',
      path: 'main.json',
      code: json(bicepParam(false)),
      errors: [{ messageId: 'enabled', ...at(json(bicepParam(false)), `"[parameters('disableRunCommand')]"`) }],
      output: json(bicepParam(true)),
    },
    {
      name: 'languageVersion 2.0: absent',
      path: 'main.json',
      code: json(lv2({ enablePrivateCluster: true })),
      errors: [{ messageId: 'missing', ...at(json(lv2({ enablePrivateCluster: true })), '"apiServerAccessProfile"') }],
      output: json(lv2({ enablePrivateCluster: true, disableRunCommand: true })),
    },
    {
      name: 'nested deployment: false passed in properties.parameters',
      path: 'main.json',
      code: json(nested(false)),
      errors: [{ messageId: 'enabled', ...at(json(nested(false)), `"[parameters('noRun')]"`) }],
      output: json(nested(true)),
    },
    {
      name: 'Terraform v3: absent (default true)',
      path: 'main.tf.json',
      code: json(tfCluster(3)),
      errors: [{ messageId: 'missing', ...at(json(tfCluster(3)), '"aks"', TF_NAME) }],
      output: json(tfCluster(3, { run_command_enabled: false })),
    },
    {
      name: 'Terraform v4: run_command_enabled true (fix writes false)',
      path: 'main.tf.json',
      code: json(tfCluster(4, { run_command_enabled: true })),
      errors: [{ messageId: 'enabled', ...at(json(tfCluster(4, { run_command_enabled: true })), 'true', { after: '"run_command_enabled": ' }) }],
      output: json(tfCluster(4, { run_command_enabled: false })),
    },
    {
      name: 'Terraform: ${var.x} default true',
      path: 'main.tf.json',
      code: json(tfVar(true)),
      errors: [{ messageId: 'enabled', ...at(json(tfVar(true)), '"${var.run_command}"') }],
      output: json(tfVar(false)),
    },
    {
      name: 'plan: run_command_enabled true, no fix',
      path: 'plan.json',
      code: json(planTrue),
      errors: [{ messageId: 'enabled', ...at(json(planTrue), 'true', { after: '"run_command_enabled": ' }), fixable: false }],
    },
    {
      name: 'plan: child module, null means absent',
      path: 'plan.json',
      code: json(planNull),
      errors: [{ messageId: 'missing', ...at(json(planNull), '"values"'), fixable: false }],
    },
  ],
});

import { armCluster, armTemplate, at, json, Json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-kubernetes-rbac';

const arm = (props: Json = {}) => armTemplate([armCluster(props)]);
const bicepParam = (v: boolean) =>
  armTemplate([armCluster({ enableRBAC: "[parameters('enableRBAC')]" })], { bicep: true, parameters: { enableRBAC: { type: 'bool', defaultValue: v } } });
const lv2 = (v: unknown) => armTemplate([armCluster({ enableRBAC: v })], { languageVersion2: true });
const nested = (v: unknown) =>
  armTemplate([nestedDeployment(armTemplate([armCluster({ enableRBAC: "[parameters('rbac')]" })], { parameters: { rbac: { type: 'bool', defaultValue: true } } }), { rbac: v })]);
const tfVar = (v: boolean) => tfCluster(3, { role_based_access_control_enabled: '${var.rbac}' }, { rbac: v });
// azurerm < 2.99
const tf2 = (enabled: unknown) => tfCluster(3, { role_based_access_control: [{ enabled }] });
const plan = (v: unknown, nestedModule = false) => tfPlan(planClusterValues({ role_based_access_control_enabled: v }), { nested: nestedModule });

ruleTester(RULE, {
  valid: [
    { name: 'ARM: absent means enabled', path: 'main.json', code: json(arm()) },
    { name: 'ARM: true', path: 'main.json', code: json(arm({ enableRBAC: true })) },
    { name: 'Bicep-compiled: parameter default true', path: 'main.json', code: json(bicepParam(true)) },
    { name: 'ARM: parameter without default is unknown', path: 'main.json', code: json(armTemplate([armCluster({ enableRBAC: "[parameters('rbac')]" })], { parameters: { rbac: { type: 'bool' } } })) },
    { name: 'ARM: unresolvable expression', path: 'main.json', code: json(arm({ enableRBAC: "[not(parameters('legacy'))]" })) },
    { name: 'ARM nested: passed true', path: 'main.json', code: json(nested(true)) },
    { name: 'Terraform v4: absent (default true)', path: 'main.tf.json', code: json(tfCluster(4)) },
    { name: 'Terraform v3: ${var.x} default true', path: 'main.tf.json', code: json(tfVar(true)) },
    { name: 'azurerm 2.x: enabled true', path: 'main.tf.json', code: json(tf2(true)) },
    { name: 'plan: true', path: 'plan.json', code: json(plan(true)) },
    { name: 'plan: null means absent (default true)', path: 'plan.json', code: json(plan(null, true)) },
  ],
  invalid: [
    {
      name: 'ARM: false',
      path: 'main.json',
      code: json(arm({ enableRBAC: false })),
      errors: [{ messageId: 'disabled', ...at(json(arm({ enableRBAC: false })), 'false'), severity: 'error', fixable: true }],
      output: json(arm({ enableRBAC: true })),
    },
    {
      name: 'ARM: "false" string (Checkov fixture style)',
      path: 'main.json',
      code: json(arm({ enableRBAC: 'false' })),
      errors: [{ messageId: 'disabled', ...at(json(arm({ enableRBAC: 'false' })), '"false"') }],
      output: json(arm({ enableRBAC: true })),
    },
    {
      name: 'Bicep-compiled: parameter default false',
      path: 'main.json',
      code: json(bicepParam(false)),
      errors: [{ messageId: 'disabled', ...at(json(bicepParam(false)), `"[parameters('enableRBAC')]"`) }],
      output: json(bicepParam(true)),
    },
    { name: 'languageVersion 2.0: false', path: 'main.json', code: json(lv2(false)), errors: [{ messageId: 'disabled', ...at(json(lv2(false)), 'false') }], output: json(lv2(true)) },
    {
      name: 'nested deployment: false passed in properties.parameters',
      path: 'main.json',
      code: json(nested(false)),
      errors: [{ messageId: 'disabled', ...at(json(nested(false)), `"[parameters('rbac')]"`) }],
      output: json(nested(true)),
    },
    {
      name: 'Terraform v4: false',
      path: 'main.tf.json',
      code: json(tfCluster(4, { role_based_access_control_enabled: false })),
      errors: [{ messageId: 'disabled', ...at(json(tfCluster(4, { role_based_access_control_enabled: false })), 'false') }],
      output: json(tfCluster(4, { role_based_access_control_enabled: true })),
    },
    {
      name: 'Terraform v3: ${var.x} default false',
      path: 'main.tf.json',
      code: json(tfVar(false)),
      errors: [{ messageId: 'disabled', ...at(json(tfVar(false)), '"${var.rbac}"') }],
      output: json(tfVar(true)),
    },
    {
      name: 'azurerm 2.x: role_based_access_control { enabled = false }',
      path: 'main.tf.json',
      code: json(tf2(false)),
      errors: [{ messageId: 'disabled', ...at(json(tf2(false)), 'false') }],
      output: json(tf2(true)),
    },
    {
      name: 'plan in a child module: false, no fix',
      path: 'plan.json',
      code: json(plan(false, true)),
      errors: [{ messageId: 'disabled', ...at(json(plan(false, true)), 'false', { after: '"role_based_access_control_enabled": ' }), fixable: false }],
    },
  ],
});

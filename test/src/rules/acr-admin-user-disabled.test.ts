import { lines, ruleTester } from '../helpers/ruleTester';
import { armRegistry, armTemplate, at, json, nestedDeployment, param, planRegistryValues, tfConfig, tfPlan, tfRegistry } from '../helpers/acrFixtures';

const arm = (props: string) => lines('{', '  "resources": [', '    {"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "acr",', `     "properties": {${props}}}`, '  ]', '}');

// Every format, built with the shared fixtures (JSON.stringify(…, 2) texts).
const bicep = (v: boolean) => json(armTemplate([armRegistry({ adminUserEnabled: "[parameters('adminUserEnabled')]" })], { bicep: true, parameters: { adminUserEnabled: param(v) } }));
const lv2 = (v: boolean) => json(armTemplate([armRegistry({ adminUserEnabled: v })], { bicep: true, languageVersion2: true }));
const inner = armTemplate([armRegistry({ adminUserEnabled: "[parameters('acrAdminUserEnabled')]" })], { languageVersion2: true, parameters: { acrAdminUserEnabled: param(false) } });
/** The LZA shape: the module's default is false, the parent passes true. */
const nested = (v: boolean) => json(armTemplate([nestedDeployment(inner, { acrAdminUserEnabled: v })]));
const unresolvable = json(armTemplate([armRegistry({ adminUserEnabled: "[parameters('admin')]" })], { parameters: { admin: param(undefined, 'bool') } }));
const conditional = json(armTemplate([armRegistry({ adminUserEnabled: "[if(equals(parameters('env'), 'dev'), true(), false())]" })], { parameters: { env: param('dev') } }));
const tf = (major: 3 | 4, body: Record<string, unknown>, vars?: Record<string, unknown>) => json(tfConfig(major, { azurerm_container_registry: { acr: tfRegistry(body) } }, vars));
const planChild = (v: unknown) => json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', modules: ['platform', 'acr'], values: planRegistryValues({ admin_enabled: v }) }], '~> 3.0'));

ruleTester('acr-admin-user-disabled', {
  valid: [
    { name: 'ARM absent (default false)', path: 't.json', code: arm('') },
    { name: 'ARM false', path: 't.json', code: arm('"adminUserEnabled": false') },
    { name: 'Terraform false', path: 'main.tf.json', code: '{"resource": {"azurerm_container_registry": {"r": {"admin_enabled": false}}}}\n' },
    { name: 'plan null', path: 'plan.json', code: '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "azurerm_container_registry", "name": "r", "mode": "managed", "values": {"admin_enabled": null}}]}}}\n' },
    { name: 'Bicep-compiled parameter default false', path: 't.json', code: bicep(false) },
    { name: 'languageVersion 2.0 false', path: 't.json', code: lv2(false) },
    { name: 'nested deployment: module default false, nothing passed', path: 't.json', code: json(armTemplate([nestedDeployment(inner, {})])) },
    { name: 'ARM parameter without default is unknown', path: 't.json', code: unresolvable },
    { name: 'ARM if() is unknown', path: 't.json', code: conditional },
    { name: 'Terraform v3 absent (default false)', path: 'main.tf.json', code: tf(3, {}) },
    { name: 'Terraform v4 var default false', path: 'main.tf.json', code: tf(4, { admin_enabled: '${var.admin}' }, { admin: false }) },
    { name: 'Terraform interpolation beyond var.x is unknown', path: 'main.tf.json', code: tf(4, { admin_enabled: '${local.admin}' }) },
    { name: 'plan null in nested child modules', path: 'plan.json', code: planChild(null) },
  ],
  invalid: [
    {
      name: 'ARM true', path: 't.json', code: arm('"adminUserEnabled": true'),
      errors: [{ messageId: 'enabled', line: 4, column: 41, text: 'true', severity: 'error' }],
      output: arm('"adminUserEnabled": false'),
    },
    {
      name: 'ARM variable', path: 't.json',
      code: lines('{', '  "variables": {"admin": true},', '  "resources": [{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "acr", "properties": {"adminUserEnabled": "[variables(\'admin\')]"}}]', '}'),
      errors: [{ messageId: 'enabled', line: 3, column: 146, text: '"[variables(\'admin\')]"' }],
      output: lines('{', '  "variables": {"admin": false},', '  "resources": [{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "acr", "properties": {"adminUserEnabled": "[variables(\'admin\')]"}}]', '}'),
    },
    {
      name: 'Terraform true (array-of-objects block form)', path: 'main.tf.json',
      code: '{"resource": [{"azurerm_container_registry": [{"r": [{"admin_enabled": true}]}]}]}\n',
      errors: [{ messageId: 'enabled', line: 1, column: 72, text: 'true' }],
      output: '{"resource": [{"azurerm_container_registry": [{"r": [{"admin_enabled": false}]}]}]}\n',
    },
    {
      name: 'Bicep-compiled parameter default true: on the property, the fix edits the default', path: 't.json', code: bicep(true),
      errors: [{ messageId: 'enabled', ...at(bicep(true), `"[parameters('adminUserEnabled')]"`), severity: 'error' }],
      output: bicep(false),
    },
    { name: 'languageVersion 2.0 true', path: 't.json', code: lv2(true), errors: [{ messageId: 'enabled', ...at(lv2(true), 'true', { after: '"adminUserEnabled": ' }) }], output: lv2(false) },
    {
      name: 'nested deployment: the parent passes true, the fix edits the value passed', path: 't.json', code: nested(true),
      errors: [{ messageId: 'enabled', ...at(nested(true), `"[parameters('acrAdminUserEnabled')]"`) }],
      output: nested(false),
    },
    { name: 'Terraform v3 true', path: 'main.tf.json', code: tf(3, { admin_enabled: true }), errors: [{ messageId: 'enabled', ...at(tf(3, { admin_enabled: true }), 'true', { after: '"admin_enabled": ' }) }], output: tf(3, { admin_enabled: false }) },
    {
      name: 'Terraform v4 var default true: the fix edits the default', path: 'main.tf.json', code: tf(4, { admin_enabled: '${var.admin}' }, { admin: true }),
      errors: [{ messageId: 'enabled', ...at(tf(4, { admin_enabled: '${var.admin}' }, { admin: true }), '"${var.admin}"') }],
      output: tf(4, { admin_enabled: '${var.admin}' }, { admin: false }),
    },
    { name: 'plan true in nested child modules: no fix', path: 'plan.json', code: planChild(true), errors: [{ messageId: 'enabled', ...at(planChild(true), 'true', { after: '"admin_enabled": ' }), fixable: false }] },
    {
      name: 'plan true: no fix', path: 'plan.json',
      code: '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "azurerm_container_registry", "name": "r", "mode": "managed", "values": {"admin_enabled": true}}]}}}\n',
      errors: [{ messageId: 'enabled', line: 1, column: 175, text: 'true', fixable: false }],
    },
  ],
});

import { lines, ruleTester } from '../helpers/ruleTester';

const arm = (props: string) => lines('{', '  "resources": [', '    {"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "acr",', `     "properties": {${props}}}`, '  ]', '}');

ruleTester('acr-admin-user-disabled', {
  valid: [
    { name: 'ARM absent (default false)', path: 't.json', code: arm('') },
    { name: 'ARM false', path: 't.json', code: arm('"adminUserEnabled": false') },
    { name: 'Terraform false', path: 'main.tf.json', code: '{"resource": {"azurerm_container_registry": {"r": {"admin_enabled": false}}}}\n' },
    { name: 'plan null', path: 'plan.json', code: '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "azurerm_container_registry", "name": "r", "mode": "managed", "values": {"admin_enabled": null}}]}}}\n' },
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
      name: 'plan true: no fix', path: 'plan.json',
      code: '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "azurerm_container_registry", "name": "r", "mode": "managed", "values": {"admin_enabled": true}}]}}}\n',
      errors: [{ messageId: 'enabled', line: 1, column: 175, text: 'true', fixable: false }],
    },
  ],
});

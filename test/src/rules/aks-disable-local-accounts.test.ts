import { lines, ruleTester } from '../helpers/ruleTester';

const arm = (props: string, params = '') => lines(
  '{',
  '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
  `  "parameters": {${params}},`,
  '  "resources": [',
  '    {',
  '      "type": "Microsoft.ContainerService/managedClusters",',
  '      "apiVersion": "2024-09-01",',
  '      "name": "aks",',
  `      "properties": {${props}}`,
  '    }',
  '  ]',
  '}');

ruleTester('aks-disable-local-accounts', {
  valid: [
    { name: 'ARM true', path: 't.json', code: arm('"disableLocalAccounts": true') },
    { name: 'ARM parameter default true', path: 't.json', code: arm('"disableLocalAccounts": "[parameters(\'dla\')]"', '"dla": {"type": "bool", "defaultValue": true}') },
    { name: 'ARM unresolvable expression is unknown', path: 't.json', code: arm('"disableLocalAccounts": "[if(equals(1, 1), false, true)]"') },
    { name: 'ARM parameter without default is unknown', path: 't.json', code: arm('"disableLocalAccounts": "[parameters(\'dla\')]"', '"dla": {"type": "bool"}') },
    { name: 'Terraform true', path: 'main.tf.json', code: '{"resource": {"azurerm_kubernetes_cluster": {"c": {"local_account_disabled": true}}}}\n' },
    { name: 'Terraform interpolation is unknown', path: 'main.tf.json', code: '{"resource": {"azurerm_kubernetes_cluster": {"c": {"local_account_disabled": "${local.x}"}}}}\n' },
    { name: 'plan true', path: 'plan.json', code: '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "azurerm_kubernetes_cluster.c", "mode": "managed", "type": "azurerm_kubernetes_cluster", "name": "c", "values": {"local_account_disabled": true}}]}}}\n' },
  ],
  invalid: [
    {
      name: 'ARM absent: reported on properties, fix inserts',
      path: 't.json',
      code: arm('"dnsPrefix": "aks"'),
      errors: [{ messageId: 'missing', line: 9, column: 7, text: '"properties"', severity: 'warning' }],
      output: arm('"dnsPrefix": "aks"').replace('"properties": {"dnsPrefix": "aks"}', '"properties": {\n        "dnsPrefix": "aks",\n        "disableLocalAccounts": true\n      }'),
    },
    {
      name: 'ARM parameter default false: message names it, fix edits the default',
      path: 't.json',
      code: arm('"disableLocalAccounts": "[parameters(\'dla\')]"', '"dla": {"type": "bool", "defaultValue": false}'),
      errors: [{ messageId: 'enabled', line: 9, column: 46, text: '"[parameters(\'dla\')]"' }],
      output: arm('"disableLocalAccounts": "[parameters(\'dla\')]"', '"dla": {"type": "bool", "defaultValue": true}'),
    },
    {
      name: 'ARM languageVersion 2.0 (symbolic names), Bicep-compiled',
      path: 'main.json',
      code: lines('{', '  "languageVersion": "2.0",', '  "metadata": {"_generator": {"name": "bicep"}},', '  "resources": {', '    "aks": {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "c", "properties": {"disableLocalAccounts": false}}', '  }', '}'),
      errors: [{ messageId: 'enabled', line: 5, column: 147, text: 'false' }],
      output: lines('{', '  "languageVersion": "2.0",', '  "metadata": {"_generator": {"name": "bicep"}},', '  "resources": {', '    "aks": {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "c", "properties": {"disableLocalAccounts": true}}', '  }', '}'),
    },
    {
      name: 'ARM nested deployment with inner scope and passed parameter',
      path: 'nested.json',
      code: lines(
        '{', '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",', '  "resources": [{',
        '    "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",',
        '    "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental", "parameters": {"dla": {"value": false}},',
        '      "template": {"parameters": {"dla": {"type": "bool", "defaultValue": true}}, "resources": [',
        '        {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "c", "properties": {"disableLocalAccounts": "[parameters(\'dla\')]"}}',
        '      ]}}', '  }]', '}'),
      errors: [{ messageId: 'enabled', line: 7, column: 144, text: '"[parameters(\'dla\')]"' }],
      output: lines(
        '{', '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",', '  "resources": [{',
        '    "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",',
        '    "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental", "parameters": {"dla": {"value": true}},',
        '      "template": {"parameters": {"dla": {"type": "bool", "defaultValue": true}}, "resources": [',
        '        {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01", "name": "c", "properties": {"disableLocalAccounts": "[parameters(\'dla\')]"}}',
        '      ]}}', '  }]', '}'),
    },
    {
      name: 'Terraform absent (azurerm v3): reported on the resource name',
      path: 'main.tf.json',
      code: lines('{', '  "terraform": {"required_providers": {"azurerm": {"version": "~> 3.0"}}},', '  "resource": {"azurerm_kubernetes_cluster": {', '    "main": {', '      "name": "c"', '    }', '  }}', '}'),
      errors: [{ messageId: 'missing', line: 4, column: 5, text: '"main"' }],
      output: lines('{', '  "terraform": {"required_providers": {"azurerm": {"version": "~> 3.0"}}},', '  "resource": {"azurerm_kubernetes_cluster": {', '    "main": {', '      "name": "c",', '      "local_account_disabled": true', '    }', '  }}', '}'),
    },
    {
      name: 'Terraform var default false: the fix edits the variable default',
      path: 'main.tf.json',
      code: lines('{', '  "variable": {"dla": {"default": false}},', '  "resource": {"azurerm_kubernetes_cluster": {"main": {"local_account_disabled": "${var.dla}"}}}', '}'),
      errors: [{ messageId: 'enabled', line: 3, column: 82, text: '"${var.dla}"' }],
      output: lines('{', '  "variable": {"dla": {"default": true}},', '  "resource": {"azurerm_kubernetes_cluster": {"main": {"local_account_disabled": "${var.dla}"}}}', '}'),
    },
    {
      name: 'plan null means absent, in a child module; no fix',
      path: 'plan.json',
      code: '{"format_version": "1.2", "planned_values": {"root_module": {"child_modules": [{"address": "module.m", "child_modules": [{"address": "module.m.module.n", "resources": [{"address": "module.m.module.n.azurerm_kubernetes_cluster.c", "mode": "managed", "type": "azurerm_kubernetes_cluster", "name": "c", "values": {"local_account_disabled": null}}]}]}]}}}\n',
      errors: [{ messageId: 'missing', line: 1, column: 301, text: '"values"', fixable: false }],
    },
  ],
});

import { lines, ruleTester } from '../helpers/ruleTester';

const arm = (props: string, apiVersion = '2024-09-01') => lines(
  '{',
  '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
  '  "resources": [',
  `    {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "${apiVersion}", "name": "aks",`,
  `     "properties": {${props}}}`,
  '  ]',
  '}');
const tf = (body: string, version = '~> 4.0') => lines('{', `  "terraform": {"required_providers": {"azurerm": {"version": "${version}"}}},`, '  "resource": {"azurerm_kubernetes_cluster": {"main": {', `    ${body}`, '  }}}', '}');

ruleTester('aks-api-authorized-ip-ranges', {
  valid: [
    { name: 'ARM private cluster needs no ranges', path: 't.json', code: arm('"apiServerAccessProfile": {"enablePrivateCluster": true}') },
    { name: 'ARM authorized ranges', path: 't.json', code: arm('"apiServerAccessProfile": {"authorizedIPRanges": ["203.0.113.0/24"]}') },
    { name: 'ARM legacy API property (2019-06-01)', path: 't.json', code: arm('"apiServerAuthorizedIPRanges": ["203.0.113.0/24"]', '2019-06-01') },
    { name: 'ARM private flag unknown', path: 't.json', code: arm('"apiServerAccessProfile": {"enablePrivateCluster": "[equals(1, 1)]"}') },
    { name: 'ARM ranges unknown', path: 't.json', code: arm('"apiServerAccessProfile": {"authorizedIPRanges": "[split(\'a,b\', \',\')]"}') },
    { name: 'Terraform v4 private', path: 'main.tf.json', code: tf('"private_cluster_enabled": true') },
    { name: 'Terraform v4 access profile', path: 'main.tf.json', code: tf('"api_server_access_profile": {"authorized_ip_ranges": ["203.0.113.0/24"]}') },
    { name: 'Terraform v3 top-level ranges', path: 'main.tf.json', code: tf('"api_server_authorized_ip_ranges": ["203.0.113.0/24"]', '~> 3.0') },
    { name: 'plan with ranges', path: 'plan.json', code: '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "azurerm_kubernetes_cluster", "name": "c", "mode": "managed", "values": {"private_cluster_enabled": false, "api_server_access_profile": [{"authorized_ip_ranges": ["203.0.113.0/24"]}]}}]}}}\n' },
  ],
  invalid: [
    {
      name: 'ARM public, no ranges: fix enables the private cluster',
      path: 't.json',
      code: arm('"dnsPrefix": "aks"'),
      errors: [{ messageId: 'missing', line: 5, column: 6, text: '"properties"', severity: 'error', fixable: true }],
      // jsonc-parser re-formats the object it edits (the line of "properties" and its closing braces).
      output: arm('"dnsPrefix": "aks"').replace('     "properties": {"dnsPrefix": "aks"}}', '    "properties": {\n      "dnsPrefix": "aks",\n      "apiServerAccessProfile": {\n        "enablePrivateCluster": true\n      }\n    }\n  }'),
    },
    {
      name: 'ARM empty list',
      path: 't.json',
      code: arm('"apiServerAccessProfile": {"enablePrivateCluster": false, "authorizedIPRanges": []}'),
      errors: [{ messageId: 'empty', line: 5, column: 101, text: '[]' }],
      output: arm('"apiServerAccessProfile": {"enablePrivateCluster": true, "authorizedIPRanges": []}'),
    },
    {
      name: 'Terraform v3, no ranges',
      path: 'main.tf.json',
      code: tf('"name": "c"', '~> 3.0'),
      errors: [{ messageId: 'missing', line: 3, column: 47, text: '"main"' }],
      output: tf('"name": "c",\n    "private_cluster_enabled": true', '~> 3.0'),
    },
    {
      name: 'plan: empty access profile block, no fix',
      path: 'plan.json',
      code: '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "azurerm_kubernetes_cluster", "name": "c", "mode": "managed", "values": {"private_cluster_enabled": false, "api_server_access_profile": []}}]}}}\n',
      errors: [{ messageId: 'missing', line: 1, column: 147, text: '"values"', fixable: false }],
    },
  ],
});

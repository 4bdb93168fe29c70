import { ruleTester } from '../helpers/ruleTester';
import { armCluster, armPricing, armTemplate, at, json, nestedDeployment, param, tfCluster, tfConfig, tfPlan } from '../helpers/acrFixtures';

const servers = (tier: string) => armPricing('VirtualMachines', { pricingTier: tier, subPlan: 'P2' });
const vm = { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-07-01', name: 'jumpbox', location: '[resourceGroup().location]', properties: {} };
const withCluster = (pricing: Record<string, unknown>, extra: Record<string, unknown>[] = [], opts = {}) =>
  json(armTemplate([armCluster(), ...extra, nestedDeployment(armTemplate([pricing], { subscription: true }), {}, 'defender')], opts));
const byParam = (v: string) => json(armTemplate([armCluster(), armPricing('VirtualMachines', { pricingTier: "[parameters('serversTier')]" })], { bicep: true, parameters: { serversTier: param(v) } }));
const tf = (major: 3 | 4, pricing: Record<string, unknown>, extra: Record<string, Record<string, Record<string, unknown>>> = {}, vars?: Record<string, unknown>) =>
  json(tfConfig(major, { azurerm_kubernetes_cluster: { aks: tfCluster() }, azurerm_security_center_subscription_pricing: { servers: pricing }, ...extra }, vars));
const planOf = (pricing: Record<string, unknown>, extra: { type: string; name: string; values: Record<string, unknown> }[] = []) =>
  json(tfPlan([{ type: 'azurerm_kubernetes_cluster', name: 'aks', modules: ['aks'], values: { name: 'aks', dns_prefix: 'aks' } }, ...extra, { type: 'azurerm_security_center_subscription_pricing', name: 'servers', values: { subplan: null, extension: [], ...pricing } }]));

const armStandard = withCluster(servers('Standard'));
const lv2 = withCluster(servers('Standard'), [], { languageVersion2: true, bicep: true });

ruleTester('sub-defender-servers-cost', {
  valid: [
    { name: 'ARM with a virtual machine in the template', path: 't.json', code: withCluster(servers('Standard'), [vm]) },
    { name: 'ARM Free tier', path: 't.json', code: withCluster(servers('Free')) },
    { name: 'ARM no cluster', path: 't.json', code: json(armTemplate([servers('Standard')], { subscription: true })) },
    { name: 'ARM tier unknown (the default is an expression)', path: 't.json', code: byParam("[if(true(), 'Standard', 'Free')]") },
    { name: 'ARM parameter default Free', path: 't.json', code: byParam('Free') },
    { name: 'Terraform v4 with a scale set', path: 'main.tf.json', code: tf(4, { tier: 'Standard' }, { azurerm_linux_virtual_machine_scale_set: { agents: { name: 'agents' } } }) },
    { name: 'Terraform v3 Containers plan', path: 'main.tf.json', code: tf(3, { tier: 'Standard', resource_type: 'Containers' }) },
    { name: 'plan with a virtual machine', path: 'plan.json', code: planOf({ tier: 'Standard', resource_type: 'VirtualMachines' }, [{ type: 'azurerm_linux_virtual_machine', name: 'jumpbox', values: { name: 'jumpbox' } }]) },
  ],
  invalid: [
    { name: 'ARM cluster and Defender for Servers Standard (subscription-scope nested deployment)', path: 't.json', code: armStandard, errors: [{ messageId: 'servers', ...at(armStandard, '"Standard"'), severity: 'hint', fixable: false }] },
    { name: 'Bicep-compiled parameter default Standard', path: 't.json', code: byParam('Standard'), errors: [{ messageId: 'servers', ...at(byParam('Standard'), `"[parameters('serversTier')]"`) }] },
    { name: 'languageVersion 2.0', path: 't.json', code: lv2, errors: [{ messageId: 'servers', ...at(lv2, '"Standard"') }] },
    { name: 'Terraform v4 pricing without resource_type (VirtualMachines)', path: 'main.tf.json', code: tf(4, { tier: 'Standard' }), errors: [{ messageId: 'servers', ...at(tf(4, { tier: 'Standard' }), '"Standard"') }] },
    {
      name: 'Terraform v3 var default Standard', path: 'main.tf.json', code: tf(3, { tier: '${var.tier}', resource_type: 'VirtualMachines' }, {}, { tier: 'Standard' }),
      errors: [{ messageId: 'servers', ...at(tf(3, { tier: '${var.tier}', resource_type: 'VirtualMachines' }, {}, { tier: 'Standard' }), '"${var.tier}"') }],
    },
    { name: 'plan, null resource_type (VirtualMachines), cluster in a child module', path: 'plan.json', code: planOf({ tier: 'Standard', resource_type: null }), errors: [{ messageId: 'servers', ...at(planOf({ tier: 'Standard', resource_type: null }), '"Standard"') }] },
  ],
});

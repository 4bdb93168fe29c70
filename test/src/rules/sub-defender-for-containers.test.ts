import { ruleTester } from '../helpers/ruleTester';
import { armCluster, armPricing, armRegistry, armTemplate, at, json, nestedDeployment, param, planRegistryValues, tfCluster, tfConfig, tfPlan, tfRegistry } from '../helpers/acrFixtures';

const containers = (tier: string, apiVersion?: string) => armPricing('Containers', { pricingTier: tier }, apiVersion);
const sub = (resources: Record<string, unknown>[], opts = {}) => json(armTemplate(resources, { subscription: true, ...opts }));
const rg = (resources: Record<string, unknown>[], opts = {}) => json(armTemplate(resources, opts));
const bicep = (v: string) => sub([armPricing('Containers', { pricingTier: "[parameters('tier')]" })], { bicep: true, parameters: { tier: param(v) } });
const inner = armTemplate([armPricing("[parameters('plan')]", { pricingTier: "[parameters('tier')]" })], { subscription: true, parameters: { plan: param(), tier: param() } });
const nestedSub = (tier: string) => sub([nestedDeployment(inner, { plan: 'Containers', tier }, 'defender')]);
const withCluster = (pricing: Record<string, unknown>) => rg([armCluster(), nestedDeployment(armTemplate([pricing], { subscription: true }), {}, 'defender')]);
const tfPricing = (body: Record<string, unknown>) => ({ tier: 'Standard', ...body });
const tf = (major: 3 | 4, resources: Record<string, Record<string, Record<string, unknown>>>, vars?: Record<string, unknown>) => json(tfConfig(major, resources, vars));
const planPricing = (values: Record<string, unknown>, modules?: string[]) => ({ type: 'azurerm_security_center_subscription_pricing', name: 'containers', modules, values: { tier: 'Standard', resource_type: 'Containers', subplan: null, extension: [], ...values } });
const planCluster = { type: 'azurerm_kubernetes_cluster', name: 'aks', values: { name: 'aks', location: 'westeurope', dns_prefix: 'aks' } };

const clusterOnly = rg([armCluster()]);
const clusterAndRegistry = rg([armRegistry(), armCluster()]);
const registryOnly = rg([armRegistry()], { bicep: true, languageVersion2: true });
const clusterAndServers = withCluster(armPricing('VirtualMachines', { pricingTier: 'Standard' }));
const tfServersDefault = tf(4, { azurerm_kubernetes_cluster: { aks: tfCluster() }, azurerm_security_center_subscription_pricing: { servers: tfPricing({}) } });
const planClusterOnly = json(tfPlan([planCluster]));

ruleTester('sub-defender-for-containers', {
  valid: [
    { name: 'ARM subscription template, Containers Standard', path: 't.json', code: sub([containers('Standard')]) },
    { name: 'ARM cluster with Containers Standard deployed at subscription scope', path: 't.json', code: withCluster(containers('Standard')) },
    { name: 'ARM cluster with a pricing whose name is unknown', path: 't.json', code: withCluster(armPricing("[parameters('plan')]", { pricingTier: 'Standard' })) },
    { name: 'ARM cluster with a deprecated plan (sub-defender-legacy-plans reports it)', path: 't.json', code: withCluster(armPricing('KubernetesService', { pricingTier: 'Standard' })) },
    { name: 'ARM tier unknown', path: 't.json', code: sub([containers("[if(parameters('prod'), 'Standard', 'Free')]")], { parameters: { prod: param(true) } }) },
    { name: 'ARM neither cluster nor registry', path: 't.json', code: rg([{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'st', kind: 'StorageV2', sku: { name: 'Standard_LRS' } }]) },
    { name: 'Bicep-compiled parameter default Standard', path: 't.json', code: bicep('Standard') },
    { name: 'nested deployment passing Standard', path: 't.json', code: nestedSub('Standard') },
    { name: 'Terraform v4 cluster with Containers Standard', path: 'main.tf.json', code: tf(4, { azurerm_kubernetes_cluster: { aks: tfCluster() }, azurerm_security_center_subscription_pricing: { containers: tfPricing({ resource_type: 'Containers' }) } }) },
    { name: 'Terraform v3 registry with Containers from a var default', path: 'main.tf.json', code: tf(3, { azurerm_container_registry: { acr: tfRegistry() }, azurerm_security_center_subscription_pricing: { containers: tfPricing({ resource_type: '${var.plan}' }) } }, { plan: 'Containers' }) },
    { name: 'plan cluster with Containers Standard in a child module', path: 'plan.json', code: json(tfPlan([planCluster, planPricing({}, ['security'])])) },
  ],
  invalid: [
    {
      name: 'ARM Containers Free', path: 't.json', code: sub([containers('Free')]),
      errors: [{ messageId: 'free', ...at(sub([containers('Free')]), '"Free"'), severity: 'warning', fixable: true }],
      output: sub([containers('Standard')]),
    },
    {
      name: 'Bicep-compiled parameter default Free: the fix edits the default', path: 't.json', code: bicep('Free'),
      errors: [{ messageId: 'free', ...at(bicep('Free'), `"[parameters('tier')]"`) }],
      output: bicep('Standard'),
    },
    {
      name: 'languageVersion 2.0 subscription template, lower-case free', path: 't.json', code: sub([containers('free')], { languageVersion2: true }),
      errors: [{ messageId: 'free', ...at(sub([containers('free')], { languageVersion2: true }), '"free"') }],
      output: sub([containers('Standard')], { languageVersion2: true }),
    },
    {
      name: 'nested deployment: plan and tier passed by the parent', path: 't.json', code: nestedSub('Free'),
      errors: [{ messageId: 'free', ...at(nestedSub('Free'), `"[parameters('tier')]"`) }],
      output: nestedSub('Standard'),
    },
    {
      name: 'ARM cluster without pricing: Information on the cluster', path: 't.json', code: clusterOnly,
      errors: [{ messageId: 'notFound', ...at(clusterOnly, '"properties"'), severity: 'info', fixable: false }],
    },
    {
      name: 'ARM registry and cluster: reported once, on the cluster', path: 't.json', code: clusterAndRegistry,
      errors: [{ messageId: 'notFound', ...at(clusterAndRegistry, '"properties"', { nth: 1 }) }],
    },
    { name: 'ARM languageVersion 2.0 registry only', path: 't.json', code: registryOnly, errors: [{ messageId: 'notFound', ...at(registryOnly, '"properties"') }] },
    { name: 'ARM cluster with only the servers plan', path: 't.json', code: clusterAndServers, errors: [{ messageId: 'notFound', ...at(clusterAndServers, '"properties"') }] },
    {
      name: 'Terraform v3 Containers Free', path: 'main.tf.json', code: tf(3, { azurerm_security_center_subscription_pricing: { containers: { tier: 'Free', resource_type: 'Containers' } } }),
      errors: [{ messageId: 'free', ...at(tf(3, { azurerm_security_center_subscription_pricing: { containers: { tier: 'Free', resource_type: 'Containers' } } }), '"Free"') }],
      output: tf(3, { azurerm_security_center_subscription_pricing: { containers: { tier: 'Standard', resource_type: 'Containers' } } }),
    },
    {
      name: 'Terraform v4 var default Free', path: 'main.tf.json', code: tf(4, { azurerm_security_center_subscription_pricing: { containers: { tier: '${var.tier}', resource_type: 'Containers' } } }, { tier: 'Free' }),
      errors: [{ messageId: 'free', ...at(tf(4, { azurerm_security_center_subscription_pricing: { containers: { tier: '${var.tier}', resource_type: 'Containers' } } }, { tier: 'Free' }), '"${var.tier}"') }],
      output: tf(4, { azurerm_security_center_subscription_pricing: { containers: { tier: '${var.tier}', resource_type: 'Containers' } } }, { tier: 'Standard' }),
    },
    {
      name: 'Terraform pricing without resource_type is VirtualMachines: the cluster has no Containers plan', path: 'main.tf.json', code: tfServersDefault,
      errors: [{ messageId: 'notFound', ...at(tfServersDefault, '"aks"') }],
    },
    {
      name: 'plan Containers Free in a child module: no fix', path: 'plan.json', code: json(tfPlan([planPricing({ tier: 'Free' }, ['security'])], '~> 3.0')),
      errors: [{ messageId: 'free', ...at(json(tfPlan([planPricing({ tier: 'Free' }, ['security'])], '~> 3.0')), '"Free"'), fixable: false }],
    },
    {
      name: 'plan cluster without pricing: on values', path: 'plan.json', code: planClusterOnly,
      errors: [{ messageId: 'notFound', ...at(planClusterOnly, '"values"') }],
    },
    {
      name: 'plan registry with a null resource_type pricing (VirtualMachines)', path: 'plan.json',
      code: json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', values: planRegistryValues() }, planPricing({ resource_type: null })])),
      errors: [{ messageId: 'notFound', ...at(json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', values: planRegistryValues() }, planPricing({ resource_type: null })])), '"values"') }],
    },
  ],
});

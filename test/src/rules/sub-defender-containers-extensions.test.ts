import * as assert from 'node:assert/strict';
import { fixAll, ruleTester } from '../helpers/ruleTester';
import { armPricing, armTemplate, at, json, nestedDeployment, param, tfConfig, tfPlan } from '../helpers/acrFixtures';

const VA = 'ContainerRegistriesVulnerabilityAssessments';
const va = (isEnabled: unknown = 'True') => ({ name: VA, isEnabled });
const sensor = { name: 'ContainerSensor', isEnabled: 'True' };
const sub = (resources: Record<string, unknown>[], opts = {}) => json(armTemplate(resources, { subscription: true, ...opts }));
const containers = (props: Record<string, unknown>, apiVersion?: string) => armPricing('Containers', { pricingTier: 'Standard', ...props }, apiVersion);

const absent = sub([containers({})]);
const absentFixed = sub([containers({ extensions: [va()] })]);
const without = sub([containers({ extensions: [sensor] })], { bicep: true });
const withoutFixed = sub([containers({ extensions: [sensor, va()] })], { bicep: true });
const disabled = sub([containers({ extensions: [sensor, va('False')] })], { languageVersion2: true });
const disabledFixed = sub([containers({ extensions: [sensor, va('True')] })], { languageVersion2: true });
const oldApi = sub([containers({}, '2018-06-01')]);
const byParam = (list: unknown[]) => sub([containers({ extensions: "[parameters('extensions')]" })], { bicep: true, parameters: { extensions: { type: 'array', defaultValue: list } } });
const inner = armTemplate([containers({ extensions: [{ name: VA, isEnabled: "[parameters('scan')]" }] })], { subscription: true, parameters: { scan: param() } });
const nested = (v: string) => sub([nestedDeployment(inner, { scan: v }, 'defender')]);

const tf = (major: 3 | 4, body: Record<string, unknown>) => json(tfConfig(major, { azurerm_security_center_subscription_pricing: { containers: { tier: 'Standard', resource_type: 'Containers', ...body } } }));
const tfSingle = tf(4, { extension: { name: 'ContainerSensor' } });
const plan = (extension: unknown[]) => json(tfPlan([{ type: 'azurerm_security_center_subscription_pricing', name: 'containers', modules: ['defender'], values: { tier: 'Standard', resource_type: 'Containers', subplan: null, extension } }]));

ruleTester('sub-defender-containers-extensions', {
  valid: [
    { name: 'ARM enabled', path: 't.json', code: sub([containers({ extensions: [sensor, va()] })]) },
    { name: 'ARM Free tier: reported by sub-defender-for-containers only', path: 't.json', code: sub([armPricing('Containers', { pricingTier: 'Free' })]) },
    { name: 'ARM another plan', path: 't.json', code: sub([armPricing('VirtualMachines', { pricingTier: 'Standard', subPlan: 'P2' })]) },
    { name: 'ARM extension list unknown', path: 't.json', code: sub([containers({ extensions: "[variables('ext')]" })], { variables: { ext: "[if(true(), createArray(), createArray())]" } }) },
    { name: 'ARM an element whose name is unknown', path: 't.json', code: sub([containers({ extensions: [{ name: "[parameters('n')]", isEnabled: 'True' }] })], { parameters: { n: param() } }) },
    { name: 'ARM isEnabled unknown', path: 't.json', code: sub([containers({ extensions: [va("[parameters('on')]")] })], { parameters: { on: param() } }) },
    { name: 'ARM list from a parameter default', path: 't.json', code: byParam([sensor, va()]) },
    { name: 'nested deployment passing True', path: 't.json', code: nested('True') },
    { name: 'Terraform v4 extension block', path: 'main.tf.json', code: tf(4, { extension: { name: VA } }) },
    { name: 'Terraform v3 extension blocks as an array', path: 'main.tf.json', code: tf(3, { extension: [{ name: 'ContainerSensor' }, { name: VA }] }) },
    { name: 'plan extension listed', path: 'plan.json', code: plan([{ name: VA, additional_extension_properties: null }]) },
    {
      name: 'Terraform v4 extension name from a var default', path: 'main.tf.json',
      code: json(tfConfig(4, { azurerm_security_center_subscription_pricing: { containers: { tier: 'Standard', resource_type: 'Containers', extension: { name: '${var.scan_extension}' } } } }, { scan_extension: VA })),
    },
    {
      name: 'Terraform v3 extension name from a var without default is unknown', path: 'main.tf.json',
      code: json({ ...tfConfig(3, { azurerm_security_center_subscription_pricing: { containers: { tier: 'Standard', resource_type: 'Containers', extension: [{ name: '${var.ext}' }] } } }), variable: { ext: { type: 'string' } } }),
    },
    { name: 'plan Free tier in a child module, no extension: sub-defender-for-containers reports it', path: 'plan.json', code: json(tfPlan([{ type: 'azurerm_security_center_subscription_pricing', name: 'containers', modules: ['defender'], values: { tier: 'Free', resource_type: 'Containers', subplan: null, extension: [] } }])) },
  ],
  invalid: [
    {
      name: 'ARM no extensions: on properties, list created', path: 't.json', code: absent,
      errors: [{ messageId: 'missing', ...at(absent, '"properties"'), severity: 'info', fixable: true }],
      output: absentFixed,
    },
    {
      name: 'Bicep-compiled, extension not listed: on extensions, appended', path: 't.json', code: without,
      errors: [{ messageId: 'missing', ...at(without, '"extensions"') }],
      output: withoutFixed,
    },
    {
      name: 'languageVersion 2.0, isEnabled "False"', path: 't.json', code: disabled,
      errors: [{ messageId: 'disabled', ...at(disabled, '"False"') }],
      output: disabledFixed,
    },
    {
      name: 'ARM API version older than 2023-01-01: on apiVersion, no fix', path: 't.json', code: oldApi,
      errors: [{ messageId: 'oldApi', ...at(oldApi, '"2018-06-01"'), fixable: false }],
    },
    {
      name: 'ARM list from a parameter default: the fix appends to the default', path: 't.json', code: byParam([sensor]),
      errors: [{ messageId: 'missing', ...at(byParam([sensor]), '"extensions"', { after: '"pricingTier": "Standard",\n        ' }) }],
      output: byParam([sensor, va()]),
    },
    {
      name: 'nested deployment: isEnabled passed by the parent', path: 't.json', code: nested('False'),
      errors: [{ messageId: 'disabled', ...at(nested('False'), `"[parameters('scan')]"`) }],
      output: nested('True'),
    },
    {
      name: 'Terraform v3 no extension: on the resource name, block added', path: 'main.tf.json', code: tf(3, {}),
      errors: [{ messageId: 'missing', ...at(tf(3, {}), '"containers"') }],
      output: tf(3, { extension: [{ name: VA }] }),
    },
    {
      name: 'Terraform v4 one block written as an object (fix checked below)', path: 'main.tf.json', code: tfSingle,
      errors: [{ messageId: 'missing', ...at(tfSingle, '"extension"'), fixable: true }],
    },
    {
      name: 'Terraform v4 blocks as an array: appended', path: 'main.tf.json', code: tf(4, { extension: [{ name: 'ContainerSensor' }] }),
      errors: [{ messageId: 'missing', ...at(tf(4, { extension: [{ name: 'ContainerSensor' }] }), '"extension"') }],
      output: tf(4, { extension: [{ name: 'ContainerSensor' }, { name: VA }] }),
    },
    {
      name: 'plan without the extension in a child module: no fix', path: 'plan.json', code: plan([{ name: 'ContainerSensor', additional_extension_properties: null }]),
      errors: [{ messageId: 'missing', ...at(plan([{ name: 'ContainerSensor', additional_extension_properties: null }]), '"extension"'), fixable: false }],
    },
  ],
});

describe('rule sub-defender-containers-extensions: a single Terraform block written as an object', () => {
  it('becomes an array of both blocks (layout is the fix layer\'s business)', () => {
    const out = fixAll('sub-defender-containers-extensions', 'main.tf.json', tfSingle);
    assert.deepEqual(JSON.parse(out), JSON.parse(tf(4, { extension: [{ name: 'ContainerSensor' }, { name: VA }] })));
  });
});

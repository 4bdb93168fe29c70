import { ruleTester } from '../helpers/ruleTester';
import { armRegistry, armTemplate, at, json, nestedDeployment, param, planRegistryValues, tfConfig, tfPlan, tfRegistry } from '../helpers/acrFixtures';

const withSku = (sku: unknown, opts = {}) => json(armTemplate([armRegistry(undefined, { sku })], opts));
const bicep = (v: string) => json(armTemplate([armRegistry(undefined, { sku: { name: "[parameters('acrSku')]" } })], { bicep: true, parameters: { acrSku: param(v) } }));
const noSku = (() => { const r = armRegistry(); delete r.sku; return json(armTemplate([r])); })();
const noSkuFixed = (() => { const r = armRegistry(); delete r.sku; r.sku = { name: 'Premium' }; return json(armTemplate([r])); })();
const inner = armTemplate([armRegistry(undefined, { sku: { name: "[parameters('sku')]" } })], { parameters: { sku: param() } });
const nested = (v: string) => json(armTemplate([nestedDeployment(inner, { sku: v })]));
const tf = (major: 3 | 4, sku: string, vars?: Record<string, unknown>) => json(tfConfig(major, { azurerm_container_registry: { acr: tfRegistry({ sku }) } }, vars));
const plan = (sku: unknown) => json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', modules: ['platform'], values: planRegistryValues({ sku }) }]));

ruleTester('acr-premium-sku', {
  valid: [
    { name: 'ARM Premium', path: 't.json', code: withSku({ name: 'Premium' }) },
    { name: 'ARM premium (case-insensitive)', path: 't.json', code: withSku({ name: 'premium' }) },
    { name: 'ARM unresolvable expression', path: 't.json', code: withSku({ name: "[if(parameters('prod'), 'Premium', 'Basic')]" }, { parameters: { prod: param(true) } }) },
    { name: 'ARM empty parameter default is a placeholder (conditional registry)', path: 't.json', code: bicep('') },
    { name: 'Bicep-compiled parameter default Premium', path: 't.json', code: bicep('Premium') },
    { name: 'nested deployment passing Premium', path: 't.json', code: nested('Premium') },
    { name: 'Terraform v4 Premium', path: 'main.tf.json', code: tf(4, 'Premium') },
    { name: 'Terraform interpolation is unknown', path: 'main.tf.json', code: tf(4, '${local.sku}') },
    { name: 'plan Premium', path: 'plan.json', code: plan('Premium') },
  ],
  invalid: [
    {
      name: 'ARM Basic', path: 't.json', code: withSku({ name: 'Basic' }),
      errors: [{ messageId: 'sku', ...at(withSku({ name: 'Basic' }), '"Basic"'), severity: 'warning', fixable: true }],
      output: withSku({ name: 'Premium' }),
    },
    {
      name: 'ARM languageVersion 2.0 Standard', path: 't.json', code: withSku({ name: 'Standard' }, { languageVersion2: true }),
      errors: [{ messageId: 'sku', ...at(withSku({ name: 'Standard' }, { languageVersion2: true }), '"Standard"') }],
      output: withSku({ name: 'Premium' }, { languageVersion2: true }),
    },
    {
      name: 'ARM without sku: reported on properties, sku created', path: 't.json', code: noSku,
      errors: [{ messageId: 'missing', ...at(noSku, '"properties"') }],
      output: noSkuFixed,
    },
    {
      name: 'Bicep-compiled parameter default Standard: the fix edits the default', path: 't.json', code: bicep('Standard'),
      errors: [{ messageId: 'sku', ...at(bicep('Standard'), `"[parameters('acrSku')]"`) }],
      output: bicep('Premium'),
    },
    {
      name: 'nested deployment: value passed by the parent', path: 't.json', code: nested('Basic'),
      errors: [{ messageId: 'sku', ...at(nested('Basic'), `"[parameters('sku')]"`) }],
      output: nested('Premium'),
    },
    {
      name: 'Terraform v3 Basic', path: 'main.tf.json', code: tf(3, 'Basic'),
      errors: [{ messageId: 'sku', ...at(tf(3, 'Basic'), '"Basic"') }],
      output: tf(3, 'Premium'),
    },
    {
      name: 'Terraform v4 var default Standard', path: 'main.tf.json', code: tf(4, '${var.acr_sku}', { acr_sku: 'Standard' }),
      errors: [{ messageId: 'sku', ...at(tf(4, '${var.acr_sku}', { acr_sku: 'Standard' }), '"${var.acr_sku}"') }],
      output: tf(4, '${var.acr_sku}', { acr_sku: 'Premium' }),
    },
    {
      name: 'plan Standard in a child module: no fix', path: 'plan.json', code: plan('Standard'),
      errors: [{ messageId: 'sku', ...at(plan('Standard'), '"Standard"'), fixable: false }],
    },
  ],
});

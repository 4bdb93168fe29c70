import { ruleTester } from '../helpers/ruleTester';
import { armRegistry, armTemplate, at, json, nestedDeployment, param, planRegistryValues, tfConfig, tfPlan, tfRegistry } from '../helpers/acrFixtures';

const ID = 'acr-export-disabled';
const arm = (props: Record<string, unknown>, opts = {}, extra = {}) => json(armTemplate([armRegistry(props, extra)], opts));
const priv = { publicNetworkAccess: 'Disabled' };
const bicep = (v: string) => arm({ ...priv, policies: { exportPolicy: { status: "[parameters('exportStatus')]" } } }, { bicep: true, parameters: { exportStatus: param(v) } });
const inner = armTemplate([armRegistry({ publicNetworkAccess: "[parameters('pna')]", policies: { exportPolicy: { status: "[parameters('export')]" } } })], { parameters: { pna: param(), export: param() } });
const nested = (v: string) => json(armTemplate([nestedDeployment(inner, { pna: 'Disabled', export: v })]));
const tf = (major: 3 | 4, body: Record<string, unknown>, vars?: Record<string, unknown>) => json(tfConfig(major, { azurerm_container_registry: { acr: tfRegistry(body) } }, vars));
const plan = (values: Record<string, unknown>) => json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', modules: ['acr'], values: planRegistryValues(values) }]));
const standard = arm(priv, {}, { sku: { name: 'Standard' } });
const emptySku = arm(priv, { parameters: { sku: param('') } }, { sku: { name: "[parameters('sku')]" } });

// apiVersion gate: policies.exportPolicy from 2021-09-01 (GA).
const armAt = (apiVersion: string, props: Record<string, unknown>) => arm(props, {}, { apiVersion });
ruleTester(ID, {
  valid: [
    { name: 'ARM disabled', path: 't.json', code: arm({ ...priv, policies: { exportPolicy: { status: 'disabled' } } }) },
    { name: 'ARM public access enabled: not checked (the service rejects a disabled export policy then)', path: 't.json', code: arm({ policies: { exportPolicy: { status: 'enabled' } } }) },
    { name: 'ARM public access absent (Enabled): not checked', path: 't.json', code: arm({ adminUserEnabled: false }) },
    { name: 'ARM unresolvable export policy', path: 't.json', code: arm({ ...priv, policies: { exportPolicy: "[if(parameters('p'), createObject('status', 'disabled'), null())]" } }, { parameters: { p: param(true) } }) },
    { name: 'Bicep-compiled parameter default disabled', path: 't.json', code: bicep('disabled') },
    { name: 'nested deployment passing disabled', path: 't.json', code: nested('disabled') },
    { name: 'Terraform v4 false', path: 'main.tf.json', code: tf(4, { public_network_access_enabled: false, export_policy_enabled: false }) },
    { name: 'Terraform public access default (true): not checked', path: 'main.tf.json', code: tf(3, { export_policy_enabled: true }) },
    { name: 'plan false', path: 'plan.json', code: plan({ public_network_access_enabled: false, export_policy_enabled: false }) },
    { name: 'Standard SKU: the export policy exists on Premium only (acr-premium-sku reports the SKU)', path: 't.json', code: standard },
    { name: 'Terraform v3 Basic SKU, export absent: not checked', path: 'main.tf.json', code: tf(3, { sku: 'Basic', public_network_access_enabled: false }) },
    { name: 'plan Standard SKU, export true: not checked', path: 'plan.json', code: plan({ sku: 'Standard', public_network_access_enabled: false }) },
  ],
  invalid: [
    {
      name: 'ARM API 2019-05-01 (before exportPolicy): finding, no fix', path: 't.json', code: armAt('2019-05-01', priv),
      errors: [{ messageId: 'missing', ...at(armAt('2019-05-01', priv), '"properties"'), severity: 'info', fixable: false }],
    },
    {
      name: 'ARM API 2019-12-01-preview (a preview without exportPolicy): finding, no fix', path: 't.json', code: armAt('2019-12-01-preview', priv),
      errors: [{ messageId: 'missing', ...at(armAt('2019-12-01-preview', priv), '"properties"'), severity: 'info', fixable: false }],
    },
    {
      name: 'ARM API 2021-09-01: fix', path: 't.json', code: armAt('2021-09-01', priv),
      errors: [{ messageId: 'missing', ...at(armAt('2021-09-01', priv), '"properties"'), severity: 'info', fixable: true }],
      output: armAt('2021-09-01', { ...priv, policies: { exportPolicy: { status: 'disabled' } } }),
    },
    {
      name: 'ARM absent on a private registry', path: 't.json', code: arm(priv),
      errors: [{ messageId: 'missing', ...at(arm(priv), '"properties"'), severity: 'info', fixable: true }],
      output: arm({ ...priv, policies: { exportPolicy: { status: 'disabled' } } }),
    },
    {
      name: 'ARM enabled, languageVersion 2.0', path: 't.json', code: arm({ ...priv, policies: { exportPolicy: { status: 'enabled' } } }, { languageVersion2: true, bicep: true }),
      errors: [{ messageId: 'enabled', ...at(arm({ ...priv, policies: { exportPolicy: { status: 'enabled' } } }, { languageVersion2: true, bicep: true }), '"enabled"') }],
      output: arm({ ...priv, policies: { exportPolicy: { status: 'disabled' } } }, { languageVersion2: true, bicep: true }),
    },
    {
      name: 'Bicep-compiled parameter default enabled: the fix edits the default', path: 't.json', code: bicep('enabled'),
      errors: [{ messageId: 'enabled', ...at(bicep('enabled'), `"[parameters('exportStatus')]"`) }],
      output: bicep('disabled'),
    },
    {
      name: 'nested deployment: values passed by the parent', path: 't.json', code: nested('enabled'),
      errors: [{ messageId: 'enabled', ...at(nested('enabled'), `"[parameters('export')]"`) }],
      output: nested('disabled'),
    },
    {
      name: 'SKU from an empty parameter default (a placeholder) is unknown: still checked', path: 't.json', code: emptySku,
      errors: [{ messageId: 'missing', ...at(emptySku, '"properties"') }],
      output: arm({ ...priv, policies: { exportPolicy: { status: 'disabled' } } }, { parameters: { sku: param('') } }, { sku: { name: "[parameters('sku')]" } }),
    },
    {
      name: 'Terraform v3 absent (default true) on a private registry', path: 'main.tf.json', code: tf(3, { public_network_access_enabled: false }),
      errors: [{ messageId: 'missing', ...at(tf(3, { public_network_access_enabled: false }), '"acr"') }],
      output: tf(3, { public_network_access_enabled: false, export_policy_enabled: false }),
    },
    {
      name: 'Terraform v4 var default true', path: 'main.tf.json', code: tf(4, { public_network_access_enabled: false, export_policy_enabled: '${var.export}' }, { export: true }),
      errors: [{ messageId: 'enabled', ...at(tf(4, { public_network_access_enabled: false, export_policy_enabled: '${var.export}' }, { export: true }), '"${var.export}"') }],
      output: tf(4, { public_network_access_enabled: false, export_policy_enabled: '${var.export}' }, { export: false }),
    },
    {
      name: 'plan true in a child module: no fix', path: 'plan.json', code: plan({ public_network_access_enabled: false }),
      errors: [{ messageId: 'enabled', ...at(plan({ public_network_access_enabled: false }), 'true', { after: '"export_policy_enabled": ' }), fixable: false }],
    },
  ],
});

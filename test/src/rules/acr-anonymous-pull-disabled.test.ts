import { ruleTester } from '../helpers/ruleTester';
import { armRegistry, armTemplate, at, json, nestedDeployment, param, planRegistryValues, tfConfig, tfPlan, tfRegistry } from '../helpers/acrFixtures';

const arm = (props: Record<string, unknown>, opts = {}) => json(armTemplate([armRegistry(props)], opts));
const bicep = (v: unknown) => arm({ anonymousPullEnabled: "[parameters('anonymousPull')]" }, { bicep: true, parameters: { anonymousPull: param(v) } });
const inner = armTemplate([armRegistry({ anonymousPullEnabled: "[parameters('anonymous')]" })], { parameters: { anonymous: param(undefined, 'bool') } });
const nested = (v: unknown) => json(armTemplate([nestedDeployment(inner, { anonymous: v })]));
const tf = (major: 3 | 4, body: Record<string, unknown>, vars?: Record<string, unknown>) => json(tfConfig(major, { azurerm_container_registry: { acr: tfRegistry(body) } }, vars));
const plan = (v: unknown) => json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', modules: ['acr'], values: planRegistryValues({ anonymous_pull_enabled: v }) }]));

ruleTester('acr-anonymous-pull-disabled', {
  valid: [
    { name: 'ARM absent (default false)', path: 't.json', code: arm({ adminUserEnabled: false }) },
    { name: 'ARM false', path: 't.json', code: arm({ anonymousPullEnabled: false }) },
    { name: 'ARM unresolvable expression', path: 't.json', code: arm({ anonymousPullEnabled: "[equals(parameters('env'), 'dev')]" }, { parameters: { env: param('dev') } }) },
    { name: 'Bicep-compiled parameter default false', path: 't.json', code: bicep(false) },
    { name: 'nested deployment passing false', path: 't.json', code: nested(false) },
    { name: 'Terraform v4 absent', path: 'main.tf.json', code: tf(4, {}) },
    { name: 'Terraform v3 false', path: 'main.tf.json', code: tf(3, { anonymous_pull_enabled: false }) },
    { name: 'plan null', path: 'plan.json', code: plan(null) },
  ],
  invalid: [
    {
      name: 'ARM true', path: 't.json', code: arm({ anonymousPullEnabled: true }),
      errors: [{ messageId: 'enabled', ...at(arm({ anonymousPullEnabled: true }), 'true'), severity: 'error', fixable: true }],
      output: arm({ anonymousPullEnabled: false }),
    },
    {
      name: 'ARM languageVersion 2.0 true', path: 't.json', code: arm({ anonymousPullEnabled: true }, { languageVersion2: true, bicep: true }),
      errors: [{ messageId: 'enabled', ...at(arm({ anonymousPullEnabled: true }, { languageVersion2: true, bicep: true }), 'true') }],
      output: arm({ anonymousPullEnabled: false }, { languageVersion2: true, bicep: true }),
    },
    {
      name: 'Bicep-compiled parameter default true: the fix edits the default', path: 't.json', code: bicep(true),
      errors: [{ messageId: 'enabled', ...at(bicep(true), `"[parameters('anonymousPull')]"`) }],
      output: bicep(false),
    },
    {
      name: 'nested deployment: value passed by the parent', path: 't.json', code: nested(true),
      errors: [{ messageId: 'enabled', ...at(nested(true), `"[parameters('anonymous')]"`) }],
      output: nested(false),
    },
    {
      name: 'Terraform v3 true', path: 'main.tf.json', code: tf(3, { anonymous_pull_enabled: true }),
      errors: [{ messageId: 'enabled', ...at(tf(3, { anonymous_pull_enabled: true }), 'true') }],
      output: tf(3, { anonymous_pull_enabled: false }),
    },
    {
      name: 'Terraform v4 var default true', path: 'main.tf.json', code: tf(4, { anonymous_pull_enabled: '${var.anonymous}' }, { anonymous: true }),
      errors: [{ messageId: 'enabled', ...at(tf(4, { anonymous_pull_enabled: '${var.anonymous}' }, { anonymous: true }), '"${var.anonymous}"') }],
      output: tf(4, { anonymous_pull_enabled: '${var.anonymous}' }, { anonymous: false }),
    },
    {
      name: 'plan true in a child module: no fix', path: 'plan.json', code: plan(true),
      errors: [{ messageId: 'enabled', ...at(plan(true), 'true', { after: '"anonymous_pull_enabled": ' }), fixable: false }],
    },
  ],
});

import * as assert from 'node:assert/strict';
import { analyzeText, applyTextEdits, editsForFix } from '../../../server/out/engine';
import { ruleTester } from '../helpers/ruleTester';
import { armRegistry, armTemplate, at, json, nestedDeployment, param, planRegistryValues, tfConfig, tfPlan, tfRegistry } from '../helpers/acrFixtures';

const ID = 'acr-quarantine';
const arm = (props: Record<string, unknown>, opts = {}) => json(armTemplate([armRegistry(props)], opts));
const bicep = (v: string) => arm({ policies: { quarantinePolicy: { status: "[parameters('quarantine')]" } } }, { bicep: true, parameters: { quarantine: param(v) } });
const inner = armTemplate([armRegistry({ policies: { quarantinePolicy: { status: "[parameters('q')]" } } })], { parameters: { q: param() } });
const nested = (v: string) => json(armTemplate([nestedDeployment(inner, { q: v })]));
const tf = (major: 3 | 4, body: Record<string, unknown>, vars?: Record<string, unknown>) => json(tfConfig(major, { azurerm_container_registry: { acr: tfRegistry(body) } }, vars));
const plan = (v: unknown) => json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', modules: ['acr'], values: planRegistryValues({ quarantine_policy_enabled: v }) }]));

/** The text after applying the finding's only suggestion. */
function suggested(path: string, code: string): string {
  const res = analyzeText(path, code);
  const f = res.findings.find((x) => x.ruleId === ID);
  assert.ok(f && !f.fix && f.suggestions?.length === 1, 'one suggestion, no preferred fix');
  return applyTextEdits(code, editsForFix(res.file, f.suggestions![0]));
}

ruleTester(ID, {
  valid: [
    { name: 'ARM enabled', path: 't.json', code: arm({ policies: { quarantinePolicy: { status: 'enabled' } } }) },
    { name: 'ARM unresolvable', path: 't.json', code: arm({ policies: { quarantinePolicy: "[if(parameters('p'), createObject('status', 'enabled'), null())]" } }, { parameters: { p: param(true) } }) },
    { name: 'Bicep-compiled parameter default enabled', path: 't.json', code: bicep('enabled') },
    { name: 'nested deployment passing enabled', path: 't.json', code: nested('enabled') },
    { name: 'Terraform v4 true', path: 'main.tf.json', code: tf(4, { quarantine_policy_enabled: true }) },
    { name: 'plan true', path: 'plan.json', code: plan(true) },
    { name: 'ARM Basic SKU: quarantine exists on Premium only (acr-premium-sku reports the SKU)', path: 't.json', code: json(armTemplate([armRegistry({ adminUserEnabled: false }, { sku: { name: 'Basic' } })])) },
    { name: 'ARM Standard SKU from a parameter default, disabled: not checked', path: 't.json', code: json(armTemplate([armRegistry({ policies: { quarantinePolicy: { status: 'disabled' } } }, { sku: { name: "[parameters('sku')]" } })], { parameters: { sku: param('Standard') } })) },
    { name: 'Terraform v3 Standard SKU, false: not checked', path: 'main.tf.json', code: tf(3, { sku: 'Standard', quarantine_policy_enabled: false }) },
    { name: 'plan Basic SKU, null: not checked', path: 'plan.json', code: json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', values: planRegistryValues({ sku: 'Basic' }) }])) },
  ],
  invalid: [
    { name: 'ARM absent', path: 't.json', code: arm({ adminUserEnabled: false }), errors: [{ messageId: 'missing', ...at(arm({ adminUserEnabled: false }), '"properties"'), severity: 'hint', fixable: false }] },
    {
      name: 'ARM disabled, languageVersion 2.0', path: 't.json', code: arm({ policies: { quarantinePolicy: { status: 'disabled' } } }, { languageVersion2: true, bicep: true }),
      errors: [{ messageId: 'disabled', ...at(arm({ policies: { quarantinePolicy: { status: 'disabled' } } }, { languageVersion2: true, bicep: true }), '"disabled"') }],
    },
    { name: 'Bicep-compiled parameter default disabled', path: 't.json', code: bicep('disabled'), errors: [{ messageId: 'disabled', ...at(bicep('disabled'), `"[parameters('quarantine')]"`) }] },
    { name: 'nested deployment: value passed by the parent', path: 't.json', code: nested('disabled'), errors: [{ messageId: 'disabled', ...at(nested('disabled'), `"[parameters('q')]"`) }] },
    { name: 'Terraform v3 absent', path: 'main.tf.json', code: tf(3, {}), errors: [{ messageId: 'missing', ...at(tf(3, {}), '"acr"') }] },
    { name: 'Terraform v4 var default false', path: 'main.tf.json', code: tf(4, { quarantine_policy_enabled: '${var.q}' }, { q: false }), errors: [{ messageId: 'disabled', ...at(tf(4, { quarantine_policy_enabled: '${var.q}' }, { q: false }), '"${var.q}"') }] },
    { name: 'plan null in a child module', path: 'plan.json', code: plan(null), errors: [{ messageId: 'missing', ...at(plan(null), '"values"'), fixable: false }] },
  ],
});

describe(`rule ${ID} suggestion (enabling blocks pulls until a scanner releases images: never the preferred fix)`, () => {
  it('ARM absent: creates policies.quarantinePolicy', () => {
    assert.equal(suggested('t.json', arm({ adminUserEnabled: false })), arm({ adminUserEnabled: false, policies: { quarantinePolicy: { status: 'enabled' } } }));
  });
  it('ARM parameter default', () => assert.equal(suggested('t.json', bicep('disabled')), bicep('enabled')));
  it('Terraform absent', () => assert.equal(suggested('main.tf.json', tf(3, {})), tf(3, { quarantine_policy_enabled: true })));
  it('Terraform var default', () => assert.equal(suggested('main.tf.json', tf(4, { quarantine_policy_enabled: '${var.q}' }, { q: false })), tf(4, { quarantine_policy_enabled: '${var.q}' }, { q: true })));
  it('plan: nothing to apply', () => {
    const f = analyzeText('plan.json', plan(false)).findings.find((x) => x.ruleId === ID);
    assert.ok(f && !f.fix && !f.suggestions?.length);
  });
});

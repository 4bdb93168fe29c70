import * as assert from 'node:assert/strict';
import { analyzeText, applyTextEdits, editsForFix } from '../../../server/out/engine';
import { ruleTester } from '../helpers/ruleTester';
import { armPricing, armTemplate, at, json, nestedDeployment, param, tfConfig, tfPlan } from '../helpers/acrFixtures';

const ID = 'sub-defender-legacy-plans';
const std = { pricingTier: 'Standard' };
const sub = (resources: Record<string, unknown>[], opts = {}) => json(armTemplate(resources, { subscription: true, ...opts }));
const k8s = sub([armPricing('KubernetesService', std, '2018-06-01')]);
const lv2 = (name: string) => sub([armPricing(name, std)], { bicep: true, languageVersion2: true });
const byParam = (v: string) => sub([armPricing("[parameters('plan')]", std)], { parameters: { plan: param(v) } });
const inner = armTemplate([armPricing("[parameters('plan')]", std)], { subscription: true, parameters: { plan: param() } });
const nested = (v: string) => sub([nestedDeployment(inner, { plan: v }, 'defender')]);
const both = (first: string) => sub([armPricing(first, std), armPricing('ContainerRegistry', std)]);
const withContainers = sub([armPricing('KubernetesService', { pricingTier: 'Free' }), armPricing('Containers', std)]);
const tf = (major: 3 | 4, type: string, vars?: Record<string, unknown>) => json(tfConfig(major, { azurerm_security_center_subscription_pricing: { k8s: { tier: 'Standard', resource_type: type } } }, vars));
const plan = (type: unknown) => json(tfPlan([{ type: 'azurerm_security_center_subscription_pricing', name: 'acr', modules: ['defender'], values: { tier: 'Standard', resource_type: type, subplan: null, extension: [] } }]));

ruleTester(ID, {
  valid: [
    { name: 'ARM Containers', path: 't.json', code: sub([armPricing('Containers', std)]) },
    { name: 'ARM unknown name', path: 't.json', code: sub([armPricing("[parameters('plan')]", std)], { parameters: { plan: param() } }) },
    { name: 'ARM other plans', path: 't.json', code: sub([armPricing('KeyVaults', std), armPricing('VirtualMachines', std)]) },
    { name: 'Terraform v4 Containers', path: 'main.tf.json', code: tf(4, 'Containers') },
    { name: 'Terraform v3 resource_type absent (VirtualMachines)', path: 'main.tf.json', code: json(tfConfig(3, { azurerm_security_center_subscription_pricing: { vm: { tier: 'Standard' } } })) },
    { name: 'plan Containers', path: 'plan.json', code: plan('Containers') },
  ],
  invalid: [
    {
      name: 'ARM KubernetesService (Checkov fixture shape)', path: 't.json', code: k8s,
      errors: [{ messageId: 'legacy', ...at(k8s, '"KubernetesService"'), severity: 'warning', fixable: true }],
      output: sub([armPricing('Containers', std, '2018-06-01')]),
    },
    {
      name: 'languageVersion 2.0 ContainerRegistry', path: 't.json', code: lv2('ContainerRegistry'),
      errors: [{ messageId: 'legacy', ...at(lv2('ContainerRegistry'), '"ContainerRegistry"') }],
      output: lv2('Containers'),
    },
    {
      name: 'ARM name from a parameter default: the fix edits the default', path: 't.json', code: byParam('KubernetesService'),
      errors: [{ messageId: 'legacy', ...at(byParam('KubernetesService'), `"[parameters('plan')]"`) }],
      output: byParam('Containers'),
    },
    {
      name: 'nested deployment: name passed by the parent', path: 't.json', code: nested('ContainerRegistry'),
      errors: [{ messageId: 'legacy', ...at(nested('ContainerRegistry'), `"[parameters('plan')]"`) }],
      output: nested('Containers'),
    },
    {
      name: 'two deprecated plans: only the first is renamed', path: 't.json', code: both('KubernetesService'),
      errors: [
        { messageId: 'legacy', ...at(both('KubernetesService'), '"KubernetesService"'), fixable: true },
        { messageId: 'legacy', ...at(both('KubernetesService'), '"ContainerRegistry"'), fixable: false },
      ],
      output: both('Containers'),
    },
    {
      name: 'Containers already declared: no rename', path: 't.json', code: withContainers,
      errors: [{ messageId: 'legacy', ...at(withContainers, '"KubernetesService"'), fixable: false }],
    },
    {
      name: 'Terraform v3 KubernetesService', path: 'main.tf.json', code: tf(3, 'KubernetesService'),
      errors: [{ messageId: 'legacy', ...at(tf(3, 'KubernetesService'), '"KubernetesService"') }],
      output: tf(3, 'Containers'),
    },
    {
      name: 'Terraform v4 var default ContainerRegistry', path: 'main.tf.json', code: tf(4, '${var.plan}', { plan: 'ContainerRegistry' }),
      errors: [{ messageId: 'legacy', ...at(tf(4, '${var.plan}', { plan: 'ContainerRegistry' }), '"${var.plan}"') }],
      output: tf(4, '${var.plan}', { plan: 'Containers' }),
    },
    {
      name: 'plan ContainerRegistry in a child module: no fix', path: 'plan.json', code: plan('ContainerRegistry'),
      errors: [{ messageId: 'legacy', ...at(plan('ContainerRegistry'), '"ContainerRegistry"'), fixable: false }],
    },
  ],
});

describe(`rule ${ID} suggestion`, () => {
  it('removes the deprecated pricing when Containers is declared', () => {
    const res = analyzeText('t.json', withContainers);
    const f = res.findings.find((x) => x.ruleId === ID);
    assert.ok(f && f.suggestions?.length === 1);
    assert.deepEqual(JSON.parse(applyTextEdits(withContainers, editsForFix(res.file, f.suggestions![0]))), JSON.parse(sub([armPricing('Containers', std)])));
  });
});

import { armCluster, armTemplate, at, json, Json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-pod-identity-deprecated';

const arm = (props: Json = {}, extra: Json = {}) => armTemplate([armCluster(props, extra)]);
const podIdentity = (enabled: unknown) => ({ podIdentityProfile: { enabled, userAssignedIdentities: [], userAssignedIdentityExceptions: [] } });
const bicepParam = (v: boolean) =>
  armTemplate([armCluster(podIdentity("[parameters('podIdentity')]"))], { bicep: true, parameters: { podIdentity: { type: 'bool', defaultValue: v } } });
const lv2 = armTemplate([armCluster(podIdentity(true))], { languageVersion2: true });
const nested = (v: unknown) =>
  armTemplate([nestedDeployment(armTemplate([armCluster(podIdentity("[parameters('podIdentityProfileEnable')]"))], { parameters: { podIdentityProfileEnable: { type: 'bool', defaultValue: false } } }), { podIdentityProfileEnable: v })]);

ruleTester(RULE, {
  valid: [
    { name: 'ARM: absent', path: 'main.json', code: json(arm()) },
    { name: 'ARM: disabled (AKS baseline 2022 shape)', path: 'main.json', code: json(arm(podIdentity(false))) },
    { name: 'ARM: parameter default false', path: 'main.json', code: json(bicepParam(false)) },
    { name: 'ARM: unresolvable expression', path: 'main.json', code: json(arm(podIdentity("[equals(parameters('identityModel'), 'pod')]"))) },
    { name: 'ARM nested: default false, nothing passed', path: 'main.json', code: json(nested(false)) },
    // azurerm never exposed pod-managed identity: the rule does not apply to Terraform.
    { name: 'Terraform v3: not applicable', path: 'main.tf.json', code: json(tfCluster(3)) },
    { name: 'Terraform v4: not applicable', path: 'main.tf.json', code: json(tfCluster(4)) },
    { name: 'plan: not applicable', path: 'plan.json', code: json(tfPlan(planClusterValues())) },
  ],
  invalid: [
    {
      name: 'ARM: enabled (deprecated, no fix)',
      path: 'main.json',
      code: json(arm(podIdentity(true), { apiVersion: '2021-07-01' })),
      errors: [{ messageId: 'enabled', ...at(json(arm(podIdentity(true), { apiVersion: '2021-07-01' })), 'true'), severity: 'warning', fixable: false }],
    },
    {
      name: 'Bicep-compiled: parameter default true',
      path: 'main.json',
      code: json(bicepParam(true)),
      errors: [{ messageId: 'enabled', ...at(json(bicepParam(true)), `"[parameters('podIdentity')]"`) }],
    },
    { name: 'languageVersion 2.0: enabled', path: 'main.json', code: json(lv2), errors: [{ messageId: 'enabled', ...at(json(lv2), 'true') }] },
    {
      name: 'nested deployment: true passed in properties.parameters',
      path: 'main.json',
      code: json(nested(true)),
      errors: [{ messageId: 'enabled', ...at(json(nested(true)), `"[parameters('podIdentityProfileEnable')]"`) }],
    },
  ],
});

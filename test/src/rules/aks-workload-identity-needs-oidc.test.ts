import { armCluster, armTemplate, at, json, Json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-workload-identity-needs-oidc';
const TF_NAME = { after: '"azurerm_kubernetes_cluster": {\n      ' };

const WI = { securityProfile: { workloadIdentity: { enabled: true } } };
const arm = (props: Json = {}) => armTemplate([armCluster(props)]);
const bicepParam = (v: boolean) =>
  armTemplate([armCluster({ ...WI, oidcIssuerProfile: { enabled: "[parameters('oidcIssuer')]" } })], { bicep: true, parameters: { oidcIssuer: { type: 'bool', defaultValue: v } } });
const lv2 = (props: Json) => armTemplate([armCluster(props)], { languageVersion2: true });
const nested = (v: unknown) =>
  armTemplate([nestedDeployment(armTemplate([armCluster({ ...WI, oidcIssuerProfile: { enabled: "[parameters('oidc')]" } })], { parameters: { oidc: { type: 'bool', defaultValue: true } } }), { oidc: v })]);
const tfVar = (v: boolean) => tfCluster(4, { workload_identity_enabled: true, oidc_issuer_enabled: '${var.oidc}' }, { oidc: v });
const planValues = (oidc: unknown) => planClusterValues({ workload_identity_enabled: true, oidc_issuer_enabled: oidc });

// apiVersion gate: oidcIssuerProfile from 2022-09-01.
const armAt = (apiVersion: string, props: Json = {}) => armTemplate([armCluster(props, { apiVersion })]);
ruleTester(RULE, {
  valid: [
    { name: 'ARM: both enabled', path: 'main.json', code: json(arm({ ...WI, oidcIssuerProfile: { enabled: true } })) },
    { name: 'ARM: workload identity not enabled (another rule)', path: 'main.json', code: json(arm()) },
    { name: 'ARM: workload identity unknown', path: 'main.json', code: json(arm({ securityProfile: { workloadIdentity: { enabled: "[parameters('wi')]" } } })) },
    { name: 'ARM: OIDC issuer unknown', path: 'main.json', code: json(arm({ ...WI, oidcIssuerProfile: "[if(parameters('oidc'), createObject('enabled', true()), null())]" })) },
    { name: 'Bicep-compiled: parameter default true', path: 'main.json', code: json(bicepParam(true)) },
    { name: 'ARM nested: passed true', path: 'main.json', code: json(nested(true)) },
    { name: 'Terraform v3: both true', path: 'main.tf.json', code: json(tfCluster(3, { workload_identity_enabled: true, oidc_issuer_enabled: true })) },
    { name: 'Terraform: workload identity false', path: 'main.tf.json', code: json(tfCluster(4, { workload_identity_enabled: false })) },
    { name: 'Terraform: ${var.x} default true', path: 'main.tf.json', code: json(tfVar(true)) },
    { name: 'plan: OIDC issuer unknown after apply', path: 'plan.json', code: json(tfPlan(planValues(null), { afterUnknown: { oidc_issuer_enabled: true } })) },
  ],
  invalid: [
    {
      name: 'ARM API 2022-07-01 (before oidcIssuerProfile): finding, no fix',
      path: 'main.json',
      code: json(armAt('2022-07-01', WI)),
      errors: [{ messageId: 'missing', ...at(json(armAt('2022-07-01', WI)), '"properties"'), fixable: false }],
    },
    {
      name: 'ARM API 2022-09-01 (first version with oidcIssuerProfile): fix',
      path: 'main.json',
      code: json(armAt('2022-09-01', WI)),
      errors: [{ messageId: 'missing', ...at(json(armAt('2022-09-01', WI)), '"properties"'), fixable: true }],
      output: json(armAt('2022-09-01', { ...WI, oidcIssuerProfile: { enabled: true } })),
    },
    {
      name: 'ARM: OIDC issuer absent',
      path: 'main.json',
      code: json(arm(WI)),
      errors: [{ messageId: 'missing', ...at(json(arm(WI)), '"properties"'), severity: 'error', fixable: true }],
      output: json(arm({ ...WI, oidcIssuerProfile: { enabled: true } })),
    },
    {
      name: 'ARM: OIDC issuer false',
      path: 'main.json',
      code: json(arm({ ...WI, oidcIssuerProfile: { enabled: false } })),
      errors: [{ messageId: 'disabled', ...at(json(arm({ ...WI, oidcIssuerProfile: { enabled: false } })), 'false') }],
      output: json(arm({ ...WI, oidcIssuerProfile: { enabled: true } })),
    },
    {
      name: 'Bicep-compiled: parameter default false',
      path: 'main.json',
      code: json(bicepParam(false)),
      errors: [{ messageId: 'disabled', ...at(json(bicepParam(false)), `"[parameters('oidcIssuer')]"`) }],
      output: json(bicepParam(true)),
    },
    {
      name: 'languageVersion 2.0: oidcIssuerProfile without enabled',
      path: 'main.json',
      code: json(lv2({ ...WI, oidcIssuerProfile: {} })),
      errors: [{ messageId: 'missing', ...at(json(lv2({ ...WI, oidcIssuerProfile: {} })), '"oidcIssuerProfile"') }],
      output: json(lv2({ ...WI, oidcIssuerProfile: { enabled: true } })),
    },
    {
      name: 'nested deployment: false passed in properties.parameters',
      path: 'main.json',
      code: json(nested(false)),
      errors: [{ messageId: 'disabled', ...at(json(nested(false)), `"[parameters('oidc')]"`) }],
      output: json(nested(true)),
    },
    {
      name: 'Terraform v3: oidc_issuer_enabled absent (no default before azurerm v5)',
      path: 'main.tf.json',
      code: json(tfCluster(3, { workload_identity_enabled: true })),
      errors: [{ messageId: 'missing', ...at(json(tfCluster(3, { workload_identity_enabled: true })), '"aks"', TF_NAME) }],
      output: json(tfCluster(3, { workload_identity_enabled: true, oidc_issuer_enabled: true })),
    },
    {
      name: 'Terraform v4: false',
      path: 'main.tf.json',
      code: json(tfCluster(4, { workload_identity_enabled: true, oidc_issuer_enabled: false })),
      errors: [{ messageId: 'disabled', ...at(json(tfCluster(4, { workload_identity_enabled: true, oidc_issuer_enabled: false })), 'false') }],
      output: json(tfCluster(4, { workload_identity_enabled: true, oidc_issuer_enabled: true })),
    },
    {
      name: 'Terraform: ${var.x} default false',
      path: 'main.tf.json',
      code: json(tfVar(false)),
      errors: [{ messageId: 'disabled', ...at(json(tfVar(false)), '"${var.oidc}"') }],
      output: json(tfVar(true)),
    },
    {
      name: 'plan: null means absent',
      path: 'plan.json',
      code: json(tfPlan(planValues(null))),
      errors: [{ messageId: 'missing', ...at(json(tfPlan(planValues(null))), '"values"'), fixable: false }],
    },
    {
      name: 'plan in a child module: false',
      path: 'plan.json',
      code: json(tfPlan(planValues(false), { nested: true })),
      errors: [{ messageId: 'disabled', ...at(json(tfPlan(planValues(false), { nested: true })), 'false', { after: '"oidc_issuer_enabled": ' }), fixable: false }],
    },
  ],
});

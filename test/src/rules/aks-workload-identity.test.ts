import { armCluster, armTemplate, at, json, Json, nestedDeployment, planClusterValues, tfCluster, tfPlan } from '../helpers/azure';
import { ruleTester } from '../helpers/ruleTester';

const RULE = 'aks-workload-identity';
const TF_NAME = { after: '"azurerm_kubernetes_cluster": {\n      ' };

const arm = (props: Json = {}) => armTemplate([armCluster(props)]);
const wi = (v: unknown) => ({ securityProfile: { workloadIdentity: { enabled: v } } });
const bicepParam = (v: boolean) =>
  armTemplate([armCluster({ oidcIssuerProfile: { enabled: true }, securityProfile: { workloadIdentity: { enabled: "[parameters('workloadIdentity')]" } } })], {
    bicep: true,
    parameters: { workloadIdentity: { type: 'bool', defaultValue: v } },
  });
const lv2 = (props: Json) => armTemplate([armCluster(props)], { languageVersion2: true });
const nested = (v: unknown) =>
  armTemplate([nestedDeployment(armTemplate([armCluster({ ...wi("[parameters('wi')]"), oidcIssuerProfile: { enabled: true } })], { parameters: { wi: { type: 'bool', defaultValue: true } } }), { wi: v })]);
const tfVar = (v: boolean) => tfCluster(4, { oidc_issuer_enabled: true, workload_identity_enabled: '${var.workload_identity}' }, { workload_identity: v });

// apiVersion gate (securityProfile.workloadIdentity from 2023-02-01, 2022-09-02-preview; oidcIssuerProfile from 2022-09-01).
const armAt = (apiVersion: string, props: Json = {}) => armTemplate([armCluster(props, { apiVersion })]);
ruleTester(RULE, {
  valid: [
    { name: 'ARM: enabled', path: 'main.json', code: json(arm({ ...wi(true), oidcIssuerProfile: { enabled: true } })) },
    { name: 'Bicep-compiled: parameter default true', path: 'main.json', code: json(bicepParam(true)) },
    { name: 'ARM: unresolvable expression', path: 'main.json', code: json(arm({ securityProfile: { workloadIdentity: "[if(parameters('wi'), createObject('enabled', true()), null())]" } })) },
    { name: 'ARM nested: passed true', path: 'main.json', code: json(nested(true)) },
    { name: 'Terraform v3: true', path: 'main.tf.json', code: json(tfCluster(3, { oidc_issuer_enabled: true, workload_identity_enabled: true })) },
    { name: 'Terraform: ${var.x} default true', path: 'main.tf.json', code: json(tfVar(true)) },
    { name: 'plan: true', path: 'plan.json', code: json(tfPlan(planClusterValues({ oidc_issuer_enabled: true, workload_identity_enabled: true }))) },
    { name: 'plan: unknown after apply', path: 'plan.json', code: json(tfPlan(planClusterValues({ workload_identity_enabled: null }), { afterUnknown: { workload_identity_enabled: true } })) },
  ],
  invalid: [
    {
      // A parameter whose default is null holds no security profile: absent, not unknown (issue 16); reported where the
      // cluster reads the parameter, which the message names (model/provenance.ts).
      name: 'ARM: a parameter whose default is null: no security profile, reported at the parameter reference',
      path: 'main.json',
      code: json(armTemplate([armCluster({ securityProfile: "[parameters('sp')]" })], { parameters: { sp: { type: 'object', defaultValue: null } } })),
      errors: [{ messageId: 'missing', ...at(json(armTemplate([armCluster({ securityProfile: "[parameters('sp')]" })], { parameters: { sp: { type: 'object', defaultValue: null } } })), `"[parameters('sp')]"`) }],
    },
    {
      name: 'ARM API 2023-01-01 (before workloadIdentity): finding, no fix (a suggestion raises the apiVersion)',
      path: 'main.json',
      code: json(armAt('2023-01-01')),
      errors: [{ messageId: 'missing', ...at(json(armAt('2023-01-01')), '"properties"'), fixable: false }],
    },
    {
      name: 'ARM API 2022-08-02-preview (before the first preview checked): finding, no fix',
      path: 'main.json',
      code: json(armAt('2022-08-02-preview')),
      errors: [{ messageId: 'missing', ...at(json(armAt('2022-08-02-preview')), '"properties"'), fixable: false }],
    },
    {
      name: 'ARM API 2022-09-02-preview (a preview that has workloadIdentity): fix',
      path: 'main.json',
      code: json(armAt('2022-09-02-preview')),
      errors: [{ messageId: 'missing', ...at(json(armAt('2022-09-02-preview')), '"properties"'), fixable: true }],
      output: json(armAt('2022-09-02-preview', { securityProfile: { workloadIdentity: { enabled: true } }, oidcIssuerProfile: { enabled: true } })),
    },
    {
      name: 'ARM API 2023-02-01 (first GA version): fix',
      path: 'main.json',
      code: json(armAt('2023-02-01')),
      errors: [{ messageId: 'missing', ...at(json(armAt('2023-02-01')), '"properties"'), fixable: true }],
      output: json(armAt('2023-02-01', { securityProfile: { workloadIdentity: { enabled: true } }, oidcIssuerProfile: { enabled: true } })),
    },
    {
      name: 'ARM API 2022-11-01, workload identity written false: the value is edited, the missing OIDC issuer is known there',
      path: 'main.json',
      code: json(armAt('2022-11-01', wi(false))),
      errors: [{ messageId: 'disabled', ...at(json(armAt('2022-11-01', wi(false))), 'false'), fixable: true }],
      output: json(armAt('2022-11-01', { ...wi(true), oidcIssuerProfile: { enabled: true } })),
    },
    {
      name: 'ARM API 2022-07-01, workload identity written false: the OIDC issuer is newer, no fix',
      path: 'main.json',
      code: json(armAt('2022-07-01', wi(false))),
      errors: [{ messageId: 'disabled', ...at(json(armAt('2022-07-01', wi(false))), 'false'), fixable: false }],
    },
    {
      name: 'ARM export: securityProfile and oidcIssuerProfile null are unset, the fix replaces both',
      path: 'main.json',
      code: json(arm({ securityProfile: null, oidcIssuerProfile: null })),
      errors: [{ messageId: 'missing', ...at(json(arm({ securityProfile: null, oidcIssuerProfile: null })), '"properties"') }],
      output: json(arm({ securityProfile: { workloadIdentity: { enabled: true } }, oidcIssuerProfile: { enabled: true } })),
    },
    {
      name: 'ARM: absent (one fix, two intents: workload identity and OIDC issuer)',
      path: 'main.json',
      code: json(arm()),
      errors: [{ messageId: 'missing', ...at(json(arm()), '"properties"'), severity: 'warning', fixable: true }],
      output: json(arm({ securityProfile: { workloadIdentity: { enabled: true } }, oidcIssuerProfile: { enabled: true } })),
    },
    {
      name: 'ARM: securityProfile without workloadIdentity, OIDC issuer already on',
      path: 'main.json',
      code: json(arm({ oidcIssuerProfile: { enabled: true }, securityProfile: { defender: { securityMonitoring: { enabled: true } } } })),
      errors: [{ messageId: 'missing', ...at(json(arm({ oidcIssuerProfile: { enabled: true }, securityProfile: { defender: { securityMonitoring: { enabled: true } } } })), '"securityProfile"') }],
      output: json(arm({ oidcIssuerProfile: { enabled: true }, securityProfile: { defender: { securityMonitoring: { enabled: true } }, workloadIdentity: { enabled: true } } })),
    },
    {
      name: 'ARM: false, OIDC issuer false: both set',
      path: 'main.json',
      code: json(arm({ ...wi(false), oidcIssuerProfile: { enabled: false } })),
      errors: [{ messageId: 'disabled', ...at(json(arm({ ...wi(false), oidcIssuerProfile: { enabled: false } })), 'false') }],
      output: json(arm({ ...wi(true), oidcIssuerProfile: { enabled: true } })),
    },
    {
      name: 'ARM: OIDC issuer from an unresolvable expression is left alone',
      path: 'main.json',
      code: json(arm({ ...wi(false), oidcIssuerProfile: "[variables('oidc')]" })),
      errors: [{ messageId: 'disabled', ...at(json(arm({ ...wi(false), oidcIssuerProfile: "[variables('oidc')]" })), 'false') }],
      output: json(arm({ ...wi(true), oidcIssuerProfile: "[variables('oidc')]" })),
    },
    {
      name: 'Bicep-compiled: parameter default false',
      path: 'main.json',
      code: json(bicepParam(false)),
      errors: [{ messageId: 'disabled', ...at(json(bicepParam(false)), `"[parameters('workloadIdentity')]"`) }],
      output: json(bicepParam(true)),
    },
    {
      name: 'languageVersion 2.0: absent',
      path: 'main.json',
      code: json(lv2({ oidcIssuerProfile: { enabled: true } })),
      errors: [{ messageId: 'missing', ...at(json(lv2({ oidcIssuerProfile: { enabled: true } })), '"properties"') }],
      output: json(lv2({ oidcIssuerProfile: { enabled: true }, securityProfile: { workloadIdentity: { enabled: true } } })),
    },
    {
      name: 'nested deployment: false passed in properties.parameters',
      path: 'main.json',
      code: json(nested(false)),
      errors: [{ messageId: 'disabled', ...at(json(nested(false)), `"[parameters('wi')]"`) }],
      output: json(nested(true)),
    },
    {
      name: 'Terraform v3: absent (both attributes inserted)',
      path: 'main.tf.json',
      code: json(tfCluster(3)),
      errors: [{ messageId: 'missing', ...at(json(tfCluster(3)), '"aks"', TF_NAME) }],
      output: json(tfCluster(3, { workload_identity_enabled: true, oidc_issuer_enabled: true })),
    },
    {
      name: 'Terraform v4: false with OIDC issuer on',
      path: 'main.tf.json',
      code: json(tfCluster(4, { oidc_issuer_enabled: true, workload_identity_enabled: false })),
      errors: [{ messageId: 'disabled', ...at(json(tfCluster(4, { oidc_issuer_enabled: true, workload_identity_enabled: false })), 'false') }],
      output: json(tfCluster(4, { oidc_issuer_enabled: true, workload_identity_enabled: true })),
    },
    {
      name: 'Terraform: ${var.x} default false',
      path: 'main.tf.json',
      code: json(tfVar(false)),
      errors: [{ messageId: 'disabled', ...at(json(tfVar(false)), '"${var.workload_identity}"') }],
      output: json(tfVar(true)),
    },
    {
      name: 'plan: false, no fix',
      path: 'plan.json',
      code: json(tfPlan(planClusterValues())),
      errors: [{ messageId: 'disabled', ...at(json(tfPlan(planClusterValues())), 'false', { after: '"workload_identity_enabled": ' }), fixable: false }],
    },
    {
      name: 'plan in a child module: null means absent',
      path: 'plan.json',
      code: json(tfPlan(planClusterValues({ workload_identity_enabled: null }), { nested: true })),
      errors: [{ messageId: 'missing', ...at(json(tfPlan(planClusterValues({ workload_identity_enabled: null }), { nested: true })), '"values"'), fixable: false }],
    },
  ],
});

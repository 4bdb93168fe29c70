// ARM fixes never insert a property the resource's apiVersion does not know (PropSpec.minApiVersion):
// below the first version the finding stays, without a preferred fix, with a suggestion that also raises the
// apiVersion, and the message names the version to raise to. Terraform is not gated.
import * as assert from 'node:assert/strict';
import { analyzeText, apiVersionKnows, applyTextEdits, CLUSTER_API_VERSIONS, editsForFix, Finding, REGISTRY_API_VERSIONS } from '../../../server/out/engine';
import { armCluster, armTemplate, json, Json, tfCluster } from '../helpers/azure';
import { armRegistry, armTemplate as acrTemplate, json as acrJson } from '../helpers/acrFixtures';

const cluster = (apiVersion: string, props: Json = {}) => json(armTemplate([armCluster(props, { apiVersion })]));
const registry = (apiVersion: string, props: Json) => acrJson(acrTemplate([armRegistry(props, { apiVersion })]));

function finding(ruleId: string, path: string, code: string): Finding {
  const found = analyzeText(path, code).findings.filter((f) => f.ruleId === ruleId);
  assert.equal(found.length, 1, `one ${ruleId} finding`);
  return found[0];
}

function applySuggestion(path: string, code: string, f: Finding): string {
  assert.equal(f.suggestions?.length, 1, 'one suggestion');
  return applyTextEdits(code, editsForFix(analyzeText(path, code).file, f.suggestions![0]));
}

/** Per rule: an input on an apiVersion before the property, and the input the suggestion must produce. */
const CASES: Array<{ rule: string; path: string; code: string; raised: string; title: string; message: RegExp }> = [
  {
    rule: 'aks-workload-identity',
    path: 'main.json',
    code: cluster('2022-07-01'),
    raised: cluster('2023-02-01', { securityProfile: { workloadIdentity: { enabled: true } }, oidcIssuerProfile: { enabled: true } }),
    title: 'Enable workload identity and the OIDC issuer and raise apiVersion 2022-07-01 to 2023-02-01',
    message: /API version 2022-07-01 does not have securityProfile\.workloadIdentity: raise apiVersion to at least 2023-02-01\./,
  },
  {
    rule: 'aks-workload-identity',
    path: 'main.json',
    code: cluster('2022-08-02-preview'),
    // A file on a preview version is raised to the first preview version checked to have the property.
    raised: cluster('2022-09-02-preview', { securityProfile: { workloadIdentity: { enabled: true } }, oidcIssuerProfile: { enabled: true } }),
    title: 'Enable workload identity and the OIDC issuer and raise apiVersion 2022-08-02-preview to 2022-09-02-preview',
    message: /raise apiVersion to at least 2022-09-02-preview\./,
  },
  {
    rule: 'aks-workload-identity-needs-oidc',
    path: 'main.json',
    code: cluster('2022-07-01', { securityProfile: { workloadIdentity: { enabled: true } } }),
    raised: cluster('2022-09-01', { securityProfile: { workloadIdentity: { enabled: true } }, oidcIssuerProfile: { enabled: true } }),
    title: 'Enable the OIDC issuer and raise apiVersion 2022-07-01 to 2022-09-01',
    message: /does not have oidcIssuerProfile: raise apiVersion to at least 2022-09-01\./,
  },
  {
    rule: 'aks-disable-run-command',
    path: 'main.json',
    code: cluster('2021-03-01'),
    raised: cluster('2021-08-01', { apiServerAccessProfile: { disableRunCommand: true } }),
    title: 'Disable run command and raise apiVersion 2021-03-01 to 2021-08-01',
    message: /does not have apiServerAccessProfile\.disableRunCommand: raise apiVersion to at least 2021-08-01\./,
  },
  {
    rule: 'aks-private-cluster',
    path: 'main.json',
    code: cluster('2019-08-01'),
    raised: cluster('2020-02-01', { apiServerAccessProfile: { enablePrivateCluster: true } }),
    title: 'Enable private cluster (the cluster is recreated) and raise apiVersion 2019-08-01 to 2020-02-01',
    message: /does not have apiServerAccessProfile\.enablePrivateCluster: raise apiVersion to at least 2020-02-01\./,
  },
  {
    rule: 'aks-api-authorized-ip-ranges',
    path: 'main.json',
    code: cluster('2019-08-01'),
    raised: cluster('2020-02-01', { apiServerAccessProfile: { enablePrivateCluster: true } }),
    title: 'Make the cluster private (the cluster is recreated) and raise apiVersion 2019-08-01 to 2020-02-01',
    message: /public API server/,
  },
  {
    rule: 'aks-disable-local-accounts',
    path: 'main.json',
    // Two properties with different first versions (2021-03-01, 2020-09-01): raised to the higher one.
    code: cluster('2020-06-01'),
    raised: cluster('2021-03-01', { disableLocalAccounts: true, aadProfile: { managed: true, enableAzureRBAC: true } }),
    title: 'Disable local accounts and add the AKS-managed Entra ID integration and raise apiVersion 2020-06-01 to 2021-03-01',
    message: /does not have disableLocalAccounts: raise apiVersion to at least 2021-03-01\./,
  },
  {
    rule: 'aks-azure-rbac',
    path: 'main.json',
    code: cluster('2020-06-01', { aadProfile: { managed: true } }),
    raised: cluster('2020-09-01', { aadProfile: { managed: true, enableAzureRBAC: true } }),
    title: 'Enable Azure RBAC for Kubernetes authorization and raise apiVersion 2020-06-01 to 2020-09-01',
    message: /does not have aadProfile\.enableAzureRBAC: raise apiVersion to at least 2020-09-01\./,
  },
  {
    rule: 'aks-entra-id-integration',
    path: 'main.json',
    code: cluster('2020-06-01'),
    raised: cluster('2020-09-01', { aadProfile: { managed: true, enableAzureRBAC: true } }),
    title: 'Add the AKS-managed Entra ID integration with Azure RBAC and raise apiVersion 2020-06-01 to 2020-09-01',
    message: /does not have aadProfile\.managed: raise apiVersion to at least 2020-09-01\./,
  },
  {
    rule: 'acr-export-disabled',
    path: 't.json',
    code: registry('2019-12-01-preview', { publicNetworkAccess: 'Disabled' }),
    // exportPolicy has no preview version recorded: a preview file is raised to the GA version.
    raised: registry('2021-09-01', { publicNetworkAccess: 'Disabled', policies: { exportPolicy: { status: 'disabled' } } }),
    title: 'Disable the export policy and raise apiVersion 2019-12-01-preview to 2021-09-01',
    message: /does not have policies\.exportPolicy: raise apiVersion to at least 2021-09-01\./,
  },
  {
    rule: 'acr-public-network-disabled',
    path: 't.json',
    code: registry('2019-05-01', { adminUserEnabled: false }),
    raised: registry('2021-09-01', { adminUserEnabled: false, publicNetworkAccess: 'Disabled' }),
    title: 'Disable public network access and raise apiVersion 2019-05-01 to 2021-09-01',
    message: /does not have publicNetworkAccess: raise apiVersion to at least 2021-09-01\./,
  },
  {
    rule: 'acr-network-default-deny',
    path: 't.json',
    code: registry('2017-03-01', { adminUserEnabled: false }),
    raised: registry('2017-10-01', { adminUserEnabled: false, networkRuleSet: { defaultAction: 'Deny' } }),
    title: 'Deny network access by default and raise apiVersion 2017-03-01 to 2017-10-01',
    message: /does not have networkRuleSet: raise apiVersion to at least 2017-10-01\./,
  },
  {
    rule: 'acr-quarantine',
    path: 't.json',
    code: registry('2017-10-01', { adminUserEnabled: false }),
    raised: registry('2019-05-01', { adminUserEnabled: false, policies: { quarantinePolicy: { status: 'enabled' } } }),
    title: 'Enable the quarantine policy (new images cannot be pulled until a scanner releases them) and raise apiVersion 2017-10-01 to 2019-05-01',
    message: /does not have policies\.quarantinePolicy: raise apiVersion to at least 2019-05-01\./,
  },
  {
    rule: 'aks-image-cleaner',
    path: 'main.json',
    code: cluster('2023-01-01'),
    raised: cluster('2023-02-01', { securityProfile: { imageCleaner: { enabled: true } } }),
    title: 'Enable Image Cleaner and raise apiVersion 2023-01-01 to 2023-02-01',
    message: /./,
  },
  {
    rule: 'aks-azure-policy-addon',
    path: 'main.json',
    code: cluster('2017-08-31'),
    raised: cluster('2018-03-31', { addonProfiles: { azurepolicy: { enabled: true } } }),
    title: 'Enable the Azure Policy add-on and raise apiVersion 2017-08-31 to 2018-03-31',
    message: /does not have addonProfiles: raise apiVersion to at least 2018-03-31\./,
  },
  {
    rule: 'aks-keyvault-secrets-provider',
    path: 'main.json',
    code: cluster('2017-08-31'),
    raised: cluster('2018-03-31', { addonProfiles: { azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: 'true' } } } }),
    title: 'Enable the Key Vault Secrets Store CSI driver add-on with secret rotation and raise apiVersion 2017-08-31 to 2018-03-31',
    message: /does not have addonProfiles: raise apiVersion to at least 2018-03-31\./,
  },
];

describe('ARM fixes are gated by the apiVersion', () => {
  for (const c of CASES) {
    it(`${c.rule} on ${/"apiVersion": "([^"]+)"/.exec(c.code.slice(c.code.indexOf('"type"')))?.[1]}: no fix, a suggestion that raises the apiVersion`, () => {
      const f = finding(c.rule, c.path, c.code);
      assert.equal(f.fix, undefined, 'no preferred fix');
      assert.match(f.message, c.message);
      assert.equal(f.suggestions?.[0]?.title, c.title);
      assert.equal(applySuggestion(c.path, c.code, f), c.raised);
    });
  }

  // From the first version recorded in the table, the same input gets the preferred fix (acr-quarantine: a suggestion
  // without the apiVersion change, as it is never a preferred fix).
  const FROM_FIRST: Array<[string, string, string]> = [
    ['acr-network-default-deny', 't.json', registry('2017-10-01', { adminUserEnabled: false })],
    ['aks-image-cleaner', 'main.json', cluster('2023-02-01')],
    ['aks-azure-policy-addon', 'main.json', cluster('2018-03-31')],
    ['aks-keyvault-secrets-provider', 'main.json', cluster('2018-03-31')],
  ];
  for (const [rule, path, code] of FROM_FIRST) {
    it(`${rule} on its first recorded apiVersion: the preferred fix, no apiVersion change`, () => {
      const f = finding(rule, path, code);
      assert.ok(f.fix, 'preferred fix');
      assert.doesNotMatch(f.message, /raise apiVersion/);
      assert.ok(!f.fix!.title.includes('raise apiVersion'));
    });
  }
  it('acr-quarantine on 2019-05-01: the suggestion enables the policy without raising the apiVersion', () => {
    const code = registry('2019-05-01', { adminUserEnabled: false });
    const f = finding('acr-quarantine', 't.json', code);
    assert.equal(f.fix, undefined);
    assert.equal(f.suggestions?.[0]?.title, 'Enable the quarantine policy (new images cannot be pulled until a scanner releases them)');
    assert.equal(applySuggestion('t.json', code, f), registry('2019-05-01', { adminUserEnabled: false, policies: { quarantinePolicy: { status: 'enabled' } } }));
  });
  it('acr-trusted-services-bypass only edits a networkRuleBypassOptions already written: recorded (2021-09-01 / 2019-12-01-preview) but never withheld', () => {
    assert.equal(apiVersionKnows('2019-05-01', REGISTRY_API_VERSIONS.networkRuleBypassOptions), false);
    assert.equal(apiVersionKnows('2019-12-01-preview', REGISTRY_API_VERSIONS.networkRuleBypassOptions), true);
    assert.equal(apiVersionKnows('2021-09-01', REGISTRY_API_VERSIONS.networkRuleBypassOptions), true);
    const code = registry('2019-12-01-preview', { publicNetworkAccess: 'Disabled', networkRuleBypassOptions: 'None' });
    const f = finding('acr-trusted-services-bypass', 't.json', code);
    assert.ok(f.fix, 'set of the written value');
  });
  it('the cluster upgrade and image-cleaner rules read their first versions from the table', () => {
    assert.equal(CLUSTER_API_VERSIONS.imageCleaner.ga, '2023-02-01');
    assert.equal(CLUSTER_API_VERSIONS.nodeOsUpgradeChannel.ga, '2023-06-01');
    assert.equal(CLUSTER_API_VERSIONS.upgradeChannel.ga, '2020-11-01');
    assert.equal(CLUSTER_API_VERSIONS.addonProfiles.ga, '2018-03-31');
  });

  it('acr-public-network-disabled on a Standard registry, API 2019-05-01: the Premium suggestion also raises the apiVersion', () => {
    const code = acrJson(acrTemplate([armRegistry({ adminUserEnabled: false }, { apiVersion: '2019-05-01', sku: { name: 'Standard' } })]));
    const f = finding('acr-public-network-disabled', 't.json', code);
    assert.equal(f.fix, undefined);
    assert.equal(f.suggestions?.[0]?.title, 'Disable public network access and upgrade to the Premium SKU (higher cost) and raise apiVersion 2019-05-01 to 2021-09-01');
    const expected = acrJson(acrTemplate([armRegistry({ adminUserEnabled: false, publicNetworkAccess: 'Disabled' }, { apiVersion: '2021-09-01', sku: { name: 'Premium' } })]));
    assert.equal(applySuggestion('t.json', code, f), expected);
  });

  it('aks-defender-profile (no fix) names the API version that has securityProfile.defender', () => {
    const f = finding('aks-defender-profile', 'main.json', cluster('2022-04-01'));
    assert.match(f.message, /API version 2022-04-01 does not have securityProfile\.defender: raise apiVersion to at least 2022-06-01\./);
    assert.doesNotMatch(finding('aks-defender-profile', 'main.json', cluster('2022-06-01')).message, /raise apiVersion/);
  });

  it('an apiVersion that is an expression is not gated (unknown: the fix is offered)', () => {
    const code = json(armTemplate([armCluster({}, { apiVersion: "[variables('aksApi')]" })], { variables: { aksApi: '2019-08-01' } }));
    const f = finding('aks-disable-run-command', 'main.json', code);
    assert.ok(f.fix, 'fix offered');
    assert.doesNotMatch(f.message, /raise apiVersion/);
  });

  it('Terraform is not gated', () => {
    const code = json(tfCluster(3));
    const f = finding('aks-disable-run-command', 'main.tf.json', code);
    assert.ok(f.fix, 'fix offered');
  });

  it('apiVersionKnows: GA dates, preview only for preview files, non-dates unknown', () => {
    const wi = CLUSTER_API_VERSIONS.workloadIdentity;
    assert.equal(apiVersionKnows('2023-01-01', wi), false);
    assert.equal(apiVersionKnows('2023-02-01', wi), true);
    assert.equal(apiVersionKnows('2024-09-01', wi), true);
    assert.equal(apiVersionKnows('2022-09-02-preview', wi), true);
    assert.equal(apiVersionKnows('2022-08-02-preview', wi), false);
    assert.equal(apiVersionKnows('2023-04-02-preview', wi), true);
    // A GA version dated after the first preview but before GA does not have it.
    assert.equal(apiVersionKnows('2022-11-01', wi), false);
    assert.equal(apiVersionKnows("[parameters('api')]", wi), undefined);
    assert.equal(apiVersionKnows(undefined, wi), undefined);
    assert.equal(apiVersionKnows('2019-12-01-preview', REGISTRY_API_VERSIONS.publicNetworkAccess), true);
    assert.equal(apiVersionKnows('2019-05-01', REGISTRY_API_VERSIONS.publicNetworkAccess), false);
  });

  it('every recorded version is a date (preview versions end in -preview) and names its source', () => {
    for (const [name, v] of Object.entries({ ...CLUSTER_API_VERSIONS, ...REGISTRY_API_VERSIONS })) {
      assert.match(v.ga, /^\d{4}-\d{2}-\d{2}$/, name);
      if ('preview' in v) assert.match(v.preview as string, /^\d{4}-\d{2}-\d{2}-preview$/, name);
      assert.ok(v.source.length > 20, name);
    }
  });
});

import * as assert from 'node:assert/strict';
import { analyzeFile, modelsOf, parseFile } from '../../../server/out/engine';
import { ruleTester } from '../helpers/ruleTester';
import { armPrivateEndpoint, armRegistry, armTemplate, at, json, nestedDeployment, param, planRegistryValues, tfConfig, tfPlan, tfPrivateEndpoint, tfRegistry } from '../helpers/acrFixtures';

const ID = 'acr-private-endpoint';
const REG_ID = "[resourceId('Microsoft.ContainerRegistry/registries', 'crcontoso')]";
const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks/providers';
/** Position only (the range covers a multi-line value). */
const pos = (code: string, needle: string, opts?: { after?: string; nth?: number }) => {
  const { line, column } = at(code, needle, opts);
  return { line, column };
};

// ARM
const armPair = (registry: Record<string, unknown>, pe: Record<string, unknown>, opts = {}) => json(armTemplate([registry, pe], opts));
const byParam = armPair(armRegistry(undefined, { name: "[parameters('acrName')]" }), armPrivateEndpoint("[resourceId('Microsoft.ContainerRegistry/registries', parameters('acrName'))]"), { parameters: { acrName: param('crcontoso') } });
const byVariable = armPair(
  armRegistry(undefined, { name: "[variables('acrName')]" }),
  armPrivateEndpoint("[resourceId(subscription().subscriptionId, resourceGroup().name, 'Microsoft.ContainerRegistry/registries', variables('acrName'))]"),
  { bicep: true, variables: { acrName: "[format('cr{0}', uniqueString(resourceGroup().id))]" } },
);
const manual = armPair(armRegistry(), armPrivateEndpoint(REG_ID, ['registry'], { manual: true }));
const literalId = armPair(armRegistry(), armPrivateEndpoint(`${SUB}/Microsoft.ContainerRegistry/registries/crcontoso`));
const lv2Nested = json(
  armTemplate(
    [
      armRegistry(undefined, { name: "[parameters('acrName')]" }),
      nestedDeployment(armTemplate([armPrivateEndpoint("[parameters('registryId')]")], { parameters: { registryId: param() }, languageVersion2: true }), { registryId: "[resourceId('Microsoft.ContainerRegistry/registries', parameters('acrName'))]" }, 'pe'),
    ],
    { bicep: true, languageVersion2: true, parameters: { acrName: param() } },
  ),
);
const unknownTarget = armPair(armRegistry(), armPrivateEndpoint("[parameters('acrId')]"), { parameters: { acrId: param() } });
const unknownTargetAndGroups = armPair(armRegistry(), armPrivateEndpoint("[parameters('id')]", ["[parameters('group')]"]), { parameters: { id: param(), group: param() } });
const registryOnly = json(armTemplate([armRegistry()]));
const ownRegistryBehindIf = json(
  armTemplate(
    [
      armRegistry(undefined, { name: "[variables('acrName')]" }),
      armPrivateEndpoint("[if(parameters('privateLinks'), resourceId('Microsoft.ContainerRegistry/registries', variables('acrName')), '')]"),
    ],
    { parameters: { privateLinks: param(true) }, variables: { acrName: "[format('cr{0}', uniqueString(resourceGroup().id))]" } },
  ),
);
const otherRegistry = armPair(armRegistry(), armPrivateEndpoint("[resourceId('Microsoft.ContainerRegistry/registries', 'crother')]"));
const keyVaultOnly = armPair(armRegistry(), armPrivateEndpoint("[resourceId('Microsoft.KeyVault/vaults', 'kv')]", ['vault']));
const unknownVault = armPair(armRegistry(), armPrivateEndpoint("[parameters('kvId')]", ['vault']), { parameters: { kvId: param() } });
const wrongGroups = armPair(armRegistry(), armPrivateEndpoint(REG_ID, ['vault']));
const noGroups = armPair(armRegistry(), armPrivateEndpoint(REG_ID, null));
const lv2WrongGroups = armPair(armRegistry(), armPrivateEndpoint(REG_ID, ['registry_data_westeurope']), { languageVersion2: true, bicep: true });

// Terraform
const tfPair = (major: 3 | 4, id: string, sub?: unknown, vars?: Record<string, unknown>) =>
  json(tfConfig(major, { azurerm_container_registry: { acr: tfRegistry() }, azurerm_private_endpoint: { acr: tfPrivateEndpoint(id, sub) } }, vars));
const tfRegistryOnly = json(tfConfig(3, { azurerm_container_registry: { acr: tfRegistry() } }));
const basicOnly = json(armTemplate([armRegistry(undefined, { sku: { name: "[parameters('sku')]" } })], { parameters: { sku: param('Basic') } }));
const tfStandardOnly = json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ sku: 'Standard' }) } }));

// Plan
const planPE = (id: unknown, sub: unknown, refs: string[] | undefined, modules?: string[]) => {
  const psc: Record<string, unknown> = { name: 'acr', is_manual_connection: false, subresource_names: sub, request_message: null };
  if (id !== undefined) psc.private_connection_resource_id = id;
  return json(
    tfPlan([
      { type: 'azurerm_container_registry', name: 'acr', modules, values: planRegistryValues() },
      {
        type: 'azurerm_private_endpoint', name: 'acr', modules,
        values: { name: 'pe-acr', location: 'westeurope', resource_group_name: 'rg-aks', private_service_connection: [psc] },
        afterUnknown: id === undefined ? { id: true, private_service_connection: [{ private_connection_resource_id: true }] } : { id: true },
        expressions: refs ? { private_service_connection: [{ private_connection_resource_id: { references: refs } }] } : undefined,
      },
    ]),
  );
};
const planRegistryOnly = json(tfPlan([{ type: 'azurerm_container_registry', name: 'acr', values: planRegistryValues() }], '~> 3.0'));

ruleTester(ID, {
  valid: [
    { name: 'ARM resourceId with the registry name', path: 't.json', code: armPair(armRegistry(), armPrivateEndpoint(REG_ID)) },
    { name: 'ARM name from a parameter, on both sides', path: 't.json', code: byParam },
    { name: 'ARM name from an unresolvable variable, compared as written (subscription and group arguments)', path: 't.json', code: byVariable },
    { name: 'ARM manual connection', path: 't.json', code: manual },
    { name: 'ARM literal resource id', path: 't.json', code: literalId },
    { name: 'ARM languageVersion 2.0: the id passed to a nested deployment', path: 't.json', code: lv2Nested },
    { name: 'ARM target unknown, group registry: might be this registry', path: 't.json', code: unknownTarget },
    { name: 'ARM target and group unknown', path: 't.json', code: unknownTargetAndGroups },
    { name: "ARM target behind if() computed from the template's own defaults: might be this registry", path: 't.json', code: ownRegistryBehindIf },
    { name: 'Terraform v3 reference', path: 'main.tf.json', code: tfPair(3, '${azurerm_container_registry.acr.id}') },
    { name: 'Terraform v4 reference', path: 'main.tf.json', code: tfPair(4, '${azurerm_container_registry.acr.id}') },
    { name: 'Terraform var default with the registry id', path: 'main.tf.json', code: tfPair(4, '${var.acr_id}', ['registry'], { acr_id: `${SUB}/Microsoft.ContainerRegistry/registries/crcontoso` }) },
    { name: 'Terraform module output is unknown', path: 'main.tf.json', code: tfPair(4, '${module.acr.id}') },
    { name: 'plan: configuration references (id unknown until apply)', path: 'plan.json', code: planPE(undefined, ['registry'], ['azurerm_container_registry.acr.id', 'azurerm_container_registry.acr']) },
    { name: 'plan: both in a child module', path: 'plan.json', code: planPE(undefined, ['registry'], ['azurerm_container_registry.acr.id', 'azurerm_container_registry.acr'], ['platform']) },
    { name: 'plan: literal id', path: 'plan.json', code: planPE(`${SUB}/Microsoft.ContainerRegistry/registries/crcontoso`, ['registry'], undefined) },
  ],
  invalid: [
    {
      name: 'ARM registry without endpoint: Information on properties', path: 't.json', code: registryOnly,
      errors: [{ messageId: 'notFound', ...at(registryOnly, '"properties"'), severity: 'info', fixable: false }],
    },
    { name: 'ARM endpoint of another registry', path: 't.json', code: otherRegistry, errors: [{ messageId: 'notFound', ...at(otherRegistry, '"properties"'), severity: 'info' }] },
    { name: 'ARM key vault endpoint only', path: 't.json', code: keyVaultOnly, errors: [{ messageId: 'notFound', ...at(keyVaultOnly, '"properties"') }] },
    { name: 'ARM endpoint with an unknown target but group vault is not a registry endpoint', path: 't.json', code: unknownVault, errors: [{ messageId: 'notFound', ...at(unknownVault, '"properties"') }] },
    {
      name: 'ARM endpoint of the registry with group vault: Warning on groupIds', path: 't.json', code: wrongGroups,
      errors: [{ messageId: 'groupIds', ...pos(wrongGroups, '[', { after: '"groupIds": ' }), severity: 'warning' }],
    },
    {
      name: 'ARM endpoint of the registry without groupIds: on the connection properties', path: 't.json', code: noGroups,
      errors: [{ messageId: 'groupIds', ...at(noGroups, '"properties"', { after: '"name": "acr",\n            ' }) }],
    },
    {
      name: 'ARM languageVersion 2.0, data endpoint group only', path: 't.json', code: lv2WrongGroups,
      errors: [{ messageId: 'groupIds', ...pos(lv2WrongGroups, '[', { after: '"groupIds": ' }) }],
    },
    { name: 'Terraform v3 registry without endpoint: on the resource name', path: 'main.tf.json', code: tfRegistryOnly, errors: [{ messageId: 'notFound', ...at(tfRegistryOnly, '"acr"'), severity: 'info' }] },
    { name: 'Terraform endpoint of a key vault', path: 'main.tf.json', code: tfPair(4, '${azurerm_key_vault.kv.id}', ['vault']), errors: [{ messageId: 'notFound', ...at(tfPair(4, '${azurerm_key_vault.kv.id}', ['vault']), '"acr"') }] },
    {
      name: 'Terraform v4 endpoint of the registry with the wrong sub-resource', path: 'main.tf.json', code: tfPair(4, '${azurerm_container_registry.acr.id}', ['vault']),
      errors: [{ messageId: 'groupIds', ...pos(tfPair(4, '${azurerm_container_registry.acr.id}', ['vault']), '[', { after: '"subresource_names": ' }) }],
    },
    {
      name: 'Terraform v3 endpoint of the registry without subresource_names: on the block key', path: 'main.tf.json', code: tfPair(3, '${azurerm_container_registry.acr.id}', null),
      errors: [{ messageId: 'groupIds', ...at(tfPair(3, '${azurerm_container_registry.acr.id}', null), '"private_service_connection"') }],
    },
    {
      name: 'ARM Basic registry (SKU from a parameter default) without endpoint: says Private Link needs Premium', path: 't.json', code: basicOnly,
      errors: [{ messageId: 'notFoundNotPremium', ...at(basicOnly, '"properties"'), severity: 'info', fixable: false }],
    },
    { name: 'Terraform v4 Standard registry without endpoint', path: 'main.tf.json', code: tfStandardOnly, errors: [{ messageId: 'notFoundNotPremium', ...at(tfStandardOnly, '"acr"'), severity: 'info' }] },
    { name: 'plan registry without endpoint: on values', path: 'plan.json', code: planRegistryOnly, errors: [{ messageId: 'notFound', ...at(planRegistryOnly, '"values"'), severity: 'info' }] },
    { name: 'plan endpoint referencing a key vault', path: 'plan.json', code: planPE(undefined, ['vault'], ['azurerm_key_vault.kv.id', 'azurerm_key_vault.kv']), errors: [{ messageId: 'notFound', ...at(planPE(undefined, ['vault'], ['azurerm_key_vault.kv.id', 'azurerm_key_vault.kv']), '"values"') }] },
    {
      name: 'plan endpoint of the registry in a child module, wrong sub-resource', path: 'plan.json', code: planPE(undefined, ['vault'], ['azurerm_container_registry.acr.id', 'azurerm_container_registry.acr'], ['platform']),
      errors: [{ messageId: 'groupIds', ...pos(planPE(undefined, ['vault'], ['azurerm_container_registry.acr.id', 'azurerm_container_registry.acr'], ['platform']), '[', { after: '"subresource_names": ' }) }],
    },
  ],
});

describe(`rule ${ID} across files (CLI and workspace scans)`, () => {
  const registryFile = parseFile('acr.json', registryOnly);
  const peFile = parseFile('network.json', json(armTemplate([armPrivateEndpoint(REG_ID)])));
  const ids = (file: ReturnType<typeof parseFile>, models: ReturnType<typeof modelsOf>) =>
    analyzeFile(file, {}, { models }).findings.filter((f) => f.ruleId === ID).map((f) => f.messageId);
  it('an endpoint in another scanned file counts', () => {
    assert.deepEqual(ids(registryFile, [...modelsOf(registryFile), ...modelsOf(peFile)]), []);
  });
  it('alone, the registry file reports Information', () => {
    assert.deepEqual(ids(registryFile, modelsOf(registryFile)), ['notFound']);
  });
  it('an endpoint in another file whose target is a parameter without default (a deployment input) might be this registry', () => {
    const pe = parseFile('network.json', json(armTemplate([armPrivateEndpoint("[parameters('acrId')]")], { parameters: { acrId: param() } })));
    assert.deepEqual(ids(registryFile, [...modelsOf(registryFile), ...modelsOf(pe)]), []);
  });
  it("an endpoint in another file whose unknown target is computed from that file's own defaults does not count", () => {
    // The aks-construction shape: the id of the other template's own registry, behind an if().
    const pe = parseFile('other.json', ownRegistryBehindIf);
    assert.deepEqual(ids(registryFile, [...modelsOf(registryFile), ...modelsOf(pe)]), ['notFound']);
    // In its own file the same endpoint might be that file's registry: no finding there.
    assert.deepEqual(ids(pe, [...modelsOf(registryFile), ...modelsOf(pe)]), []);
  });
  it('a wrong group id is reported in the endpoint file', () => {
    const bad = parseFile('network.json', json(armTemplate([armPrivateEndpoint(REG_ID, ['vault'])])));
    assert.deepEqual(ids(bad, [...modelsOf(registryFile), ...modelsOf(bad)]), ['groupIds']);
  });
});

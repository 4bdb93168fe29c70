import { ruleTester } from '../helpers/ruleTester';
import { armRegistry, armTemplate, at, json, nestedDeployment, param, tfConfig, tfRegistry } from '../helpers/acrFixtures';

const NEW_API = { apiVersion: '2025-04-01' };
const arm = (props: Record<string, unknown>, opts = {}, extra: Record<string, unknown> = NEW_API) => json(armTemplate([armRegistry(props, extra)], opts));
const bicep = (v: string) => arm({ policies: { azureADAuthenticationAsArmPolicy: { status: "[parameters('armTokens')]" } } }, { bicep: true, parameters: { armTokens: param(v) } });
const inner = armTemplate([armRegistry({ policies: { azureADAuthenticationAsArmPolicy: { status: "[parameters('s')]" } } }, NEW_API)], { parameters: { s: param() } });
const nested = (v: string) => json(armTemplate([nestedDeployment(inner, { s: v })]));
const disabledPolicy = { policies: { azureADAuthenticationAsArmPolicy: { status: 'disabled' } } };
const token = (props?: Record<string, unknown>) => {
  const t: Record<string, unknown> = { type: 'Microsoft.ContainerRegistry/registries/tokens', apiVersion: '2023-07-01', name: 'crcontoso/ci' };
  if (props) t.properties = props;
  return t;
};
const withToken = (props?: Record<string, unknown>) => json(armTemplate([armRegistry(disabledPolicy, NEW_API), token(props)]));
const nestedToken = json(armTemplate([{ ...armRegistry(disabledPolicy, NEW_API), resources: [{ type: 'tokens', apiVersion: '2023-07-01', name: 'ci', properties: { scopeMapId: 'x' } }] }]));

ruleTester('acr-local-token-auth', {
  valid: [
    { name: 'ARM disabled', path: 't.json', code: arm(disabledPolicy) },
    { name: 'ARM unresolvable', path: 't.json', code: arm({ policies: { azureADAuthenticationAsArmPolicy: "[parameters('policy')]" } }, { parameters: { policy: param(undefined, 'object') } }) },
    { name: 'Bicep-compiled parameter default disabled', path: 't.json', code: bicep('disabled') },
    { name: 'nested deployment passing disabled', path: 't.json', code: nested('disabled') },
    { name: 'token disabled', path: 't.json', code: withToken({ status: 'disabled', scopeMapId: 'x' }) },
    { name: 'Terraform is not checked', path: 'main.tf.json', code: json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry() }, azurerm_container_registry_token: { ci: { name: 'ci', container_registry_name: 'crcontoso', resource_group_name: 'rg', scope_map_id: 'x' } } })) },
  ],
  invalid: [
    { name: 'ARM absent (API 2025-04-01)', path: 't.json', code: arm({ adminUserEnabled: false }), errors: [{ messageId: 'missing', ...at(arm({ adminUserEnabled: false }), '"properties"'), severity: 'hint', fixable: false }] },
    { name: 'ARM absent, GA API version without the property', path: 't.json', code: arm({ adminUserEnabled: false }, {}, { apiVersion: '2023-07-01' }), errors: [{ messageId: 'missingOldApi', ...at(arm({ adminUserEnabled: false }, {}, { apiVersion: '2023-07-01' }), '"properties"') }] },
    { name: 'ARM enabled, languageVersion 2.0', path: 't.json', code: arm({ policies: { azureADAuthenticationAsArmPolicy: { status: 'enabled' } } }, { languageVersion2: true, bicep: true }, { apiVersion: '2023-11-01-preview' }), errors: [{ messageId: 'enabled', ...at(arm({ policies: { azureADAuthenticationAsArmPolicy: { status: 'enabled' } } }, { languageVersion2: true, bicep: true }, { apiVersion: '2023-11-01-preview' }), '"enabled"') }] },
    { name: 'Bicep-compiled parameter default enabled', path: 't.json', code: bicep('enabled'), errors: [{ messageId: 'enabled', ...at(bicep('enabled'), `"[parameters('armTokens')]"`) }] },
    { name: 'nested deployment: value passed by the parent', path: 't.json', code: nested('enabled'), errors: [{ messageId: 'enabled', ...at(nested('enabled'), `"[parameters('s')]"`) }] },
    { name: 'repository-scoped token, status absent (enabled)', path: 't.json', code: withToken({ scopeMapId: 'x' }), errors: [{ messageId: 'token', ...at(withToken({ scopeMapId: 'x' }), '"properties"', { nth: 1 }) }] },
    { name: 'repository-scoped token enabled', path: 't.json', code: withToken({ status: 'enabled', scopeMapId: 'x' }), errors: [{ messageId: 'token', ...at(withToken({ status: 'enabled', scopeMapId: 'x' }), '"enabled"') }] },
    { name: 'token nested in the registry', path: 't.json', code: nestedToken, errors: [{ messageId: 'token', ...at(nestedToken, '"properties"', { nth: 1 }) }] },
  ],
});

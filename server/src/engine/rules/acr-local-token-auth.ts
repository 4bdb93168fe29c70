import { AzureResource, eqi } from '../model';
import { defineRule } from './types';
import { via } from '../util';

const TOKEN_TYPE = 'microsoft.containerregistry/registries/tokens';

/** azureADAuthenticationAsArmPolicy exists in preview API versions from 2021-06-01-preview and in GA from 2025-04-01. */
function supportsArmAudiencePolicy(apiVersion: string | undefined): boolean {
  if (!apiVersion || !/^\d{4}-\d{2}-\d{2}/.test(apiVersion)) return true;
  const date = apiVersion.slice(0, 10);
  return /-preview$/i.test(apiVersion) ? date >= '2021-06-01' : date >= '2025-04-01';
}

export default defineRule({
  id: 'acr-local-token-auth',
  title: 'The registry accepts neither repository-scoped tokens nor ARM-audience tokens',
  description:
    'Repository-scoped tokens are credentials managed in the registry, outside Microsoft Entra ID. Separately, by default the registry also accepts Entra ID tokens issued for Azure Resource Manager; disabling azureADAuthenticationAsArmPolicy narrows authentication to tokens issued for the registry. Supplementary. Absent means the service defaults: ARM-audience tokens accepted, tokens enabled.',
  recommendation:
    'Set properties.policies.azureADAuthenticationAsArmPolicy.status to disabled (API 2025-04-01, or a preview version) and deploy no Microsoft.ContainerRegistry/registries/tokens, or set their status to disabled.',
  caf: 'seed 11: dedicated private Azure Container Registry over Private Link',
  severity: 'hint',
  formats: ['arm'],
  fixable: false,
  messages: {
    missing: 'Registry {{name}} accepts Entra ID tokens with the ARM audience: azureADAuthenticationAsArmPolicy is not set and defaults to enabled.',
    missingOldApi:
      'Registry {{name}} accepts Entra ID tokens with the ARM audience: azureADAuthenticationAsArmPolicy is not set and API version {{apiVersion}} cannot set it (2025-04-01 can).',
    enabled: 'Registry {{name}} accepts Entra ID tokens with the ARM audience{{via}}.',
    token: 'Repository-scoped token {{name}} is a registry-local credential outside Entra ID{{via}}.',
  },
  check: {
    containerRegistry(r, ctx) {
      const l = r.armAudienceTokens;
      if (l.state === 'unknown' || (l.state === 'known' && l.value !== true)) return;
      const old = l.state === 'absent' && !supportsArmAudiencePolicy(r.apiVersion);
      ctx.report({
        resource: r,
        lookup: l,
        messageId: l.state === 'known' ? 'enabled' : old ? 'missingOldApi' : 'missing',
        data: { name: r.label, via: via(l), apiVersion: r.apiVersion ?? '' },
      });
    },
    azureResource(res: AzureResource, ctx) {
      if (!res.isArm || res.type.toLowerCase() !== TOKEN_TYPE) return;
      const l = res.raw(['properties', 'status']);
      if (l.state === 'unknown' || (l.state === 'known' && !eqi(l.value, 'enabled'))) return;
      ctx.report({
        resource: res,
        lookup: l,
        messageId: 'token',
        data: { name: res.label, via: via(l) },
      });
    },
  },
});

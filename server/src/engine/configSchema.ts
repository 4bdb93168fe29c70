import { RULES } from './rules';

/** JSON schema of `.aks-guardrails.json(c)`; schemas/aks-guardrails.schema.json is this, checked by a test. */
export function configSchema(): Record<string, unknown> {
  const level = { type: 'string', enum: ['off', 'info', 'warning', 'error'] };
  const ruleProps: Record<string, unknown> = {};
  for (const r of RULES) {
    ruleProps[r.id] = {
      description: `${r.title} (default: ${r.severity}${r.pss ? `, Pod Security Standards ${r.pss}` : ''})`,
      oneOf: [
        { $ref: '#/definitions/level' },
        {
          type: 'object',
          properties: {
            level: { $ref: '#/definitions/level' },
            allowInlineSuppression: { type: 'boolean', description: 'false: in-source suppressions of this rule are not applied and are reported.' },
            ...(r.id === 'k8s-allowed-registry' ? { registries: { type: 'array', items: { type: 'string' }, description: 'Glob patterns of allowed registries, e.g. "*.azurecr.io".' } } : {}),
          },
        },
      ],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'AKS Guardrails configuration',
    type: 'object',
    additionalProperties: false,
    definitions: { level },
    properties: {
      $schema: { type: 'string' },
      extends: { type: 'string', enum: ['recommended', 'strict'], default: 'recommended', description: 'recommended: the catalogue severities; strict: every rule at least warning, Pod Security Standards rules as errors.' },
      kubernetesVersion: { type: 'string', pattern: '^1\\.[0-9]+$', description: 'Target Kubernetes version, e.g. "1.30".' },
      allowedRegistries: { type: 'array', items: { type: 'string' }, description: 'Allowed image registries (globs) for k8s-allowed-registry.' },
      ignore: { type: 'array', items: { type: 'string' }, description: "Glob patterns of paths not to scan, relative to this file's folder." },
      rules: { type: 'object', additionalProperties: false, properties: ruleProps },
    },
  };
}

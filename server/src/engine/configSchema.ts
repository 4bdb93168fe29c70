import { RULES } from './rules';
import { RULE_OPTIONS } from './config';

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
          additionalProperties: false,
          properties: {
            level: { $ref: '#/definitions/level' },
            allowInlineSuppression: { type: 'boolean', description: 'false: in-source suppressions of this rule are not applied and are reported.' },
            ...Object.fromEntries(Object.entries(RULE_OPTIONS[r.id] ?? {}).map(([k, o]) => [k, { type: 'array', items: { type: 'string' }, description: o.description }])),
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
      extends: { type: 'string', enum: ['recommended', 'strict'], default: 'recommended', description: 'recommended: the catalogue severities; strict: every finding at least a warning, Pod Security Standards (baseline and restricted) rules as errors.' },
      kubernetesVersion: { type: 'string', pattern: '^1\\.[0-9]+$', description: 'Target Kubernetes version, e.g. "1.30".' },
      allowedRegistries: { type: 'array', items: { type: 'string' }, description: 'Allowed image registries (globs) for k8s-allowed-registry.' },
      ignore: { type: 'array', items: { type: 'string' }, description: "Glob patterns of paths not to scan, relative to this file's folder." },
      rules: { type: 'object', additionalProperties: false, properties: ruleProps },
    },
  };
}

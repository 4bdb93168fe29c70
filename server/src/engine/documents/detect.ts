import { child, items, Node, str, entries } from './tree';
import { DocumentKind, Syntax } from './types';

const ARM_SCHEMA = /(deploymentTemplate|subscriptionDeploymentTemplate|managementGroupDeploymentTemplate|tenantDeploymentTemplate)\.json/i;
const TF_TOP_LEVEL = ['resource', 'variable', 'terraform', 'provider', 'module', 'data', 'output', 'locals'];

/** What a parsed document is. Anything unrecognised is 'unknown' and gets no findings. */
export function detectKind(root: Node | undefined, syntax: Syntax): DocumentKind {
  if (!root || root.type !== 'object') return 'unknown';
  const apiVersion = str(child(root, 'apiVersion'));
  const kind = str(child(root, 'kind'));
  if (apiVersion && kind) return 'k8s';
  if (syntax === 'yaml') return 'unknown';
  const schema = str(child(root, '$schema'));
  if (schema && ARM_SCHEMA.test(schema)) return 'arm';
  if (child(root, 'format_version') && (child(root, 'planned_values') || child(root, 'resource_changes'))) return 'tfplan';
  const resources = child(root, 'resources');
  if (resources && looksLikeArmResources(resources)) return 'arm';
  const keys = entries(root).map(([k]) => k);
  if (keys.length && keys.some((k) => k === 'resource' || k === 'variable' || k === 'terraform' || k === 'provider')
      && keys.every((k) => TF_TOP_LEVEL.includes(k) || k === '//' || k === 'check' || k === 'moved' || k === 'import' || k === 'removed')) {
    return 'tfjson';
  }
  return 'unknown';
}

function looksLikeArmResources(resources: Node): boolean {
  const list = resources.type === 'array' ? items(resources) : resources.type === 'object' ? entries(resources).map(([, , v]) => v) : [];
  return list.length > 0 && list.some((r) => r.type === 'object' && !!str(child(r, 'type')) && !!str(child(r, 'apiVersion')));
}

/** A `.tf` file with Terraform blocks is Terraform configuration ('tfjson': the tree has the `.tf.json` shape); `.tfvars` holds values only. */
export function detectHclKind(path: string, root: Node): DocumentKind {
  if (/\.tfvars$/i.test(path)) return 'unknown';
  return entries(root).some(([k, , v]) => TF_TOP_LEVEL.includes(k) && v.type === 'array') ? 'tfjson' : 'unknown';
}

export function syntaxFor(path: string, text: string): Syntax {
  const lower = path.toLowerCase();
  if (lower.endsWith('.bicep') || lower.endsWith('.bicepparam')) return 'bicep';
  if (lower.endsWith('.tf') || lower.endsWith('.tfvars') || lower.endsWith('.hcl')) return 'hcl';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json') || lower.endsWith('.jsonc') || lower.endsWith('.json5')) return 'json';
  const first = text.match(/^\s*(\S)/);
  return first && (first[1] === '{' || first[1] === '[') ? 'json' : 'yaml';
}

/**
 * Whether YAML text that did not parse still reads as a Kubernetes manifest (top-level `apiVersion:` and `kind:` lines),
 * so a broken manifest is reported as Kubernetes rather than as a file of another tool.
 */
export function looksLikeKubernetesText(text: string): boolean {
  return /^apiVersion:[ \t]*\S/m.test(text) && /^kind:[ \t]*\S/m.test(text);
}

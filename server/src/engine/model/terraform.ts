import { child, entries, items, Node, ParsedDocument, str } from '../documents';
import { Resolver } from './lookup';
import { blockObjects, TfScope } from './tfScope';
import { ArmResource, ArmScope } from './arm';
import { exprToNode } from '../documents/hclTree';

export interface TfResource {
  format: 'tfjson' | 'tfplan';
  doc: ParsedDocument;
  type: string;
  name: string;
  /** `type.name`, or the plan's module-qualified address. */
  address: string;
  /** The resource body (`.tf.json`) or the plan's `values` object. */
  node: Node;
  /** Where a missing attribute is reported: the resource's name key, or the plan's `values` key. */
  anchor: Node;
  resolver: Resolver;
  /** azurerm major version in use (3 or 4), from required_providers, the lock file, a plan, or the names present. */
  azurermMajor: 3 | 4;
  /** Where azurermMajor was read, for hovers: "required_providers in versions.tf", "assumed: …". */
  azurermSource?: string;
  /** Plan only: attributes that are unknown until apply. */
  afterUnknown?: Node;
}

export const planResolver: Resolver = {
  resolve(node) {
    return { node, resolver: planResolver };
  },
};

/** The Terraform configuration of a document (`.tf` or `.tf.json`): its resolver and resources. */
export function collectTfJsonResources(doc: ParsedDocument, resolver: Resolver = new TfScope(doc.root, doc.text), moduleMajor?: AzurermVersion): TfResource[] {
  const out: TfResource[] = [];
  const root = doc.root;
  if (!root) return out;
  const own = azurermMajorFromConfig(root);
  const version: AzurermVersion | undefined = moduleMajor ?? (own ? { major: own, source: 'required_providers of this file' } : undefined);
  const major = version?.major;
  for (const block of blockObjects(child(root, 'resource'))) {
    for (const [type, , byName] of entries(block)) {
      if (type === 'azapi_resource' || type === 'azapi_update_resource') continue;
      for (const names of blockObjects(byName)) {
        for (const [name, nameKey, body] of entries(names)) {
          for (const b of blockObjects(body)) {
            if (notDeployed(b, resolver)) continue;
            out.push({ format: 'tfjson', doc, type, name, address: `${type}.${name}`, node: b, anchor: nameKey, resolver, azurermMajor: major ?? 4 });
          }
        }
      }
    }
  }
  const chosen = version ?? guessMajorFromNames(out);
  for (const r of out) {
    r.azurermMajor = chosen.major;
    r.azurermSource = chosen.source;
  }
  return out;
}

/** An azurerm major version and where it was read (or why it is assumed). */
export interface AzurermVersion {
  major: 3 | 4;
  source: string;
}

/**
 * `count = 0` or `for_each` over an empty collection: no instance is deployed. An unknown count (an expression of
 * plan-time values) may deploy some: the resource is judged.
 */
export function notDeployed(body: Node, resolver: Resolver): boolean {
  for (const key of ['count', 'for_each']) {
    const n = child(body, key);
    if (!n) continue;
    const r = resolver.resolve(n);
    if (!r) continue;
    const v = r.node;
    if (key === 'count' && v.type === 'number' && v.value === 0) return true;
    if (key === 'for_each' && (v.type === 'object' || v.type === 'array') && !(v.children ?? []).length) return true;
  }
  return false;
}

/** The Terraform resolver as an ARM template scope: `azapi` bodies are ARM resources whose values are HCL expressions. */
class AzapiScope extends ArmScope {
  constructor(private readonly tf: Resolver) {
    super(undefined);
  }
  override resolve(node: Node) {
    return this.tf.resolve(node);
  }
}

/**
 * `azapi_resource` / `azapi_update_resource` with an ARM `type = "Microsoft.X/y@api-version"` and a `body` (an object,
 * `jsonencode({…})`, or a local/variable holding one): an ARM resource whose node is the body, judged by the ARM rules.
 */
export function collectAzapiResources(doc: ParsedDocument, resolver: Resolver): ArmResource[] {
  const out: ArmResource[] = [];
  const scope = new AzapiScope(resolver);
  for (const block of blockObjects(child(doc.root, 'resource'))) {
    for (const [tfType, , byName] of entries(block)) {
      if (tfType !== 'azapi_resource' && tfType !== 'azapi_update_resource') continue;
      for (const names of blockObjects(byName)) {
        for (const [name, , body] of entries(names)) {
          for (const b of blockObjects(body)) {
            if (notDeployed(b, resolver)) continue;
            const typeNode = child(b, 'type');
            const typeRes = typeNode && resolver.resolve(typeNode);
            const typeValue = typeRes && str(typeRes.node);
            const m = typeValue ? /^([^@\s]+)@(\S+)$/.exec(typeValue) : null;
            if (!m) continue;
            const armBody = azapiBody(child(b, 'body'), resolver, doc.text);
            if (!armBody) continue;
            const nameNode = child(b, 'name');
            const nameRes = nameNode && resolver.resolve(nameNode);
            out.push({
              format: 'arm', doc, type: m[1], apiVersion: m[2], name: `${tfType}.${name}`, resolvedName: nameRes ? str(nameRes.node) : undefined,
              node: armBody, scope, partial: tfType === 'azapi_update_resource',
            });
          }
        }
      }
    }
  }
  return out;
}

function azapiBody(body: Node | undefined, resolver: Resolver, text: string): Node | undefined {
  if (!body) return undefined;
  if (body.type === 'object') return body;
  const expr = body.hcl?.expr;
  if (expr?.k === 'call' && expr.name === 'jsonencode' && expr.args.length === 1 && expr.args[0].k === 'object') {
    // The object written inside jsonencode(): its nodes keep their ranges (fixes edit it in place).
    return exprToNode(expr.args[0], body.parent, text);
  }
  if (body.type !== 'string') return undefined;
  const r = resolver.resolve(body);
  return r?.node.type === 'object' && !r.node.hcl?.synthetic ? r.node : undefined;
}

export function collectTfPlanResources(doc: ParsedDocument): TfResource[] {
  const out: TfResource[] = [];
  const root = doc.root;
  if (!root) return out;
  const unknownByAddress = new Map<string, Node>();
  for (const rc of items(child(root, 'resource_changes'))) {
    const addr = str(child(rc, 'address'));
    const au = child(child(rc, 'change'), 'after_unknown');
    if (addr && au) unknownByAddress.set(addr, au);
  }
  const constraint = str(child(child(child(child(root, 'configuration'), 'provider_config'), 'azurerm'), 'version_constraint'));
  const major = majorFromConstraint(constraint);
  const source = `the plan's azurerm constraint "${constraint}"`;
  const visit = (mod: Node | undefined, depth: number) => {
    if (!mod || depth > 64) return;
    for (const r of items(child(mod, 'resources'))) {
      if (str(child(r, 'mode')) === 'data') continue;
      const type = str(child(r, 'type'));
      const values = child(r, 'values');
      const valuesProp = values?.parent;
      if (!type || !values || values.type !== 'object' || !valuesProp) continue;
      const address = str(child(r, 'address')) ?? `${type}.${str(child(r, 'name'))}`;
      out.push({
        format: 'tfplan', doc, type, name: str(child(r, 'name')) ?? '', address, node: values,
        anchor: valuesProp.children![0], resolver: planResolver, azurermMajor: major ?? 4, azurermSource: major ? source : undefined, afterUnknown: unknownByAddress.get(address),
      });
    }
    for (const m of items(child(mod, 'child_modules'))) visit(m, depth + 1);
  };
  visit(child(child(root, 'planned_values'), 'root_module'), 0);
  if (major === undefined) {
    const guessed = guessMajorFromNames(out);
    for (const r of out) {
      r.azurermMajor = guessed.major;
      r.azurermSource = guessed.source;
    }
  }
  return out;
}

export function azurermMajorFromConfig(root: Node): 3 | 4 | undefined {
  for (const tf of blockObjects(child(root, 'terraform'))) {
    for (const rp of blockObjects(child(tf, 'required_providers'))) {
      const az = child(rp, 'azurerm');
      const v = az?.type === 'string' ? str(az) : str(child(az, 'version'));
      const m = majorFromConstraint(v);
      if (m) return m;
    }
  }
  return undefined;
}

/**
 * The major version a constraint pins ("~> 3.90", ">= 3.0, < 4.0", "3.116.0", "= 4.1.0"); undefined when it allows
 * several (">= 3.0", "~> 3" reads as 3 or more).
 */
export function pinnedMajor(v: string | undefined): 3 | 4 | undefined {
  if (!v) return undefined;
  const parts = v.split(',').map((p) => p.trim());
  let lower: number | undefined;
  let upper: number | undefined;
  for (const p of parts) {
    const m = /^(~>|>=|<=|>|<|=|!=)?\s*v?(\d+)(?:\.(\d+))?/.exec(p);
    if (!m) continue;
    const op = m[1] ?? '=';
    const major = Number(m[2]);
    if (op === '=' || (op === '~>' && m[3] !== undefined)) return major >= 4 ? 4 : 3;
    if (op === '>=' || op === '>' || op === '~>') lower = major;
    if (op === '<') upper = Number(m[3] ?? 0) === 0 ? major - 1 : major;
    if (op === '<=') upper = major;
  }
  if (lower !== undefined && upper !== undefined && Math.min(lower, 4) === Math.min(upper, 4)) return upper >= 4 ? 4 : 3;
  if (upper !== undefined && upper <= 3) return 3;
  return undefined;
}

/** The highest major version a constraint such as "~> 3.90", ">= 3.0, < 4.0" or "4.1.0" allows. */
export function majorFromConstraint(v: string | undefined): 3 | 4 | undefined {
  if (!v) return undefined;
  const parts = v.split(',').map((p) => p.trim());
  let upper: number | undefined;
  let lower: number | undefined;
  for (const p of parts) {
    const m = /^(~>|>=|<=|>|<|=|!=)?\s*v?(\d+)(?:\.(\d+))?/.exec(p);
    if (!m) continue;
    const op = m[1] ?? '=';
    const major = Number(m[2]);
    const hasMinor = m[3] !== undefined;
    if (op === '=' || (op === '~>' && hasMinor)) return major >= 4 ? 4 : 3;
    if (op === '~>') lower = major;
    if (op === '<') upper = Number(m[3] ?? 0) === 0 ? major - 1 : major;
    if (op === '<=') upper = major;
    if (op === '>=' || op === '>') lower = major;
  }
  const m = upper ?? lower;
  if (m === undefined) return undefined;
  return m >= 4 ? 4 : 3;
}

const V3_ONLY = ['automatic_channel_upgrade', 'node_os_channel_upgrade', 'api_server_authorized_ip_ranges', 'public_network_access_enabled', 'enable_pod_security_policy'];
const V4_ONLY = ['automatic_upgrade_channel', 'node_os_upgrade_channel'];

function guessMajorFromNames(resources: TfResource[]): AzurermVersion {
  for (const r of resources) {
    if (r.type !== 'azurerm_kubernetes_cluster') continue;
    const keys = entries(r.node).filter(([, , v]) => v.type !== 'null').map(([k]) => k);
    const v4 = keys.find((k) => V4_ONLY.includes(k));
    if (v4) return { major: 4, source: `guessed from the v4 attribute name ${v4}: no version constraint, lock file or plan found` };
    const v3 = keys.find((k) => V3_ONLY.includes(k));
    if (v3) return { major: 3, source: `guessed from the v3 attribute name ${v3}: no version constraint, lock file or plan found` };
    const aad = child(r.node, 'azure_active_directory_role_based_access_control');
    const aadBody = aad?.type === 'array' ? items(aad)[0] : aad;
    if (child(aadBody, 'managed')) return { major: 3, source: 'guessed from the v3 attribute azure_active_directory_role_based_access_control.managed: no version constraint, lock file or plan found' };
  }
  return { major: 4, source: 'assumed, the current major version: no version constraint, lock file or plan found' };
}

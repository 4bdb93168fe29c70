import { child, items, keyOf, Node, str } from '../documents';
import { ArmScope, isExpression } from './arm';
import { AzureResource } from './azure';
import { Lookup, Resolver, walk } from './lookup';
import type { ContainerRegistry } from './registry';

/** The private-link sub-resource (group id) of a container registry. */
export const REGISTRY_GROUP_ID = 'registry';

/** Whether a private endpoint connection targets a given registry. */
export type LinkState = 'yes' | 'no' | 'unknown';

/** One private link service connection of a private endpoint. */
export interface PrivateLinkConnection {
  /** The connection object as written (ARM connection, Terraform `private_service_connection` block). */
  node: Node;
  /** ARM `properties.groupIds` / Terraform `subresource_names`. */
  groupIds: Lookup;
  /** True / false when every group id is known; undefined when one is an expression. */
  includesRegistryGroup: boolean | undefined;
  /** Where a finding about the group ids points: the value, or when absent the key of the object that should hold it. */
  groupIdsAnchor: Node;
}

/**
 * Microsoft.Network/privateEndpoints / azurerm_private_endpoint: its connections and what they target.
 * Targets are matched by name, as written, never by evaluating arbitrary expressions:
 * ARM `privateLinkServiceId` = `[resourceId(…, 'Microsoft.ContainerRegistry/registries', <name>)]` (the name
 * compared textually in the same template scope, or as the resolved literal), or a literal resource ID;
 * Terraform `${azurerm_container_registry.<name>.id}`, or in plan JSON the configuration's references.
 */
export class PrivateEndpoint extends AzureResource {
  static readonly ARM_TYPE = 'microsoft.network/privateendpoints';
  static readonly TF_TYPE = 'azurerm_private_endpoint';

  /**
   * The connections; `complete` is false when a connection list is an expression we cannot evaluate.
   * `opaqueFromInput` (ARM): one of those expressions depends on a deployment-time input (see targetFromInput).
   */
  connections(): { list: PrivateLinkConnection[]; complete: boolean; opaqueFromInput: boolean } {
    const r = this.res;
    const list: PrivateLinkConnection[] = [];
    let complete = true;
    let opaqueFromInput = false;
    if (r.format === 'arm') {
      const written = child(r.node, 'properties', true);
      const props = resolveArm(written, r.scope);
      if (!props || props.node.type !== 'object') {
        const fromInput = !!written && (!props || dependsOnInput(props.node, props.scope, 0));
        return { list, complete: !written, opaqueFromInput: fromInput };
      }
      for (const key of ['privateLinkServiceConnections', 'manualPrivateLinkServiceConnections']) {
        const written = child(props.node, key, true);
        if (!written) continue;
        const arr = resolveArm(written, props.scope);
        if (!arr || arr.node.type !== 'array') {
          complete = false;
          if (!arr || dependsOnInput(arr.node, arr.scope, 0)) opaqueFromInput = true;
          continue;
        }
        for (const el of items(arr.node)) {
          const c = resolveArm(el, arr.scope);
          if (!c || c.node.type !== 'object') {
            complete = false;
            if (!c || dependsOnInput(c.node, c.scope, 0)) opaqueFromInput = true;
            continue;
          }
          list.push(armConnection(c.node, c.scope));
        }
      }
      return { list, complete, opaqueFromInput };
    }
    // A `dynamic "private_service_connection"` block is generated: its target is unknown.
    if (child(child(r.node, 'dynamic'), 'private_service_connection')) complete = false;
    const block = child(r.node, 'private_service_connection');
    if (!block || block.type === 'null') return { list, complete, opaqueFromInput: !complete };
    const blocks = block.type === 'array' ? items(block) : [block];
    for (const b of blocks) {
      if (b.type !== 'object') {
        complete = false;
        continue;
      }
      list.push(tfConnection(b, r.resolver, keyOf(block) ?? this.defaultAnchor()));
    }
    return { list, complete, opaqueFromInput: !complete };
  }

  /** Whether connection `c` of this endpoint targets `registry`. */
  targets(c: PrivateLinkConnection, registry: ContainerRegistry): LinkState {
    const r = this.res;
    if (r.format === 'arm') {
      if (registry.res.format !== 'arm') return 'no';
      const id = child(child(c.node, 'properties', true), 'privateLinkServiceId', true);
      const scope = CONNECTION_SCOPE.get(c) ?? r.scope;
      return matchArmId(id, scope, registry);
    }
    if (registry.res.format === 'arm') return 'no';
    const idNode = child(c.node, 'private_connection_resource_id');
    if (r.format === 'tfplan') {
      const refs = planReferences(this, c);
      if (refs) {
        const state = matchReferences(refs, planModulePrefix(r.address), registry);
        if (state !== 'unknown' || !idNode) return state;
      }
    }
    return matchTfId(idNode, r.resolver, registry);
  }

  /**
   * How this endpoint relates to `registry`: the connections that target it, and whether some connection
   * might target it (an expression). A connection whose target is unknown but whose group ids are known and
   * not `registry` is not a registry endpoint.
   */
  linksTo(registry: ContainerRegistry): { matches: PrivateLinkConnection[]; unknown: boolean; unknownFromInput: boolean } {
    const { list, complete, opaqueFromInput } = this.connections();
    const matches: PrivateLinkConnection[] = [];
    let unknown = !complete;
    let unknownFromInput = opaqueFromInput;
    for (const c of list) {
      const t = this.targets(c, registry);
      if (t === 'yes') matches.push(c);
      else if (t === 'unknown' && c.includesRegistryGroup !== false) {
        unknown = true;
        if (this.targetFromInput(c)) unknownFromInput = true;
      }
    }
    return { matches, unknown, unknownFromInput };
  }

  /**
   * Whether the (unknown) target of connection `c` depends on a deployment-time input, so it may name a
   * registry of another file: ARM, an expression that reaches a parameter with neither a default nor a
   * passed value; Terraform, always (variables, module outputs, data sources and locals cross files).
   * An ARM target computed only from the template's own defaults and resources (e.g.
   * `[if(parameters('privateLinks'), resourceId('Microsoft.ContainerRegistry/registries', variables('acrName')), '')]`)
   * names a registry of its own template, not one of another file.
   */
  targetFromInput(c: PrivateLinkConnection): boolean {
    const r = this.res;
    if (r.format !== 'arm') return true;
    const id = child(child(c.node, 'properties', true), 'privateLinkServiceId', true);
    const scope = CONNECTION_SCOPE.get(c) ?? r.scope;
    if (!id) return false;
    if (id.type !== 'string') return true;
    return dependsOnInput(id, scope, 0);
  }
}

// ---------------------------------------------------------------------------------------------
// ARM

/** The scope each ARM connection's expressions are evaluated in (a connection may come from a parameter). */
const CONNECTION_SCOPE = new WeakMap<PrivateLinkConnection, ArmScope>();

function armConnection(node: Node, scope: ArmScope): PrivateLinkConnection {
  const groupIds = walk(node, ['properties', 'groupIds'], scope, { ignoreCase: true });
  let includes: boolean | undefined;
  if (groupIds.state === 'absent') includes = false;
  else if (groupIds.state === 'known' && groupIds.origin?.type === 'array') includes = groupIncludesRegistry(items(groupIds.origin), scope);
  const props = child(node, 'properties', true);
  const anchor = groupIds.state === 'absent' ? keyOf(groupIds.parent) ?? keyOf(props) ?? node : groupIds.node ?? node;
  const c: PrivateLinkConnection = { node, groupIds, includesRegistryGroup: includes, groupIdsAnchor: anchor };
  CONNECTION_SCOPE.set(c, scope);
  return c;
}

function groupIncludesRegistry(elements: Node[], resolver: Resolver): boolean | undefined {
  let unknown = false;
  for (const el of elements) {
    const v = resolver.resolve(el);
    if (!v || (v.node.type === 'string' && isExpression(v.node.value as string))) {
      unknown = true;
      continue;
    }
    if (v.node.type === 'string' && (v.node.value as string).toLowerCase() === REGISTRY_GROUP_ID) return true;
  }
  return unknown ? undefined : false;
}

/**
 * Follows `[parameters('x')]`, `[variables('x')]` and `[coalesce(parameters('x'), …)]` (when x is set) to
 * the node they stand for, with the scope that node's own expressions are evaluated in.
 */
export function resolveArm(node: Node | undefined, scope: ArmScope, depth = 0): { node: Node; scope: ArmScope } | undefined {
  if (!node) return undefined;
  if (depth > 16) return undefined;
  if (node.type !== 'string' || !isExpression(node.value as string)) return { node, scope };
  const inner = (node.value as string).slice(1, -1).trim();
  const ref = /^(parameters|variables)\(\s*'([^']+)'\s*\)$/i.exec(inner) ?? /^coalesce\(\s*(parameters|variables)\(\s*'([^']+)'\s*\)\s*,/i.exec(inner);
  if (!ref) {
    // Accessor chains (`parameters('x').y`) are the scope's business; any other expression stays as written.
    const res = /^(parameters|variables)\(/i.test(inner) ? scope.resolve(node) : undefined;
    return res && res.resolver instanceof ArmScope ? { node: res.node, scope: res.resolver } : { node, scope };
  }
  const target = stepArm(ref[1], ref[2], scope);
  // Unresolvable, or a coalesce() whose first argument is null: the expression stays as written (unknown).
  if (!target || target.node.type === 'null') return { node, scope };
  return resolveArm(target.node, target.scope, depth + 1);
}

/** One step of a parameter (passed value or default) or variable reference. */
function stepArm(fn: string, name: string, scope: ArmScope): { node: Node; scope: ArmScope } | undefined {
  if (fn.toLowerCase() === 'parameters') {
    const p = scope.params.get(name.toLowerCase());
    if (!p) return undefined;
    if (p.value) return { node: p.value, scope: p.valueScope ?? scope };
    const d = child(p.decl, 'defaultValue', true);
    return d ? { node: d, scope } : undefined;
  }
  const v = scope.vars.get(name.toLowerCase());
  return v ? { node: v.node, scope } : undefined;
}

/** True when an ARM string (expression) reaches a parameter with neither a default nor a passed value. */
function dependsOnInput(node: Node, scope: ArmScope, depth: number): boolean {
  if (depth > 16) return true;
  if (node.type !== 'string' || !isExpression(node.value as string)) return false;
  const re = /\b(parameters|variables)\(\s*'([^']+)'\s*\)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(node.value as string))) {
    const target = stepArm(m[1], m[2], scope);
    if (!target) {
      // Only the outermost template's parameters are given at deployment; a nested template's parameter
      // that its parent does not pass is null (Bicep `param x type?`), not an input.
      if (m[1].toLowerCase() === 'parameters' && isRootParameter(scope, m[2])) return true;
      continue;
    }
    if (dependsOnInput(target.node, target.scope, depth + 1)) return true;
  }
  return false;
}

/** True when parameter `name` of `scope` is declared by the document's outermost template. */
function isRootParameter(scope: ArmScope, name: string): boolean {
  const decl = scope.params.get(name.toLowerCase())?.decl;
  if (!decl) return true; // undeclared: the template is invalid; stay conservative
  const template = decl.parent?.parent?.parent?.parent; // decl → property → parameters object → property → template
  return !!template && !template.parent;
}

const SCOPE_IDS = new WeakMap<ArmScope, number>();
let nextScopeId = 1;
function scopeId(s: ArmScope): number {
  let id = SCOPE_IDS.get(s);
  if (id === undefined) SCOPE_IDS.set(s, (id = nextScopeId++));
  return id;
}

/** Removes whitespace outside string literals and lower-cases (ARM functions, parameters and names are case-insensitive). */
function normaliseExpr(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") inString = !inString;
    if (!inString && /\s/.test(ch)) continue;
    out += ch.toLowerCase();
  }
  return out;
}

/**
 * Every way a name can be identified: `lit:<name>` for a literal (resolved through parameters/variables
 * where possible), `expr:<scope>:<text>` for each expression on the way (compared textually, same scope only).
 */
function nameForms(expr: string, scope: ArmScope, out = new Set<string>(), depth = 0): Set<string> {
  const text = expr.trim();
  if (depth > 16) return out;
  const lit = /^'((?:[^']|'')*)'$/.exec(text);
  if (lit) {
    out.add(`lit:${lit[1].replace(/''/g, "'").toLowerCase()}`);
    return out;
  }
  out.add(`expr:${scopeId(scope)}:${normaliseExpr(text)}`);
  const ref = /^(parameters|variables)\(\s*'([^']+)'\s*\)$/i.exec(text);
  if (!ref) return out;
  const target = stepArm(ref[1], ref[2], scope);
  if (!target) return out;
  return jsonNameForms(target.node, target.scope, out, depth + 1);
}

function jsonNameForms(node: Node, scope: ArmScope, out = new Set<string>(), depth = 0): Set<string> {
  if (node.type !== 'string') return out;
  const s = node.value as string;
  if (!isExpression(s)) {
    out.add(`lit:${(s.startsWith('[[') ? s.slice(1) : s).toLowerCase()}`);
    return out;
  }
  return nameForms(s.slice(1, -1), scope, out, depth);
}

const REGISTRY_TYPE = 'microsoft.containerregistry/registries';

/** The name forms of an ARM registry (its `name` as written, in its scope). */
function registryForms(registry: ContainerRegistry): Set<string> {
  const out = new Set<string>();
  if (registry.res.format !== 'arm') return out;
  const r = registry.res;
  if (r.resolvedName) out.add(`lit:${r.resolvedName.toLowerCase()}`);
  const nameNode = child(r.node, 'name', true);
  if (nameNode && !r.parent) jsonNameForms(nameNode, r.scope, out);
  return out;
}

function matchArmId(idNode: Node | undefined, scope: ArmScope, registry: ContainerRegistry): LinkState {
  const resolved = resolveArm(idNode, scope);
  if (!resolved || resolved.node.type !== 'string') return 'unknown';
  const value = resolved.node.value as string;
  if (!isExpression(value)) return matchLiteralId(value, registry);
  const call = parseCall(value.slice(1, -1));
  if (!call) return 'unknown';
  const fn = call.fn.toLowerCase();
  if (fn === 'resourceid') {
    const typeIdx = call.args.findIndex((a) => /^'[^']*\/[^']*'$/.test(a.trim()));
    if (typeIdx < 0) return 'unknown';
    const type = call.args[typeIdx].trim().slice(1, -1).replace(/\/+$/, '').toLowerCase();
    if (type !== REGISTRY_TYPE) return 'no';
    if (call.args.length !== typeIdx + 2) return 'no'; // a child resource of a registry
    const target = nameForms(call.args[typeIdx + 1], resolved.scope);
    const own = registryForms(registry);
    for (const f of target) if (own.has(f)) return 'yes';
    // Both literal and different: another registry. Otherwise we cannot tell.
    const targetLit = [...target].filter((f) => f.startsWith('lit:'));
    const ownLit = [...own].filter((f) => f.startsWith('lit:'));
    return targetLit.length && ownLit.length ? 'no' : 'unknown';
  }
  if (/resourceid$/.test(fn)) return value.toLowerCase().includes(REGISTRY_TYPE) ? 'unknown' : 'no';
  return 'unknown';
}

/** `/subscriptions/…/providers/Microsoft.ContainerRegistry/registries/<name>` compared by type and name. */
function matchLiteralId(id: string, registry: ContainerRegistry): LinkState {
  const m = /\/providers\/([^/]+\/[^/]+)\/([^/]+)(\/.*)?$/i.exec(id.trim());
  if (!m) return 'unknown';
  if (m[1].toLowerCase() !== REGISTRY_TYPE || m[3]) return 'no';
  const name = registry.literalName;
  if (name === undefined) return 'unknown';
  return name.toLowerCase() === m[2].toLowerCase() ? 'yes' : 'no';
}

/** Splits `fn(a, b, c)` into its name and top-level arguments (string literals and nested calls kept whole). */
export function parseCall(text: string): { fn: string; args: string[] } | undefined {
  const m = /^\s*([A-Za-z_][\w.]*)\s*\(/.exec(text);
  if (!m) return undefined;
  const args: string[] = [];
  let depth = 0;
  let inString = false;
  let start = m[0].length;
  for (let i = m[0].length; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "'") {
        if (text[i + 1] === "'") i++;
        else inString = false;
      }
      continue;
    }
    if (ch === "'") inString = true;
    else if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (ch === ',' && depth === 0) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    } else if (ch === ')' && depth === 0) {
      const last = text.slice(start, i).trim();
      if (last || args.length) args.push(last);
      return text.slice(i + 1).trim() === '' ? { fn: m[1], args } : undefined;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Terraform

function tfConnection(block: Node, resolver: Resolver, blockKey: Node): PrivateLinkConnection {
  const groupIds = walk(block, ['subresource_names'], resolver, { nullIsAbsent: true });
  let includes: boolean | undefined;
  if (groupIds.state === 'absent') includes = false;
  else if (groupIds.state === 'known' && groupIds.origin?.type === 'array') includes = groupIncludesRegistryTf(items(groupIds.origin), resolver);
  const anchor = groupIds.state === 'absent' ? keyOf(block) ?? blockKey : groupIds.node ?? blockKey;
  return { node: block, groupIds, includesRegistryGroup: includes, groupIdsAnchor: anchor };
}

function groupIncludesRegistryTf(elements: Node[], resolver: Resolver): boolean | undefined {
  let unknown = false;
  for (const el of elements) {
    const v = resolver.resolve(el);
    if (!v) {
      unknown = true;
      continue;
    }
    if (v.node.type === 'string' && (v.node.value as string).toLowerCase() === REGISTRY_GROUP_ID) return true;
  }
  return unknown ? undefined : false;
}

const TF_REGISTRY = 'azurerm_container_registry';

/** `.tf.json`: `${azurerm_container_registry.<name>.id}`, `${var.x}` with a literal ID default, or a literal ID. */
function matchTfId(idNode: Node | undefined, resolver: Resolver, registry: ContainerRegistry): LinkState {
  if (!idNode || idNode.type === 'null') return 'unknown';
  const s = str(idNode);
  if (s === undefined) return 'unknown';
  const ref = /^\$\{\s*(data\.)?([A-Za-z][\w-]*)\.([A-Za-z_][\w-]*)(\[[^\]]*\])?\.id\s*\}$/.exec(s);
  if (ref && ref[2] !== 'var' && ref[2] !== 'local' && ref[2] !== 'module') {
    const [, data, type, name] = ref;
    if (type !== TF_REGISTRY) return 'no';
    if (data) return 'unknown';
    return registry.res.format === 'tfjson' && registry.res.type === TF_REGISTRY && registry.res.name === name ? 'yes' : 'no';
  }
  const v = resolver.resolve(idNode);
  if (!v || v.node.type !== 'string') return 'unknown';
  const value = v.node.value as string;
  if (/\$\{|%\{/.test(value)) return 'unknown';
  if (registry.res.format === 'tfplan') {
    const ownId = registry.raw(['id']);
    if (ownId.state === 'known' && typeof ownId.value === 'string') return ownId.value.toLowerCase() === value.toLowerCase() ? 'yes' : 'no';
  }
  return matchLiteralId(value, registry);
}

/** Plan JSON: the references Terraform recorded for `private_connection_resource_id` in the configuration section. */
function planReferences(pe: PrivateEndpoint, c: PrivateLinkConnection): string[] | undefined {
  if (pe.res.format !== 'tfplan') return undefined;
  const conns = items(child(pe.res.node, 'private_service_connection'));
  const index = Math.max(0, conns.indexOf(c.node));
  const { modules, local } = splitPlanAddress(pe.res.address);
  let mod = child(child(pe.doc.root, 'configuration'), 'root_module');
  for (const m of modules) mod = child(child(child(mod, 'module_calls'), m), 'module');
  const res = items(child(mod, 'resources')).find((r) => str(child(r, 'address')) === local);
  const psc = child(child(res, 'expressions'), 'private_service_connection');
  const block = psc?.type === 'array' ? items(psc)[index] ?? items(psc)[0] : psc;
  const refs = child(child(block, 'private_connection_resource_id'), 'references');
  if (!refs || refs.type !== 'array') return undefined;
  return items(refs).map((n) => str(n)).filter((x): x is string => x !== undefined);
}

/** `module.a[0].module.b.azurerm_x.y["k"]` → modules ['a', 'b'], local 'azurerm_x.y'. */
function splitPlanAddress(address: string): { modules: string[]; local: string } {
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  const modules: string[] = [];
  let i = 0;
  while (parts[i] === 'module' && i + 1 < parts.length) {
    modules.push(parts[i + 1]);
    i += 2;
  }
  return { modules, local: parts.slice(i).join('.') };
}

function planModulePrefix(address: string): string {
  const { modules } = splitPlanAddress(address);
  return modules.map((m) => `module.${m}.`).join('');
}

function matchReferences(refs: string[], prefix: string, registry: ContainerRegistry): LinkState {
  let unknown = false;
  let other = false;
  const own = registry.res.format === 'tfplan' ? splitPlanAddress(registry.res.address) : undefined;
  const ownAddress = own ? own.modules.map((m) => `module.${m}.`).join('') + own.local : undefined;
  for (const ref of refs) {
    const clean = ref.replace(/\[[^\]]*\]/g, '');
    const parts = clean.split('.');
    if (['var', 'local', 'module', 'data', 'each', 'count', 'path', 'terraform', 'self'].includes(parts[0])) {
      // A data source of another type is another resource; anything else may be the registry's id.
      if (parts[0] === 'data' && parts[1] !== TF_REGISTRY) other = true;
      else unknown = true;
      continue;
    }
    if (parts.length < 2) continue;
    if (parts[0] !== TF_REGISTRY) {
      other = true;
      continue;
    }
    if (ownAddress && `${prefix}${parts[0]}.${parts[1]}` === ownAddress) return 'yes';
    other = true;
  }
  if (unknown) return 'unknown';
  return other ? 'no' : 'unknown';
}

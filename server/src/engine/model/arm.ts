import { child, entries, items, Node, ParsedDocument, str } from '../documents';
import { Resolver, syntheticNull } from './lookup';

/**
 * What an outer template passes to an inner-scope nested deployment: its `properties.parameters` object (undefined:
 * none written), the outer scope those values are evaluated in, and the deployment's name for messages. `unknown`
 * when the values cannot be read (an expression, or a `parametersLink` file).
 */
export interface PassedParameters {
  values: Node | undefined;
  scope: ArmScope;
  deployment: string;
  unknown?: boolean;
  /** Bicep: `values` maps names to values (`params: {x: …}`, a `.bicepparam` file), not to `{value: …}`. */
  direct?: boolean;
}

interface ParamEntry {
  decl: Node;
  name: string;
  value?: Node;
  valueScope?: ArmScope;
  /** The nested deployment that does not pass this parameter (its outer template passes nothing for it). */
  notPassedBy?: string;
}

/**
 * Parameters and variables visible to the expressions of one (nested) template.
 *
 * What a parameter without a default reads as, decided here once for every rule (issue 16):
 * - passed by the outer template of an inner-scope nested deployment: the value passed;
 * - not passed by that outer template (whose `parameters` object is in the file): `null`, absent. The outer template
 *   is the only caller the nested deployment has; what it does not pass is never supplied (a nullable parameter is
 *   null; a required one fails validation, so no value is ever deployed either way);
 * - a nullable parameter (`"nullable": true`, languageVersion 2.0) of the top-level template: `null`, absent. Nothing
 *   in the file passes it, and omitting it is how a deployment leaves it unset;
 * - a required parameter of the top-level template: unknown (the deployment must pass a value the file does not show).
 */
export class ArmScope implements Resolver {
  readonly params = new Map<string, ParamEntry>();
  readonly vars = new Map<string, { node: Node; name: string }>();
  private depth = 0;

  /**
   * `passed`: the values a caller gives this template's parameters: an ARM deployment's `parameters` object
   * (`{x: {value: …}}`), or with `direct` a Bicep module's `params` / a `.bicepparam` file's values (`{x: …}`).
   */
  constructor(template: Node | undefined, passed?: PassedParameters) {
    for (const [name, , decl] of entries(child(template, 'parameters'))) {
      const entry: ParamEntry = { decl, name };
      const given = passed && !passed.unknown ? (passed.direct ? child(passed.values, name, true) : child(child(passed.values, name, true), 'value', true)) : undefined;
      if (given) {
        entry.value = given;
        entry.valueScope = passed!.scope;
      } else if (passed && !passed.unknown && !child(passed.values, name, true)) {
        entry.notPassedBy = passed.deployment;
      }
      this.params.set(name.toLowerCase(), entry);
    }
    for (const [name, , node] of entries(child(template, 'variables'))) this.vars.set(name.toLowerCase(), { node, name });
  }

  resolve(node: Node): { node: Node; resolver: Resolver; via?: string } | undefined {
    if (node.type !== 'string') return { node, resolver: this };
    const s = node.value as string;
    if (!s.startsWith('[') || s.startsWith('[[') || !s.endsWith(']')) return { node, resolver: this };
    const m = EXPR.exec(s);
    if (!m || this.depth > 16) return undefined;
    const fn = m[1].toLowerCase();
    const name = m[2];
    let target: Node | undefined;
    let scope: ArmScope = this;
    let via: string;
    if (fn === 'parameters') {
      const p = this.params.get(name.toLowerCase());
      if (!p) return undefined;
      via = `parameter '${p.name}'`;
      if (p.value) {
        target = p.value;
        scope = p.valueScope!;
      } else {
        target = child(p.decl, 'defaultValue', true);
        if (!target) {
          // Nobody passes it: null (see the class comment); a required top-level parameter stays unknown.
          const nullable = child(p.decl, 'nullable', true)?.value === true;
          if (p.notPassedBy === undefined && !nullable) return undefined;
          if (m[3]) return undefined; // a member of null: the deployment fails, nothing to read
          const why = p.notPassedBy !== undefined ? `, which deployment '${p.notPassedBy}' does not pass` : ', nullable, with no default and not passed';
          return { node: syntheticNull(p.decl), resolver: this, via: `parameter '${p.name}'${why}` };
        }
      }
    } else {
      const v = this.vars.get(name.toLowerCase());
      if (!v) return undefined;
      via = `variable '${v.name}'`;
      target = v.node;
    }
    if (!target) return undefined;
    // Follow the chain (a parameter whose default is another parameter) with a depth bound.
    this.depth++;
    try {
      let res = scope.resolve(target);
      if (!res) return undefined;
      for (const seg of parseAccessors(m[3])) {
        const next = child(res.node, seg, true);
        if (!next) return undefined;
        res = res.resolver.resolve(next);
        if (!res) return undefined;
      }
      return { node: res.node, resolver: res.resolver, via: res.via ?? via };
    } finally {
      this.depth--;
    }
  }
}

const EXPR = /^\[\s*(parameters|variables)\(\s*'([^']+)'\s*\)\s*((?:\.[A-Za-z_$][\w$]*|\[\s*'[^']*'\s*\])*)\s*\]$/i;

function parseAccessors(chain: string): string[] {
  const out: string[] = [];
  const re = /\.([A-Za-z_$][\w$]*)|\[\s*'([^']*)'\s*\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(chain))) out.push(m[1] ?? m[2]);
  return out;
}

export interface ArmResource {
  format: 'arm';
  doc: ParsedDocument;
  /** Full type, e.g. Microsoft.ContainerService/managedClusters/maintenanceConfigurations. */
  type: string;
  apiVersion?: string;
  /** Full name as written (expression or literal), children prefixed with their parent's name. */
  name: string;
  /** The resolved literal name when it can be resolved. */
  resolvedName?: string;
  node: Node;
  scope: ArmScope;
  parent?: ArmResource;
  /** The nested deployment this resource came from, if any. */
  deployment?: ArmResource;
  /**
   * A partial update of an existing resource (Terraform `azapi_update_resource`): what its body does not set keeps
   * whatever value the resource has, so an absent property is unknown, not absent.
   */
  partial?: boolean;
}

/**
 * A template a deployment resource does not hold inline (a Bicep module: a `.bicep` file, or a registry module's
 * compiled JSON in the local module cache): the template, its document, and the values the caller passes.
 */
export type LinkTemplate = (deployment: Node, scope: ArmScope) => { template: Node; doc: ParsedDocument; values: Node | undefined; direct: boolean } | undefined;

/** Every resource of an ARM template, with nested child resources and inline nested deployments (and linked ones: `link`). */
export function collectArmResources(doc: ParsedDocument, link?: LinkTemplate, root: Node | undefined = doc.root, scope?: ArmScope): ArmResource[] {
  const out: ArmResource[] = [];
  if (!root) return out;
  visitTemplate(doc, root, scope ?? new ArmScope(root), out, undefined, undefined, 0, link);
  return out;
}

function resourceList(node: Node | undefined): Node[] {
  if (!node) return [];
  if (node.type === 'array') return items(node);
  if (node.type === 'object') return entries(node).map(([, , v]) => v); // languageVersion 2.0: symbolic names
  return [];
}

function visitTemplate(doc: ParsedDocument, template: Node, scope: ArmScope, out: ArmResource[], parent: ArmResource | undefined, deployment: ArmResource | undefined, depth: number, link?: LinkTemplate) {
  if (depth > 32) return;
  const list = parent ? resourceList(child(parent.node, 'resources')) : resourceList(child(template, 'resources'));
  for (const r of list) {
    if (r.type !== 'object') continue;
    const existing = child(r, 'existing');
    if (existing?.value === true) continue;
    const typeNode = child(r, 'type', true);
    const rawType = str(typeNode);
    if (!rawType) continue;
    const fullType = parent && !/^[^/]+\.[^/]+\//.test(rawType) ? `${parent.type}/${rawType}` : rawType;
    const rawName = str(child(r, 'name', true)) ?? '';
    const nameRes = child(r, 'name', true) ? scope.resolve(child(r, 'name', true)!) : undefined;
    const literalName = nameRes && nameRes.node.type === 'string' && !isExpression(nameRes.node.value as string) ? (nameRes.node.value as string) : undefined;
    const res: ArmResource = {
      format: 'arm',
      doc,
      type: fullType,
      apiVersion: str(child(r, 'apiVersion', true)),
      name: parent ? `${parent.name}/${rawName}` : rawName,
      resolvedName: parent ? (parent.resolvedName && literalName ? `${parent.resolvedName}/${literalName}` : undefined) : literalName,
      node: r,
      scope,
      parent,
      deployment,
    };
    out.push(res);
    if (fullType.toLowerCase() === 'microsoft.resources/deployments') {
      const props = child(r, 'properties', true);
      const inner = child(props, 'template', true);
      if (inner && inner.type === 'object') {
        const evalScope = str(child(child(props, 'expressionEvaluationOptions', true), 'scope', true));
        const values = child(props, 'parameters', true);
        // Values the file does not show: an expression, or a parameters file (parametersLink).
        const unknown = (values !== undefined && values.type !== 'object') || child(props, 'parametersLink', true) !== undefined;
        const innerScope = evalScope && evalScope.toLowerCase() === 'inner'
          ? new ArmScope(inner, { values, scope, deployment: res.resolvedName ?? res.name, unknown })
          : scope;
        visitTemplate(doc, inner, innerScope, out, undefined, res, depth + 1, link);
      } else if (link) {
        const linked = link(r, scope);
        if (linked) {
          const unknown = linked.values !== undefined && linked.values.type !== 'object';
          const passed = { values: linked.values, scope, direct: linked.direct, deployment: res.resolvedName ?? res.name, unknown };
          visitTemplate(linked.doc, linked.template, new ArmScope(linked.template, passed), out, undefined, res, depth + 1, link);
        }
      }
    }
    if (child(r, 'resources')) visitTemplate(doc, template, scope, out, res, deployment, depth + 1, link);
  }
}

export function isExpression(s: string): boolean {
  return s.startsWith('[') && !s.startsWith('[[') && s.endsWith(']');
}

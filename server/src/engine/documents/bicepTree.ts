/**
 * Bicep onto the shared Node tree, the way the Bicep compiler writes the same file as an ARM template
 * (`src/Bicep.Core/Emit/TemplateWriter.cs`, `ExpressionConverter.cs`; ../shared/bicep/grammar.md §4), so that the ARM
 * model (model/arm.ts) and every ARM rule read `.bicep` unchanged:
 *
 *   param x string = 'a'            ->  parameters: { x: { type: 'string', defaultValue: <'a'> } }   (nullable: `string?`)
 *   var v = {…}                     ->  variables: { v: <{…}> }
 *   resource s 'T@v' = {…}          ->  resources: [ <the body object> + type: T, apiVersion: v ]
 *   nested `resource c 'child' = {}` / `parent: s`  ->  a top-level resource of type T/child named '<parent>/<child>'
 *   resource … existing = {…}       ->  the same with `existing: true` (a reference: the ARM model skips it)
 *   `if (c) {…}` / `[for …: {…}]`   ->  the body, with `condition` (loop variables are unknown)
 *   module m 'p' = { params: {…} }  ->  a Microsoft.Resources/deployments resource; the model links the module's own
 *                                       template (model/bicepModules.ts) and its `params` are the values passed
 *   literals, objects, arrays       ->  string / number / boolean / null / object / array nodes, at their Bicep ranges
 *   any other expression            ->  a string node holding the ARM expression the compiler would write
 *                                       (`location` -> "[parameters('location')]", `'aks-${env}'` ->
 *                                       "[format('aks-{0}', parameters('env'))]", `acr.id` -> "[resourceId(…)]"), at the
 *                                       expression's range, with its Bicep syntax in `bicep.expr`
 *
 * Nodes that stand for no text of their own (a resource's `type` and `apiVersion`, a parameter's `type`) are
 * `bicep.synthetic`: `type` and `apiVersion` span their part of the type string (`bicep.fragment`: an edit replaces
 * that text inside the quotes). Every object node keeps its Bicep syntax (`bicep.expr`) for the fix writer.
 */
import type { BDecl, BExpr, BicepFile } from './bicep';
import type { Node } from './tree';

export interface BicepSource {
  expr?: BExpr;
  decl?: BDecl;
  synthetic?: true;
  /** Part of a string literal (the version of 'Type@version'): edits replace the text without quotes. */
  fragment?: true;
  /** A module call: the module reference as written ('./x.bicep', 'br/public:…'). */
  module?: string;
  /** The root of a `.bicepparam` file: the template it supplies values for. */
  using?: string;
}

interface Sym {
  kind: 'param' | 'var' | 'resource' | 'module' | 'func' | 'local' | 'import';
  decl?: BDecl;
  /** resource: full type and ARM name expression (inner text). */
  type?: string;
  nameArm?: string;
  existing?: boolean;
}

const DEPLOYMENTS_API = '2022-09-01';

export function bicepToTree(file: BicepFile, text: string, bicepparam: boolean): Node {
  const root: Node = { type: 'object', offset: 0, length: text.length, children: [] };
  const m = new Mapper(text);
  m.declare(file.decls);
  const params = m.objectNode(root, 'parameters', 0);
  const variables = m.objectNode(root, 'variables', 0);
  const resources = m.arrayNode(root, 'resources', 0);
  for (const d of file.decls) {
    if (d.kind === 'param' && d.name && d.nameSpan) {
      if (bicepparam) {
        if (d.value) m.prop(params, d.name, d.nameSpan.start, d.nameSpan.end, (p) => m.node(d.value!, p));
        continue;
      }
      m.prop(params, d.name, d.nameSpan.start, d.nameSpan.end, (p) => {
        const decl: Node = { type: 'object', offset: d.start, length: d.end - d.start, parent: p, children: [], bicep: { decl: d, synthetic: true } };
        const secure = d.decorators.some((x) => x.name === 'secure');
        const type = (d.typeText ?? '').replace(/\?\s*$/, '').trim();
        const armType = secure ? (type === 'object' ? 'secureObject' : 'securestring') : /^(string|int|bool|object|array)$/.test(type) ? type : 'object';
        m.synthetic(decl, 'type', armType, d.nameSpan!);
        if (d.nullable) m.synthetic(decl, 'nullable', true, d.nameSpan!);
        if (d.value) m.prop(decl, 'defaultValue', d.value.start, d.value.start, (pp) => m.node(d.value!, pp));
        return decl;
      });
    } else if (d.kind === 'var' && d.name && d.nameSpan && d.value) {
      m.prop(variables, d.name, d.nameSpan.start, d.nameSpan.end, (p) => m.node(d.value!, p));
    } else if ((d.kind === 'resource' || d.kind === 'module') && d.value) {
      m.resource(d, resources, undefined);
    } else if (d.kind === 'using' && d.target?.k === 'string' && !d.target.holes.length) {
      root.bicep = { using: d.target.parts[0] };
    }
  }
  return root;
}

class Mapper {
  readonly syms = new Map<string, Sym>();
  private locals: Array<Set<string>> = [];

  constructor(private readonly text: string) {}

  declare(decls: BDecl[]) {
    const visitNested = (d: BDecl, parent: Sym | undefined) => {
      const own = this.resourceSym(d, parent);
      if (d.name && !this.syms.has(d.name)) this.syms.set(d.name, own);
      const body = bodyObject(d.value);
      if (body?.k === 'object') for (const c of body.resources) visitNested(c, own);
    };
    for (const d of decls) {
      if (!d.name) continue;
      switch (d.kind) {
        case 'param': this.syms.set(d.name, { kind: 'param', decl: d }); break;
        case 'var': this.syms.set(d.name, { kind: 'var', decl: d }); break;
        case 'func': this.syms.set(d.name, { kind: 'func', decl: d }); break;
        case 'module': this.syms.set(d.name, { kind: 'module', decl: d }); break;
        case 'resource': visitNested(d, undefined); break;
      }
    }
    // Second pass: `parent:` symbols (declared anywhere in the file) qualify type and name.
    for (const s of this.syms.values()) if (s.kind === 'resource') this.qualify(s, 0);
  }

  private resourceSym(d: BDecl, parent: Sym | undefined): Sym {
    const typeString = d.target?.k === 'string' && !d.target.holes.length ? d.target.parts[0] : '';
    const at = typeString.indexOf('@');
    const rawType = at >= 0 ? typeString.slice(0, at) : typeString;
    const type = parent && parent.type && !/^[^/]+\.[^/]+\//.test(rawType) ? `${parent.type}/${rawType}` : rawType;
    const s: Sym = { kind: 'resource', decl: d, type, existing: d.existing };
    (s as SymWithParent).nestedIn = parent;
    return s;
  }

  /** Resolves `parent:` and nesting into full type and name expressions (bounded: a cycle stays unqualified). */
  private qualify(s: Sym, depth: number): void {
    const sp = s as SymWithParent;
    if (sp.qualified || depth > 8) return;
    sp.qualified = true;
    const body = bodyObject(s.decl?.value);
    const nameProp = body?.k === 'object' ? body.props.find((p) => p.key === 'name') : undefined;
    const own = nameProp ? this.arm(nameProp.value) : "''";
    let parent = sp.nestedIn;
    if (!parent) {
      const parentProp = body?.k === 'object' ? body.props.find((p) => p.key === 'parent') : undefined;
      const ref = parentProp?.value.k === 'ident' ? this.syms.get(parentProp.value.name) : undefined;
      if (ref?.kind === 'resource') {
        this.qualify(ref, depth + 1);
        parent = ref;
        const rawType = s.type ?? '';
        if (ref.type && !/^[^/]+\.[^/]+\/.*\//.test(rawType) && !rawType.toLowerCase().startsWith(ref.type.toLowerCase() + '/')) s.type = `${ref.type}/${rawType}`;
      }
    } else this.qualify(parent, depth + 1);
    sp.parentSym = parent;
    s.nameArm = parent?.nameArm ? joinNames(parent.nameArm, own) : own;
  }

  // ---------- tree building ----------
  objectNode(parent: Node, key: string, at: number): Node {
    return this.prop(parent, key, at, at, (p) => ({ type: 'object', offset: at, length: 0, parent: p, children: [], bicep: { synthetic: true } }));
  }
  arrayNode(parent: Node, key: string, at: number): Node {
    return this.prop(parent, key, at, at, (p) => ({ type: 'array', offset: at, length: 0, parent: p, children: [], bicep: { synthetic: true } }));
  }

  /** Appends property `key` (its key node spans start..end) whose value `make` builds; returns the value. */
  prop(obj: Node, key: string, start: number, end: number, make: (prop: Node) => Node, synthetic = false): Node {
    const prop: Node = { type: 'property', offset: start, length: end - start, parent: obj, children: [] };
    const keyNode: Node = { type: 'string', value: key, offset: start, length: end - start, parent: prop };
    if (synthetic) prop.bicep = keyNode.bicep = { synthetic: true };
    const value = make(prop);
    prop.children!.push(keyNode, value);
    prop.length = Math.max(end, value.offset + value.length) - start;
    obj.children!.push(prop);
    return value;
  }

  synthetic(obj: Node, key: string, value: unknown, span: { start: number; end: number }, fragment = false): Node {
    return this.prop(obj, key, span.start, span.end, (p) => {
      const type = typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'null';
      return { type, value, offset: span.start, length: span.end - span.start, parent: p, bicep: fragment ? { synthetic: true, fragment: true } : { synthetic: true } };
    }, true);
  }

  resource(d: BDecl, list: Node, loopVars: string[] | undefined): void {
    const sym = this.syms.get(d.name ?? '') ?? this.resourceSym(d, undefined);
    let body = d.value;
    let condition: BExpr | undefined;
    const locals: string[] = [];
    if (body?.k === 'for') {
      if (body.item) locals.push(body.item);
      if (body.index) locals.push(body.index);
      body = body.body;
    }
    if (body?.k === 'if') {
      condition = body.cond;
      body = body.body;
    }
    if (body?.k !== 'object') return;
    this.locals.push(new Set([...(loopVars ?? []), ...locals]));
    try {
      const obj = this.node(body, list, true);
      obj.bicep = { ...obj.bicep, decl: d };
      list.children!.push(obj);
      const target = d.target!;
      if (d.kind === 'module') {
        this.synthetic(obj, 'type', 'Microsoft.Resources/deployments', target);
        this.synthetic(obj, 'apiVersion', DEPLOYMENTS_API, target);
        if (target.k === 'string' && !target.holes.length) obj.bicep = { ...obj.bicep, module: target.parts[0] };
      } else {
        const typeString = target.k === 'string' && !target.holes.length ? target.parts[0] : '';
        const at = typeString.indexOf('@');
        const typeSpan = { start: target.start + 1, end: target.start + 1 + (at >= 0 ? at : typeString.length) };
        this.synthetic(obj, 'type', sym.type ?? typeString, typeSpan);
        if (at >= 0) {
          this.synthetic(obj, 'apiVersion', typeString.slice(at + 1), { start: typeSpan.end + 1, end: target.end - 1 }, true);
        } else {
          const parentVersion = this.parentApiVersion(sym);
          if (parentVersion) this.synthetic(obj, 'apiVersion', parentVersion, typeSpan);
        }
        if (d.existing) this.synthetic(obj, 'existing', true, target);
        // A child's name is '<parent>/<child>' (the written `name` stays the node fixes and findings use).
        const parent = (sym as SymWithParent).parentSym;
        const nameProp = body.props.find((p) => p.key === 'name');
        if (parent && nameProp && sym.nameArm) {
          const literal = literalOf(sym.nameArm);
          this.synthetic(obj, 'name', literal ?? `[${sym.nameArm}]`, nameProp.value);
        }
      }
      if (condition) this.prop(obj, 'condition', condition.start, condition.start, (p) => this.node(condition!, p), true);
      for (const child of body.resources) this.resource(child, list, [...(loopVars ?? []), ...locals]);
    } finally {
      this.locals.pop();
    }
  }

  private parentApiVersion(sym: Sym): string | undefined {
    const parent = (sym as SymWithParent).nestedIn;
    const t = parent?.decl?.target;
    if (!t || t.k !== 'string' || t.holes.length) return undefined;
    const at = t.parts[0].indexOf('@');
    return at >= 0 ? t.parts[0].slice(at + 1) : this.parentApiVersion(parent!);
  }

  /** The node of a Bicep expression (see the header). `resourceBody`: nested resources are not properties. */
  node(e: BExpr, parent: Node | undefined, resourceBody = false): Node {
    const offset = e.start;
    const length = e.end - e.start;
    switch (e.k) {
      case 'int':
        return { type: 'number', value: e.value, offset, length, parent, bicep: { expr: e } };
      case 'bool':
        return { type: 'boolean', value: e.value, offset, length, parent, bicep: { expr: e } };
      case 'null':
        return { type: 'null', value: null, offset, length, parent, bicep: { expr: e } };
      case 'string':
        if (!e.holes.length) return { type: 'string', value: escapeLiteral(e.parts[0]), offset, length, parent, bicep: { expr: e } };
        break;
      case 'paren':
        if (e.expr.k === 'object' || e.expr.k === 'array') break;
        break;
      case 'object': {
        if (e.spreads.length) break; // `{...a, b: 1}` is shallowMerge(): its keys are not known
        const obj: Node = { type: 'object', offset, length, parent, children: [], bicep: { expr: e } };
        for (const p of e.props) {
          const prop: Node = { type: 'property', offset: p.start, length: p.end - p.start, parent: obj, children: [] };
          prop.children!.push({ type: 'string', value: p.key, offset: p.keySpan.start, length: p.keySpan.end - p.keySpan.start, parent: prop });
          prop.children!.push(this.node(p.value, prop));
          obj.children!.push(prop);
        }
        void resourceBody;
        return obj;
      }
      case 'array': {
        const arr: Node = { type: 'array', offset, length, parent, children: [], bicep: { expr: e } };
        for (const item of e.items) arr.children!.push(this.node(item, arr));
        return arr;
      }
    }
    return { type: 'string', value: `[${this.arm(e)}]`, offset, length, parent, bicep: { expr: e } };
  }

  // ---------- ARM expression text ----------
  /** The ARM expression (without brackets) the Bicep compiler writes for `e`. */
  arm(e: BExpr, depth = 0): string {
    if (depth > 64) return 'null()';
    const a = (x: BExpr) => this.arm(x, depth + 1);
    switch (e.k) {
      case 'int':
        return String(e.value);
      case 'bool':
        return e.value ? 'true()' : 'false()';
      case 'null':
        return 'null()';
      case 'string': {
        if (!e.holes.length) return quote(e.parts[0]);
        let fmt = '';
        e.parts.forEach((p, i) => {
          fmt += p.replace(/\{/g, '{{').replace(/\}/g, '}}');
          if (i < e.holes.length) fmt += `{${i}}`;
        });
        return `format(${quote(fmt)}, ${e.holes.map(a).join(', ')})`;
      }
      case 'ident': {
        if (this.isLocal(e.name)) return `items(${quote(e.name)})`;
        const s = this.syms.get(e.name);
        if (!s) return e.name;
        switch (s.kind) {
          case 'param': return `parameters(${quote(e.name)})`;
          case 'var': return `variables(${quote(e.name)})`;
          case 'resource': return `reference(${quote(e.name)})`;
          case 'module': return `reference(${quote(e.name)})`;
          default: return e.name;
        }
      }
      case 'member': {
        if (e.object.k === 'ident' && !this.isLocal(e.object.name)) {
          const s = this.syms.get(e.object.name);
          if (s?.kind === 'resource') {
            if (e.name === 'id') return this.resourceId(s);
            if (e.name === 'name') return s.nameArm ?? `reference(${quote(e.object.name)}).name`;
            if (e.name === 'type') return quote(s.type ?? '');
          }
        }
        return e.safe ? `tryGet(${a(e.object)}, ${quote(e.name)})` : `${a(e.object)}.${e.name}`;
      }
      case 'index':
        return e.safe ? `tryGet(${a(e.object)}, ${a(e.index)})` : `${a(e.object)}[${a(e.index)}]`;
      case 'child':
        return `reference(${quote(e.name)})`;
      case 'nonnull':
        return a(e.expr);
      case 'paren':
        return a(e.expr);
      case 'call': {
        const args = e.args.map(a).join(', ');
        if (e.target) {
          // `az.resourceGroup()` / `sys.concat()`: a namespaced function; otherwise an instance function.
          if (e.target.k === 'ident' && (e.target.name === 'az' || e.target.name === 'sys')) return `${e.name}(${args})`;
          return `${a(e.target)}.${e.name}(${args})`;
        }
        return `${e.name}(${args})`;
      }
      case 'unary':
        return e.op === '!' ? `not(${a(e.operand)})` : `sub(0, ${a(e.operand)})`;
      case 'binary': {
        const l = a(e.left);
        const r = a(e.right);
        switch (e.op) {
          case '==': return `equals(${l}, ${r})`;
          case '!=': return `not(equals(${l}, ${r}))`;
          case '=~': return `equals(toLower(${l}), toLower(${r}))`;
          case '!~': return `not(equals(toLower(${l}), toLower(${r})))`;
          case '&&': return `and(${l}, ${r})`;
          case '||': return `or(${l}, ${r})`;
          case '??': return `coalesce(${l}, ${r})`;
          case '+': return `add(${l}, ${r})`;
          case '-': return `sub(${l}, ${r})`;
          case '*': return `mul(${l}, ${r})`;
          case '/': return `div(${l}, ${r})`;
          case '%': return `mod(${l}, ${r})`;
          case '<': return `less(${l}, ${r})`;
          case '>': return `greater(${l}, ${r})`;
          case '<=': return `lessOrEquals(${l}, ${r})`;
          case '>=': return `greaterOrEquals(${l}, ${r})`;
          default: return `${e.op}(${l}, ${r})`;
        }
      }
      case 'ternary':
        return `if(${a(e.cond)}, ${a(e.then)}, ${a(e.else)})`;
      case 'object':
        return `createObject(${e.props.flatMap((p) => [quote(p.key), a(p.value)]).join(', ')})`;
      case 'array':
        return `createArray(${e.items.map(a).join(', ')})`;
      case 'lambda':
        return `lambda(${e.params.map(quote).join(', ')})`;
      case 'for':
        return `for()`;
      case 'if':
        return a(e.body);
      default:
        return 'null()';
    }
  }

  private isLocal(name: string): boolean {
    return this.locals.some((s) => s.has(name));
  }

  private resourceId(s: Sym): string {
    const segments = (s.type ?? '').split('/').length - 1;
    const name = s.nameArm ?? "''";
    const lit = literalOf(name);
    // resourceId('T', 'parent', 'child'): one name argument per segment of the type.
    const names = lit !== undefined ? lit.split('/').map(quote) : segments > 1 && name.startsWith('format(') ? [name] : [name];
    return `resourceId(${quote(s.type ?? '')}, ${names.join(', ')})`;
  }
}

interface SymWithParent extends Sym {
  nestedIn?: Sym;
  parentSym?: Sym;
  qualified?: boolean;
}

function bodyObject(e: BExpr | undefined): BExpr | undefined {
  let b = e;
  if (b?.k === 'for') b = b.body;
  if (b?.k === 'if') b = b.body;
  return b;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The string a quoted ARM literal (`'abc'`) stands for; undefined for any other expression. */
function literalOf(arm: string): string | undefined {
  const m = /^'((?:[^']|'')*)'$/.exec(arm);
  return m ? m[1].replace(/''/g, "'") : undefined;
}

function joinNames(parent: string, child: string): string {
  const p = literalOf(parent);
  const c = literalOf(child);
  if (p !== undefined && c !== undefined) return quote(`${p}/${c}`);
  return `format('{0}/{1}', ${parent}, ${child})`;
}

/** A literal string that reads as an ARM expression is escaped as the compiler escapes it (`[[`). */
function escapeLiteral(s: string): string {
  return s.startsWith('[') && !s.startsWith('[[') && s.endsWith(']') ? `[${s}` : s;
}

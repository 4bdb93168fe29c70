import { child, docOf, entries, items, Node, property, toValue } from '../documents';
import { Expr, parseTemplateString } from '../documents/hcl';
import { exprToNode } from '../documents/hclTree';
import { Resolver } from './lookup';

/**
 * The Terraform resolver, one for `.tf` and `.tf.json`: an expression resolves to what Terraform knows before `plan`.
 * `var.x` is the variable's value (its `default`, or the value a tfvars file / the caller of the module gives it),
 * `local.x` the local's value; string templates, conditionals, operators and a few pure functions of known parts are
 * computed. Anything else (resource attributes, data sources, `each`, `count`, `path`…) is unknown: undefined.
 *
 * A computed value has no node of its own: it gets a synthetic node over the expression as written, so a fix that
 * sets the value replaces the whole expression with a literal.
 */
export interface VariableValue {
  /** The literal node holding the value (default, tfvars value or caller's argument). */
  node: Node;
  /** The resolver of the scope `node` is written in (a caller's value is an expression of the caller). */
  resolver?: Resolver;
  via: string;
}

const MAX_DEPTH = 16;

export class TfScope implements Resolver {
  readonly variables = new Map<string, VariableValue>();
  readonly locals = new Map<string, Node>();
  private depth = 0;
  private readonly templates = new Map<string, Expr | null>();

  /** `root`: a configuration (its `variable` and `locals` blocks); `text`: the document text HCL offsets refer to. */
  constructor(root: Node | undefined, readonly text: string) {
    if (root) this.addConfig(root);
  }

  addConfig(root: Node) {
    for (const block of blockObjects(child(root, 'variable'))) {
      for (const [name, , decl] of entries(block)) {
        const body = decl.type === 'array' ? items(decl)[0] : decl;
        const d = child(body, 'default');
        if (d && !this.variables.has(name)) this.variables.set(name, { node: d, via: `variable '${name}'` });
      }
    }
    for (const block of blockObjects(child(root, 'locals'))) {
      for (const [name, , value] of entries(block)) this.locals.set(name, value);
    }
  }

  resolve(node: Node): { node: Node; resolver: Resolver; via?: string } | undefined {
    if (node.type !== 'string') return { node, resolver: this };
    let expr = node.hcl?.expr;
    // An expression inside a Terraform JSON string's tuple/object: its text is not at hand.
    if (expr && node.hcl?.synthetic && !isLiteral(expr)) return undefined;
    let bias = 0;
    // The text the expression's offsets refer to: its own file's (a module's locals and defaults live in several).
    let text = docOf(node)?.text ?? this.text;
    if (!expr || node.hcl?.synthetic) {
      const s = node.value as string;
      if (node.hcl || (!s.includes('${') && !s.includes('%{'))) return { node, resolver: this };
      let parsed = this.templates.get(s);
      if (parsed === undefined) this.templates.set(s, (parsed = parseTemplateString(s) ?? null));
      if (!parsed) return undefined;
      expr = parsed;
      // Terraform JSON: positions inside the string value (exact when the string has no escapes).
      bias = node.offset + 1;
      text = s;
    } else if (expr.k === 'template' && expr.parts.every((p) => p.kind === 'text')) {
      return { node, resolver: this };
    }
    if (this.depth > MAX_DEPTH) return undefined;
    this.depth++;
    try {
      return this.evaluate(expr, { node, bias, text });
    } finally {
      this.depth--;
    }
  }

  private evaluate(e: Expr, at: At): Res | undefined {
    switch (e.k) {
      case 'number':
      case 'bool':
      case 'null':
      case 'tuple':
      case 'object': {
        // A literal inside an expression (a conditional's branch, a function argument): its own node.
        const n = exprToNode(e, undefined, at.text, at.bias);
        if (e.k === 'tuple' || e.k === 'object') markSynthetic(n, at);
        return { node: n, resolver: this };
      }
      case 'template': {
        if (e.parts.length === 1 && e.parts[0].kind === 'interp' && !e.heredoc) return this.evaluate(e.parts[0].expr, at);
        let s = '';
        let via: string | undefined;
        for (const p of e.parts) {
          if (p.kind === 'text') s += p.value;
          else if (p.kind === 'directive') return undefined;
          else {
            const r = this.evaluate(p.expr, at);
            const v = r && scalarOf(r.node);
            if (v === undefined || v === null || typeof v === 'object') return undefined;
            s += String(v);
            via = r!.via ?? via;
          }
        }
        return { node: synth(s, at), resolver: this, via };
      }
      case 'paren':
        return this.evaluate(e.expr, at);
      case 'getattr': {
        if (e.obj.k === 'variable' && e.obj.name === 'var') return this.variable(e.name);
        if (e.obj.k === 'variable' && e.obj.name === 'local') return this.local(e.name);
        const obj = this.evaluate(e.obj, at);
        return obj && this.member(obj, e.name);
      }
      case 'index': {
        const obj = this.evaluate(e.obj, at);
        const idx = this.evaluate(e.index, at);
        const key = idx && scalarOf(idx.node);
        if (!obj || (typeof key !== 'string' && typeof key !== 'number')) return undefined;
        if (obj.node.type === 'array') {
          const el = typeof key === 'number' ? items(obj.node)[key] : undefined;
          return el && this.follow(el, obj);
        }
        return this.member(obj, String(key));
      }
      case 'conditional': {
        const c = this.evaluate(e.cond, at);
        const v = c && scalarOf(c.node);
        const b = v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
        if (b === undefined) return undefined;
        const branch = b ? e.then : e.else;
        const r = this.evaluate(branch, at);
        // A literal branch: its value stands for the whole expression (a fix replaces the conditional, not the branch).
        if (r && (branch.k === 'bool' || branch.k === 'number' || branch.k === 'null' || (branch.k === 'template' && isLiteral(branch)))) {
          return { node: synth(scalarOf(r.node), at), resolver: this, via: c!.via };
        }
        return r;
      }
      case 'unary': {
        const r = this.evaluate(e.operand, at);
        const v = r && scalarOf(r.node);
        if (e.op === '!' && (typeof v === 'boolean' || v === 'true' || v === 'false')) return { node: synth(!(v === true || v === 'true'), at), resolver: this, via: r!.via };
        if (e.op === '-' && typeof v === 'number') return { node: synth(-v, at), resolver: this, via: r!.via };
        return undefined;
      }
      case 'binary':
        return this.binary(e.op, e.left, e.right, at);
      case 'call':
        return this.call(e.name, e.args, e.expand, at);
      default:
        return undefined;
    }
  }

  variable(name: string): Res | undefined {
    const v = this.variables.get(name);
    if (!v) return undefined;
    const r = v.resolver ?? this;
    // A default is a literal in Terraform: a string with `${` in it is not interpolated, and we do not guess it.
    if (v.node.type === 'string' && !v.resolver && (v.node.hcl?.expr ? !isLiteral(v.node.hcl.expr) : /\$\{|%\{/.test(v.node.value as string))) return undefined;
    if (v.node.type === 'string' && v.resolver) {
      const res = v.resolver.resolve(v.node);
      return res && { ...res, via: res.via ?? v.via };
    }
    return { node: v.node, resolver: r, via: v.via };
  }

  private local(name: string): Res | undefined {
    const n = this.locals.get(name);
    if (!n) return undefined;
    const res = n.type === 'string' ? this.resolve(n) : { node: n, resolver: this as Resolver };
    return res && { ...res, via: res.via ?? `local '${name}'` };
  }

  private member(obj: Res, key: string): Res | undefined {
    if (obj.node.type !== 'object') return undefined;
    const prop = property(obj.node, key);
    const v = prop?.children?.[1];
    return v && this.follow(v, obj);
  }

  private follow(n: Node, from: Res): Res | undefined {
    if (n.type !== 'string') return { node: n, resolver: from.resolver, via: from.via };
    const r = from.resolver.resolve(n);
    return r && { ...r, via: r.via ?? from.via };
  }

  private binary(op: string, left: Expr, right: Expr, at: At): Res | undefined {
    const l = this.evaluate(left, at);
    // `a || b` / `a && b`: a known left side can decide alone.
    const lv = l && scalarOf(l.node);
    if (op === '||' && isTrueish(lv)) return { node: synth(true, at), resolver: this, via: l!.via };
    if (op === '&&' && isFalseish(lv)) return { node: synth(false, at), resolver: this, via: l!.via };
    const r = this.evaluate(right, at);
    if (!l || !r) return undefined;
    const via = l.via ?? r.via;
    const a = resolvedValue(l.node, l.resolver);
    const b = resolvedValue(r.node, r.resolver);
    if (a === UNKNOWN || b === UNKNOWN) return undefined;
    let v: unknown;
    switch (op) {
      case '==': v = JSON.stringify(a) === JSON.stringify(b); break;
      case '!=': v = JSON.stringify(a) !== JSON.stringify(b); break;
      case '||': case '&&': {
        const x = toBool(a);
        const y = toBool(b);
        if (x === undefined || y === undefined) return undefined;
        v = op === '||' ? x || y : x && y;
        break;
      }
      default: {
        const x = typeof a === 'string' && a.trim() !== '' ? Number(a) : a;
        const y = typeof b === 'string' && b.trim() !== '' ? Number(b) : b;
        if (typeof x !== 'number' || typeof y !== 'number' || Number.isNaN(x) || Number.isNaN(y)) return undefined;
        v = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : op === '%' ? x % y
          : op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : op === '>=' ? x >= y : undefined;
      }
    }
    if (v === undefined) return undefined;
    return { node: synth(v, at), resolver: this, via };
  }

  private call(name: string, args: Expr[], expand: boolean, at: At): Res | undefined {
    if (expand) return undefined;
    const fn = name.replace(/^provider::[^:]+::/, '');
    if (fn === 'try') {
      for (const a of args) {
        const r = this.evaluate(a, at);
        if (r) return r;
      }
      return undefined;
    }
    const vals: unknown[] = [];
    let via: string | undefined;
    for (const a of args) {
      const r = this.evaluate(a, at);
      if (!r) {
        // coalesce(known, unknown…): the first non-null, non-empty known argument decides only if it comes first.
        if (fn === 'coalesce' && vals.some((v) => v !== null && v !== '')) break;
        return undefined;
      }
      via = r.via ?? via;
      const v = resolvedValue(r.node, r.resolver);
      if (v === UNKNOWN) return undefined;
      vals.push(v);
    }
    const v = callPure(fn, vals);
    if (v === undefined) return undefined;
    return { node: synth(v, at), resolver: this, via };
  }
}

interface At {
  /** The node being resolved (a computed value gets its range). */
  node: Node;
  bias: number;
  text: string;
}

type Res = { node: Node; resolver: Resolver; via?: string };

function callPure(fn: string, v: unknown[]): unknown {
  const [a, b, c] = v;
  switch (fn) {
    case 'lower': return typeof a === 'string' ? a.toLowerCase() : undefined;
    case 'upper': return typeof a === 'string' ? a.toUpperCase() : undefined;
    case 'tostring': return typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean' ? String(a) : undefined;
    case 'tonumber': return typeof a === 'number' ? a : typeof a === 'string' && a.trim() && !Number.isNaN(Number(a)) ? Number(a) : undefined;
    case 'tobool': return toBool(a);
    case 'tolist': case 'toset': return Array.isArray(a) ? a : undefined;
    case 'tomap': return a && typeof a === 'object' && !Array.isArray(a) ? a : undefined;
    case 'coalesce': return v.find((x) => x !== null && x !== '');
    case 'length': return typeof a === 'string' ? [...a].length : Array.isArray(a) ? a.length : a && typeof a === 'object' ? Object.keys(a).length : undefined;
    case 'concat': return v.every(Array.isArray) ? ([] as unknown[]).concat(...(v as unknown[][])) : undefined;
    case 'merge': return v.every((x) => x && typeof x === 'object' && !Array.isArray(x)) ? Object.assign({}, ...v) : undefined;
    case 'contains': return Array.isArray(a) ? a.some((x) => JSON.stringify(x) === JSON.stringify(b)) : undefined;
    case 'lookup': {
      if (!a || typeof a !== 'object' || Array.isArray(a) || typeof b !== 'string') return undefined;
      const m = a as Record<string, unknown>;
      return b in m ? m[b] : v.length > 2 ? c : undefined;
    }
    default: return undefined;
  }
}

const toBool = (v: unknown) => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined);
const isTrueish = (v: unknown) => v === true || v === 'true';
const isFalseish = (v: unknown) => v === false || v === 'false';

function isLiteral(e: Expr): boolean {
  return e.k === 'template' && e.parts.every((p) => p.kind === 'text');
}

const UNKNOWN = Symbol('unknown');

/**
 * The whole value of a node with every expression inside it resolved (an object literal whose members are
 * `var.x`, a tuple of locals); UNKNOWN when any part is unknown: a function of it is then unknown too.
 */
function resolvedValue(n: Node, resolver: Resolver, budget = { left: 10000 }): unknown {
  if (budget.left-- <= 0) return UNKNOWN;
  if (n.type === 'string') {
    const r = resolver.resolve(n);
    if (!r) return UNKNOWN;
    if (r.node === n) return n.value;
    return resolvedValue(r.node, r.resolver, budget);
  }
  if (n.type === 'array') {
    const out: unknown[] = [];
    for (const c of n.children ?? []) {
      const v = resolvedValue(c, resolver, budget);
      if (v === UNKNOWN) return UNKNOWN;
      out.push(v);
    }
    return out;
  }
  if (n.type === 'object') {
    const out: Record<string, unknown> = {};
    for (const p of n.children ?? []) {
      const k = p.children?.[0];
      const c = p.children?.[1];
      if (!k || !c || typeof k.value !== 'string' || k.value.startsWith('${')) return UNKNOWN;
      const v = resolvedValue(c, resolver, budget);
      if (v === UNKNOWN) return UNKNOWN;
      out[k.value] = v;
    }
    return out;
  }
  return n.type === 'null' ? null : n.value;
}

/** A literal node's value (a string that is itself an expression is not a literal). */
function scalarOf(n: Node): unknown {
  if (n.type === 'object' || n.type === 'array' || n.type === 'property') return toValue(n);
  if (n.type === 'null') return null;
  return n.value;
}

/** A computed value as a node over the expression as written (`at.node`). */
function synth(v: unknown, at: At): Node {
  // Parented like the written node (not one of its parent's children): docOf() finds its file, a fix edits it there.
  return valueNode(v, at.node.offset, at.node.length, at.node.parent);
}

function valueNode(v: unknown, offset: number, length: number, parent: Node | undefined): Node {
  const hcl = { synthetic: true as const };
  if (v === null || v === undefined) return { type: 'null', value: null, offset, length, parent, hcl };
  if (typeof v === 'string') return { type: 'string', value: v, offset, length, parent, hcl };
  if (typeof v === 'number') return { type: 'number', value: v, offset, length, parent, hcl };
  if (typeof v === 'boolean') return { type: 'boolean', value: v, offset, length, parent, hcl };
  if (Array.isArray(v)) {
    const n: Node = { type: 'array', offset, length, parent, children: [], hcl };
    for (const x of v) n.children!.push(valueNode(x, offset, length, n));
    return n;
  }
  const n: Node = { type: 'object', offset, length, parent, children: [], hcl };
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const p: Node = { type: 'property', offset, length, parent: n, children: [], hcl };
    p.children!.push({ type: 'string', value: k, offset, length, parent: p, hcl }, valueNode(x, offset, length, p));
    n.children!.push(p);
  }
  return n;
}

/** Nodes of a tuple/object literal inside a Terraform JSON string have no place of their own in the file. */
function markSynthetic(n: Node, at: At) {
  if (!at.bias) return;
  n.hcl = { ...n.hcl, synthetic: true };
  for (const c of n.children ?? []) markSynthetic(c, at);
}

/** A block that may be written as an object or an array of objects. */
export function blockObjects(node: Node | undefined): Node[] {
  if (!node) return [];
  if (node.type === 'object') return [node];
  if (node.type === 'array') return items(node).filter((n) => n.type === 'object');
  return [];
}

/**
 * The resolver of another file's resources inside this file's model (the files of one Terraform module form one
 * model): a value written in `file` is left to the resources of `file` itself, so a finding about a sibling's
 * resource is never placed here (at a variable default or local this file holds) besides in the sibling's own file.
 */
export class OutsideOf implements Resolver {
  constructor(private readonly inner: Resolver, private readonly file: string, private readonly fileOfNode: (n: Node) => string | undefined) {}
  resolve(node: Node): { node: Node; resolver: Resolver; via?: string } | undefined {
    const r = this.inner.resolve(node);
    if (!r) return undefined;
    if (r.node !== node && this.fileOfNode(r.node) === this.file) return undefined;
    return { ...r, resolver: r.resolver === this.inner ? this : new OutsideOf(r.resolver, this.file, this.fileOfNode) };
  }
}

import { Node, property, toValue } from '../documents';

/**
 * The answer of every model accessor: a value with the node it was read from, or the knowledge that
 * it is absent (with where it would go), or that it is an expression we cannot evaluate.
 * Unknown never yields a finding.
 */
export interface Lookup {
  state: 'known' | 'unknown' | 'absent';
  /** The JS value when known. */
  value?: unknown;
  /** The node as written at the accessor's path (for the range), known or unknown. */
  node?: Node;
  /** The literal node that holds the value: the node itself, or a parameter/variable default. */
  origin?: Node;
  /**
   * How the value was resolved, for messages: e.g. "parameter 'disableLocal'" (the parameter or variable read at
   * `site`). Set for known and absent lookups whose path went through a parameter or variable.
   */
  via?: string;
  /**
   * Where a finding about this lookup goes when the path went through a parameter or variable: the expression as
   * written in the resource (`"[parameters('policies')]"`, `"${var.x}"`), the first one on the path. Never a node of
   * the parameter or variable declaration. See findingSite() in provenance.ts.
   */
  site?: Node;
  /** When absent: the deepest object that exists on the path, and the keys still missing below it. */
  parent?: Node;
  missing?: string[];
  /** When known: the resolver of the scope the literal lives in (to resolve expressions inside it, e.g. array elements). */
  resolver?: Resolver;
}

export const ABSENT: Lookup = { state: 'absent' };

/**
 * Resolves a node that may be an expression to the literal node it stands for.
 * Only strings can be expressions: every resolver answers a non-string node with itself and itself (walk relies on it).
 */
export interface Resolver {
  resolve(node: Node): { node: Node; resolver: Resolver; via?: string } | undefined;
}

/**
 * A value that is written nowhere: `null` for a parameter nobody passes (a nullable parameter without a default, a
 * parameter an outer template does not pass into an inner-scope nested deployment). Synthetic nodes are never a
 * lookup's `origin` (a fix must not edit them) nor a finding's place.
 */
const SYNTHETIC = new WeakSet<Node>();
const NULL_OF = new WeakMap<Node, Node>();

/** The synthetic `null` standing for the value of the parameter declared by `decl` (one per declaration). */
export function syntheticNull(decl: Node): Node {
  let n = NULL_OF.get(decl);
  if (!n) {
    n = { type: 'null', offset: decl.offset, length: 0, value: null };
    SYNTHETIC.add(n);
    NULL_OF.set(decl, n);
  }
  return n;
}

export const isSynthetic = (n: Node | undefined): boolean => !!n && SYNTHETIC.has(n);

export const literalResolver: Resolver = {
  resolve(node) {
    return { node, resolver: literalResolver };
  },
};

export interface WalkOptions {
  ignoreCase?: boolean;
  /** Terraform: a nested block written as an array of objects is read through its first element. */
  blocks?: boolean;
  /** Terraform plan and Kubernetes: `null` means absent. */
  nullIsAbsent?: boolean;
}

/** Walks `path` from `root`, resolving expressions on the way. */
export function walk(root: Node | undefined, path: readonly string[], resolver: Resolver, opts: WalkOptions = {}): Lookup {
  if (!root) return ABSENT;
  let cur: Node = root;
  let r = resolver;
  // The first expression on the path read through a parameter or variable (as written), and what it read.
  let site: Node | undefined;
  let via: string | undefined;
  const hop = (written: Node, res: { via?: string }) => {
    if (res.via && !site) {
      site = written;
      via = res.via;
    }
  };
  for (let i = 0; i < path.length; i++) {
    // Objects and arrays are never expressions: no resolver call (and no result object) for them.
    if (cur.type === 'string') {
      const res = r.resolve(cur);
      if (!res) return { state: 'unknown', node: cur, site, via };
      hop(cur, res);
      // An object read through a parameter or variable that holds null (a default of null, a parameter nobody
      // passes): the setting below it is absent. Nothing in the resource to insert into (no parent).
      if (res.node.type === 'null' && res.node !== cur) return { state: 'absent', missing: path.slice(i), site, via };
      cur = res.node;
      r = res.resolver;
    }
    if (opts.blocks && cur.type === 'array') {
      const first = cur.children?.[0];
      if (!first) return { state: 'absent', parent: undefined, missing: path.slice(i), site, via };
      const fr = r.resolve(first);
      if (!fr) return { state: 'unknown', node: first, site, via };
      hop(first, fr);
      cur = fr.node;
      r = fr.resolver;
    }
    if (cur.type === 'null' && opts.nullIsAbsent) {
      const holder = cur.parent?.type === 'property' ? cur.parent.parent : undefined;
      const key = cur.parent?.children?.[0]?.value as string | undefined;
      return { state: 'absent', parent: holder, missing: key !== undefined && holder ? [key, ...path.slice(i)] : path.slice(i), site, via };
    }
    if (cur.type !== 'object') return { state: 'unknown', node: cur, site, via };
    const prop = property(cur, path[i], opts.ignoreCase);
    if (!prop || !prop.children?.[1]) return { state: 'absent', parent: cur, missing: path.slice(i), site, via };
    cur = prop.children[1];
  }
  const written = cur;
  let origin = cur;
  if (cur.type === 'string') {
    const res = r.resolve(cur);
    if (!res) return { state: 'unknown', node: written, site, via };
    hop(cur, res);
    origin = res.node;
    r = res.resolver;
  }
  if (origin.type === 'null' && opts.nullIsAbsent) {
    const holder = written.parent?.type === 'property' ? written.parent.parent : undefined;
    return { state: 'absent', parent: holder, missing: path.length ? [path[path.length - 1]] : [], site, via };
  }
  // A parameter nobody passes is null, which is absent (arm.ts ArmScope); written nowhere, so no parent to insert into.
  if (isSynthetic(origin)) return { state: 'absent', missing: [], site, via };
  return { state: 'known', value: toValue(origin), node: written, origin, via, site, resolver: r };
}

/** True when a lookup is known and satisfies `pred`. */
export function is(l: Lookup, pred: (v: unknown) => boolean): boolean {
  return l.state === 'known' && pred(l.value);
}

export const isTrue = (v: unknown) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
export const isFalse = (v: unknown) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false');
export const eqi = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/**
 * True when a block or object is there: known and not `null` or an empty array (plan JSON writes an
 * absent nested block as `[]`, ARM exports write `null`).
 */
export const isPresent = (l: Lookup) =>
  l.state === 'known' && l.value !== null && l.value !== undefined && !(Array.isArray(l.value) && l.value.length === 0);

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
  /** How the value was resolved, for messages: e.g. "parameter 'disableLocal'". */
  via?: string;
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
  let via: string | undefined;
  for (let i = 0; i < path.length; i++) {
    // Objects and arrays are never expressions: no resolver call (and no result object) for them.
    if (cur.type === 'string') {
      const res = r.resolve(cur);
      if (!res) return { state: 'unknown', node: cur };
      cur = res.node;
      r = res.resolver;
      via = res.via ?? via;
    }
    if (opts.blocks && cur.type === 'array') {
      const first = cur.children?.[0];
      if (!first) return { state: 'absent', parent: undefined, missing: path.slice(i) };
      const fr = r.resolve(first);
      if (!fr) return { state: 'unknown', node: first };
      cur = fr.node;
      r = fr.resolver;
    }
    if (cur.type === 'null' && opts.nullIsAbsent) {
      const holder = cur.parent?.type === 'property' ? cur.parent.parent : undefined;
      const key = cur.parent?.children?.[0]?.value as string | undefined;
      return { state: 'absent', parent: holder, missing: key !== undefined && holder ? [key, ...path.slice(i)] : path.slice(i) };
    }
    if (cur.type !== 'object') return { state: 'unknown', node: cur };
    const prop = property(cur, path[i], opts.ignoreCase);
    if (!prop || !prop.children?.[1]) return { state: 'absent', parent: cur, missing: path.slice(i) };
    cur = prop.children[1];
  }
  const written = cur;
  let origin = cur;
  if (cur.type === 'string') {
    const res = r.resolve(cur);
    if (!res) return { state: 'unknown', node: written };
    origin = res.node;
    r = res.resolver;
    via = res.via ?? via;
  }
  if (origin.type === 'null' && opts.nullIsAbsent) {
    const holder = written.parent?.type === 'property' ? written.parent.parent : undefined;
    return { state: 'absent', parent: holder, missing: path.length ? [path[path.length - 1]] : [] };
  }
  return { state: 'known', value: toValue(origin), node: written, origin, via, resolver: r };
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

/**
 * One tree shape for JSON and YAML: the node shape of `jsonc-parser` (`type`, `offset`, `length`,
 * `children`, `parent`, `value`), so the same navigation code serves every format.
 * Offsets are relative to the start of the document's own text (see ParsedDocument.base);
 * YAML nodes also keep how they are written (YamlStyle, for format-preserving fixes).
 */
import type { Expr, HclAttribute, HclBlock, HclBody, ObjectItem } from './hcl';
import type { BicepSource } from './bicepTree';

export type NodeType = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';

export interface Node {
  type: NodeType;
  offset: number;
  length: number;
  value?: unknown;
  children?: Node[];
  parent?: Node;
  colonOffset?: number;
  /**
   * YAML only: how the node is written, what format-preserving fixes need. Not the `yaml` library's node:
   * keeping those (and their Document) alive beside this tree doubled what every parse retains.
   */
  yaml?: YamlStyle;
  /**
   * A node built from others (a Kustomize base merged with its patches) stands for `source`, the node where it was
   * written: findings land on the source's range in the source's file, and fixes edit the source.
   */
  source?: Node;
  /** A value computed rather than written (a Kustomize image override's `name:tag`): reported at `source`, never fixed in place. */
  derived?: true;
  /** HCL only: the syntax the node was mapped from (hclTree.ts), for the Terraform resolver and the HCL fix writer. */
  hcl?: HclSource;
  /** Bicep only: the syntax the node was mapped from (bicepTree.ts), for the Bicep fix writer. */
  bicep?: BicepSource;
}

/** What an HCL-mapped node stands for: an expression, a block body, an attribute. `synthetic`: a computed value. */
export interface HclSource {
  expr?: Expr;
  body?: HclBody;
  block?: HclBlock;
  attribute?: HclAttribute;
  /** An object item of an object expression (`k = v`). */
  item?: ObjectItem;
  synthetic?: true;
}

/** How a YAML node is written: a flow collection (`{…}`, `[…]`), or a quoted scalar. Shared constants, set only when true. */
export interface YamlStyle {
  flow?: true;
  quote?: 'double' | 'single';
}

/** The value node of property `key` of an object node (exact key match, or case-insensitive). */
export function child(node: Node | undefined, key: string, ignoreCase = false): Node | undefined {
  const prop = property(node, key, ignoreCase);
  return prop?.children?.[1];
}

/** The property node (key + value) named `key` of an object node. The last one wins, as in JSON.parse. */
export function property(node: Node | undefined, key: string, ignoreCase = false): Node | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  // Lower-cased key, computed only when a same-length key differs in spelling (lower-casing keeps an ASCII key's length).
  let want: string | undefined = ignoreCase && !/^[\x00-\x7f]*$/.test(key) ? key.toLowerCase() : undefined;
  const length = want?.length ?? key.length;
  let found: Node | undefined;
  for (const prop of node.children) {
    const k = prop.children?.[0];
    if (!k || typeof k.value !== 'string' || k.value.length !== length) continue; // length first: no lower-casing of every key
    if (k.value === key) found = prop;
    else if (ignoreCase && k.value.toLowerCase() === (want ??= key.toLowerCase())) found = prop;
  }
  return found;
}

/** Every [key, value] pair of an object node. */
export function entries(node: Node | undefined): Array<[string, Node, Node]> {
  const out: Array<[string, Node, Node]> = [];
  if (!node || node.type !== 'object' || !node.children) return out;
  for (const prop of node.children) {
    const k = prop.children?.[0];
    const v = prop.children?.[1];
    if (k && v && typeof k.value === 'string') out.push([k.value, k, v]);
  }
  return out;
}

export function items(node: Node | undefined): Node[] {
  if (!node || node.type !== 'array' || !node.children) return [];
  return node.children;
}

/** The key node when `node` is the value of a property. */
export function keyOf(node: Node | undefined): Node | undefined {
  const p = node?.parent;
  if (p && p.type === 'property' && p.children?.[1] === node) return p.children[0];
  return undefined;
}

/** A scalar's JS value; undefined for objects and arrays. */
export function scalar(node: Node | undefined): unknown {
  if (!node) return undefined;
  if (node.type === 'object' || node.type === 'array' || node.type === 'property') return undefined;
  return node.type === 'null' ? null : node.value;
}

export function str(node: Node | undefined): string | undefined {
  return node && node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** Plain JS value of a subtree, bounded in size so shared (aliased) subtrees cannot explode. */
export function toValue(node: Node | undefined, budget = { left: 100000 }): unknown {
  if (!node || budget.left-- <= 0) return undefined;
  switch (node.type) {
    case 'object': {
      // The same pairs as entries(), without building them (rules read whole objects often).
      const o: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const k = prop.children?.[0];
        const v = prop.children?.[1];
        if (k && v && typeof k.value === 'string') o[k.value] = toValue(v, budget);
      }
      return o;
    }
    case 'array':
      return (node.children ?? []).map((n) => toValue(n, budget));
    case 'null':
      return null;
    default:
      return node.value;
  }
}

/** The path of keys and indexes from the document root to `node`. */
export function pathOf(node: Node): Array<string | number> {
  const path: Array<string | number> = [];
  let cur: Node | undefined = node;
  while (cur && cur.parent) {
    const parent: Node = cur.parent;
    if (parent.type === 'property') {
      const k = parent.children?.[0];
      path.unshift(String(k?.value));
      cur = parent.parent;
    } else if (parent.type === 'array') {
      path.unshift(parent.children ? parent.children.indexOf(cur) : 0);
      cur = parent;
    } else {
      cur = parent;
    }
  }
  return path;
}

import { child, Node, scalar, str } from '../documents';

/**
 * Building a Kustomize object without losing where its values were written. A built object is a tree of the original
 * nodes of its base and patches; only the objects and lists that a patch changed are new nodes, and each new node
 * stands for (Node.source) the node of the base it replaces: its range is that node's range, docOf() answers that
 * node's document, and fixes edit that node. A value a patch wrote is the patch's own node: a finding about it lands
 * in the patch, a fix edits the patch.
 */

/** The original node a node stands for. */
export function sourceOf(n: Node): Node {
  return n.source ?? n;
}

interface Entry {
  key: Node;
  value: Node;
  /** The property the pair was written in (its range). */
  prop?: Node;
}

/** A new object standing for `like`, holding `pairs` (original nodes are shared, never re-parented). */
export function builtObject(like: Node, pairs: Entry[]): Node {
  const source = sourceOf(like);
  const obj: Node = { type: 'object', offset: source.offset, length: source.length, children: [], source, yaml: source.yaml, derived: like.derived };
  for (const { key, value, prop } of pairs) {
    const from = prop ?? key.parent ?? key;
    const p: Node = { type: 'property', offset: from.offset, length: from.length, parent: obj, children: [key, value], source: sourceOf(from), colonOffset: from.colonOffset };
    if (value.source) value.parent = p; // a built value hangs below its built property (keyOf, walk's null handling)
    obj.children!.push(p);
  }
  return obj;
}

export function builtArray(like: Node, elements: Node[]): Node {
  const source = sourceOf(like);
  const arr: Node = { type: 'array', offset: source.offset, length: source.length, children: elements, source, yaml: source.yaml };
  for (const e of elements) if (e.source) e.parent = arr;
  return arr;
}

/** A value computed by a transformer (an image override, a namespace): reported at `at`, never fixed there. */
export function derivedScalar(value: string | number, at: Node): Node {
  const source = sourceOf(at);
  return { type: typeof value === 'number' ? 'number' : 'string', value, offset: source.offset, length: source.length, source, derived: true };
}

export function pairsOf(obj: Node): Entry[] {
  const out: Entry[] = [];
  for (const p of obj.children ?? []) {
    const [key, value] = p.children ?? [];
    if (key && value && typeof key.value === 'string') out.push({ key, value, prop: p });
  }
  return out;
}

/** `obj` with `key` set to `value` (undefined: removed); `keyNode` names a new key. */
export function withProperty(obj: Node, key: string, value: Node | undefined, keyNode?: Node): Node {
  const pairs = pairsOf(obj);
  const i = pairs.findIndex((p) => p.key.value === key);
  if (value === undefined) {
    if (i < 0) return obj;
    pairs.splice(i, 1);
  } else if (i >= 0) pairs[i] = { key: pairs[i].key, value, prop: pairs[i].prop };
  else pairs.push({ key: keyNode ?? { type: 'string', value: key, offset: value.offset, length: 0, source: sourceOf(value), derived: true }, value });
  return builtObject(obj, pairs);
}

/** Kubernetes' merge keys (patchMergeKey) of the lists the rules read; other lists are replaced by a patch's list. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', volumes: 'name', env: 'name',
  imagePullSecrets: 'name', volumeMounts: 'mountPath', volumeDevices: 'devicePath', hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey', resourceClaims: 'name',
};

function mergeKeyOf(field: string | undefined, base: Node, patch: Node): string | undefined {
  if (!field) return undefined;
  if (field === 'ports') {
    // Container ports merge on containerPort, Service ports on port.
    const all = [...(base.children ?? []), ...(patch.children ?? [])];
    return all.some((i) => child(i, 'containerPort')) ? 'containerPort' : 'port';
  }
  return MERGE_KEYS[field];
}

const DIRECTIVE = /^\$(patch|retainKeys|setElementOrder\/|deleteFromPrimitiveList\/)/;

/** A patch value without its `$patch` directives (what it adds where the base has nothing). Undefined: deleted. */
export function withoutDirectives(n: Node): Node | undefined {
  if (n.type === 'object') {
    if (str(child(n, '$patch')) === 'delete') return undefined;
    const pairs = pairsOf(n);
    let changed = false;
    const kept: Entry[] = [];
    for (const p of pairs) {
      if (DIRECTIVE.test(p.key.value as string)) { changed = true; continue; }
      const v = withoutDirectives(p.value);
      if (v !== p.value) changed = true;
      if (v) kept.push({ ...p, value: v });
    }
    return changed ? builtObject(n, kept) : n;
  }
  if (n.type === 'array') {
    const elements: Node[] = [];
    let changed = false;
    for (const e of n.children ?? []) {
      if (e.type === 'object' && str(child(e, '$patch')) === 'replace' && pairsOf(e).length === 1) { changed = true; continue; }
      const v = withoutDirectives(e);
      if (v !== e) changed = true;
      if (v) elements.push(v);
    }
    return changed ? builtArray(n, elements) : n;
  }
  return n;
}

/**
 * Strategic merge patch (apimachinery strategicpatch) of `patch` onto `base`, for the fields the rules read: maps merge
 * key by key, `null` deletes, lists with a merge key merge item by item (`$patch: delete` removes an item, new items are
 * appended), other lists and scalars are replaced; `$patch: replace` replaces a map or list, `$patch: delete` a map.
 * Undefined: deleted.
 */
export function strategicMerge(base: Node | undefined, patch: Node, field?: string): Node | undefined {
  if (!base) return withoutDirectives(patch);
  if (patch.type === 'object') {
    const directive = str(child(patch, '$patch'));
    if (directive === 'delete') return undefined;
    if (directive === 'replace' || base.type !== 'object') return withoutDirectives(patch);
    const pairs = pairsOf(base);
    for (const p of pairsOf(patch)) {
      const key = p.key.value as string;
      if (DIRECTIVE.test(key)) continue;
      const i = pairs.findIndex((b) => b.key.value === key);
      if (p.value.type === 'null') {
        if (i >= 0) pairs.splice(i, 1);
        continue;
      }
      const merged = strategicMerge(i >= 0 ? pairs[i].value : undefined, p.value, key);
      if (i >= 0) {
        if (merged) pairs[i] = { key: pairs[i].key, value: merged, prop: pairs[i].prop };
        else pairs.splice(i, 1);
      } else if (merged) pairs.push({ key: p.key, value: merged, prop: p.prop });
    }
    return builtObject(base, pairs);
  }
  if (patch.type === 'array' && base.type === 'array') return mergeList(base, patch, field);
  return withoutDirectives(patch);
}

function mergeList(base: Node, patch: Node, field: string | undefined): Node | undefined {
  const patchItems = patch.children ?? [];
  if (patchItems.some((e) => e.type === 'object' && str(child(e, '$patch')) === 'replace')) return withoutDirectives(patch);
  const key = mergeKeyOf(field, base, patch);
  if (!key) return withoutDirectives(patch);
  const result = [...(base.children ?? [])];
  for (const item of patchItems) {
    if (item.type !== 'object') continue;
    const id = scalar(child(item, key));
    const i = id === undefined ? -1 : result.findIndex((b) => b.type === 'object' && scalar(child(b, key)) === id);
    if (i < 0) {
      const added = withoutDirectives(item);
      if (added) result.push(added);
      continue;
    }
    const merged = strategicMerge(result[i], item);
    if (merged) result[i] = merged;
    else result.splice(i, 1);
  }
  return builtArray(base, result);
}

/** RFC 6902 operations `add`, `replace` and `remove` (JSON pointer paths); others are ignored. Throws on a path that does not exist. */
export function applyJson6902(root: Node, ops: Node): Node | undefined {
  let cur: Node | undefined = root;
  for (const op of ops.children ?? []) {
    const kind = str(child(op, 'op'));
    const path = str(child(op, 'path'));
    if (!cur || path === undefined || (kind !== 'add' && kind !== 'replace' && kind !== 'remove')) continue;
    const value = child(op, 'value');
    if (kind !== 'remove' && !value) continue;
    const segments = path === '' ? [] : path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    cur = applyAt(cur, segments, kind, value);
  }
  return cur;
}

function applyAt(node: Node, path: string[], op: 'add' | 'replace' | 'remove', value: Node | undefined): Node | undefined {
  if (!path.length) return op === 'remove' ? undefined : value;
  const [seg, ...rest] = path;
  if (node.type === 'object') {
    const current = child(node, seg);
    if (!rest.length) {
      if (op !== 'add' && !current) throw new Error(`path /${seg} does not exist`);
      return withProperty(node, seg, op === 'remove' ? undefined : value);
    }
    if (!current) throw new Error(`path /${seg} does not exist`);
    const next = applyAt(current, rest, op, value);
    return withProperty(node, seg, next);
  }
  if (node.type === 'array') {
    const elements = [...(node.children ?? [])];
    const index = seg === '-' ? elements.length : Number(seg);
    if (!Number.isInteger(index) || index < 0 || index > elements.length) throw new Error(`index ${seg} is out of range`);
    if (!rest.length) {
      if (op === 'add') elements.splice(index, 0, value!);
      else if (index >= elements.length) throw new Error(`index ${seg} is out of range`);
      else if (op === 'replace') elements[index] = value!;
      else elements.splice(index, 1);
      return builtArray(node, elements);
    }
    if (index >= elements.length) throw new Error(`index ${seg} is out of range`);
    const next = applyAt(elements[index], rest, op, value);
    if (next) elements[index] = next;
    else elements.splice(index, 1);
    return builtArray(node, elements);
  }
  throw new Error(`path /${seg} goes through a scalar`);
}

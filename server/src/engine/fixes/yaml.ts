import { Node } from '../documents';
import { FixIntent, TextEdit } from './intent';

/**
 * Minimal YAML edits computed from source ranges: values are replaced in place, new keys are added
 * after the last key of their block map at the same indentation (or inside `{…}` for flow maps);
 * nothing outside the edit moves, so comments, quotes and the other documents stay untouched.
 */
export function yamlEdits(text: string, intent: FixIntent): TextEdit[] {
  const base = intent.doc.base;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const ctx: Ctx = { text, base, eol };
  switch (intent.kind) {
    case 'set':
      return setValue(ctx, intent.node, intent.value);
    case 'insert':
      return (intent.ordered && insertOrdered(ctx, intent.parent, intent.path, intent.value)) || insert(ctx, intent.parent, intent.path, intent.value);
    case 'remove':
      return remove(ctx, intent.node);
    case 'append':
      return append(ctx, intent.array, intent.value);
  }
}

interface Ctx {
  text: string;
  base: number;
  eol: string;
}

const abs = (ctx: Ctx, n: Node) => ctx.base + n.offset;
const end = (ctx: Ctx, n: Node) => ctx.base + n.offset + n.length;

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
/** End of the line containing `offset`, before any line break. */
function lineEnd(text: string, offset: number): number {
  let e = text.indexOf('\n', offset);
  if (e < 0) return text.length;
  if (e > 0 && text[e - 1] === '\r') e--;
  return e;
}

function isFlow(n: Node | undefined): boolean {
  return !!n?.yaml?.flow;
}
/** True when `n` sits inside a flow collection (where block syntax is not allowed). */
function inFlow(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (isFlow(p)) return true;
  return false;
}

/**
 * The indentation step of the file near `map` (2 by default): the first block map, from `map` up,
 * whose entries sit on the lines below their key.
 */
function indentStep(ctx: Ctx, map: Node): number {
  for (let m: Node | undefined = map; m; m = m.parent) {
    if (m.type !== 'object' || isFlow(m)) continue;
    const prop = m.parent;
    const first = m.children?.[0];
    if (prop?.type !== 'property' || !first) continue;
    const keyStart = abs(ctx, prop.children![0]);
    const childStart = abs(ctx, first);
    if (lineStart(ctx.text, childStart) === lineStart(ctx.text, keyStart)) continue;
    const step = column(ctx.text, childStart) - column(ctx.text, keyStart);
    if (step > 0) return step;
  }
  return 2;
}

/** Moves `offset` back over whitespace and line breaks, not before `min`. */
function trimBack(ctx: Ctx, offset: number, min: number): number {
  let at = offset;
  while (at > min && /[\r\n \t]/.test(ctx.text[at - 1])) at--;
  return at;
}

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;
export function renderScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  const s = String(v);
  if (/^[A-Za-z_/][A-Za-z0-9_./@-]*$/.test(s) && !RESERVED.test(s)) return s;
  return JSON.stringify(s);
}

function renderFlow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(renderFlow).join(', ')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${renderScalar(k)}: ${renderFlow(x)}`).join(', ')}}`;
  return renderScalar(v);
}

const isScalarValue = (v: unknown) => v === null || typeof v !== 'object';

/** `key: value` as block YAML; continuation lines are indented from column `col`. */
function renderEntry(key: string, v: unknown, col: number, step: number, eol: string): string {
  const k = renderScalar(key);
  if (isScalarValue(v)) return `${k}: ${renderScalar(v)}`;
  if (Array.isArray(v)) {
    if (!v.length || v.every(isScalarValue)) return `${k}: ${renderFlow(v)}`;
    return `${k}:${v.map((item) => `${eol}${' '.repeat(col + step)}- ${renderItem(item, col + step + 2, step, eol)}`).join('')}`;
  }
  const entries = Object.entries(v as object);
  if (!entries.length) return `${k}: {}`;
  return `${k}:${entries.map(([ck, cv]) => `${eol}${' '.repeat(col + step)}${renderEntry(ck, cv, col + step, step, eol)}`).join('')}`;
}

/** A sequence item's content that starts right after `- ` at column `col`. */
function renderItem(v: unknown, col: number, step: number, eol: string): string {
  if (isScalarValue(v) || Array.isArray(v)) return renderFlow(v);
  const entries = Object.entries(v as object);
  if (!entries.length) return '{}';
  return entries.map(([k, x], i) => (i ? `${eol}${' '.repeat(col)}` : '') + renderEntry(k, x, col, step, eol)).join('');
}

function nest(path: string[], value: unknown): unknown {
  let v = value;
  for (let i = path.length - 1; i >= 1; i--) v = { [path[i]]: v };
  return v;
}

function setValue(ctx: Ctx, node: Node, value: unknown): TextEdit[] {
  const start = abs(ctx, node);
  if (isScalarValue(value)) {
    const quote = node.yaml?.quote;
    let t = renderScalar(value);
    if (typeof value === 'string') {
      if (quote === 'double') t = JSON.stringify(value);
      else if (quote === 'single') t = `'${value.replace(/'/g, "''")}'`;
    }
    // An empty value (`key:`) sits right after the colon: keep a space between them.
    if (!node.length && keyOf(node) && ctx.text[start - 1] === ':') t = ` ${t}`;
    return [{ offset: start, length: node.length, text: t }];
  }
  if (inFlow(node) || isFlow(node)) return [{ offset: start, length: node.length, text: renderFlow(value) }];
  // Block context: the value goes on the lines below its key.
  const key = keyOf(node);
  if (!key) return [{ offset: start, length: node.length, text: renderFlow(value) }];
  const prop = node.parent!;
  const keyCol = column(ctx.text, abs(ctx, key));
  const holder = prop.parent!;
  const step = indentStep(ctx, holder);
  const colon = ctx.text.indexOf(':', end(ctx, key));
  const from = colon + 1;
  const body = renderEntry('x', value, keyCol, step, ctx.eol).slice('x:'.length);
  const valueEnd = node.length ? trimBack(ctx, end(ctx, node), start) : from;
  if (lineStart(ctx.text, valueEnd) === lineStart(ctx.text, colon)) {
    // `key:`, `key: ~`, `key: x # comment`: the old value goes, a comment after it stays on the key's line.
    const le = lineEnd(ctx.text, valueEnd);
    const rest = ctx.text.slice(valueEnd, le);
    return [{ offset: from, length: le - from, text: (rest.trim() ? ` ${rest.trim()}` : '') + body }];
  }
  return [{ offset: from, length: valueEnd - from, text: body }];
}

function keyOf(node: Node): Node | undefined {
  const p = node.parent;
  return p?.type === 'property' && p.children?.[1] === node ? p.children[0] : undefined;
}

function insert(ctx: Ctx, parent: Node, path: string[], value: unknown): TextEdit[] {
  if (!path.length) return [];
  // `key:` present but empty (null): fill it instead of adding a duplicate key.
  const existing = parent.children?.find((p) => p.children?.[0]?.value === path[0]);
  if (existing && existing.children?.[1]?.type === 'null') {
    return setValue(ctx, existing.children[1], path.length > 1 ? nest(path, value) : value);
  }
  const nested = nest(path, value);
  if (isFlow(parent) || inFlow(parent)) {
    const entry = `${renderScalar(path[0])}: ${renderFlow(nested)}`;
    const last = parent.children?.[parent.children.length - 1];
    if (last) return [{ offset: end(ctx, last), length: 0, text: `, ${entry}` }];
    const close = ctx.text.lastIndexOf('}', end(ctx, parent) - 1);
    return [{ offset: close, length: 0, text: entry }];
  }
  const first = parent.children?.[0];
  const last = parent.children?.[parent.children.length - 1];
  if (!first || !last) return [];
  const col = column(ctx.text, abs(ctx, first));
  const step = indentStep(ctx, parent);
  const at = lineEnd(ctx.text, trimBack(ctx, end(ctx, last), abs(ctx, last)));
  return [{ offset: at, length: 0, text: `${ctx.eol}${' '.repeat(col)}${renderEntry(path[0], nested, col, step, ctx.eol)}` }];
}

/**
 * Inserts a new key before the first existing key that sorts after it (string order). Insertions commute: two
 * keys added in either order end up in the same place. Undefined when the key exists or there is no such key
 * (the caller appends), or when that key does not start its own line in a block map.
 */
function insertOrdered(ctx: Ctx, parent: Node, path: string[], value: unknown): TextEdit[] | undefined {
  if (!path.length || parent.type !== 'object') return undefined;
  const props = parent.children ?? [];
  if (props.some((p) => p.children?.[0]?.value === path[0])) return undefined;
  const next = props.find((p) => typeof p.children?.[0]?.value === 'string' && (p.children[0].value as string) > path[0]);
  const key = next?.children?.[0];
  if (!next || !key) return undefined;
  const nested = nest(path, value);
  if (isFlow(parent) || inFlow(parent)) return [{ offset: abs(ctx, key), length: 0, text: `${renderScalar(path[0])}: ${renderFlow(nested)}, ` }];
  const first = props[0].children?.[0];
  if (!first) return undefined;
  const col = column(ctx.text, abs(ctx, first));
  const ls = lineStart(ctx.text, abs(ctx, key));
  if (ctx.text.slice(ls, abs(ctx, key)) !== ' '.repeat(col)) return undefined; // e.g. `- key:` on a sequence line
  return [{ offset: ls, length: 0, text: `${' '.repeat(col)}${renderEntry(path[0], nested, col, indentStep(ctx, parent), ctx.eol)}${ctx.eol}` }];
}

function remove(ctx: Ctx, node: Node): TextEdit[] {
  const prop = node.parent?.type === 'property' ? node.parent : undefined;
  const target = prop ?? node;
  const container = target.parent;
  if (!container) return [];
  const siblings = container.children ?? [];
  if (isFlow(container)) {
    const i = siblings.indexOf(target);
    const from = i > 0 ? end(ctx, siblings[i - 1]) : abs(ctx, target);
    const to = i > 0 ? end(ctx, target) : i + 1 < siblings.length ? abs(ctx, siblings[i + 1]) : end(ctx, target);
    return [{ offset: from, length: to - from, text: '' }];
  }
  let startAt = abs(ctx, target);
  const targetEnd = trimBack(ctx, end(ctx, target), startAt);
  if (!prop && container.type === 'array') {
    if (siblings.length === 1 && keyOf(container)) {
      // the only item: leave an empty sequence rather than a null value
      const colon = ctx.text.indexOf(':', end(ctx, keyOf(container)!));
      const seqEnd = trimBack(ctx, end(ctx, container), abs(ctx, container));
      return [{ offset: colon + 1, length: seqEnd - colon - 1, text: ' []' }];
    }
    const dash = ctx.text.lastIndexOf('-', startAt);
    if (dash >= lineStart(ctx.text, startAt)) startAt = dash;
  }
  const ls = lineStart(ctx.text, startAt);
  const before = ctx.text.slice(ls, startAt);
  let le = ctx.text.indexOf('\n', targetEnd);
  le = le < 0 ? ctx.text.length : le + 1;
  if (before.trim() === '') {
    // alone on its lines: remove them whole, with any comment after the value
    return [{ offset: ls, length: le - ls, text: '' }];
  }
  // The first key of a map that starts after `- ` (or `? `).
  if (prop && siblings.length > 1) {
    // the next line moves up behind the dash: drop the entry and the next line's indentation
    let to = le;
    while (to < ctx.text.length && (ctx.text[to] === ' ' || ctx.text[to] === '\t')) to++;
    return [{ offset: startAt, length: to - startAt, text: '' }];
  }
  return [{ offset: startAt, length: lineEnd(ctx.text, targetEnd) - startAt, text: '{}' }];
}

function append(ctx: Ctx, array: Node, value: unknown): TextEdit[] {
  const items = array.children ?? [];
  if (isFlow(array) || inFlow(array) || !items.length) {
    if (!items.length) {
      const close = ctx.text.lastIndexOf(']', end(ctx, array) - 1);
      if (close >= abs(ctx, array)) return [{ offset: close, length: 0, text: renderFlow(value) }];
      return setValue(ctx, array, [value]);
    }
    return [{ offset: end(ctx, items[items.length - 1]), length: 0, text: `, ${renderFlow(value)}` }];
  }
  const firstStart = abs(ctx, items[0]);
  const dash = ctx.text.lastIndexOf('-', firstStart);
  const dashCol = column(ctx.text, dash);
  const lastItem = items[items.length - 1];
  const at = lineEnd(ctx.text, trimBack(ctx, end(ctx, lastItem), abs(ctx, lastItem)));
  const step = indentStep(ctx, array);
  return [{ offset: at, length: 0, text: `${ctx.eol}${' '.repeat(dashCol)}- ${renderItem(value, dashCol + 2, step, ctx.eol)}` }];
}

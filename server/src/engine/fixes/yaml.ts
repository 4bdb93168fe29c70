import { isMap, isScalar, isSeq, Scalar } from 'yaml';
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
      return insert(ctx, intent.parent, intent.path, intent.value);
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
  const y = n?.yaml as { flow?: boolean } | undefined;
  return !!y && (isMap(y) || isSeq(y)) && !!y.flow;
}
/** True when `n` sits inside a flow collection (where block syntax is not allowed). */
function inFlow(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (isFlow(p)) return true;
  return false;
}

/** The indentation step of the file near `map` (2 by default). */
function indentStep(ctx: Ctx, map: Node): number {
  const prop = map.parent;
  const first = map.children?.[0];
  if (prop?.type === 'property' && first) {
    const keyCol = column(ctx.text, abs(ctx, prop.children![0]));
    const childCol = column(ctx.text, abs(ctx, first));
    if (childCol > keyCol) return childCol - keyCol;
  }
  return 2;
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
    const y = node.yaml as Scalar | undefined;
    let t = renderScalar(value);
    if (typeof value === 'string' && y && isScalar(y)) {
      if (y.type === 'QUOTE_DOUBLE') t = JSON.stringify(value);
      else if (y.type === 'QUOTE_SINGLE') t = `'${value.replace(/'/g, "''")}'`;
    }
    return [{ offset: start, length: node.length, text: t }];
  }
  if (inFlow(node) || isFlow(node)) return [{ offset: start, length: node.length, text: renderFlow(value) }];
  // Block context: the value goes on the lines below its key.
  const prop = node.parent;
  const key = prop?.type === 'property' ? prop.children![0] : undefined;
  if (!key) return [{ offset: start, length: node.length, text: renderFlow(value) }];
  const keyCol = column(ctx.text, abs(ctx, key));
  const holder = prop!.parent!;
  const step = indentStep(ctx, holder);
  const colon = ctx.text.indexOf(':', end(ctx, key));
  const from = colon + 1;
  const to = node.length ? end(ctx, node) : from;
  const body = renderEntry('x', value, keyCol, step, ctx.eol).slice('x:'.length);
  return [{ offset: from, length: to - from, text: body }];
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
    const close = ctx.text.lastIndexOf('}', end(ctx, parent));
    return [{ offset: close, length: 0, text: entry }];
  }
  const first = parent.children?.[0];
  const last = parent.children?.[parent.children.length - 1];
  if (!first || !last) return [];
  const col = column(ctx.text, abs(ctx, first));
  const step = indentStep(ctx, parent);
  let at = end(ctx, last);
  while (at > 0 && /[\r\n \t]/.test(ctx.text[at - 1]) && at > abs(ctx, last)) at--;
  at = lineEnd(ctx.text, at);
  return [{ offset: at, length: 0, text: `${ctx.eol}${' '.repeat(col)}${renderEntry(path[0], nested, col, step, ctx.eol)}` }];
}

function remove(ctx: Ctx, node: Node): TextEdit[] {
  const prop = node.parent?.type === 'property' ? node.parent : undefined;
  const target = prop ?? node;
  const container = target.parent;
  if (!container) return [];
  if (isFlow(container)) {
    const siblings = container.children ?? [];
    const i = siblings.indexOf(target);
    const from = i > 0 ? end(ctx, siblings[i - 1]) : abs(ctx, target);
    const to = i > 0 ? end(ctx, target) : i + 1 < siblings.length ? abs(ctx, siblings[i + 1]) : end(ctx, target);
    return [{ offset: from, length: to - from, text: '' }];
  }
  // Block: remove whole lines, from the key's (or the `- `'s) line start to the end of the value's line.
  let startAt = abs(ctx, target);
  if (!prop && container.type === 'array') {
    const dash = ctx.text.lastIndexOf('-', startAt);
    if (dash >= lineStart(ctx.text, startAt)) startAt = dash;
  }
  const ls = lineStart(ctx.text, startAt);
  if (ctx.text.slice(ls, startAt).trim() !== '' && ctx.text.slice(ls, startAt).trim() !== '-') {
    // not alone on its line (e.g. first key after `- `): keep it simple and blank the entry
    return [{ offset: startAt, length: end(ctx, target) - startAt, text: '{}' }];
  }
  let e = end(ctx, target);
  while (e > startAt && /[\r\n \t]/.test(ctx.text[e - 1])) e--;
  let le = ctx.text.indexOf('\n', e);
  le = le < 0 ? ctx.text.length : le + 1;
  return [{ offset: ls, length: le - ls, text: '' }];
}

function append(ctx: Ctx, array: Node, value: unknown): TextEdit[] {
  const items = array.children ?? [];
  if (isFlow(array) || inFlow(array) || !items.length) {
    if (!items.length) {
      const close = ctx.text.lastIndexOf(']', end(ctx, array));
      if (close >= abs(ctx, array)) return [{ offset: close, length: 0, text: renderFlow(value) }];
      return setValue(ctx, array, [value]);
    }
    return [{ offset: end(ctx, items[items.length - 1]), length: 0, text: `, ${renderFlow(value)}` }];
  }
  const firstStart = abs(ctx, items[0]);
  const dash = ctx.text.lastIndexOf('-', firstStart);
  const dashCol = column(ctx.text, dash);
  let at = end(ctx, items[items.length - 1]);
  while (at > 0 && /[\r\n \t]/.test(ctx.text[at - 1])) at--;
  at = lineEnd(ctx.text, at);
  return [{ offset: at, length: 0, text: `${ctx.eol}${' '.repeat(dashCol)}- ${renderItem(value, dashCol + 2, 2, ctx.eol)}` }];
}

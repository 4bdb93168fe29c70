import type { Expr, HclBody, HclItem } from '../documents/hcl';
import type { Node } from '../documents';
import { FixIntent, TextEdit } from './intent';

/**
 * Minimal, format-preserving edits in HCL (`.tf`), written as `terraform fmt` leaves a file: two-space indentation,
 * `=` aligned within a run of consecutive single-line attributes (adding a longer name re-aligns the run), nested
 * blocks after attributes. Intents address the shared tree (hclTree.ts); the nodes keep their HCL syntax (`node.hcl`).
 *
 *   set     a literal (attribute value, object item, tuple element, variable default) or a computed expression
 *           (synthetic node: its whole expression) is replaced by the rendered literal
 *   insert  into a block body: an attribute (`key = value`) after the body's last attribute, or a nested block
 *           (`key { … }`) after its last item; into an object expression (`body = { … }`, azapi): an item `key = value`
 *   remove  an attribute or object item (its whole line), a tuple element (with its comma), a nested block
 *   append  a tuple element, or another nested block after the last one
 *
 * No edit (empty list) when the target is not written in this file's syntax (an unknown or computed parent).
 */
const MAP_ATTRIBUTES = new Set(['tags', 'node_labels', 'labels', 'annotations', 'parameters', 'body', 'headers', 'default', 'value']);

export function hclEdits(text: string, intent: FixIntent): TextEdit[] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  switch (intent.kind) {
    case 'set':
      return setValue(text, intent.node, intent.value, eol);
    case 'insert':
      return insert(text, intent.parent, intent.path, intent.value, eol);
    case 'remove':
      return remove(text, intent.node);
    case 'append':
      return append(text, intent.array, intent.value, eol);
  }
}

function setValue(text: string, node: Node, value: unknown, eol: string): TextEdit[] {
  if (!node.hcl) return [];
  const indent = lineIndent(text, node.offset);
  // `block_name = null` in a block body set to an object: written as the nested block Terraform expects.
  const attr = node.parent?.hcl?.attribute;
  if (attr && node.parent?.parent?.hcl?.body && isBlockValue(attr.name, value)) {
    const rendered = renderBlocks(attr.name, value, indent, eol);
    return [{ offset: attr.start, length: attr.end - attr.start, text: rendered.slice(indent.length, -eol.length) }];
  }
  return [{ offset: node.offset, length: node.length, text: render(value, indent, eol) }];
}

// ---- insert ----

function insert(text: string, parent: Node, path: string[], value: unknown, eol: string): TextEdit[] {
  if (!path.length || !parent.hcl || parent.hcl.synthetic) return [];
  let nested: unknown = value;
  for (let i = path.length - 1; i >= 1; i--) nested = { [path[i]]: nested };
  const key = path[0];
  const body = parent.hcl.body;
  if (body && parent.type === 'object') return insertIntoBody(text, parent, body, [{ key, value: nested }], eol);
  const expr = parent.hcl.expr;
  if (expr?.k === 'object') return insertIntoObject(text, expr, key, nested, eol);
  return [];
}

type Pair = { key: string; value: unknown };

/**
 * Keys added to one block body: attributes after its last attribute (the run they join re-aligned as fmt aligns it),
 * nested blocks after its last item. Several keys at once (one fix's intents) are aligned together.
 */
function insertIntoBody(text: string, parent: Node, body: HclBody, pairs: Pair[], eol: string): TextEdit[] {
  const block = parent.hcl?.block;
  const items = body.items;
  const unit = '  ';
  const newAttrs = pairs.filter((p) => !isBlockValue(p.key, p.value));
  const newBlocks = pairs.filter((p) => isBlockValue(p.key, p.value));
  const singleLine = (p: Pair, ind: string) => !render(p.value, ind, eol).includes('\n');
  const attrLines = (ps: Pair[], ind: string, width: number) =>
    ps.map((p) => `${ind}${keyText(p.key).padEnd(singleLine(p, ind) ? width : 0)} = ${render(p.value, ind, eol)}`);
  // A body written on one line (`b { c = 1 }`, `b {}`): spread over lines, as fmt writes a block with content.
  if (block && sameLine(text, block.open, block.close)) {
    const outer = lineIndent(text, block.start);
    const inner = outer + unit;
    const attrs = items.filter((i): i is HclItem & { kind: 'attribute' } => i.kind === 'attribute' && !text.slice(i.start, i.end).includes('\n'));
    const width = Math.max(0, ...attrs.map((a) => a.name.length), ...newAttrs.filter((p) => singleLine(p, inner)).map((p) => keyText(p.key).length));
    const existing = items.map((i) => inner + (attrs.includes(i as never)
      ? `${(i as HclItem & { kind: 'attribute' }).name.padEnd(width)} = ${text.slice((i as HclItem & { kind: 'attribute' }).expr.start, i.end)}`
      : text.slice(i.start, i.end)) + eol).join('');
    const added = attrLines(newAttrs, inner, width).map((l) => l + eol).join('') + newBlocks.map((p) => renderBlocks(p.key, p.value, inner, eol)).join('');
    return [{ offset: block.open + 1, length: block.close - block.open - 1, text: `${eol}${existing}${added}${outer}` }];
  }
  const indent = items.length ? lineIndent(text, items[0].start) : (block ? lineIndent(text, block.start) : '') + (block ? unit : '');
  const edits: TextEdit[] = [];
  if (newAttrs.length) {
    const attrs = items.filter((i): i is HclItem & { kind: 'attribute' } => i.kind === 'attribute');
    const lastAttr = attrs[attrs.length - 1];
    const newWidth = Math.max(0, ...newAttrs.filter((p) => singleLine(p, indent)).map((p) => keyText(p.key).length));
    if (!lastAttr) {
      const lines = attrLines(newAttrs, indent, newWidth).join(eol);
      const first = items[0];
      if (first) edits.push({ offset: lineStart(text, first.start), length: 0, text: `${lines}${eol}${eol}` });
      else edits.push({ offset: bodyInsertPoint(text, parent), length: 0, text: `${lines}${eol}` });
    } else {
      // The run of single-line attributes ending at the last attribute: fmt aligns their `=` with the new ones.
      const run = newWidth ? alignedRun(text, items, items.indexOf(lastAttr)) : [];
      const width = Math.max(newWidth, ...run.map((a) => a.nameSpan.end - a.nameSpan.start));
      for (const a of run) {
        const eq = text.indexOf('=', a.nameSpan.end);
        const want = ' '.repeat(width - (a.nameSpan.end - a.nameSpan.start) + 1);
        if (eq > 0 && text.slice(a.nameSpan.end, eq) !== want) edits.push({ offset: a.nameSpan.end, length: eq - a.nameSpan.end, text: want });
      }
      edits.push({ offset: lineEnd(text, lastAttr.end), length: 0, text: attrLines(newAttrs, indent, width).map((l) => `${eol}${l}`).join('') });
    }
  }
  if (newBlocks.length) {
    const last = items[items.length - 1];
    // A blank line before each new block when the body separates its items with blank lines (as the last two are).
    const prev = items[items.length - 2];
    const spaced = prev && last && /\n[ \t]*\r?\n/.test(text.slice(prev.end, last.start)) ? eol : '';
    const rendered = newBlocks.map((p) => renderBlocks(p.key, p.value, indent, eol));
    if (last) edits.push({ offset: lineEnd(text, last.end), length: 0, text: rendered.map((r) => `${eol}${spaced}${r.slice(0, -eol.length)}`).join('') });
    else edits.push({ offset: bodyInsertPoint(text, parent), length: 0, text: rendered.join('') });
  }
  return edits;
}

/**
 * The edits of several intents of one fix: inserts into the same block body are written together (aligned as one run,
 * two paths below one new block merged into it); every other intent on its own.
 */
export function hclEditsForIntents(text: string, intents: FixIntent[]): TextEdit[] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const byBody = new Map<Node, Pair[]>();
  const edits: TextEdit[] = [];
  for (const i of intents) {
    if (i.kind === 'insert' && i.path.length && i.parent.type === 'object' && i.parent.hcl?.body && !i.parent.hcl.synthetic) {
      let nested: unknown = i.value;
      for (let k = i.path.length - 1; k >= 1; k--) nested = { [i.path[k]]: nested };
      let pairs = byBody.get(i.parent);
      if (!pairs) byBody.set(i.parent, (pairs = []));
      const same = pairs.find((p) => p.key === i.path[0]);
      if (same && isPlainObject(same.value) && isPlainObject(nested)) same.value = deepMerge(same.value, nested);
      else pairs.push({ key: i.path[0], value: nested });
      continue;
    }
    edits.push(...hclEdits(text, i));
  }
  for (const [parent, pairs] of byBody) edits.push(...insertIntoBody(text, parent, parent.hcl!.body!, pairs, eol));
  return edits;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isPlainObject(out[k]) && isPlainObject(v) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/** The attributes (each on one line, consecutive lines) that end at items[last]. */
function alignedRun(text: string, items: HclItem[], last: number): Array<HclItem & { kind: 'attribute' }> {
  const spans = items.slice(0, last + 1).map((it) => ({ start: it.start, end: it.end, nameEnd: it.kind === 'attribute' ? it.nameSpan.end : it.end, single: it.kind === 'attribute' }));
  const run = consecutiveRun(text, spans);
  return run.map((r) => items.find((i) => i.start === r.start) as HclItem & { kind: 'attribute' });
}

/**
 * `terraform fmt` aligns `=` over consecutive lines each holding one single-line attribute: the run that ends with
 * the last span (a blank line, a comment line, a block or a multi-line value ends it).
 */
function consecutiveRun<T extends { start: number; end: number; single: boolean }>(text: string, spans: T[]): T[] {
  const run: T[] = [];
  for (let i = spans.length - 1; i >= 0; i--) {
    const it = spans[i];
    if (!it.single || text.slice(it.start, it.end).includes('\n')) break;
    if (run.length) {
      const between = text.slice(it.end, run[0].start);
      if ((between.match(/\n/g) ?? []).length !== 1 || /^[ \t]*(#|\/\/|\/\*)/m.test(between.slice(between.indexOf('\n') + 1))) break;
    }
    run.unshift(it);
  }
  return run;
}

function insertIntoObject(text: string, obj: Expr & { k: 'object' }, key: string, value: unknown, eol: string): TextEdit[] {
  const items = obj.items;
  if (!sameLine(text, obj.start, obj.end - 1) && items.length) {
    const indent = lineIndent(text, items[0].start);
    const last = items[items.length - 1];
    const run = consecutiveRun(text, items.map((i) => ({ start: i.start, end: i.end, nameEnd: i.key.end, single: i.separator === '=' })))
      .map((r) => items.find((i) => i.start === r.start)!);
    const width = Math.max(keyText(key).length, ...run.map((i) => i.key.end - i.key.start));
    const edits: TextEdit[] = [];
    for (const i of run) {
      const eq = text.indexOf('=', i.key.end);
      const want = ' '.repeat(width - (i.key.end - i.key.start) + 1);
      if (eq > 0 && text.slice(i.key.end, eq) !== want) edits.push({ offset: i.key.end, length: eq - i.key.end, text: want });
    }
    const rendered = render(value, indent, eol);
    const comma = text.slice(last.end, obj.end).trimStart().startsWith(',') ? ',' : '';
    const afterLast = comma ? text.indexOf(',', last.end) + 1 : last.end;
    edits.push({ offset: afterLast, length: 0, text: `${eol}${indent}${keyText(key).padEnd(rendered.includes('\n') ? 0 : width)} = ${rendered}${comma}` });
    return rendered.includes('\n') ? [edits[edits.length - 1]] : edits;
  }
  if (!items.length) {
    const outer = lineIndent(text, obj.start);
    const inner = outer + '  ';
    return [{ offset: obj.start + 1, length: obj.end - obj.start - 2, text: `${eol}${inner}${keyText(key)} = ${render(value, inner, eol)}${eol}${outer}` }];
  }
  const last = items[items.length - 1];
  return [{ offset: last.end, length: 0, text: `, ${keyText(key)} = ${render(value, '', eol, true)}` }];
}

function bodyInsertPoint(text: string, parent: Node): number {
  const block = parent.hcl?.block;
  if (!block) return text.length;
  // Before the line of the closing brace.
  return lineStart(text, block.close);
}

// ---- remove ----

function remove(text: string, node: Node): TextEdit[] {
  const prop = node.parent?.type === 'property' ? node.parent : undefined;
  if (prop?.hcl?.attribute) return [wholeLines(text, prop.hcl.attribute.start, prop.hcl.attribute.end)];
  if (prop?.hcl?.item) return removeObjectItem(text, prop);
  const container = node.parent;
  if (container?.type === 'array' && container.hcl?.expr?.k === 'tuple') return removeTupleElement(text, container, node);
  const block = node.hcl?.block;
  if (block) return [wholeLines(text, block.start, block.end)];
  return [];
}

function removeObjectItem(text: string, prop: Node): TextEdit[] {
  const item = prop.hcl!.item!;
  const obj = prop.parent!;
  if (!sameLine(text, obj.offset, obj.offset + obj.length - 1)) return [wholeLines(text, item.start, item.end, true)];
  return removeInline(text, obj.children ?? [], prop, obj);
}

function removeTupleElement(text: string, tuple: Node, el: Node): TextEdit[] {
  const els = tuple.children ?? [];
  if (!sameLine(text, tuple.offset, tuple.offset + tuple.length - 1) && sameLine(text, el.offset, el.offset + el.length) && els.length > 1) {
    const ls = lineStart(text, el.offset);
    if (!text.slice(ls, el.offset).trim()) return [wholeLines(text, el.offset, el.offset + el.length, true)];
  }
  return removeInline(text, els, el, tuple);
}

function removeInline(text: string, siblings: Node[], target: Node, container: Node): TextEdit[] {
  const i = siblings.indexOf(target);
  const end = (n: Node) => n.offset + n.length;
  if (i > 0) return [{ offset: end(siblings[i - 1]), length: end(target) - end(siblings[i - 1]), text: '' }];
  if (siblings.length > 1) return [{ offset: target.offset, length: siblings[1].offset - target.offset, text: '' }];
  return [{ offset: container.offset + 1, length: container.length - 2, text: '' }];
}

/** The lines from `start`'s to `end`'s, with its newline; a trailing comma with it when `comma`. */
function wholeLines(text: string, start: number, end: number, comma = false): TextEdit {
  let e = end;
  if (comma) {
    const m = /^[ \t]*,/.exec(text.slice(e));
    if (m) e += m[0].length;
  }
  const ls = lineStart(text, start);
  if (text.slice(ls, start).trim()) return { offset: start, length: e - start, text: '' };
  let le = lineEnd(text, e);
  // Keep a comment after the value? It belongs to the removed line: remove it too.
  if (text.charCodeAt(le) === 13) le++;
  if (text.charCodeAt(le) === 10) le++;
  return { offset: ls, length: le - ls, text: '' };
}

// ---- append ----

function append(text: string, array: Node, value: unknown, eol: string): TextEdit[] {
  const els = array.children ?? [];
  if (array.hcl?.expr?.k === 'tuple') {
    if (!els.length) return [{ offset: array.offset + 1, length: array.length - 2, text: render(value, '', eol, true) }];
    const last = els[els.length - 1];
    if (!sameLine(text, array.offset, array.offset + array.length - 1) && !text.slice(lineStart(text, els[0].offset), els[0].offset).trim()) {
      const indent = lineIndent(text, els[0].offset);
      const hasComma = /^[ \t]*,/.test(text.slice(last.offset + last.length));
      const at = hasComma ? text.indexOf(',', last.offset + last.length) + 1 : last.offset + last.length;
      return [{ offset: at, length: 0, text: `${hasComma ? '' : ','}${eol}${indent}${render(value, indent, eol)}${hasComma ? ',' : ''}` }];
    }
    return [{ offset: last.offset + last.length, length: 0, text: `, ${render(value, '', eol, true)}` }];
  }
  // Nested blocks (`key { … }` repeated): one more after the last.
  const key = array.parent?.children?.[0];
  const lastBlock = els[els.length - 1]?.hcl?.block;
  if (array.type === 'array' && key && typeof key.value === 'string' && lastBlock) {
    const indent = lineIndent(text, lastBlock.start);
    const rendered = renderBlocks(key.value, value, indent, eol);
    return [{ offset: lineEnd(text, lastBlock.end), length: 0, text: `${eol}${rendered.slice(0, -eol.length)}` }];
  }
  return [];
}

// ---- rendering ----

function isBlockValue(key: string, value: unknown): boolean {
  if (MAP_ATTRIBUTES.has(key)) return false;
  if (Array.isArray(value)) return value.length > 0 && value.every(isPlainObject);
  return isPlainObject(value);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** `key { … }` for an object, repeated for an array of objects; each ends with a newline. */
function renderBlocks(key: string, value: unknown, indent: string, eol: string): string {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => renderBlock(key, v as Record<string, unknown>, indent, eol)).join('');
}

function renderBlock(key: string, body: Record<string, unknown>, indent: string, eol: string): string {
  const inner = indent + '  ';
  const entries = Object.entries(body);
  if (!entries.length) return `${indent}${key} {}${eol}`;
  const attrs = entries.filter(([k, v]) => !isBlockValue(k, v));
  const blocks = entries.filter(([k, v]) => isBlockValue(k, v));
  const width = Math.max(0, ...attrs.map(([k, v]) => (render(v, inner, eol).includes('\n') ? 0 : keyText(k).length)));
  let out = `${indent}${key} {${eol}`;
  for (const [k, v] of attrs) {
    const r = render(v, inner, eol);
    out += `${inner}${keyText(k).padEnd(r.includes('\n') ? 0 : width)} = ${r}${eol}`;
  }
  for (const [k, v] of blocks) out += renderBlocks(k, v, inner, eol);
  return `${out}${indent}}${eol}`;
}

/** An HCL literal; objects over several lines at `indent` (items aligned), unless `inline`. */
export function render(v: unknown, indent: string, eol: string, inline = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => render(x, indent, eol, true)).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  if (!entries.length) return '{}';
  if (inline) return `{ ${entries.map(([k, x]) => `${keyText(k)} = ${render(x, indent, eol, true)}`).join(', ')} }`;
  const inner = indent + '  ';
  const width = Math.max(...entries.map(([k]) => keyText(k).length));
  return `{${eol}${entries.map(([k, x]) => `${inner}${keyText(k).padEnd(width)} = ${render(x, inner, eol)}${eol}`).join('')}${indent}}`;
}

/** A quoted HCL string holding exactly `s`: `${` and `%{` are escaped (a literal, never a template). */
function quote(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
}

const keyText = (k: string) => (/^[A-Za-z_][\w-]*$/.test(k) ? k : quote(k));

// ---- text positions ----

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** End of the line holding `offset` (before its newline), after any trailing comment. */
function lineEnd(text: string, offset: number): number {
  let nl = text.indexOf('\n', offset);
  if (nl < 0) nl = text.length;
  if (text.charCodeAt(nl - 1) === 13) nl--;
  return Math.max(nl, offset);
}

function lineIndent(text: string, offset: number): string {
  const ls = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(ls, offset))![0];
}

function sameLine(text: string, a: number, b: number): boolean {
  return !text.slice(a, b).includes('\n');
}

import type { BExpr } from '../documents/bicep';
import type { Node } from '../documents';
import { FixIntent, TextEdit } from './intent';

/**
 * Minimal, format-preserving edits in Bicep (`.bicep`, `.bicepparam`). Intents address the shared tree
 * (documents/bicepTree.ts); nodes keep their Bicep syntax (`node.bicep`).
 *
 *   set     a literal (property value, array element, param default, a `.bicepparam` value) or an expression is
 *           replaced by the rendered literal; the API version of a type string (`'T@2020-01-01'`) is replaced
 *           inside the quotes
 *   insert  into an object: a multi-line object gets a new line `key: value` after its last property, indented as its
 *           properties are (no commas); a one-line object `{ a: 1 }` gets `, key: value`; `{}` becomes multi-line.
 *           Missing intermediate objects are created. Several inserts into one object are merged (one key per name).
 *   remove  a property or array element: its whole line, or with its comma on a one-line object/array
 *   append  an array element: a new line in a multi-line array, `, value` in a one-line one, `[value]` for `[]`
 *
 * Strings are single-quoted with Bicep escapes (`\'`, `\\`, `\${`). No edit when the target is not written in Bicep.
 */
export function bicepEdits(text: string, intent: FixIntent): TextEdit[] {
  return bicepEditsForIntents(text, [intent]);
}

export function bicepEditsForIntents(text: string, intents: FixIntent[]): TextEdit[] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(text);
  const edits: TextEdit[] = [];
  // Inserts into one object are merged into one nested value per first key.
  const inserts = new Map<Node, Record<string, unknown>>();
  for (const intent of intents) {
    switch (intent.kind) {
      case 'set':
        edits.push(...setValue(text, intent.node, intent.value, eol, unit));
        break;
      case 'insert': {
        if (!intent.path.length) break;
        let nested: unknown = intent.value;
        for (let i = intent.path.length - 1; i >= 1; i--) nested = { [intent.path[i]]: nested };
        const merged = inserts.get(intent.parent) ?? {};
        merged[intent.path[0]] = isPlain(merged[intent.path[0]]) && isPlain(nested) ? deepMerge(merged[intent.path[0]] as Record<string, unknown>, nested as Record<string, unknown>) : nested;
        inserts.set(intent.parent, merged);
        break;
      }
      case 'remove':
        edits.push(...remove(text, intent.node));
        break;
      case 'append':
        edits.push(...append(text, intent.array, intent.value, eol, unit));
        break;
    }
  }
  for (const [parent, pairs] of inserts) edits.push(...insert(text, parent, pairs, eol, unit));
  return edits;
}

function setValue(text: string, node: Node, value: unknown, eol: string, unit: string): TextEdit[] {
  const b = node.bicep;
  if (!b) return [];
  if (b.fragment) return typeof value === 'string' ? [{ offset: node.offset, length: node.length, text: value }] : [];
  if (b.synthetic) return [];
  return [{ offset: node.offset, length: node.length, text: render(value, lineIndent(text, node.offset), eol, unit) }];
}

function insert(text: string, parent: Node, pairs: Record<string, unknown>, eol: string, unit: string): TextEdit[] {
  const expr = parent.bicep?.expr;
  // An object the parser closed for want of `}` (a syntax error: the Bicep extension reports it) is not edited.
  if (!expr || expr.k !== 'object' || parent.bicep?.synthetic || text[expr.close] !== '}') return [];
  const entries = Object.entries(pairs);
  if (!entries.length) return [];
  // Keys already written (an insert whose first key exists is an insert below it: never written twice).
  const existing = new Set(expr.props.map((p) => p.key));
  const fresh = entries.filter(([k]) => !existing.has(k));
  if (fresh.length < entries.length) return [];
  const closeIndent = lineIndent(text, expr.close);
  const last = lastMember(expr);
  if (expr.inline) {
    if (!last) {
      if (expr.props.length === 0 && !text.slice(expr.open + 1, expr.close).trim()) {
        // `{}`: becomes a multi-line object.
        const inner = lineIndent(text, expr.open) + unit;
        const body = fresh.map(([k, v]) => `${inner}${key(k)}: ${render(v, inner, eol, unit)}`).join(eol);
        return [{ offset: expr.open, length: expr.close + 1 - expr.open, text: `{${eol}${body}${eol}${lineIndent(text, expr.open)}}` }];
      }
      return [];
    }
    const added = fresh.map(([k, v]) => `, ${key(k)}: ${render(v, '', eol, unit, true)}`).join('');
    return [{ offset: last.end, length: 0, text: added }];
  }
  const indent = last ? lineIndent(text, last.start) : closeIndent + unit;
  const at = last ? lineEndAfter(text, last.end) : lineEndAfter(text, expr.open);
  const added = fresh.map(([k, v]) => `${eol}${indent}${key(k)}: ${render(v, indent, eol, unit)}`).join('');
  return [{ offset: at, length: 0, text: added }];
}

/** The last property or nested resource of an object (what a new line goes after). */
function lastMember(expr: BExpr & { k: 'object' }): { start: number; end: number } | undefined {
  const all: Array<{ start: number; end: number }> = [...expr.props, ...expr.resources, ...expr.spreads];
  return all.sort((a, b) => a.end - b.end).pop();
}

function remove(text: string, node: Node): TextEdit[] {
  if (!node.bicep || node.bicep.synthetic) return [];
  const holder = node.parent;
  const target = holder?.type === 'property' ? holder : node;
  const container = holder?.type === 'property' ? holder.parent : holder;
  const cexpr = container?.bicep?.expr;
  const start = target.offset;
  const end = target.offset + target.length;
  if (cexpr && (cexpr.k === 'object' || cexpr.k === 'array') && !cexpr.inline) {
    const ls = lineStartOf(text, start);
    const le = lineEndAfter(text, end);
    if (!text.slice(ls, start).trim() && !text.slice(end, le).replace(/\/\/.*$/, '').trim()) {
      const next = le < text.length ? le + (text.startsWith('\r\n', le) ? 2 : 1) : le;
      return [{ offset: ls, length: next - ls, text: '' }];
    }
  }
  // One line: with the comma after (or before, for the last element).
  const after = /^\s*,[ \t]*/.exec(text.slice(end));
  if (after) return [{ offset: start, length: end - start + after[0].length, text: '' }];
  const before = /,\s*$/.exec(text.slice(Math.max(0, start - 40), start));
  if (before) return [{ offset: start - before[0].length, length: end - start + before[0].length, text: '' }];
  return [{ offset: start, length: end - start, text: '' }];
}

function append(text: string, array: Node, value: unknown, eol: string, unit: string): TextEdit[] {
  const expr = array.bicep?.expr;
  if (!expr || expr.k !== 'array' || array.bicep?.synthetic || text[expr.close] !== ']') return [];
  const last = expr.items[expr.items.length - 1];
  if (expr.inline) {
    if (!last) return [{ offset: expr.open + 1, length: expr.close - expr.open - 1, text: render(value, '', eol, unit, true) }];
    return [{ offset: last.end, length: 0, text: `, ${render(value, '', eol, unit, true)}` }];
  }
  const indent = last ? lineIndent(text, last.start) : lineIndent(text, expr.close) + unit;
  const at = last ? lineEndAfter(text, last.end) : lineEndAfter(text, expr.open);
  return [{ offset: at, length: 0, text: `${eol}${indent}${render(value, indent, eol, unit)}` }];
}

/** A Bicep literal for a JSON value: multi-line objects and arrays (no commas) unless `inline`. */
export function render(v: unknown, indent: string, eol: string, unit = '  ', inline = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    if (inline) return `[${v.map((x) => render(x, '', eol, unit, true)).join(', ')}]`;
    const inner = indent + unit;
    return `[${eol}${v.map((x) => inner + render(x, inner, eol, unit)).join(eol)}${eol}${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (!entries.length) return '{}';
  if (inline) return `{ ${entries.map(([k, x]) => `${key(k)}: ${render(x, '', eol, unit, true)}`).join(', ')} }`;
  const inner = indent + unit;
  return `{${eol}${entries.map(([k, x]) => `${inner}${key(k)}: ${render(x, inner, eol, unit)}`).join(eol)}${eol}${indent}}`;
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function key(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : quote(k);
}

function isPlain(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isPlain(out[k]) && isPlain(v) ? deepMerge(out[k] as Record<string, unknown>, v as Record<string, unknown>) : v;
  return out;
}

/** The file's indentation unit: the first indented line's leading whitespace (two spaces by default). */
function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? (m[1].startsWith('\t') ? '\t' : m[1].length >= 2 && m[1].length <= 8 ? m[1] : '  ') : '  ';
}

function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The end of the line `offset` is on (before its line break). */
function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function lineIndent(text: string, offset: number): string {
  const ls = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(ls, offset))![0];
}

import { modify, applyEdits as jsoncApply, FormattingOptions } from 'jsonc-parser';
import { Node, pathOf } from '../documents';
import { FixIntent, TextEdit } from './intent';

/** Indentation and line ending of a JSON text, so inserted blocks look like the rest of the file. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  let size = 2;
  if (m) {
    // the smallest indentation step in the first lines
    const sizes = new Set<number>();
    const re = /\n( +)\S/g;
    let x: RegExpExecArray | null;
    let n = 0;
    while ((x = re.exec(text)) && n++ < 200) sizes.add(x[1].length);
    const sorted = [...sizes].sort((a, b) => a - b);
    size = sorted[0] || 2;
  }
  return { insertSpaces: true, tabSize: size, eol };
}

/** Minimal edits for one intent in a JSON document (the document is the whole file). */
export function jsonEdits(text: string, intent: FixIntent): TextEdit[] {
  const formattingOptions = detectFormatting(text);
  const opts = { formattingOptions };
  switch (intent.kind) {
    case 'set': {
      const n = intent.node;
      // Objects and arrays are laid out like the rest of the file; scalars replace the literal exactly.
      if (intent.value !== null && typeof intent.value === 'object' && n.parent) {
        return modify(text, pathOf(n), intent.value, opts).map((e) => ({ offset: e.offset, length: e.length, text: e.content }));
      }
      return [{ offset: n.offset, length: n.length, text: JSON.stringify(intent.value) }];
    }
    case 'insert': {
      const ordered = intent.ordered ? insertOrdered(text, intent.parent, intent.path, intent.value) : undefined;
      if (ordered) return ordered;
      const inline = insertIntoSingleLineObject(text, intent.parent, intent.path, intent.value) ?? insertIntoMultiLineObject(text, intent.parent, intent.path, intent.value);
      if (inline) return inline;
      const path = [...pathOf(intent.parent), ...intent.path];
      return modify(text, path, intent.value, opts).map((e) => ({ offset: e.offset, length: e.length, text: e.content }));
    }
    case 'remove': {
      const minimal = removeMinimal(intent.node);
      if (minimal) return minimal;
      return modify(text, pathOf(intent.node), undefined, opts).map((e) => ({ offset: e.offset, length: e.length, text: e.content }));
    }
    case 'append': {
      const minimal = appendMinimal(text, intent.array, intent.value);
      if (minimal) return minimal;
      const path = [...pathOf(intent.array), intent.array.children?.length ?? 0];
      return modify(text, path, intent.value, { ...opts, isArrayInsertion: true }).map((e) => ({ offset: e.offset, length: e.length, text: e.content }));
    }
  }
}

/**
 * jsonc-parser formats every line an edit touches, so inserting into an object written on a line it
 * shares with other content (compact manifests, one resource per line) would re-indent all of that
 * line. Such objects get a plain insertion after their last property instead, in the object's own
 * separator style. An object alone on its line (with its key and closing brackets) is left to jsonc-parser.
 */
function insertIntoSingleLineObject(text: string, parent: Node, path: string[], value: unknown): TextEdit[] | undefined {
  const body = text.slice(parent.offset, parent.offset + parent.length);
  if (parent.type !== 'object' || !path.length || body.includes('\n') || !body.startsWith('{') || !body.endsWith('}')) return undefined;
  const holder = parent.parent?.type === 'property' ? parent.parent : parent;
  const ls = text.lastIndexOf('\n', holder.offset - 1) + 1;
  const nl = text.indexOf('\n', holder.offset + holder.length);
  const le = nl < 0 ? text.length : nl;
  const rest = text.slice(ls, holder.offset) + text.slice(holder.offset + holder.length, le);
  if (!rest.replace(/[\s,\]}]/g, '')) return undefined; // only its key and closing brackets: jsonc-parser's layout is fine
  const spaced = /[:,]\s/.test(body.length > 2 ? body : text.slice(ls, le));
  let nested: unknown = value;
  for (let i = path.length - 1; i >= 1; i--) nested = { [path[i]]: nested };
  const entry = `${JSON.stringify(path[0])}:${spaced ? ' ' : ''}${compactJson(nested, spaced)}`;
  const last = parent.children?.[parent.children.length - 1];
  if (last) return [{ offset: last.offset + last.length, length: 0, text: `,${spaced ? ' ' : ''}${entry}` }];
  return [{ offset: parent.offset + 1, length: body.length - 2, text: entry }];
}

function compactJson(v: unknown, spaced: boolean): string {
  const sep = spaced ? ', ' : ',';
  const colon = spaced ? ': ' : ':';
  if (Array.isArray(v)) return `[${v.map((x) => compactJson(x, spaced)).join(sep)}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}${colon}${compactJson(x, spaced)}`).join(sep)}}`;
  return JSON.stringify(v ?? null);
}

/*
 * jsonc-parser also re-formats the whole line next to an insertion or removal: adding a key after
 * `"containers": [{"name": "a"}],` would spread that array over six lines. The three functions below
 * edit only the text that changes; jsonc-parser remains the fallback for shapes they do not cover.
 */

/** A key added after the last property of an object whose properties start their own lines, at their indentation. */
function insertIntoMultiLineObject(text: string, parent: Node, path: string[], value: unknown): TextEdit[] | undefined {
  const props = parent.children ?? [];
  if (parent.type !== 'object' || !path.length || !props.length) return undefined;
  const indent = indentBefore(text, props[0].offset);
  if (indent === undefined) return undefined;
  const fmt = detectFormatting(text);
  const unit = fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 2) : '\t';
  let nested: unknown = value;
  for (let i = path.length - 1; i >= 1; i--) nested = { [path[i]]: nested };
  const rendered = JSON.stringify(nested, null, unit).split('\n').join(`${fmt.eol}${indent}`);
  const last = props[props.length - 1];
  return [{ offset: last.offset + last.length, length: 0, text: `,${fmt.eol}${indent}${JSON.stringify(path[0])}: ${rendered}` }];
}

/**
 * An insert intent with `ordered`: the new key goes before the first existing key that sorts after it, so that
 * insertions commute (see the YAML layer). On its own line at that key's indentation when the key starts its line,
 * inline before it otherwise. Undefined when no key sorts after it (the caller appends) or the key exists.
 */
function insertOrdered(text: string, parent: Node, path: string[], value: unknown): TextEdit[] | undefined {
  const props = parent.children ?? [];
  if (parent.type !== 'object' || !path.length || props.some((p) => p.children?.[0]?.value === path[0])) return undefined;
  const next = props.find((p) => typeof p.children?.[0]?.value === 'string' && (p.children[0].value as string) > path[0]);
  if (!next) return undefined;
  let nested: unknown = value;
  for (let i = path.length - 1; i >= 1; i--) nested = { [path[i]]: nested };
  const indent = indentBefore(text, next.offset);
  if (indent !== undefined) {
    const fmt = detectFormatting(text);
    const unit = fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 2) : '\t';
    const rendered = JSON.stringify(nested, null, unit).split('\n').join(`${fmt.eol}${indent}`);
    return [{ offset: next.offset, length: 0, text: `${JSON.stringify(path[0])}: ${rendered},${fmt.eol}${indent}` }];
  }
  const spaced = /[:,]\s/.test(text.slice(parent.offset, parent.offset + parent.length));
  return [{ offset: next.offset, length: 0, text: `${JSON.stringify(path[0])}:${spaced ? ' ' : ''}${compactJson(nested, spaced)},${spaced ? ' ' : ''}` }];
}

/** The whitespace before `offset` on its line, when nothing else precedes it there. */
function indentBefore(text: string, offset: number): string | undefined {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(ls, offset);
  return /^[ \t]*$/.test(before) && ls > 0 ? before : undefined;
}

/** Removes a property or an array element with the separator next to it; the only one leaves `{}` / `[]`. */
function removeMinimal(node: Node): TextEdit[] | undefined {
  const target = node.parent?.type === 'property' ? node.parent : node;
  const container = target.parent;
  if (!container || (container.type !== 'object' && container.type !== 'array')) return undefined;
  const siblings = container.children ?? [];
  const i = siblings.indexOf(target);
  if (i < 0) return undefined;
  const endOf = (n: Node) => n.offset + n.length;
  if (i > 0) return [{ offset: endOf(siblings[i - 1]), length: endOf(target) - endOf(siblings[i - 1]), text: '' }];
  if (siblings.length > 1) return [{ offset: target.offset, length: siblings[1].offset - target.offset, text: '' }];
  return [{ offset: container.offset + 1, length: container.length - 2, text: '' }];
}

/** Appends after the last element: on its own line when the elements have theirs, else inline. */
function appendMinimal(text: string, array: Node, value: unknown): TextEdit[] | undefined {
  if (array.type !== 'array') return undefined;
  const elements = array.children ?? [];
  const body = text.slice(array.offset, array.offset + array.length);
  if (!elements.length) {
    if (!/^\[\s*\]$/.test(body)) return undefined;
    return [{ offset: array.offset + 1, length: array.length - 2, text: compactJson(value, true) }];
  }
  const last = elements[elements.length - 1];
  const indent = indentBefore(text, elements[0].offset);
  if (indent !== undefined) {
    const fmt = detectFormatting(text);
    const unit = fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 2) : '\t';
    return [{ offset: last.offset + last.length, length: 0, text: `,${fmt.eol}${indent}${JSON.stringify(value, null, unit).split('\n').join(`${fmt.eol}${indent}`)}` }];
  }
  const spaced = elements.length > 1 ? /,\s/.test(body) : /"\s*:\s/.test(text);
  return [{ offset: last.offset + last.length, length: 0, text: `,${spaced ? ' ' : ''}${compactJson(value, spaced)}` }];
}

export function applyJsonEdits(text: string, edits: TextEdit[]): string {
  return jsoncApply(text, edits.map((e) => ({ offset: e.offset, length: e.length, content: e.text })));
}

/**
 * Edits for several intents whose edits touch each other (two keys inserted into one object, a parent
 * created by one intent and extended by another): the intents are applied one after the other, each by
 * its JSON path in the original tree, and the result is returned as one edit over the changed span.
 * Removals run last, from the end of the text, so earlier paths stay valid.
 */
export function jsonEditsInSequence(text: string, intents: FixIntent[]): TextEdit[] {
  const formattingOptions = detectFormatting(text);
  const ops = intents.map((intent) => {
    switch (intent.kind) {
      case 'set':
        return { order: 0, at: intent.node.offset, path: pathOf(intent.node), value: intent.value, array: false };
      case 'insert':
        return { order: 0, at: intent.parent.offset, path: [...pathOf(intent.parent), ...intent.path], value: intent.value, array: false };
      case 'append':
        return { order: 0, at: intent.array.offset, path: [...pathOf(intent.array), intent.array.children?.length ?? 0], value: intent.value, array: true };
      case 'remove':
        return { order: 1, at: intent.node.offset, path: pathOf(intent.node), value: undefined, array: false };
    }
  });
  const ordered = ops.map((op, i) => ({ op, i })).sort((a, b) => a.op.order - b.op.order || (a.op.order ? b.op.at - a.op.at : a.i - b.i));
  let current = text;
  for (const { op } of ordered) {
    const edits = modify(current, op.path, op.value, { formattingOptions, isArrayInsertion: op.array });
    current = jsoncApply(current, edits);
  }
  if (current === text) return [];
  // One edit: the span between the common prefix and the common suffix.
  let start = 0;
  while (start < text.length && start < current.length && text[start] === current[start]) start++;
  let end = 0;
  while (end < text.length - start && end < current.length - start && text[text.length - 1 - end] === current[current.length - 1 - end]) end++;
  return [{ offset: start, length: text.length - start - end, text: current.slice(start, current.length - end) }];
}

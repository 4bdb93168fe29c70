import { modify, applyEdits as jsoncApply, FormattingOptions } from 'jsonc-parser';
import { pathOf } from '../documents';
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
      return [{ offset: n.offset, length: n.length, text: JSON.stringify(intent.value) }];
    }
    case 'insert': {
      const path = [...pathOf(intent.parent), ...intent.path];
      return modify(text, path, intent.value, opts).map((e) => ({ offset: e.offset, length: e.length, text: e.content }));
    }
    case 'remove': {
      return modify(text, pathOf(intent.node), undefined, opts).map((e) => ({ offset: e.offset, length: e.length, text: e.content }));
    }
    case 'append': {
      const path = [...pathOf(intent.array), intent.array.children?.length ?? 0];
      return modify(text, path, intent.value, { ...opts, isArrayInsertion: true }).map((e) => ({ offset: e.offset, length: e.length, text: e.content }));
    }
  }
}

export function applyJsonEdits(text: string, edits: TextEdit[]): string {
  return jsoncApply(text, edits.map((e) => ({ offset: e.offset, length: e.length, content: e.text })));
}

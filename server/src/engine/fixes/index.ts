import { ParsedFile } from '../documents';
import { Fix, FixIntent, TextEdit } from './intent';
import { jsonEdits, jsonEditsInSequence } from './json';
import { yamlEdits } from './yaml';
import { hclEdits } from './hcl';

export * from './intent';
export * from './fixAll';

/** The text edits of one fix, sorted, without overlaps. */
export function editsForFix(file: ParsedFile, fix: Fix): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const intent of fix.intents) edits.push(...editsForIntent(file, intent));
  // JSON intents whose edits touch (two keys inserted into one object) are applied one after the other.
  if (file.syntax === 'json' && fix.intents.length > 1 && touching(edits)) return jsonEditsInSequence(file.text, fix.intents);
  return normalise(edits);
}

function touching(edits: TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  return sorted.some((e, i) => i > 0 && e.offset <= sorted[i - 1].offset + sorted[i - 1].length);
}

export function editsForIntent(file: ParsedFile, intent: FixIntent): TextEdit[] {
  switch (file.syntax) {
    case 'json': return jsonEdits(file.text, intent);
    case 'hcl': return hclEdits(file.text, intent);
    default: return yamlEdits(file.text, intent);
  }
}

function normalise(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && e.offset < prev.offset + prev.length) continue; // overlapping: keep the first
    if (prev && e.offset === prev.offset && e.length === 0 && prev.length === 0) {
      prev.text += e.text; // two insertions at one point: keep both, in order
      continue;
    }
    out.push({ ...e });
  }
  return out;
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

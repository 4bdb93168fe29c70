import { fileOf, ParsedFile } from '../documents';
import { Fix, FixIntent, TextEdit } from './intent';
import { jsonEdits, jsonEditsInSequence } from './json';
import { yamlEdits } from './yaml';
import { hclEdits, hclEditsForIntents } from './hcl';
import { bicepEdits, bicepEditsForIntents } from './bicep';

export * from './intent';
export * from './fixAll';

/**
 * The text edits of one fix in `file`, sorted, without overlaps. Intents aimed at another file (a variable's default in
 * `variables.tf`, a caller's argument) are not among them: see editsByFile.
 */
export function editsForFix(file: ParsedFile, fix: Fix): TextEdit[] {
  const intents = fix.intents.filter((i) => sameFile(fileOf(i.doc) ?? file, file));
  return editsOfIntents(file, intents);
}

function editsOfIntents(file: ParsedFile, intents: FixIntent[]): TextEdit[] {
  // HCL: keys one fix adds to one block body are written (and aligned) together.
  if (file.syntax === 'hcl') return normalise(hclEditsForIntents(file.text, intents));
  // Bicep: keys one fix adds to one object are written together.
  if (file.syntax === 'bicep') return normalise(bicepEditsForIntents(file.text, intents));
  const edits: TextEdit[] = [];
  for (const intent of intents) edits.push(...editsForIntent(file, intent));
  // JSON intents whose edits touch (two keys inserted into one object) are applied one after the other.
  if (file.syntax === 'json' && intents.length > 1 && touching(edits)) return jsonEditsInSequence(file.text, intents);
  return normalise(edits);
}

/** The edits of one fix in every file it touches: `file` (the one analysed) first. */
export function editsByFile(file: ParsedFile, fix: Fix): Array<{ file: ParsedFile; edits: TextEdit[] }> {
  const groups = new Map<string, { file: ParsedFile; intents: FixIntent[] }>([[file.path, { file, intents: [] }]]);
  for (const i of fix.intents) {
    const target = fileOf(i.doc) ?? file;
    const group = groups.get(target.path);
    if (group) group.intents.push(i);
    else groups.set(target.path, { file: target, intents: [i] });
  }
  return [...groups.values()].map(({ file: f, intents }) => ({ file: f, edits: editsOfIntents(f, intents) })).filter((g) => g.edits.length);
}

/** One file: the same parse, or a parse of the same path (another reader's parse of the text being analysed). */
function sameFile(a: ParsedFile, b: ParsedFile): boolean {
  return a === b || a.path === b.path;
}

/** True when every intent of the fix edits `file` (a fix that also edits another file is not applied by a text-only fix-all). */
export function fixIsLocal(file: ParsedFile, fix: Fix): boolean {
  return fix.intents.every((i) => sameFile(fileOf(i.doc) ?? file, file));
}

function touching(edits: TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  return sorted.some((e, i) => i > 0 && e.offset <= sorted[i - 1].offset + sorted[i - 1].length);
}

export function editsForIntent(file: ParsedFile, intent: FixIntent): TextEdit[] {
  switch (file.syntax) {
    case 'json': return jsonEdits(file.text, intent);
    case 'hcl': return hclEdits(file.text, intent);
    case 'bicep': return bicepEdits(file.text, intent);
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

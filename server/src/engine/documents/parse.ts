import { detectHclKind, detectKind, syntaxFor } from './detect';
import { parseJson } from './json';
import { parseHcl } from './hcl';
import { hclToTree } from './hclTree';
import { parseBicep } from './bicep';
import { bicepToTree } from './bicepTree';
import { LineIndex } from './text';
import { ParsedDocument, ParsedFile, Syntax } from './types';
import { isGoTemplate, parseYamlChunk, splitYamlDocuments } from './yaml';
import { complete, Steps } from '../steps';
import { registerDocument } from './owner';

export interface ParseOptions {
  /** Files larger than this many characters are skipped with an information message. */
  maxSize?: number;
  /** Forces the syntax (e.g. from an editor language id). */
  syntax?: Syntax;
}

export const DEFAULT_MAX_SIZE = 5 * 1024 * 1024;

/**
 * Parses a file once. With `previous` (the same file's last parse), YAML documents whose text did
 * not change are reused as they are: their node offsets are relative to the document, so only
 * `base` and `index` move. The reused document objects are the same objects (their model and
 * cached rule results stay attached to them), updated in place: `previous` is consumed and must
 * not be used for offsets afterwards (the server only ever keeps the latest parse).
 */
export function parseFile(path: string, text: string, options: ParseOptions = {}, previous?: ParsedFile): ParsedFile {
  return complete(parseFileSteps(path, text, options, previous));
}

/** Every document of `file` knows its file, every root its document (docOf / fileOf). */
function owned(file: ParsedFile): ParsedFile {
  for (const d of file.documents) registerDocument(file, d);
  return file;
}

/** parseFile one YAML document per step (see steps.ts): the language server interleaves it with requests. */
export function* parseFileSteps(path: string, text: string, options: ParseOptions = {}, previous?: ParsedFile): Steps<ParsedFile> {
  const syntax = options.syntax ?? syntaxFor(path, text);
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  const file: ParsedFile = { path, text, syntax, lines: new LineIndex(''), documents: [], templated: false };
  if (text.length > maxSize) {
    file.skipped = { reason: `File is larger than ${Math.round(maxSize / 1024)} KB (aksGuardrails.maxFileSizeKB): not analysed.`, severity: 'info' };
    file.lines = new LineIndex(text.slice(0, 1));
    return owned(file);
  }
  file.lines = new LineIndex(text);
  if (looksBinary(text)) {
    file.skipped = { reason: 'File contains NUL bytes or invalid UTF-8: not analysed.', severity: 'info' };
    return owned(file);
  }
  if (syntax === 'json') {
    const { root, errors } = parseJson(text);
    file.documents.push({ index: 0, base: 0, text, syntax, root, errors, kind: detectKind(root, syntax) });
    return owned(file);
  }
  if (syntax === 'hcl') {
    const hcl = parseHcl(text);
    const root = hclToTree(hcl, text);
    file.documents.push({ index: 0, base: 0, text, syntax, root, errors: hcl.errors, kind: detectHclKind(path, root) });
    return owned(file);
  }
  if (syntax === 'bicep') {
    const bicep = parseBicep(text);
    const root = bicepToTree(bicep, text, /\.bicepparam$/i.test(path));
    const recovered = bicep.errors.map((e) => ({ offset: e.start, length: Math.max(0, e.end - e.start), message: e.message }));
    file.documents.push({ index: 0, base: 0, text, syntax, root, errors: [], recovered, kind: 'arm' });
    return owned(file);
  }
  file.templated = /\{\{[^\n]*\}\}/.test(text);
  const reuse = new Map<string, ParsedDocument[]>();
  // A document's kind depends on whether the file is a template: reuse only when that did not change.
  if (previous && previous.syntax === 'yaml' && previous.templated === file.templated) {
    for (const d of previous.documents) {
      const list = reuse.get(d.text);
      if (list) list.push(d);
      else reuse.set(d.text, [d]);
    }
  }
  let index = 0;
  for (const chunk of splitYamlDocuments(text)) {
    const cached = reuse.get(chunk.text)?.shift();
    if (cached) {
      cached.index = index++;
      cached.base = chunk.base;
      file.documents.push(cached);
      continue;
    }
    const { root, errors, doc } = parseYamlChunk(chunk.text);
    // A Helm/Go template is not a manifest until rendered: no findings (its values are not what gets applied).
    const kind = file.templated && isGoTemplate(chunk.text, doc) ? 'unknown' : detectKind(root, syntax);
    // The `yaml` Document is dropped here: the tree keeps what fixes need (YamlStyle).
    file.documents.push({ index: index++, base: chunk.base, text: chunk.text, syntax, root, errors, kind });
    yield;
  }
  return owned(file);
}

function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || c === 0xfffd) return true;
  }
  return text.indexOf('\u0000') >= 0;
}

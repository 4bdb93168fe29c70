import type { Node } from './tree';
import type { LineIndex } from './text';

export type Syntax = 'json' | 'yaml' | 'hcl' | 'bicep';
export type DocumentKind = 'arm' | 'tfjson' | 'tfplan' | 'k8s' | 'unknown';

export interface ParseProblem {
  /** Offset relative to the document's text. */
  offset: number;
  length: number;
  message: string;
}

/** One document of a file: the whole file for JSON, one `---` section for YAML. */
export interface ParsedDocument {
  index: number;
  /** Offset of this document's text in the file. Node offsets are relative to it. */
  base: number;
  text: string;
  syntax: Syntax;
  root?: Node;
  errors: ParseProblem[];
  /**
   * Bicep: syntax errors the parser recovered from (a broken declaration is left out, the rest of the file is
   * analysed). Not in `errors`: the editor leaves them to the Bicep extension; the CLI lists them.
   */
  recovered?: ParseProblem[];
  kind: DocumentKind;
}

export interface ParsedFile {
  path: string;
  text: string;
  syntax: Syntax;
  lines: LineIndex;
  documents: ParsedDocument[];
  /** Set when the file as a whole is skipped (too large, binary, template): the reason. */
  skipped?: { reason: string; severity: 'info' | 'error' };
  /** True when the file looks like a Helm/Go template: parse errors are not reported. */
  templated: boolean;
}

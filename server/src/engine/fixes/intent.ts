import type { Node, ParsedDocument } from '../documents';

/**
 * What a rule wants changed, never how: the fix layer turns intents into minimal text edits that
 * keep the file's indentation, quotes, comments and key order.
 */
export type FixIntent =
  /** Replace the value at `node` (a literal: scalar, object or array). */
  | { kind: 'set'; doc: ParsedDocument; node: Node; value: unknown }
  /**
   * Create `path` below the existing object `parent` (missing intermediate objects are created) holding `value`.
   * `ordered`: place the new key before the first existing key that sorts after it (appended when there is none), so
   * that keys several fixes add to one map (annotations, labels) end up in the same order whichever is applied first.
   */
  | { kind: 'insert'; doc: ParsedDocument; parent: Node; path: string[]; value: unknown; ordered?: boolean }
  /** Remove the property whose value is `node`, or the array element `node`. */
  | { kind: 'remove'; doc: ParsedDocument; node: Node }
  /** Append `value` to the array `array`. */
  | { kind: 'append'; doc: ParsedDocument; array: Node; value: unknown };

export interface Fix {
  /** Shown as "Fix: <title>". */
  title: string;
  intents: FixIntent[];
}

export interface TextEdit {
  /** Offset in the whole file. */
  offset: number;
  length: number;
  text: string;
}

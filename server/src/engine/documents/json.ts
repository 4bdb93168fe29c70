import { parseTree, ParseError, printParseErrorCode } from 'jsonc-parser';
import { Node } from './tree';
import { ParseProblem } from './types';

/** Deepest bracket nesting, ignoring strings: checked before parsing so a pathological file cannot overflow the stack. */
export function maxJsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export const MAX_DEPTH = 500;

/** jsonc-parser's error codes in words (the codes themselves read like `CloseBraceExpected`). */
const SYNTAX_ERROR: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

export function parseJson(text: string): { root?: Node; errors: ParseProblem[] } {
  const errors: ParseProblem[] = [];
  if (maxJsonDepth(text, MAX_DEPTH) > MAX_DEPTH) {
    return { errors: [{ offset: 0, length: 1, message: `JSON nested deeper than ${MAX_DEPTH} levels: not analysed.` }] };
  }
  const raw: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, raw, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true }) as Node | undefined;
  } catch (e) {
    return { errors: [{ offset: 0, length: 1, message: `JSON could not be parsed: ${(e as Error).message}` }] };
  }
  // Report the first few syntax errors only: one broken brace produces a cascade (and the same error twice in a row).
  for (const e of raw.slice(0, 5)) {
    // Clamped: an error at the end of the text (unexpected end) must not reach past it.
    const offset = Math.min(e.offset, text.length);
    const message = `JSON syntax error: ${SYNTAX_ERROR[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error)}`;
    if (errors.some((x) => x.offset === offset && x.message === message)) continue;
    errors.push({ offset, length: Math.min(Math.max(1, e.length), text.length - offset), message });
  }
  return { root, errors };
}

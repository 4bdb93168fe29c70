/**
 * The Bicep lexer, token for token the Bicep compiler's (`src/Bicep.Core/Parsing/Lexer.cs`; see ../shared/bicep/grammar.md
 * §1): the same token kinds and spans (a test compares them with the compiler's own baseline dump), comments and
 * whitespace as trivia, one `NewLine` token per run of line breaks, strings with `${…}` holes as
 * StringLeftPiece / StringMiddlePiece / StringRightPiece around the hole's own tokens (a stack of open holes and braces
 * decides whether a `}` closes a brace or resumes the string), `'''…'''` multi-line strings. A raw line break ends an
 * unterminated single-line string without being consumed, as in the compiler, so one bad string never swallows the
 * rest of the file. Never throws; linear in the text.
 */

export type TokenType =
  | 'At' | 'Unrecognized' | 'LeftBrace' | 'RightBrace' | 'LeftParen' | 'RightParen' | 'LeftSquare' | 'RightSquare'
  | 'Comma' | 'Dot' | 'Question' | 'Colon' | 'Semicolon' | 'Assignment' | 'Plus' | 'Minus' | 'Asterisk' | 'Slash'
  | 'Modulo' | 'Exclamation' | 'LeftChevron' | 'RightChevron' | 'LessThanOrEqual' | 'GreaterThanOrEqual' | 'Equals'
  | 'NotEquals' | 'EqualsInsensitive' | 'NotEqualsInsensitive' | 'LogicalAnd' | 'LogicalOr' | 'Identifier'
  | 'StringLeftPiece' | 'StringMiddlePiece' | 'StringRightPiece' | 'StringComplete' | 'MultilineString' | 'Integer'
  | 'TrueKeyword' | 'FalseKeyword' | 'NullKeyword' | 'NewLine' | 'EndOfFile' | 'DoubleQuestion' | 'DoubleColon'
  | 'Arrow' | 'Pipe' | 'Ellipsis' | 'Hat' | 'Dollar';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** Strings: the value of this piece (escapes applied, delimiters removed). */
  value?: string;
  /** Strings: an error in the piece (unterminated, bad escape). */
  error?: string;
}

/** A `#disable-next-line` / `#disable-diagnostics` / `#restore-diagnostics` pragma seen as leading trivia. */
export interface Pragma {
  kind: 'disable-next-line' | 'disable-diagnostics' | 'restore-diagnostics';
  codes: string[];
  start: number;
  end: number;
}

export interface Comment {
  start: number;
  end: number;
  block: boolean;
}

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
  pragmas: Pragma[];
  errors: Array<{ start: number; end: number; message: string }>;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };
const isIdStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdPart = (c: number) => isIdStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

export function lexBicep(text: string): LexResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const pragmas: Pragma[] = [];
  const errors: LexResult['errors'] = [];
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  /** Open `${` holes ('hole') and braces inside holes ('brace'). */
  const stack: Array<'hole' | 'brace'> = [];
  let lineStart = true; // only whitespace since the last newline (for pragmas)

  const push = (t: Token) => {
    tokens.push(t);
    if (t.error && t.type !== 'MultilineString') errors.push({ start: t.start, end: t.end, message: t.error });
    if (t.type !== 'NewLine') lineStart = false;
  };

  /** Scans a single-line string segment from `pos` (just after `'` or `}`); `first`: it began with a quote. */
  const scanSegment = (start: number, first: boolean) => {
    let value = '';
    let error: string | undefined;
    for (;;) {
      if (pos >= n) {
        error = 'The string is not terminated.';
        push({ type: first ? 'StringComplete' : 'StringRightPiece', start, end: pos, value, error });
        stack.length = 0;
        return;
      }
      const c = text[pos];
      if (c === '\n' || c === '\r') {
        error = 'The string is not terminated before the end of the line.';
        push({ type: first ? 'StringComplete' : 'StringRightPiece', start, end: pos, value, error });
        stack.length = 0; // a newline inside a hole clears the template stack (Lexer.cs L1177-1190)
        return;
      }
      if (c === "'") {
        pos++;
        push({ type: first ? 'StringComplete' : 'StringRightPiece', start, end: pos, value, error });
        return;
      }
      if (c === '\\') {
        const e = text[pos + 1];
        if (e === 'u' && text[pos + 2] === '{') {
          const close = text.indexOf('}', pos + 3);
          const hex = close > 0 ? text.slice(pos + 3, close) : '';
          if (close > 0 && /^[0-9a-fA-F]{1,6}$/.test(hex) && parseInt(hex, 16) <= 0x10ffff) {
            value += String.fromCodePoint(parseInt(hex, 16));
            pos = close + 1;
            continue;
          }
          error = 'Unrecognized escape sequence.';
          pos += 2;
          continue;
        }
        if (e !== undefined && e in ESCAPES) {
          value += ESCAPES[e];
          pos += 2;
          continue;
        }
        error = 'Unrecognized escape sequence.';
        pos += e === undefined || e === '\n' || e === '\r' ? 1 : 2;
        continue;
      }
      if (c === '$' && text[pos + 1] === '{') {
        pos += 2;
        push({ type: first ? 'StringLeftPiece' : 'StringMiddlePiece', start, end: pos, value, error });
        stack.push('hole');
        return;
      }
      value += c;
      pos++;
    }
  };

  /** `'''…'''` (dollars = 0) or `$'''…${x}…'''` (dollars = number of `$` before the quotes). */
  const scanMultiline = (start: number, dollars: number) => {
    pos += 3;
    let contentStart = pos;
    if (text[pos] === '\r' && text[pos + 1] === '\n') contentStart = pos + 2;
    else if (text[pos] === '\n' || text[pos] === '\r') contentStart = pos + 1;
    const close = text.indexOf("'''", pos);
    if (close < 0) {
      pos = n;
      errors.push({ start, end: n, message: 'The multi-line string is not terminated.' });
      push({ type: 'MultilineString', start, end: n, value: text.slice(contentStart), error: 'The multi-line string is not terminated.' });
      return;
    }
    let end = close + 3;
    while (text[end] === "'") end++; // a run of more than three quotes: the extra ones are part of the value
    pos = end;
    const value = text.slice(contentStart, end - 3);
    push({ type: 'MultilineString', start, end, value: dollars ? value : value });
  };

  while (pos < n) {
    const c = text.charCodeAt(pos);
    // Trivia.
    if (c === 32 || c === 9) {
      pos++;
      continue;
    }
    if (c === 47 && text.charCodeAt(pos + 1) === 47) {
      const e = lineEnd(text, pos);
      comments.push({ start: pos, end: e, block: false });
      pos = e;
      continue;
    }
    if (c === 47 && text.charCodeAt(pos + 1) === 42) {
      const close = text.indexOf('*/', pos + 2);
      const e = close < 0 ? n : close + 2;
      if (close < 0) errors.push({ start: pos, end: n, message: 'The comment is not terminated.' });
      comments.push({ start: pos, end: e, block: true });
      pos = e;
      continue;
    }
    if (c === 35 && lineStart) {
      const e = lineEnd(text, pos);
      const m = /^#(disable-next-line|disable-diagnostics|restore-diagnostics)\b([^/\r\n]*)/.exec(text.slice(pos, e));
      if (m) {
        pragmas.push({ kind: m[1] as Pragma['kind'], codes: m[2].trim().split(/[ \t]+/).filter(Boolean), start: pos, end: e });
        const comment = text.indexOf('//', pos);
        if (comment >= 0 && comment < e) comments.push({ start: comment, end: e, block: false });
        pos = e;
        continue;
      }
    }
    const start = pos;
    if (c === 10 || c === 13) {
      while (pos < n && (text.charCodeAt(pos) === 10 || text.charCodeAt(pos) === 13)) pos++;
      push({ type: 'NewLine', start, end: pos });
      lineStart = true;
      continue;
    }
    if (isIdStart(c)) {
      pos++;
      while (pos < n && isIdPart(text.charCodeAt(pos))) pos++;
      const word = text.slice(start, pos);
      push({ type: word === 'true' ? 'TrueKeyword' : word === 'false' ? 'FalseKeyword' : word === 'null' ? 'NullKeyword' : 'Identifier', start, end: pos });
      continue;
    }
    if (isDigit(c)) {
      pos++;
      while (pos < n && isDigit(text.charCodeAt(pos))) pos++;
      push({ type: 'Integer', start, end: pos });
      continue;
    }
    if (c === 39) {
      if (text.startsWith("'''", pos)) {
        scanMultiline(start, 0);
        continue;
      }
      pos++;
      scanSegment(start, true);
      continue;
    }
    if (c === 36) {
      let d = pos;
      while (text[d] === '$') d++;
      if (text.startsWith("'''", d)) {
        const dollars = d - pos;
        pos = d;
        scanMultiline(start, dollars);
        tokens[tokens.length - 1].start = start;
        continue;
      }
      pos++;
      push({ type: 'Dollar', start, end: pos });
      continue;
    }
    const two = text.slice(pos, pos + 2);
    const three = text.slice(pos, pos + 3);
    let type: TokenType | undefined;
    let len = 1;
    if (three === '...') (type = 'Ellipsis'), (len = 3);
    else if (two === '??') (type = 'DoubleQuestion'), (len = 2);
    else if (two === '::') (type = 'DoubleColon'), (len = 2);
    else if (two === '!=') (type = 'NotEquals'), (len = 2);
    else if (two === '!~') (type = 'NotEqualsInsensitive'), (len = 2);
    else if (two === '==') (type = 'Equals'), (len = 2);
    else if (two === '=~') (type = 'EqualsInsensitive'), (len = 2);
    else if (two === '=>') (type = 'Arrow'), (len = 2);
    else if (two === '<=') (type = 'LessThanOrEqual'), (len = 2);
    else if (two === '>=') (type = 'GreaterThanOrEqual'), (len = 2);
    else if (two === '&&') (type = 'LogicalAnd'), (len = 2);
    else if (two === '||') (type = 'LogicalOr'), (len = 2);
    else {
      switch (text[pos]) {
        case '@': type = 'At'; break;
        case '{': type = 'LeftBrace'; break;
        case '}': type = 'RightBrace'; break;
        case '(': type = 'LeftParen'; break;
        case ')': type = 'RightParen'; break;
        case '[': type = 'LeftSquare'; break;
        case ']': type = 'RightSquare'; break;
        case ',': type = 'Comma'; break;
        case '.': type = 'Dot'; break;
        case '?': type = 'Question'; break;
        case ':': type = 'Colon'; break;
        case ';': type = 'Semicolon'; break;
        case '=': type = 'Assignment'; break;
        case '+': type = 'Plus'; break;
        case '-': type = 'Minus'; break;
        case '*': type = 'Asterisk'; break;
        case '/': type = 'Slash'; break;
        case '%': type = 'Modulo'; break;
        case '!': type = 'Exclamation'; break;
        case '<': type = 'LeftChevron'; break;
        case '>': type = 'RightChevron'; break;
        case '|': type = 'Pipe'; break;
        case '^': type = 'Hat'; break;
        default: type = 'Unrecognized';
      }
    }
    if (type === 'LeftBrace' && stack.length) stack.push('brace');
    if (type === 'RightBrace' && stack.length) {
      const top = stack.pop();
      if (top === 'hole') {
        pos++;
        scanSegment(start, false);
        continue;
      }
    }
    if (type === 'Unrecognized') {
      // A surrogate pair or any other character: one token per code point.
      const cp = text.codePointAt(pos) ?? 0;
      len = cp > 0xffff ? 2 : 1;
      errors.push({ start, end: start + len, message: text[pos] === '"' ? 'Strings are written in single quotes.' : 'Unrecognized character.' });
    }
    pos += len;
    push({ type, start, end: pos });
  }
  tokens.push({ type: 'EndOfFile', start: n, end: n });
  return { tokens, comments, pragmas, errors };
}

function lineEnd(text: string, from: number): number {
  let e = from;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return e;
}

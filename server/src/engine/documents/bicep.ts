/**
 * The Bicep parser: hand-written, error tolerant, exact ranges, in the manner of the Bicep compiler's own
 * (`src/Bicep.Core/Parsing/Parser.cs`, `BaseParser.cs`; summarised in ../shared/bicep/grammar.md §2), over the tokens
 * of bicepLexer.ts. Every declaration of the current language is recognised: targetScope, metadata, param, var,
 * output, resource (existing, nested, `if`, `for`), module, type, func, import, extension, assert, test, and for
 * `.bicepparam` using / extends / `param x = …`. Expressions are complete (ternary, `??`, binary operators, unary
 * `!`/`-`, member and safe access, indexes, `::`, non-null `!`, calls, lambdas, objects with newline or comma
 * separators and spreads, arrays, for-expressions, interpolated and multi-line strings). Types are parsed only as far as
 * needed (their text, whether nullable).
 *
 * Errors never throw: an error inside an object or array element skips to the end of that element (the next line or
 * the closing bracket); an error in a declaration skips to the next line at bracket depth 0, and a declaration keyword
 * at the start of a line (column 0) ends an unterminated object, so a syntax error loses at most the declaration it is
 * in. bicepTree.ts maps the result onto the engine's shared tree.
 */
import { Comment, lexBicep, Pragma, Token, TokenType } from './bicepLexer';

export interface Span {
  start: number;
  end: number;
}

export type BExpr = Span &
  (
    | { k: 'string'; /** cooked text pieces, one more than holes */ parts: string[]; holes: BExpr[]; multiline?: boolean }
    | { k: 'int'; value: number }
    | { k: 'bool'; value: boolean }
    | { k: 'null' }
    | { k: 'ident'; name: string }
    | { k: 'object'; props: BProperty[]; /** nested resource declarations in a resource body */ resources: BDecl[]; spreads: BExpr[]; /** written on one line */ inline: boolean; open: number; close: number }
    | { k: 'array'; items: BExpr[]; inline: boolean; open: number; close: number }
    | { k: 'call'; name: string; nameSpan: Span; target?: BExpr; args: BExpr[] }
    | { k: 'member'; object: BExpr; name: string; nameSpan: Span; safe: boolean }
    | { k: 'index'; object: BExpr; index: BExpr; safe: boolean }
    | { k: 'child'; object: BExpr; name: string }
    | { k: 'nonnull'; expr: BExpr }
    | { k: 'unary'; op: string; operand: BExpr }
    | { k: 'binary'; op: string; left: BExpr; right: BExpr }
    | { k: 'ternary'; cond: BExpr; then: BExpr; else: BExpr }
    | { k: 'paren'; expr: BExpr }
    | { k: 'lambda'; params: string[]; body: BExpr }
    | { k: 'for'; item?: string; index?: string; iterable: BExpr; body: BExpr }
    | { k: 'if'; cond: BExpr; body: BExpr }
    | { k: 'error' }
  );

export interface BProperty extends Span {
  key: string;
  keySpan: Span;
  /** The key is a quoted string. Undefined key text when it is an interpolated string. */
  quoted: boolean;
  value: BExpr;
}

export interface BDecorator extends Span {
  name: string;
  args: BExpr[];
}

export type DeclKind =
  | 'targetScope' | 'metadata' | 'param' | 'var' | 'output' | 'resource' | 'module' | 'type' | 'func' | 'import'
  | 'extension' | 'assert' | 'test' | 'using' | 'extends' | 'extensionConfig';

export interface BDecl extends Span {
  kind: DeclKind;
  name?: string;
  nameSpan?: Span;
  decorators: BDecorator[];
  /** resource/module/test/using/extends/import: the string after the name (type@version, module path). */
  target?: BExpr;
  existing?: boolean;
  /** param: the type as written, and whether it is nullable (`string?`). */
  typeText?: string;
  nullable?: boolean;
  /** param default, var value, resource/module body (object, `if`, `for`), output value, .bicepparam value. */
  value?: BExpr;
}

export interface BicepFile {
  decls: BDecl[];
  comments: Comment[];
  pragmas: Pragma[];
  errors: Array<{ start: number; end: number; message: string }>;
}

const DECL_KEYWORDS = new Set(['targetScope', 'metadata', 'param', 'var', 'output', 'resource', 'module', 'type', 'func', 'import', 'extension', 'assert', 'test', 'using', 'extends', 'extensionConfig']);

class ParseError extends Error {}

const BINARY: Partial<Record<TokenType, number>> = {
  Asterisk: 100, Slash: 100, Modulo: 100,
  Plus: 90, Minus: 90,
  RightChevron: 80, GreaterThanOrEqual: 80, LeftChevron: 80, LessThanOrEqual: 80,
  Equals: 70, NotEquals: 70, EqualsInsensitive: 70, NotEqualsInsensitive: 70,
  LogicalAnd: 50, LogicalOr: 40, DoubleQuestion: 30,
};

export function parseBicep(text: string): BicepFile {
  const lex = lexBicep(text);
  const p = new Parser(text, lex.tokens);
  const decls = p.program();
  const errors = [...lex.errors, ...p.errors].sort((a, b) => a.start - b.start);
  return { decls, comments: lex.comments, pragmas: lex.pragmas, errors };
}

class Parser {
  pos = 0;
  readonly errors: Array<{ start: number; end: number; message: string }> = [];
  private depth = 0;
  /** Offsets of line starts (for the column-0 check). */
  private readonly lineStarts: Set<number>;

  constructor(private readonly text: string, private readonly tokens: Token[]) {
    this.lineStarts = new Set([0]);
    for (const t of tokens) if (t.type === 'NewLine') this.lineStarts.add(t.end);
  }

  // ---------- token helpers ----------
  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }
  at(type: TokenType): boolean {
    return this.peek().type === type;
  }
  atWord(word: string): boolean {
    const t = this.peek();
    return t.type === 'Identifier' && this.textOf(t) === word;
  }
  textOf(t: Token): string {
    return this.text.slice(t.start, t.end);
  }
  next(): Token {
    const t = this.peek();
    if (t.type !== 'EndOfFile') this.pos++;
    return t;
  }
  expect(type: TokenType, what: string): Token {
    const t = this.peek();
    if (t.type !== type) this.fail(t, `Expected ${what}.`);
    return this.next();
  }
  fail(t: Token, message: string): never {
    this.errors.push({ start: t.start, end: Math.max(t.end, t.start + 1), message });
    throw new ParseError(message);
  }
  skipNewLines(): void {
    while (this.at('NewLine')) this.pos++;
  }
  /** Previous token's end. */
  lastEnd(): number {
    return this.tokens[Math.max(0, this.pos - 1)].end;
  }
  /** A declaration keyword at column 0 followed by something on the same line: a new top-level declaration. */
  atTopLevelDeclaration(): boolean {
    const t = this.peek();
    if (t.type === 'At' && this.lineStarts.has(t.start)) return true;
    if (t.type !== 'Identifier' || !this.lineStarts.has(t.start)) return false;
    const w = this.textOf(t);
    if (!DECL_KEYWORDS.has(w)) return false;
    const n1 = this.peek(1).type;
    return w === 'targetScope' ? n1 === 'Assignment' : n1 === 'Identifier' || n1 === 'StringComplete' || n1 === 'LeftBrace' || n1 === 'Asterisk';
  }

  /** Skips to the next NewLine at bracket depth 0 (not consumed), stopping before a column-0 declaration. */
  synchronize(): void {
    let depth = 0;
    while (!this.at('EndOfFile')) {
      const t = this.peek();
      if (depth === 0 && t.type === 'NewLine') return;
      if (depth > 0 && t.type === 'NewLine' && this.lineStarts.has(t.end)) {
        // Inside brackets: a declaration at the start of the next line ends the broken one.
        this.pos++;
        if (this.atTopLevelDeclaration()) {
          this.pos--;
          return;
        }
        continue;
      }
      if (t.type === 'LeftBrace' || t.type === 'LeftSquare' || t.type === 'LeftParen') depth++;
      else if (t.type === 'RightBrace' || t.type === 'RightSquare' || t.type === 'RightParen') depth = Math.max(0, depth - 1);
      this.pos++;
    }
  }

  // ---------- declarations ----------
  program(): BDecl[] {
    const decls: BDecl[] = [];
    for (;;) {
      this.skipNewLines();
      if (this.at('EndOfFile')) break;
      const before = this.pos;
      try {
        const d = this.declaration();
        if (d) decls.push(d);
        // (An unterminated object that a declaration at column 0 ended: its error is recorded, the next one starts here.)
        if (!this.at('NewLine') && !this.at('EndOfFile') && !this.atTopLevelDeclaration()) this.fail(this.peek(), 'Expected a new line after the declaration.');
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.synchronize();
      }
      if (this.pos === before) this.pos++; // always progress
    }
    return decls;
  }

  decorators(): BDecorator[] {
    const out: BDecorator[] = [];
    while (this.at('At')) {
      const at = this.next();
      const expr = this.memberExpression();
      let name = '';
      let args: BExpr[] = [];
      if (expr.k === 'call') {
        name = expr.name;
        args = expr.args;
      } else if (expr.k === 'ident') name = expr.name;
      out.push({ name, args, start: at.start, end: expr.end });
      if (!this.at('NewLine')) this.fail(this.peek(), 'Expected a new line after the decorator.');
      this.skipNewLines();
    }
    return out;
  }

  declaration(): BDecl | undefined {
    const decorators = this.decorators();
    const t = this.peek();
    if (t.type !== 'Identifier') this.fail(t, 'Expected a declaration.');
    const word = this.textOf(t);
    const start = decorators.length ? decorators[0].start : t.start;
    const decl = (kind: DeclKind, extra: Partial<BDecl>): BDecl => ({ kind, decorators, start, end: this.lastEnd(), ...extra });
    switch (word) {
      case 'targetScope': {
        this.next();
        this.expect('Assignment', "'='");
        return decl('targetScope', { value: this.expression() });
      }
      case 'metadata':
      case 'assert': {
        this.next();
        const name = this.identifier();
        this.expect('Assignment', "'='");
        return decl(word, { name: name.text, nameSpan: name, value: this.expression() });
      }
      case 'param': {
        this.next();
        const name = this.identifier();
        if (this.at('Assignment')) {
          // .bicepparam: `param x = value`
          this.next();
          return decl('param', { name: name.text, nameSpan: name, value: this.expression() });
        }
        const type = this.typeText(['Assignment']);
        let value: BExpr | undefined;
        if (this.at('Assignment')) {
          this.next();
          value = this.expression();
        }
        return decl('param', { name: name.text, nameSpan: name, typeText: type.text, nullable: /\?\s*$/.test(type.text), value });
      }
      case 'var': {
        this.next();
        const name = this.identifier();
        let typeText: string | undefined;
        if (!this.at('Assignment')) typeText = this.typeText(['Assignment']).text;
        this.expect('Assignment', "'='");
        return decl('var', { name: name.text, nameSpan: name, typeText, value: this.expression() });
      }
      case 'output': {
        this.next();
        const name = this.identifier();
        const typeText = this.typeText(['Assignment']).text;
        this.expect('Assignment', "'='");
        return decl('output', { name: name.text, nameSpan: name, typeText, value: this.expression() });
      }
      case 'type': {
        this.next();
        const name = this.identifier();
        this.expect('Assignment', "'='");
        const typeText = this.typeText([]).text;
        return decl('type', { name: name.text, nameSpan: name, typeText });
      }
      case 'func': {
        this.next();
        const name = this.identifier();
        // (params) returnType => body
        this.skipUntil('Arrow');
        this.expect('Arrow', "'=>'");
        this.skipNewLines();
        return decl('func', { name: name.text, nameSpan: name, value: this.expression() });
      }
      case 'resource':
      case 'module':
      case 'test':
        return this.resourceLike(word, decorators, start);
      case 'using':
      case 'extends': {
        this.next();
        let target: BExpr | undefined;
        if (this.atWord('none')) this.next();
        else target = this.stringLiteral();
        if (this.atWord('with')) {
          this.next();
          this.expression();
        }
        return decl(word, { target });
      }
      case 'import':
      case 'extension':
      case 'extensionConfig': {
        this.next();
        const first = this.peek();
        const target = first.type === 'StringComplete' ? this.primary() : undefined;
        this.skipToLineEnd();
        return decl(word, { target });
      }
      default:
        this.fail(t, `Unrecognized declaration '${word}'.`);
    }
  }

  resourceLike(word: 'resource' | 'module' | 'test', decorators: BDecorator[], start: number): BDecl {
    this.next();
    const name = this.identifier();
    const target = this.stringLiteral();
    let existing = false;
    if (word === 'resource' && this.atWord('existing')) {
      this.next();
      existing = true;
    }
    this.expect('Assignment', "'='");
    this.skipNewLines();
    const value = this.resourceBody();
    return { kind: word, name: name.text, nameSpan: name, decorators, target, existing, value, start, end: this.lastEnd() };
  }

  /** `{…}`, `if (c) {…}`, `[for …: {…} | if (c) {…}]`. */
  resourceBody(): BExpr {
    if (this.atWord('if') && this.peek(1).type === 'LeftParen') return this.ifExpression();
    if (this.at('LeftSquare')) return this.arrayOrFor();
    if (this.at('LeftBrace')) return this.object();
    return this.expression();
  }

  ifExpression(): BExpr {
    const t = this.next(); // if
    this.expect('LeftParen', "'('");
    this.skipNewLines();
    const cond = this.expression();
    this.skipNewLines();
    this.expect('RightParen', "')'");
    this.skipNewLines();
    const body = this.at('LeftBrace') ? this.object() : this.fail(this.peek(), "Expected '{'.");
    return { k: 'if', cond, body, start: t.start, end: body.end };
  }

  identifier(): Span & { text: string } {
    const t = this.peek();
    if (t.type !== 'Identifier') this.fail(t, 'Expected an identifier.');
    this.next();
    return { start: t.start, end: t.end, text: this.textOf(t) };
  }

  stringLiteral(): BExpr {
    const t = this.peek();
    if (t.type !== 'StringComplete' && t.type !== 'StringLeftPiece' && t.type !== 'MultilineString') this.fail(t, 'Expected a string.');
    return this.primary();
  }

  /** The text of a type up to one of `stop` (or a newline) at bracket depth 0; `|` on the next line continues it. */
  typeText(stop: TokenType[]): Span & { text: string } {
    const start = this.peek().start;
    let depth = 0;
    let end = start;
    while (!this.at('EndOfFile')) {
      const t = this.peek();
      if (depth === 0 && stop.includes(t.type)) break;
      if (depth === 0 && t.type === 'NewLine') {
        // A union continued on the next line.
        let k = 1;
        while (this.peek(k).type === 'NewLine') k++;
        if (this.peek(k).type === 'Pipe') {
          this.pos += k;
          continue;
        }
        break;
      }
      if (t.type === 'LeftBrace' || t.type === 'LeftSquare' || t.type === 'LeftParen' || t.type === 'LeftChevron') depth++;
      else if (t.type === 'RightBrace' || t.type === 'RightSquare' || t.type === 'RightParen' || t.type === 'RightChevron') depth = Math.max(0, depth - 1);
      end = t.end;
      this.pos++;
    }
    if (end === start) this.fail(this.peek(), 'Expected a type.');
    return { start, end, text: this.text.slice(start, end) };
  }

  skipUntil(type: TokenType): void {
    let depth = 0;
    while (!this.at('EndOfFile')) {
      const t = this.peek();
      if (depth === 0 && t.type === type) return;
      if (t.type === 'LeftBrace' || t.type === 'LeftSquare' || t.type === 'LeftParen') depth++;
      else if (t.type === 'RightBrace' || t.type === 'RightSquare' || t.type === 'RightParen') depth = Math.max(0, depth - 1);
      else if (depth === 0 && t.type === 'NewLine') return;
      this.pos++;
    }
  }

  skipToLineEnd(): void {
    let depth = 0;
    while (!this.at('EndOfFile')) {
      const t = this.peek();
      if (depth === 0 && t.type === 'NewLine') return;
      if (t.type === 'LeftBrace' || t.type === 'LeftSquare' || t.type === 'LeftParen') depth++;
      else if (t.type === 'RightBrace' || t.type === 'RightSquare' || t.type === 'RightParen') depth = Math.max(0, depth - 1);
      this.pos++;
    }
  }

  // ---------- expressions ----------
  expression(): BExpr {
    if (++this.depth > 200) {
      this.depth--;
      this.fail(this.peek(), 'The expression is nested too deeply.');
    }
    try {
      const cond = this.binary(0);
      // Newlines are allowed before `?` and `:`.
      let k = 0;
      while (this.peek(k).type === 'NewLine') k++;
      if (this.peek(k).type !== 'Question') return cond;
      this.pos += k + 1;
      this.skipNewLines();
      const then = this.expression();
      this.skipNewLines();
      this.expect('Colon', "':'");
      this.skipNewLines();
      const otherwise = this.expression();
      return { k: 'ternary', cond, then, else: otherwise, start: cond.start, end: otherwise.end };
    } finally {
      this.depth--;
    }
  }

  binary(minPrec: number): BExpr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const prec = BINARY[t.type];
      if (prec === undefined || prec <= minPrec) return left;
      this.next();
      this.skipNewLines();
      const right = this.binary(prec);
      left = { k: 'binary', op: this.textOf(t), left, right, start: left.start, end: right.end };
    }
  }

  unary(): BExpr {
    const t = this.peek();
    if (t.type === 'Exclamation' || t.type === 'Minus') {
      this.next();
      const operand = this.unary();
      if (t.type === 'Minus' && operand.k === 'int') return { k: 'int', value: -operand.value, start: t.start, end: operand.end };
      return { k: 'unary', op: this.textOf(t), operand, start: t.start, end: operand.end };
    }
    return this.memberExpression();
  }

  memberExpression(): BExpr {
    let e = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.type === 'Dot') {
        this.next();
        let safe = false;
        if (this.at('Question')) {
          this.next();
          safe = true;
        }
        const name = this.identifier();
        if (this.at('LeftParen')) {
          const args = this.args();
          e = { k: 'call', name: name.text, nameSpan: name, target: e, args, start: e.start, end: this.lastEnd() };
        } else e = { k: 'member', object: e, name: name.text, nameSpan: name, safe, start: e.start, end: name.end };
        continue;
      }
      if (t.type === 'LeftSquare') {
        this.next();
        let safe = false;
        if (this.at('Question')) {
          this.next();
          safe = true;
        }
        if (this.at('Hat')) this.next();
        this.skipNewLines();
        const index = this.expression();
        this.skipNewLines();
        this.expect('RightSquare', "']'");
        e = { k: 'index', object: e, index, safe, start: e.start, end: this.lastEnd() };
        continue;
      }
      if (t.type === 'DoubleColon') {
        this.next();
        const name = this.identifier();
        e = { k: 'child', object: e, name: name.text, start: e.start, end: name.end };
        continue;
      }
      if (t.type === 'Exclamation' && t.start === e.end) {
        this.next();
        e = { k: 'nonnull', expr: e, start: e.start, end: t.end };
        continue;
      }
      return e;
    }
  }

  args(): BExpr[] {
    this.expect('LeftParen', "'('");
    const args: BExpr[] = [];
    this.skipNewLines();
    while (!this.at('RightParen')) {
      if (this.at('EndOfFile')) this.fail(this.peek(), "Expected ')'.");
      args.push(this.expression());
      this.skipNewLines();
      if (this.at('Comma')) {
        this.next();
        this.skipNewLines();
        continue;
      }
      if (!this.at('RightParen')) this.fail(this.peek(), "Expected ',' or ')'.");
    }
    this.next();
    return args;
  }

  primary(): BExpr {
    const t = this.peek();
    switch (t.type) {
      case 'Integer':
        this.next();
        return { k: 'int', value: Number(this.textOf(t)), start: t.start, end: t.end };
      case 'TrueKeyword':
      case 'FalseKeyword':
        this.next();
        return { k: 'bool', value: t.type === 'TrueKeyword', start: t.start, end: t.end };
      case 'NullKeyword':
        this.next();
        return { k: 'null', start: t.start, end: t.end };
      case 'StringComplete':
        this.next();
        return { k: 'string', parts: [t.value ?? ''], holes: [], start: t.start, end: t.end };
      case 'MultilineString':
        this.next();
        return { k: 'string', parts: [t.value ?? ''], holes: [], multiline: true, start: t.start, end: t.end };
      case 'StringLeftPiece':
        return this.interpolated();
      case 'LeftBrace':
        return this.object();
      case 'LeftSquare':
        return this.arrayOrFor();
      case 'LeftParen':
        return this.parenOrLambda();
      case 'Identifier': {
        this.next();
        const name = this.textOf(t);
        if (this.at('Arrow')) {
          this.next();
          this.skipNewLines();
          const body = this.expression();
          return { k: 'lambda', params: [name], body, start: t.start, end: body.end };
        }
        if (this.at('LeftParen')) {
          const args = this.args();
          return { k: 'call', name, nameSpan: { start: t.start, end: t.end }, args, start: t.start, end: this.lastEnd() };
        }
        return { k: 'ident', name, start: t.start, end: t.end };
      }
      default:
        this.fail(t, 'Expected an expression.');
    }
  }

  interpolated(): BExpr {
    const first = this.next();
    const parts = [first.value ?? ''];
    const holes: BExpr[] = [];
    for (;;) {
      holes.push(this.expression());
      const t = this.peek();
      if (t.type === 'StringMiddlePiece') {
        this.next();
        parts.push(t.value ?? '');
        continue;
      }
      if (t.type === 'StringRightPiece') {
        this.next();
        parts.push(t.value ?? '');
        return { k: 'string', parts, holes, start: first.start, end: t.end };
      }
      this.fail(t, "Expected '}' to close the interpolation.");
    }
  }

  parenOrLambda(): BExpr {
    const open = this.peek();
    // A lambda: `(a, b) => …` / `() => …`: the matching `)` is followed by `=>`.
    let k = 1;
    let depth = 1;
    for (; depth > 0; k++) {
      const t = this.peek(k);
      if (t.type === 'EndOfFile') break;
      if (t.type === 'LeftParen') depth++;
      else if (t.type === 'RightParen') depth--;
    }
    if (this.peek(k).type === 'Arrow') {
      this.next();
      const params: string[] = [];
      while (!this.at('RightParen') && !this.at('EndOfFile')) {
        const t = this.next();
        if (t.type === 'Identifier' && (this.at('Comma') || this.at('RightParen') || this.at('NewLine'))) params.push(this.textOf(t));
      }
      this.expect('RightParen', "')'");
      this.expect('Arrow', "'=>'");
      this.skipNewLines();
      const body = this.expression();
      return { k: 'lambda', params, body, start: open.start, end: body.end };
    }
    this.next();
    this.skipNewLines();
    const expr = this.expression();
    this.skipNewLines();
    this.expect('RightParen', "')'");
    return { k: 'paren', expr, start: open.start, end: this.lastEnd() };
  }

  /**
   * Elements separated by one comma or by newlines, as BaseParser.HandleArrayOrObjectElements. An error inside an
   * element skips to the element's end (next newline or the closing bracket at depth 0) and the list goes on; a
   * declaration at column 0 ends an unterminated list.
   */
  elements(close: TokenType, element: () => void): { closeTok?: Token } {
    this.skipNewLines();
    for (;;) {
      if (this.at(close)) return { closeTok: this.next() };
      if (this.at('EndOfFile') || this.atTopLevelDeclaration()) {
        this.errors.push({ start: this.peek().start, end: this.peek().start + 1, message: `Expected '${close === 'RightBrace' ? '}' : ']'}'.` });
        return {};
      }
      const before = this.pos;
      try {
        element();
        if (this.at('Comma')) {
          this.next();
          if (this.at('NewLine')) this.errors.push({ start: this.peek().start, end: this.peek().end, message: 'A comma must not be followed by a new line.' });
        } else if (!this.at('NewLine') && !this.at(close)) this.fail(this.peek(), 'Expected a new line or a comma.');
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        this.skipElement(close);
      }
      if (this.pos === before) this.pos++;
      this.skipNewLines();
    }
  }

  skipElement(close: TokenType): void {
    let depth = 0;
    while (!this.at('EndOfFile')) {
      const t = this.peek();
      if (depth === 0 && (t.type === 'NewLine' || t.type === close || t.type === 'Comma')) return;
      if (t.type === 'NewLine' && this.lineStarts.has(t.end)) {
        this.pos++;
        if (this.atTopLevelDeclaration()) return;
        continue;
      }
      if (t.type === 'LeftBrace' || t.type === 'LeftSquare' || t.type === 'LeftParen') depth++;
      else if (t.type === 'RightBrace' || t.type === 'RightSquare' || t.type === 'RightParen') {
        if (depth === 0) return;
        depth--;
      }
      this.pos++;
    }
  }

  object(): BExpr {
    const open = this.expect('LeftBrace', "'{'");
    const props: BProperty[] = [];
    const resources: BDecl[] = [];
    const spreads: BExpr[] = [];
    const { closeTok } = this.elements('RightBrace', () => {
      const t = this.peek();
      if (t.type === 'Ellipsis') {
        this.next();
        spreads.push(this.expression());
        return;
      }
      if (t.type === 'At' || (t.type === 'Identifier' && this.textOf(t) === 'resource' && this.peek(1).type === 'Identifier')) {
        const decorators = this.decorators();
        if (!this.atWord('resource')) this.fail(this.peek(), 'Expected a nested resource.');
        resources.push(this.resourceLike('resource', decorators, decorators[0]?.start ?? this.peek().start));
        return;
      }
      let key: string;
      let quoted = false;
      if (t.type === 'Identifier' || t.type === 'TrueKeyword' || t.type === 'FalseKeyword' || t.type === 'NullKeyword') {
        key = this.textOf(t);
        this.next();
      } else if (t.type === 'StringComplete') {
        key = t.value ?? '';
        quoted = true;
        this.next();
      } else if (t.type === 'StringLeftPiece') {
        const s = this.interpolated();
        key = `\${${this.text.slice(s.start, s.end)}}`;
        quoted = true;
      } else this.fail(t, 'Expected a property name.');
      this.expect('Colon', "':'");
      const value = this.expression();
      props.push({ key, keySpan: { start: t.start, end: t.type === 'StringLeftPiece' ? value.start : t.end }, quoted, value, start: t.start, end: value.end });
    });
    const end = closeTok ? closeTok.end : this.lastEnd();
    return {
      k: 'object', props, resources, spreads, start: open.start, end, open: open.start, close: closeTok ? closeTok.start : end,
      inline: !closeTok || !this.text.slice(open.start, closeTok.start).includes('\n'),
    };
  }

  arrayOrFor(): BExpr {
    const open = this.expect('LeftSquare', "'['");
    let k = 0;
    while (this.peek(k).type === 'NewLine') k++;
    const f = this.peek(k);
    if (f.type === 'Identifier' && this.textOf(f) === 'for') {
      this.pos += k + 1;
      let item: string | undefined;
      let index: string | undefined;
      if (this.at('LeftParen')) {
        this.next();
        item = this.identifier().text;
        this.expect('Comma', "','");
        index = this.identifier().text;
        this.expect('RightParen', "')'");
      } else item = this.identifier().text;
      if (!this.atWord('in')) this.fail(this.peek(), "Expected 'in'.");
      this.next();
      const iterable = this.expression();
      this.expect('Colon', "':'");
      this.skipNewLines();
      const body = this.atWord('if') && this.peek(1).type === 'LeftParen' ? this.ifExpression() : this.expression();
      this.skipNewLines();
      const close = this.expect('RightSquare', "']'");
      return { k: 'for', item, index, iterable, body, start: open.start, end: close.end };
    }
    const items: BExpr[] = [];
    const { closeTok } = this.elements('RightSquare', () => {
      if (this.at('Ellipsis')) {
        this.next();
        this.expression();
        return;
      }
      items.push(this.expression());
    });
    const end = closeTok ? closeTok.end : this.lastEnd();
    return {
      k: 'array', items, start: open.start, end, open: open.start, close: closeTok ? closeTok.start : end,
      inline: !closeTok || !this.text.slice(open.start, closeTok.start).includes('\n'),
    };
  }
}

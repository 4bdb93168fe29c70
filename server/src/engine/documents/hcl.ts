/**
 * HCL native syntax (Terraform `.tf`, `.tfvars`): a hand-written, error-tolerant recursive-descent parser with exact
 * ranges, in the manner of the Bicep and TypeScript compilers: one scanner over the text, every node carries its span,
 * comments are kept (with their ranges) as trivia, and an error never throws: it is recorded, and the parser
 * resynchronises at the end of the line or at the closing brace. Quoted strings cannot span lines in HCL, so an
 * unterminated string ends at its line and the rest of the file is intact. Synchronous and linear: it runs on every
 * keystroke (see docs/DEPENDENCIES.md for the comparison with tree-sitter).
 *
 * The grammar is hashicorp/hcl `hclsyntax/spec.md`: a body is attributes (`name = expr` ending at a newline) and
 * blocks (`type "label" ident { body }`); expressions are literals, templates (`"…${x}…%{if c}…%{endif}"` and heredocs
 * `<<EOT`, `<<-EOT`), tuples `[…]`, objects `{k = v, …}` (comma- or newline-separated, `k = v` or `k: v`),
 * `for` expressions, splats (`.*`, `[*]`), attribute and index access, function calls (with `...` expansion and
 * `provider::ns::fn`), unary `! -`, binary operators and the conditional `c ? a : b`.
 *
 * This file builds the HCL syntax tree (Expr, HclBody). hclTree.ts maps it onto the engine's shared Node tree.
 */

export interface Span {
  start: number;
  end: number;
}

export type TemplatePart = { kind: 'text'; value: string; start: number; end: number } | { kind: 'interp'; expr: Expr; start: number; end: number } | { kind: 'directive'; start: number; end: number };

export type Expr = Span &
  (
    | { k: 'number'; value: number }
    | { k: 'bool'; value: boolean }
    | { k: 'null' }
    /** A quoted string or heredoc; `parts` decoded (escapes applied). */
    | { k: 'template'; parts: TemplatePart[]; heredoc: boolean }
    | { k: 'tuple'; items: Expr[] }
    | { k: 'object'; items: ObjectItem[] }
    | { k: 'variable'; name: string }
    | { k: 'getattr'; obj: Expr; name: string }
    | { k: 'index'; obj: Expr; index: Expr }
    | { k: 'splat'; obj: Expr }
    | { k: 'call'; name: string; args: Expr[]; expand: boolean }
    | { k: 'conditional'; cond: Expr; then: Expr; else: Expr }
    | { k: 'binary'; op: string; left: Expr; right: Expr }
    | { k: 'unary'; op: string; operand: Expr }
    | { k: 'for'; object: boolean }
    | { k: 'paren'; expr: Expr }
    | { k: 'error' }
  );

export interface ObjectItem extends Span {
  key: Expr;
  value: Expr;
  /** `k = v` or `k: v`. */
  separator: '=' | ':';
}

export interface HclAttribute extends Span {
  kind: 'attribute';
  name: string;
  nameSpan: Span;
  expr: Expr;
}

export interface HclLabel extends Span {
  value: string;
  quoted: boolean;
}

export interface HclBlock extends Span {
  kind: 'block';
  type: string;
  typeSpan: Span;
  labels: HclLabel[];
  /** Offsets of `{` and `}` (close = end - 1 unless the block is unterminated). */
  open: number;
  close: number;
  body: HclBody;
}

export type HclItem = HclAttribute | HclBlock;

export interface HclBody extends Span {
  items: HclItem[];
}

export interface HclComment extends Span {
  /** `#`, `//` or `/*`. */
  marker: '#' | '//' | '/*';
}

export interface HclProblem {
  offset: number;
  length: number;
  message: string;
}

export interface HclFile {
  body: HclBody;
  comments: HclComment[];
  errors: HclProblem[];
}

const MAX_DEPTH = 256;
const MAX_ERRORS = 50;
/** Block types that only appear at the top level: seen at the start of a line inside a block, the block lacks its `}`. */
const TOP_LEVEL = new Set(['resource', 'data', 'module', 'variable', 'output', 'locals', 'provider', 'terraform', 'moved', 'import', 'removed', 'check']);

const isIdStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
const isIdChar = (c: number) => isIdStart(c) || (c >= 48 && c <= 57) || c === 45;
const isDigit = (c: number) => c >= 48 && c <= 57;

class DepthError extends Error {}

class Parser {
  pos = 0;
  depth = 0;
  readonly comments: HclComment[] = [];
  readonly errors: HclProblem[] = [];
  private readonly commentSeen = new Set<number>();
  constructor(readonly text: string) {}

  error(offset: number, length: number, message: string) {
    if (this.errors.length >= MAX_ERRORS) return;
    const o = Math.min(offset, this.text.length);
    if (this.errors.some((e) => e.offset === o)) return;
    this.errors.push({ offset: o, length: Math.max(0, Math.min(length, this.text.length - o)), message: `HCL syntax error: ${message}` });
  }

  /** Skips spaces and comments; newlines too when `newlines`. Returns true when a newline was crossed. */
  skip(newlines: boolean): boolean {
    const t = this.text;
    let crossed = false;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 0xfeff) this.pos++;
      else if (c === 13 && t.charCodeAt(this.pos + 1) === 10 && newlines) { this.pos += 2; crossed = true; }
      else if (c === 10 && newlines) { this.pos++; crossed = true; }
      else if (c === 13 && newlines) { this.pos++; crossed = true; }
      else if (c === 35 || (c === 47 && t.charCodeAt(this.pos + 1) === 47)) {
        // A line comment ends at the newline, which it does not consume (it still ends an attribute).
        const start = this.pos;
        let end = t.indexOf('\n', start);
        if (end < 0) end = t.length;
        if (t.charCodeAt(end - 1) === 13) end--;
        this.comment(start, end, c === 35 ? '#' : '//');
        this.pos = end;
      } else if (c === 47 && t.charCodeAt(this.pos + 1) === 42) {
        const start = this.pos;
        let end = t.indexOf('*/', start + 2);
        if (end < 0) {
          this.error(start, 2, 'unterminated comment');
          end = t.length;
        } else end += 2;
        this.comment(start, end, '/*');
        if (!newlines && t.slice(start, end).includes('\n')) crossed = true;
        this.pos = end;
      } else break;
    }
    return crossed;
  }

  private comment(start: number, end: number, marker: HclComment['marker']) {
    // Backtracking re-reads a comment: record it once.
    if (this.commentSeen.has(start)) return;
    this.commentSeen.add(start);
    this.comments.push({ start, end, marker });
  }

  peek(): number {
    return this.text.charCodeAt(this.pos);
  }

  atLineEnd(): boolean {
    const c = this.peek();
    return this.pos >= this.text.length || c === 10 || c === 13;
  }

  ident(): string | undefined {
    const t = this.text;
    if (!isIdStart(t.charCodeAt(this.pos))) return undefined;
    const start = this.pos;
    this.pos++;
    while (this.pos < t.length && isIdChar(t.charCodeAt(this.pos))) this.pos++;
    return t.slice(start, this.pos);
  }

  /** Skips to the end of the current line (recovery), over strings and brackets opened on it. */
  skipLine() {
    const t = this.text;
    let nl = t.indexOf('\n', this.pos);
    if (nl < 0) nl = t.length;
    this.pos = nl;
  }

  enter() {
    if (++this.depth > MAX_DEPTH) throw new DepthError();
  }

  // ---- bodies ----

  body(closing: boolean, start: number): HclBody {
    const items: HclItem[] = [];
    for (;;) {
      this.skip(true);
      if (this.pos >= this.text.length) break;
      const c = this.peek();
      if (c === 125 /* } */) {
        if (closing) break;
        this.error(this.pos, 1, "unexpected '}'");
        this.pos++;
        continue;
      }
      const itemStart = this.pos;
      // Inside a block, a top-level keyword at the start of a line means this block lacks its `}`.
      if (closing && this.depth <= 2 && this.lineStartAt(itemStart) && this.startsTopLevel()) break;
      const name = this.ident();
      if (name === undefined) {
        this.error(itemStart, 1, `unexpected character '${this.text[itemStart]}'`);
        this.skipLine();
        continue;
      }
      const nameSpan = { start: itemStart, end: this.pos };
      this.skip(false);
      const n = this.peek();
      if (n === 61 /* = */ && this.text.charCodeAt(this.pos + 1) !== 61) {
        this.pos++;
        this.skip(false);
        const expr = this.exprOrError(false);
        items.push({ kind: 'attribute', name, nameSpan, expr, start: itemStart, end: expr.end });
        this.endOfItem();
        continue;
      }
      const labels: HclLabel[] = [];
      for (;;) {
        const l = this.peek();
        if (l === 34 /* " */) {
          const s = this.pos;
          const tpl = this.quoted();
          const value = tpl.parts.map((p) => (p.kind === 'text' ? p.value : '')).join('');
          labels.push({ value, quoted: true, start: s, end: this.pos });
        } else if (isIdStart(l)) {
          const s = this.pos;
          labels.push({ value: this.ident()!, quoted: false, start: s, end: this.pos });
        } else break;
        this.skip(false);
      }
      if (this.peek() !== 123 /* { */) {
        this.error(this.pos, 1, labels.length ? "'{' expected" : "'=' or '{' expected");
        this.skipLine();
        continue;
      }
      const open = this.pos++;
      this.enter();
      let body: HclBody;
      try {
        body = this.body(true, open + 1);
      } finally {
        this.depth--;
      }
      if (this.peek() === 125) {
        const close = this.pos++;
        items.push({ kind: 'block', type: name, typeSpan: nameSpan, labels, open, close, body, start: itemStart, end: this.pos });
        this.endOfItem();
      } else {
        this.error(open, 1, "'}' expected: this block is not closed");
        items.push({ kind: 'block', type: name, typeSpan: nameSpan, labels, open, close: this.pos, body, start: itemStart, end: this.pos });
      }
    }
    return { items, start, end: this.pos };
  }

  private lineStartAt(offset: number): boolean {
    return offset === 0 || this.text.charCodeAt(offset - 1) === 10;
  }

  private startsTopLevel(): boolean {
    const m = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.pos, this.pos + 20));
    return !!m && TOP_LEVEL.has(m[0]) && /^[A-Za-z_][\w-]*[ \t]*(?:"|\{|[A-Za-z_])/.test(this.text.slice(this.pos, this.pos + 40));
  }

  /** After an attribute or block: a newline, a comment, `}` or the end of the text. */
  private endOfItem() {
    this.skip(false);
    if (this.atLineEnd() || this.peek() === 125) return;
    this.error(this.pos, 1, 'newline expected: one attribute or block per line');
    this.skipLine();
  }

  // ---- expressions ----

  exprOrError(newlines: boolean): Expr {
    const start = this.pos;
    try {
      return this.expr(newlines);
    } catch (e) {
      if (!(e instanceof DepthError)) throw e;
      this.depth = 0;
      this.error(start, 1, `expression nested deeper than ${MAX_DEPTH} levels`);
      this.skipLine();
      return { k: 'error', start, end: this.pos };
    }
  }

  expr(nl: boolean): Expr {
    this.enter();
    try {
      const cond = this.binary(nl, 0);
      this.skip(nl);
      if (this.peek() === 63 /* ? */) {
        this.pos++;
        this.skip(true);
        const then = this.expr(true);
        this.skip(true);
        if (this.peek() === 58 /* : */) this.pos++;
        else this.error(this.pos, 1, "':' expected");
        this.skip(true);
        const els = this.expr(nl);
        return { k: 'conditional', cond, then, else: els, start: cond.start, end: els.end };
      }
      return cond;
    } finally {
      this.depth--;
    }
  }

  private static readonly LEVELS: string[][] = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];

  private binary(nl: boolean, level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary(nl);
    let left = this.binary(nl, level + 1);
    for (;;) {
      const save = this.pos;
      this.skip(nl);
      const op = Parser.LEVELS[level].find((o) => this.text.startsWith(o, this.pos));
      // `=>` (for object), `==` handled by the list order; `<<` heredoc is not an operator here.
      if (!op || (op === '>' && this.text[this.pos - 1] === '=') || (op === '<' && this.text[this.pos + 1] === '<')) {
        this.pos = save;
        return left;
      }
      this.pos += op.length;
      this.skip(true);
      const right = this.binary(nl, level + 1);
      left = { k: 'binary', op, left, right, start: left.start, end: right.end };
    }
  }

  private unary(nl: boolean): Expr {
    const c = this.peek();
    if (c === 33 /* ! */ || c === 45 /* - */) {
      const start = this.pos++;
      this.skip(nl);
      this.enter();
      try {
        const operand = this.unary(nl);
        return { k: 'unary', op: c === 33 ? '!' : '-', operand, start, end: operand.end };
      } finally {
        this.depth--;
      }
    }
    return this.postfix(nl, this.primary());
  }

  private postfix(nl: boolean, e: Expr): Expr {
    const t = this.text;
    for (;;) {
      const save = this.pos;
      // Traversals may continue on the next line only inside brackets.
      this.skip(nl);
      const c = this.peek();
      if (c === 46 /* . */ && t.charCodeAt(this.pos + 1) !== 46) {
        this.pos++;
        if (this.peek() === 42 /* * */) {
          this.pos++;
          e = { k: 'splat', obj: e, start: e.start, end: this.pos };
          continue;
        }
        if (isDigit(this.peek())) {
          const s = this.pos;
          while (isDigit(this.peek())) this.pos++;
          e = { k: 'index', obj: e, index: { k: 'number', value: Number(t.slice(s, this.pos)), start: s, end: this.pos }, start: e.start, end: this.pos };
          continue;
        }
        const name = this.ident();
        if (name === undefined) {
          this.error(this.pos, 1, 'attribute name expected');
          return { ...e, end: this.pos };
        }
        e = { k: 'getattr', obj: e, name, start: e.start, end: this.pos };
        continue;
      }
      if (c === 91 /* [ */) {
        this.pos++;
        this.skip(true);
        if (this.peek() === 42 && (this.skipAfterStar())) {
          e = { k: 'splat', obj: e, start: e.start, end: this.pos };
          continue;
        }
        const index = this.expr(true);
        this.skip(true);
        if (this.peek() === 93) this.pos++;
        else this.error(this.pos, 1, "']' expected");
        e = { k: 'index', obj: e, index, start: e.start, end: this.pos };
        continue;
      }
      this.pos = save;
      return e;
    }
  }

  private skipAfterStar(): boolean {
    const save = this.pos;
    this.pos++;
    this.skip(true);
    if (this.peek() === 93) {
      this.pos++;
      return true;
    }
    this.pos = save;
    return false;
  }

  private primary(): Expr {
    const t = this.text;
    const start = this.pos;
    const c = this.peek();
    if (isDigit(c)) {
      const m = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(t.slice(start, start + 64))!;
      this.pos += m[0].length;
      return { k: 'number', value: Number(m[0]), start, end: this.pos };
    }
    if (c === 34) return this.quoted();
    if (c === 60 /* < */ && t.charCodeAt(start + 1) === 60) return this.heredoc();
    if (c === 91 /* [ */) return this.tuple();
    if (c === 123 /* { */) return this.object();
    if (c === 40 /* ( */) {
      this.pos++;
      this.skip(true);
      const inner = this.expr(true);
      this.skip(true);
      if (this.peek() === 41) this.pos++;
      else this.error(this.pos, 1, "')' expected");
      return { k: 'paren', expr: inner, start, end: this.pos };
    }
    let name = this.ident();
    if (name !== undefined) {
      // provider::ns::fn()
      while (t.startsWith('::', this.pos) && isIdStart(t.charCodeAt(this.pos + 2))) {
        this.pos += 2;
        name += `::${this.ident()}`;
      }
      if (name === 'true' || name === 'false') return { k: 'bool', value: name === 'true', start, end: this.pos };
      if (name === 'null') return { k: 'null', start, end: this.pos };
      const save = this.pos;
      this.skip(false);
      if (this.peek() === 40) {
        this.pos++;
        return this.call(name, start);
      }
      this.pos = save;
      return { k: 'variable', name, start, end: this.pos };
    }
    this.error(start, 1, this.pos >= t.length || this.atLineEnd() ? 'expression expected' : `unexpected character '${t[start]}'`);
    return { k: 'error', start, end: start };
  }

  private call(name: string, start: number): Expr {
    const args: Expr[] = [];
    let expand = false;
    for (;;) {
      this.skip(true);
      if (this.peek() === 41) { this.pos++; break; }
      if (this.pos >= this.text.length) { this.error(start, name.length, "')' expected"); break; }
      const before = this.pos;
      args.push(this.expr(true));
      this.skip(true);
      if (this.text.startsWith('...', this.pos)) { this.pos += 3; expand = true; this.skip(true); }
      if (this.peek() === 44) { this.pos++; continue; }
      if (this.peek() === 41) { this.pos++; break; }
      this.error(this.pos, 1, "',' or ')' expected");
      if (this.pos === before || this.atLineEnd()) break;
      this.pos++;
    }
    return { k: 'call', name, args, expand, start, end: this.pos };
  }

  private tuple(): Expr {
    const start = this.pos++;
    this.skip(true);
    if (this.isFor()) return this.forExpr(start, false);
    const items: Expr[] = [];
    for (;;) {
      this.skip(true);
      if (this.peek() === 93) { this.pos++; break; }
      if (this.pos >= this.text.length) { this.error(start, 1, "']' expected"); break; }
      const before = this.pos;
      items.push(this.expr(true));
      this.skip(true);
      if (this.peek() === 44) { this.pos++; continue; }
      if (this.peek() === 93) { this.pos++; break; }
      this.error(this.pos, 1, "',' or ']' expected");
      if (this.pos === before) this.pos++;
      // Resynchronise: the tuple ends at the next `]` of this line, or at the line's end.
      if (this.atLineEnd()) break;
    }
    return { k: 'tuple', items, start, end: this.pos };
  }

  private object(): Expr {
    const start = this.pos++;
    this.skip(true);
    if (this.isFor()) return this.forExpr(start, true);
    const items: ObjectItem[] = [];
    for (;;) {
      this.skip(true);
      if (this.peek() === 125) { this.pos++; break; }
      if (this.pos >= this.text.length) { this.error(start, 1, "'}' expected"); break; }
      const before = this.pos;
      const key = this.expr(false);
      this.skip(false);
      const sep = this.peek();
      if (sep !== 61 && sep !== 58) {
        this.error(this.pos, 1, "'=' or ':' expected");
        if (this.pos === before) this.pos++;
        this.skipLine();
        continue;
      }
      this.pos++;
      this.skip(false);
      const value = this.expr(false);
      items.push({ key, value, separator: sep === 61 ? '=' : ':', start: key.start, end: value.end });
      const crossed = this.skip(false);
      if (this.peek() === 44) { this.pos++; continue; }
      if (this.peek() === 125) { this.pos++; break; }
      if (crossed || this.atLineEnd()) continue;
      this.error(this.pos, 1, "',' or newline expected");
      this.skipLine();
    }
    return { k: 'object', items, start, end: this.pos };
  }

  private isFor(): boolean {
    return this.text.startsWith('for', this.pos) && !isIdChar(this.text.charCodeAt(this.pos + 3));
  }

  /** `[for k, v in coll : expr if cond]` / `{for k, v in coll : key => value... if cond}`: read, never evaluated. */
  private forExpr(start: number, object: boolean): Expr {
    this.pos += 3;
    this.skip(true);
    this.ident();
    this.skip(true);
    if (this.peek() === 44) { this.pos++; this.skip(true); this.ident(); this.skip(true); }
    if (this.ident() !== 'in') this.error(this.pos, 1, "'in' expected");
    this.skip(true);
    this.expr(true);
    this.skip(true);
    if (this.peek() === 58) this.pos++;
    else this.error(this.pos, 1, "':' expected");
    this.skip(true);
    this.expr(true);
    this.skip(true);
    if (object && this.text.startsWith('=>', this.pos)) {
      this.pos += 2;
      this.skip(true);
      this.expr(true);
      this.skip(true);
      if (this.text.startsWith('...', this.pos)) { this.pos += 3; this.skip(true); }
    }
    if (this.text.startsWith('if', this.pos) && !isIdChar(this.text.charCodeAt(this.pos + 2))) {
      this.pos += 2;
      this.skip(true);
      this.expr(true);
      this.skip(true);
    }
    const close = object ? 125 : 93;
    if (this.peek() === close) this.pos++;
    else this.error(this.pos, 1, `'${object ? '}' : ']'}' expected`);
    return { k: 'for', object, start, end: this.pos };
  }

  // ---- templates ----

  /** A quoted template `"…"`; ends at the line's end when unterminated (HCL strings cannot span lines). */
  quoted(): Expr & { k: 'template' } {
    const t = this.text;
    const start = this.pos++;
    const parts: TemplatePart[] = [];
    let buf = '';
    let bufStart = this.pos;
    const flush = () => {
      if (buf || bufStart < this.pos) parts.push({ kind: 'text', value: buf, start: bufStart, end: this.pos });
      buf = '';
    };
    for (;;) {
      if (this.pos >= t.length || t.charCodeAt(this.pos) === 10 || t.charCodeAt(this.pos) === 13) {
        flush();
        this.error(start, this.pos - start, 'unterminated string');
        break;
      }
      const c = t.charCodeAt(this.pos);
      if (c === 34) {
        flush();
        this.pos++;
        break;
      }
      if (c === 92 /* \ */) {
        const e = t[this.pos + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (e in simple) { buf += simple[e]; this.pos += 2; continue; }
        const u = e === 'u' ? /^[0-9a-fA-F]{4}/.exec(t.slice(this.pos + 2, this.pos + 6)) : e === 'U' ? /^[0-9a-fA-F]{8}/.exec(t.slice(this.pos + 2, this.pos + 10)) : null;
        if (u) {
          const cp = parseInt(u[0], 16);
          buf += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
          this.pos += 2 + u[0].length;
          continue;
        }
        this.error(this.pos, 2, 'invalid escape sequence');
        buf += e ?? '';
        this.pos += 2;
        continue;
      }
      if (this.templateMarker(parts, flush, () => { bufStart = this.pos; }, (s) => { buf += s; })) continue;
      buf += t[this.pos++];
    }
    return { k: 'template', parts, heredoc: false, start, end: this.pos };
  }

  /**
   * `$${`/`%%{` (literal), `${ expr }` or `%{ directive }` at pos: consumed and true; false otherwise.
   */
  templateMarker(parts: TemplatePart[], flush: () => void, restart: () => void, literal: (s: string) => void): boolean {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if ((c !== 36 && c !== 37) || t.charCodeAt(this.pos + 1) !== 123) {
      if ((c === 36 || c === 37) && t.charCodeAt(this.pos + 1) === c && t.charCodeAt(this.pos + 2) === 123) {
        literal(`${t[this.pos]}{`);
        this.pos += 3;
        return true;
      }
      return false;
    }
    flush();
    const s = this.pos;
    this.pos += 2;
    if (this.peek() === 126 /* ~ */) this.pos++;
    this.skip(true);
    if (c === 36) {
      const expr = this.expr(true);
      this.skip(true);
      if (this.peek() === 126) this.pos++;
      if (this.peek() === 125) this.pos++;
      else this.error(this.pos, 1, "'}' expected to close the interpolation");
      parts.push({ kind: 'interp', expr, start: s, end: this.pos });
    } else {
      // %{ if cond } / %{ else } / %{ endif } / %{ for x in xs } / %{ endfor }: read; a template with one is not evaluated.
      const word = this.ident();
      this.skip(true);
      if (word === 'if') this.expr(true);
      else if (word === 'for') {
        this.ident();
        this.skip(true);
        if (this.peek() === 44) { this.pos++; this.skip(true); this.ident(); this.skip(true); }
        this.ident();
        this.skip(true);
        this.expr(true);
      } else if (word !== 'else' && word !== 'endif' && word !== 'endfor') this.error(s, 2, 'template directive expected (if, else, endif, for, endfor)');
      this.skip(true);
      if (this.peek() === 126) this.pos++;
      if (this.peek() === 125) this.pos++;
      else this.error(this.pos, 1, "'}' expected to close the directive");
      parts.push({ kind: 'directive', start: s, end: this.pos });
    }
    restart();
    return true;
  }

  /** `<<EOT` / `<<-EOT` … a line holding only `EOT`. Unterminated: the heredoc runs to the end of the text. */
  private heredoc(): Expr {
    const t = this.text;
    const start = this.pos;
    this.pos += 2;
    const indent = this.peek() === 45;
    if (indent) this.pos++;
    const marker = this.ident();
    if (!marker) {
      this.error(start, 2, 'heredoc marker expected');
      return { k: 'error', start, end: this.pos };
    }
    this.skip(false);
    if (!this.atLineEnd()) this.error(this.pos, 1, 'newline expected after the heredoc marker');
    let nl = t.indexOf('\n', this.pos);
    if (nl < 0) nl = t.length;
    // Find the closing line first: interpolations are parsed only in the heredoc's own text.
    let lineStart = nl + 1;
    let contentEnd = -1;
    let closeEnd = -1;
    while (lineStart <= t.length) {
      let le = t.indexOf('\n', lineStart);
      if (le < 0) le = t.length;
      const line = t.slice(lineStart, le).replace(/\r$/, '');
      if (line.trim() === marker) {
        contentEnd = lineStart;
        closeEnd = lineStart + line.length;
        break;
      }
      if (le >= t.length) break;
      lineStart = le + 1;
    }
    if (contentEnd < 0) {
      this.error(start, this.pos - start, `unterminated heredoc: no line '${marker}'`);
      contentEnd = t.length;
      closeEnd = t.length;
    }
    const parts: TemplatePart[] = [];
    const sub = new Parser(t.slice(0, contentEnd));
    sub.pos = Math.min(nl + 1, contentEnd);
    let buf = '';
    let bufStart = sub.pos;
    const flush = () => {
      if (buf) parts.push({ kind: 'text', value: buf, start: bufStart, end: sub.pos });
      buf = '';
    };
    while (sub.pos < contentEnd) {
      if (sub.templateMarker(parts, flush, () => { bufStart = sub.pos; }, (s) => { buf += s; })) continue;
      buf += t[sub.pos++];
    }
    flush();
    for (const e of sub.errors) this.error(e.offset, e.length, e.message.replace(/^HCL syntax error: /, ''));
    for (const c of sub.comments) this.comment(c.start, c.end, c.marker);
    if (indent) stripIndent(parts);
    this.pos = closeEnd;
    return { k: 'template', parts, heredoc: true, start, end: this.pos };
  }
}

/** `<<-`: the smallest indentation of the heredoc's lines is removed from every line. */
function stripIndent(parts: TemplatePart[]) {
  const texts = parts.filter((p): p is TemplatePart & { kind: 'text' } => p.kind === 'text');
  const all = texts.map((p) => p.value).join('\u0000');
  let min = Infinity;
  for (const line of all.split('\n')) {
    if (!line.replace(/\u0000/g, '').trim()) continue;
    const m = /^[ \t]*/.exec(line)![0].length;
    if (m < min) min = m;
  }
  if (!isFinite(min) || min === 0) return;
  let atLineStart = true;
  for (const p of texts) {
    p.value = p.value.split('\n').map((l, i) => ((i > 0 || atLineStart) ? l.replace(new RegExp(`^[ \\t]{0,${min}}`), '') : l)).join('\n');
    atLineStart = p.value.endsWith('\n');
  }
}

/** Parses a whole HCL file. Never throws. */
export function parseHcl(text: string): HclFile {
  const p = new Parser(text);
  let body: HclBody;
  try {
    body = p.body(false, 0);
  } catch (e) {
    if (!(e instanceof DepthError) && !(e instanceof RangeError)) throw e;
    p.error(p.pos, 1, `nested deeper than ${MAX_DEPTH} levels: not analysed`);
    body = { items: [], start: 0, end: text.length };
  }
  body.end = text.length;
  p.comments.sort((a, b) => a.start - b.start);
  return { body, comments: p.comments, errors: p.errors };
}

/**
 * Parses a template string as Terraform JSON writes expressions (`"${var.x}"`, `"aks-${var.env}"`), for the one
 * Terraform resolver both syntaxes share. Offsets are relative to the string value. Undefined when it does not parse.
 */
export function parseTemplateString(s: string): (Expr & { k: 'template' }) | undefined {
  const p = new Parser(s);
  const parts: TemplatePart[] = [];
  let buf = '';
  let bufStart = 0;
  const flush = () => {
    if (buf) parts.push({ kind: 'text', value: buf, start: bufStart, end: p.pos });
    buf = '';
  };
  try {
    while (p.pos < s.length) {
      if (p.templateMarker(parts, flush, () => { bufStart = p.pos; }, (x) => { buf += x; })) continue;
      buf += s[p.pos++];
    }
  } catch {
    return undefined;
  }
  flush();
  if (p.errors.length) return undefined;
  return { k: 'template', parts, heredoc: false, start: 0, end: s.length };
}

/** Parses one expression (e.g. a `-var` value or a test input). */
export function parseHclExpression(s: string): { expr: Expr; errors: HclProblem[] } {
  const p = new Parser(s);
  p.skip(true);
  const expr = p.exprOrError(true);
  p.skip(true);
  if (p.pos < s.length) p.error(p.pos, 1, 'end of expression expected');
  return { expr, errors: p.errors };
}

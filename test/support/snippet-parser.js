// Port of the parts of VS Code's snippet parser (microsoft/vscode src/vs/editor/contrib/snippet/browser/snippetParser.ts, MIT) needed to expand snippets as the editor does: placeholders, mirrors, choices and transforms.
// Port of the relevant parts of VS Code's snippetParser.ts (src/vs/editor/contrib/snippet/browser/snippetParser.ts).
'use strict';
const T = { Dollar: 0, Colon: 1, Comma: 2, CurlyOpen: 3, CurlyClose: 4, Backslash: 5, Forwardslash: 6, Pipe: 7, Int: 8, VariableName: 9, Format: 10, Plus: 11, Dash: 12, QuestionMark: 13, EOF: 14 };
const TABLE = { 36: T.Dollar, 58: T.Colon, 44: T.Comma, 123: T.CurlyOpen, 125: T.CurlyClose, 92: T.Backslash, 47: T.Forwardslash, 124: T.Pipe, 43: T.Plus, 45: T.Dash, 63: T.QuestionMark };
const isDigit = (c) => c >= 48 && c <= 57;
const isVar = (c) => c === 95 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
class Scanner {
  text(v) { this.value = v; this.pos = 0; }
  tokenText(t) { return this.value.substr(t.pos, t.len); }
  next() {
    if (this.pos >= this.value.length) return { type: T.EOF, pos: this.pos, len: 0 };
    const pos = this.pos; let len = 0; let ch = this.value.charCodeAt(pos);
    let type = TABLE[ch];
    if (typeof type === 'number') { this.pos += 1; return { type, pos, len: 1 }; }
    if (isDigit(ch)) { do { len += 1; ch = this.value.charCodeAt(pos + len); } while (isDigit(ch)); this.pos += len; return { type: T.Int, pos, len }; }
    if (isVar(ch)) { do { ch = this.value.charCodeAt(pos + (++len)); } while (isVar(ch) || isDigit(ch)); this.pos += len; return { type: T.VariableName, pos, len }; }
    do { len += 1; ch = this.value.charCodeAt(pos + len); } while (!isNaN(ch) && typeof TABLE[ch] === 'undefined' && !isDigit(ch) && !isVar(ch));
    this.pos += len; return { type: T.Format, pos, len };
  }
}
class Marker { constructor() { this.children = []; } append(c) { this.children.push(c); c.parent = this; } }
class Text extends Marker { constructor(v) { super(); this.value = v; } }
class Placeholder extends Marker { constructor(i) { super(); this.index = i; this.transform = undefined; }
  get choice() { return this.children.length === 1 && this.children[0] instanceof Choice ? this.children[0] : undefined; } }
class Choice extends Marker { get options() { return this.children; } }
class Variable extends Marker { constructor(n) { super(); this.name = n; } }
class FormatString extends Marker { constructor(index, shorthand, ifValue, elseValue) { super(); Object.assign(this, { index, shorthand, ifValue, elseValue }); }
  resolve(value) {
    if (this.shorthand === 'upcase') return value ? value.toUpperCase() : '';
    if (this.shorthand === 'downcase') return value ? value.toLowerCase() : '';
    if (this.shorthand) return value || '';
    if (value && typeof this.ifValue === 'string') return this.ifValue;
    if (!value && typeof this.elseValue === 'string') return this.elseValue;
    return value || '';
  } }
class Transform extends Marker {
  resolve(value) {
    let didMatch = false;
    let ret = value.replace(this.regexp, (...args) => { didMatch = true; return this._replace(args.slice(0, -2)); });
    if (!didMatch && this.children.some((c) => c instanceof FormatString && Boolean(c.elseValue))) ret = this._replace([]);
    return ret;
  }
  _replace(groups) { let r = ''; for (const m of this.children) { if (m instanceof FormatString) r += m.resolve(groups[m.index] || ''); else r += m.value; } return r; }
}
class Parser {
  constructor() { this.s = new Scanner(); }
  parse(value) {
    const root = new Marker();
    this.s.text(value); this.tok = this.s.next();
    while (this._parse(root));
    // first placeholder of an index that has a value defines the value for all (mirrors)
    const defaults = new Map(); const incomplete = [];
    walk(root, (m) => { if (m instanceof Placeholder) { if (!defaults.has(m.index) && m.children.length > 0) defaults.set(m.index, m); else incomplete.push(m); } });
    for (const p of incomplete) { const d = defaults.get(p.index); if (d && d !== p) p.mirrorOf = d; }
    return root;
  }
  _accept(type, value) { if (type === undefined || this.tok.type === type) { const ret = !value ? true : this.s.tokenText(this.tok); this.tok = this.s.next(); return ret; } return false; }
  _backTo(t) { this.s.pos = t.pos + t.len; this.tok = t; return false; }
  _until(type) {
    const start = this.tok;
    while (this.tok.type !== type) {
      if (this.tok.type === T.EOF) return false;
      if (this.tok.type === T.Backslash) { const n = this.s.next(); if (n.type !== T.Dollar && n.type !== T.CurlyClose && n.type !== T.Backslash) return false; }
      this.tok = this.s.next();
    }
    const v = this.s.value.substring(start.pos, this.tok.pos).replace(/\\(\$|}|\\)/g, '$1');
    this.tok = this.s.next(); return v;
  }
  _parse(m) { return this._parseEscaped(m) || this._parseTabstopOrVariableName(m) || this._parseComplexPlaceholder(m) || this._parseComplexVariable(m) || this._parseAnything(m); }
  _parseEscaped(m) { let v; if ((v = this._accept(T.Backslash, true))) { v = this._accept(T.Dollar, true) || this._accept(T.CurlyClose, true) || this._accept(T.Backslash, true) || v; m.append(new Text(v)); return true; } return false; }
  _parseTabstopOrVariableName(parent) { let v; const t = this.tok; const ok = this._accept(T.Dollar) && (v = this._accept(T.VariableName, true) || this._accept(T.Int, true)); if (!ok) return this._backTo(t); parent.append(/^\d+$/.test(v) ? new Placeholder(Number(v)) : new Variable(v)); return true; }
  _parseComplexPlaceholder(parent) {
    let index; const t = this.tok;
    const ok = this._accept(T.Dollar) && this._accept(T.CurlyOpen) && (index = this._accept(T.Int, true));
    if (!ok) return this._backTo(t);
    const ph = new Placeholder(Number(index));
    if (this._accept(T.Colon)) {
      for (;;) {
        if (this._accept(T.CurlyClose)) { parent.append(ph); return true; }
        if (this._parse(ph)) continue;
        parent.append(new Text('${' + index + ':')); ph.children.forEach((c) => parent.append(c)); parent.unclosed = true; return true;
      }
    } else if (ph.index > 0 && this._accept(T.Pipe)) {
      const choice = new Choice();
      for (;;) {
        if (this._parseChoiceElement(choice)) {
          if (this._accept(T.Comma)) continue;
          if (this._accept(T.Pipe)) { ph.append(choice); if (this._accept(T.CurlyClose)) { parent.append(ph); return true; } }
        }
        this._backTo(t); return false;
      }
    } else if (this._accept(T.Forwardslash)) {
      if (this._parseTransform(ph)) { parent.append(ph); return true; }
      this._backTo(t); return false;
    } else if (this._accept(T.CurlyClose)) { parent.append(ph); return true; }
    return this._backTo(t);
  }
  _parseChoiceElement(parent) {
    const t = this.tok; const values = [];
    for (;;) {
      if (this.tok.type === T.Comma || this.tok.type === T.Pipe) break;
      let v;
      if ((v = this._accept(T.Backslash, true))) v = this._accept(T.Comma, true) || this._accept(T.Pipe, true) || this._accept(T.Backslash, true) || v;
      else v = this._accept(undefined, true);
      if (!v) { this._backTo(t); return false; }
      values.push(v);
    }
    if (values.length === 0) { this._backTo(t); return false; }
    parent.append(new Text(values.join(''))); return true;
  }
  _parseComplexVariable(parent) {
    let name; const t = this.tok;
    const ok = this._accept(T.Dollar) && this._accept(T.CurlyOpen) && (name = this._accept(T.VariableName, true));
    if (!ok) return this._backTo(t);
    const v = new Variable(name);
    if (this._accept(T.Colon)) { for (;;) { if (this._accept(T.CurlyClose)) { parent.append(v); return true; } if (this._parse(v)) continue; parent.append(new Text('${' + name + ':')); return true; } }
    else if (this._accept(T.Forwardslash)) { if (this._parseTransform(v)) { parent.append(v); return true; } this._backTo(t); return false; }
    else if (this._accept(T.CurlyClose)) { parent.append(v); return true; }
    return this._backTo(t);
  }
  _parseTransform(parent) {
    const tr = new Transform(); let rv = ''; let ro = '';
    for (;;) { if (this._accept(T.Forwardslash)) break; let e; if ((e = this._accept(T.Backslash, true))) { e = this._accept(T.Forwardslash, true) || e; rv += e; continue; } if (this.tok.type !== T.EOF) { rv += this._accept(undefined, true); continue; } return false; }
    for (;;) { if (this._accept(T.Forwardslash)) break; let e; if ((e = this._accept(T.Backslash, true))) { e = this._accept(T.Backslash, true) || this._accept(T.Forwardslash, true) || e; tr.append(new Text(e)); continue; } if (this._parseFormatString(tr) || this._parseAnything(tr)) continue; return false; }
    for (;;) { if (this._accept(T.CurlyClose)) break; if (this.tok.type !== T.EOF) { ro += this._accept(undefined, true); continue; } return false; }
    try { tr.regexp = new RegExp(rv, ro); } catch { return false; }
    parent.transform = tr; return true;
  }
  _parseFormatString(parent) {
    const t = this.tok; if (!this._accept(T.Dollar)) return false;
    let complex = false; if (this._accept(T.CurlyOpen)) complex = true;
    const index = this._accept(T.Int, true);
    if (!index) { this._backTo(t); return false; }
    if (!complex) { parent.append(new FormatString(Number(index))); return true; }
    if (this._accept(T.CurlyClose)) { parent.append(new FormatString(Number(index))); return true; }
    if (!this._accept(T.Colon)) { this._backTo(t); return false; }
    if (this._accept(T.Forwardslash)) { const sh = this._accept(T.VariableName, true); if (!sh || !this._accept(T.CurlyClose)) { this._backTo(t); return false; } parent.append(new FormatString(Number(index), sh)); return true; }
    if (this._accept(T.Plus)) { const iv = this._until(T.CurlyClose); if (iv) { parent.append(new FormatString(Number(index), undefined, iv, undefined)); return true; } }
    else if (this._accept(T.Dash)) { const ev = this._until(T.CurlyClose); if (ev) { parent.append(new FormatString(Number(index), undefined, undefined, ev)); return true; } }
    else if (this._accept(T.QuestionMark)) { const iv = this._until(T.Colon); if (iv) { const ev = this._until(T.CurlyClose); if (ev) { parent.append(new FormatString(Number(index), undefined, iv, ev)); return true; } } }
    else { const ev = this._until(T.CurlyClose); if (ev) { parent.append(new FormatString(Number(index), undefined, undefined, ev)); return true; } }
    this._backTo(t); return false;
  }
  _parseAnything(m) { if (this.tok.type !== T.EOF) { m.append(new Text(this.s.tokenText(this.tok))); this._accept(undefined); return true; } return false; }
}
function walk(m, f) { for (const c of m.children) { f(c); walk(c, f); } }

/** Expands a snippet: every placeholder takes its value (choice: `choices[index]` or the first option), mirrors copy it, transforms apply. */
function expand(body, choices = {}) {
  const root = new Parser().parse(body);
  const info = { variables: [], indexes: new Set(), choices: new Map(), transforms: [], unclosed: !!root.unclosed };
  walk(root, (m) => {
    if (m instanceof Variable) info.variables.push(m.name);
    if (m instanceof Placeholder) { info.indexes.add(m.index); if (m.choice) info.choices.set(m.index, m.choice.options.map((o) => o.value)); if (m.transform) info.transforms.push(m.index); }
  });
  const valueOf = (ph) => {
    const src = ph.mirrorOf ?? ph;
    let v;
    if (src.choice) v = choices[src.index] ?? src.choice.options[0].value;
    else v = render(src.children);
    return ph.transform ? ph.transform.resolve(v) : v;
  };
  const render = (list) => list.map((m) => m instanceof Text ? m.value : m instanceof Placeholder ? (m.index === 0 && !m.children.length ? '' : valueOf(m)) : m instanceof Variable ? '<<VAR ' + m.name + '>>' : '').join('');
  return { text: render(root.children), info };
}
module.exports = { expand, Parser };

import type { ParsedFile } from './documents';
import type { DocumentModel } from './model';
import { RULES_BY_ID } from './rules';
import type { EngineOptions, Severity } from './rules/types';
import { format } from './rules/types';

/**
 * Suppressions: in-source directives that silence findings, each with a mandatory reason.
 *
 *   YAML:  # aks-guardrails-disable-next-line <rule>[,<rule>] [until=YYYY-MM-DD] -- reason
 *   JSONC: // aks-guardrails-disable-next-line …   (ARM templates; .tf.json and plan JSON allow no comments)
 *   HCL:   # aks-guardrails-disable-next-line …  or  // …  or  /* … *\/ on one line   (Terraform .tf)
 *          /* aks-guardrails-disable-next-line … -- reason *\/   (a block comment closed on the same line)
 *   file:  # aks-guardrails-disable-file <rule>[,<rule>] [until=…] -- reason   (in the file's first comment block)
 *   Kubernetes: metadata.annotations["aks-guardrails.io/ignore-<rule>"]: "[until=YYYY-MM-DD] reason"
 *
 * A next-line directive applies to the next line that is neither blank nor a comment (directives can be stacked).
 * Problems with suppressions are Information findings with rule id `suppression`; a suppression without a reason,
 * past its expiry, or whose rule forbids inline suppression (allowInlineSuppression: false) is NOT applied.
 */
export const SUPPRESSION = 'suppression';

export const SUPPRESSION_MESSAGES: Record<string, string> = {
  missingReason: "Suppression of {{rules}} has no reason: add ' -- <why>' (it is not applied).",
  placeholderReason: "Suppression of {{rules}} still has the placeholder reason '{{reason}}': write down why (it is applied).",
  expired: 'Suppression of {{rules}} expired on {{date}} (it is no longer applied).',
  invalidDate: "Suppression has an invalid expiry '{{date}}': use until=YYYY-MM-DD (it is not applied).",
  unknownRule: "Unknown rule '{{rule}}' in suppression.",
  unused: "Suppression of '{{rule}}' suppresses nothing: remove it.",
  forbidden: "Rule '{{rule}}' does not allow inline suppression (allowInlineSuppression: false): the suppression is not applied.",
  misplaced: 'aks-guardrails-disable-file must be in the first comment block of the file (it is not applied).',
  misplacedAnnotation: "Suppression annotations belong on the object's metadata, not on its pod template (it is not applied).",
  noRule: 'Suppression names no rule.',
};

/** `TODO: reason` (what the code actions insert), `TODO`, `TBD`, `FIXME`… alone. */
export const PLACEHOLDER_REASON = /^(?:todo|tbd|fixme|xxx)\b\s*(?::\s*reason)?\s*\.?$/i;

export const ANNOTATION_PREFIX = 'aks-guardrails.io/ignore-';

/** What suppressions need to know of a finding (Finding of analyze.ts is structurally compatible). */
export interface SuppressibleFinding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  document: number;
}

export type SuppressionKind = 'next-line' | 'file' | 'annotation';

export interface SuppressionRule {
  id: string;
  start: number;
  end: number;
}

export interface Suppression {
  kind: SuppressionKind;
  rules: SuppressionRule[];
  reason?: string;
  until?: string;
  /** Whole directive (comment text or annotation entry), file offsets. */
  start: number;
  end: number;
  /** next-line: 0-based line the directive applies to; annotation: file offsets of the object. */
  targetLine?: number;
  scopeStart?: number;
  scopeEnd?: number;
  /** Directive's own line (next-line and file kinds). */
  line?: number;
  misplaced?: boolean;
}

const DIRECTIVE = /aks-guardrails-disable-(next-line|file)\b(.*)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date, YYYY-MM-DD (UTC), unless the options fix it (tests). */
export function todayOf(options: Partial<EngineOptions>): string {
  return options.today ?? new Date().toISOString().slice(0, 10);
}

/** Finds every directive comment and annotation of a file. */
export function findSuppressions(file: ParsedFile, models: DocumentModel[]): Suppression[] {
  const out: Suppression[] = [];
  const text = file.text;
  const lines = file.lines;
  // HCL (`.tf`) has both `#` and `//` line comments.
  const markers = file.syntax === 'yaml' ? ['#'] : file.syntax === 'hcl' ? ['#', '//'] : ['//'];
  const allowComments = file.syntax === 'yaml' || !/\.tf\.json$/i.test(file.path);
  let inHeader = true;
  const pending: Suppression[] = [];
  // Directive comments are written literally: a file without the marker word has none (no per-line scan).
  const lineCount = text.includes('aks-guardrails-disable-') ? lines.lineCount : 0;
  for (let line = 0; line < lineCount; line++) {
    const ls = lines.lineStart(line);
    const le = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    const raw = text.slice(ls, le).replace(/\r?\n$|\r$/, '');
    const trimmed = raw.trim();
    let commentAt = -1;
    let markerLength = 0;
    for (const marker of allowComments ? markers : []) {
      const at = commentStart(raw, marker);
      if (at >= 0 && (commentAt < 0 || at < commentAt)) {
        commentAt = at;
        markerLength = marker.length;
      }
    }
    let commentEnd = raw.length;
    let isCommentLine = commentAt >= 0 && raw.slice(0, commentAt).trim() === '';
    // JSON with comments: a block comment closed on its own line (`/* aks-guardrails-disable-next-line … -- reason */`)
    // works like a `//` one (when it starts first: its reason may hold a URL); a block comment spanning lines is not a directive.
    const open = allowComments && file.syntax !== 'yaml' ? commentStart(raw, '/*') : -1;
    if (open >= 0 && (commentAt < 0 || open < commentAt)) {
      const close = raw.indexOf('*/', open + 2);
      if (close >= 0) {
        commentAt = open;
        markerLength = 2;
        commentEnd = close;
        const after = raw.slice(close + 2).trim();
        isCommentLine = raw.slice(0, open).trim() === '' && (after === '' || after.startsWith('//'));
      }
    }
    if (commentAt >= 0) {
      const comment = raw.slice(commentAt + markerLength, commentEnd);
      const m = DIRECTIVE.exec(comment);
      if (m && comment.slice(0, m.index).trim() === '') {
        const bodyOffset = ls + commentAt + markerLength + m.index + m[0].length - m[2].length;
        const s = parseDirective(m[1] === 'file' ? 'file' : 'next-line', m[2], bodyOffset);
        s.start = ls + commentAt;
        s.end = ls + (commentEnd < raw.length ? commentEnd + 2 : raw.length);
        s.line = line;
        if (s.kind === 'file') s.misplaced = !(inHeader && isCommentLine);
        else pending.push(s);
        out.push(s);
      }
    }
    const blankOrComment = trimmed === '' || isCommentLine || (file.syntax === 'yaml' && (trimmed === '---' || trimmed.startsWith('%')));
    if (!blankOrComment) {
      inHeader = false;
      for (const p of pending) p.targetLine = line;
      pending.length = 0;
    }
  }
  if (file.syntax === 'bicep' && text.includes('#disable-next-line')) out.push(...bicepPragmas(file));
  for (const model of models) {
    if (model.doc.kind !== 'k8s') continue;
    for (const obj of model.k8s) {
      for (const [key, value] of obj.annotations()) {
        if (!key.startsWith(ANNOTATION_PREFIX)) continue;
        const keyNode = value.parent?.children?.[0];
        const base = model.doc.base;
        const id = key.slice(ANNOTATION_PREFIX.length);
        const kStart = base + (keyNode?.offset ?? value.offset);
        const kEnd = kStart + (keyNode?.length ?? 0);
        let reason = typeof value.value === 'string' ? value.value.trim() : value.value == null ? '' : String(value.value);
        let until: string | undefined;
        const u = /^until=(\S+)\s*(?:--\s*)?(.*)$/.exec(reason);
        if (u) { until = u[1]; reason = u[2].trim(); }
        // The rule id inside the key: after the prefix (quotes around the key shift it by one).
        const keyText = text.slice(kStart, kEnd);
        const idAt = keyText.indexOf(id, keyText.indexOf(ANNOTATION_PREFIX) + ANNOTATION_PREFIX.length - 1);
        const idStart = kStart + Math.max(0, idAt);
        out.push({
          kind: 'annotation', rules: [{ id, start: idStart, end: idStart + id.length }], reason: reason || undefined, until,
          start: kStart, end: base + value.offset + value.length,
          scopeStart: base + obj.node.offset, scopeEnd: base + obj.node.offset + obj.node.length,
        });
      }
    }
    // On a controller's pod template the annotation would silently do nothing: report it instead.
    for (const w of model.workloads) {
      if (!w.templatePath.length) continue;
      for (const [key, value] of w.podAnnotations()) {
        if (!key.startsWith(ANNOTATION_PREFIX)) continue;
        const keyNode = value.parent?.children?.[0];
        const base = model.doc.base;
        out.push({ kind: 'annotation', rules: [], misplaced: true, start: base + (keyNode?.offset ?? value.offset), end: base + value.offset + value.length });
      }
    }
  }
  return out;
}

/** Offset of the comment marker in a line, ignoring markers inside quoted strings; -1 when none. */
function commentStart(line: string, marker: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || (c === "'" && marker === '#')) { quote = c; continue; }
    if (line.startsWith(marker, i) && (marker !== '#' || i === 0 || /\s/.test(line[i - 1]))) return i;
  }
  return -1;
}

/**
 * Bicep's own `#disable-next-line code1 code2 // reason` pragma: the codes that are this product's rule ids apply to the
 * next line, as the Bicep compiler applies its own codes (the compiler ignores codes it does not know, and we ignore
 * Bicep's: `no-unused-params`, `BCP081`). The reason is the trailing `//` comment (or `-- reason`), required as for
 * every other suppression.
 */
const BICEP_PRAGMA = /^([ \t]*)#disable-next-line\b([^\r\n]*)$/gm;
const PRODUCT_RULE = /^(aks|acr|sub|k8s)-[a-z0-9-]+$/;

function bicepPragmas(file: ParsedFile): Suppression[] {
  const out: Suppression[] = [];
  const text = file.text;
  let m: RegExpExecArray | null;
  BICEP_PRAGMA.lastIndex = 0;
  while ((m = BICEP_PRAGMA.exec(text))) {
    const start = m.index + m[1].length;
    const bodyOffset = start + '#disable-next-line'.length;
    const comment = m[2].indexOf('//');
    const codesText = comment >= 0 ? m[2].slice(0, comment) : m[2];
    const dash = /(^|\s)--(\s|$)/.exec(codesText);
    const head = dash ? codesText.slice(0, dash.index) : codesText;
    const reason = (dash ? codesText.slice(dash.index + dash[0].length) : comment >= 0 ? m[2].slice(comment + 2) : '').trim();
    const rules: SuppressionRule[] = [];
    let until: string | undefined;
    const token = /[^\s,]+/g;
    let t: RegExpExecArray | null;
    while ((t = token.exec(head))) {
      if (t[0].startsWith('until=')) until = t[0].slice(6);
      else if (PRODUCT_RULE.test(t[0])) rules.push({ id: t[0], start: bodyOffset + t.index, end: bodyOffset + t.index + t[0].length });
    }
    if (!rules.length) continue;
    const line = file.lines.position(start).line;
    // The next line that is not blank or a comment.
    let target = line + 1;
    while (target < file.lines.lineCount) {
      const ls = file.lines.lineStart(target);
      const le = target + 1 < file.lines.lineCount ? file.lines.lineStart(target + 1) : text.length;
      const l = text.slice(ls, le).trim();
      if (l && !l.startsWith('//')) break;
      target++;
    }
    out.push({ kind: 'next-line', rules, reason: reason || undefined, until, start, end: m.index + m[0].length, line, targetLine: target });
  }
  return out;
}

function parseDirective(kind: SuppressionKind, body: string, bodyOffset: number): Suppression {
  const dash = /(^|\s)--(\s|$)/.exec(body);
  const head = dash ? body.slice(0, dash.index) : body;
  const reason = dash ? body.slice(dash.index + dash[0].length).trim() : '';
  const rules: SuppressionRule[] = [];
  let until: string | undefined;
  const token = /[^\s,]+/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(head))) {
    if (m[0].startsWith('until=')) until = m[0].slice(6);
    else rules.push({ id: m[0], start: bodyOffset + m.index, end: bodyOffset + m.index + m[0].length });
  }
  return { kind, rules, reason: reason || undefined, until, start: 0, end: 0 };
}

export interface SuppressionContext {
  options: EngineOptions;
  /** Ids of the rules that ran: a suppression of another rule is not reported as unused. */
  ran: Set<string>;
  /** False when some document could not be analysed (parse errors): no "unused" reports. */
  complete: boolean;
  today: string;
}

/** Removes suppressed findings and adds the `suppression` findings. Returns the new list. */
export function applySuppressions<F extends SuppressibleFinding>(
  file: ParsedFile, models: DocumentModel[], findings: F[], ctx: SuppressionContext, make: (f: SuppressibleFinding) => F,
): F[] {
  const sups = findSuppressions(file, models);
  if (!sups.length) return findings;
  const problems: SuppressibleFinding[] = [];
  const report = (messageId: string, start: number, end: number, data: Record<string, string> = {}) =>
    problems.push({ ruleId: SUPPRESSION, messageId, severity: 'info', message: format(SUPPRESSION_MESSAGES[messageId], data), start, end, document: docAt(file, start) });
  const active: { s: Suppression; r: SuppressionRule; used: boolean }[] = [];
  for (const s of sups) {
    const names = s.rules.map((r) => r.id).join(', ');
    if (s.misplaced) { report(s.kind === 'annotation' ? 'misplacedAnnotation' : 'misplaced', s.start, s.end); continue; }
    if (!s.rules.length) { report('noRule', s.start, s.end); continue; }
    if (!s.reason) { report('missingReason', s.start, s.end, { rules: names }); continue; }
    // The placeholder the "Disable …" code actions insert: applied, but reported until a real reason replaces it.
    if (PLACEHOLDER_REASON.test(s.reason)) report('placeholderReason', s.start, s.end, { rules: names, reason: s.reason });
    if (s.until !== undefined) {
      if (!DATE.test(s.until) || Number.isNaN(Date.parse(s.until))) { report('invalidDate', s.start, s.end, { date: s.until }); continue; }
      if (s.until < ctx.today) { report('expired', s.start, s.end, { rules: names, date: s.until }); continue; }
    }
    for (const r of s.rules) {
      if (!RULES_BY_ID.has(r.id)) { report('unknownRule', r.start, r.end, { rule: r.id }); continue; }
      if (ctx.options.rules[r.id]?.allowInlineSuppression === false) { report('forbidden', r.start, r.end, { rule: r.id }); continue; }
      active.push({ s, r, used: false });
    }
  }
  const kept = findings.filter((f) => {
    let suppressed = false;
    for (const a of active) {
      if (a.r.id !== f.ruleId || !covers(file, a.s, f)) continue;
      a.used = true;
      suppressed = true;
    }
    return !suppressed;
  });
  if (ctx.complete) {
    for (const a of active) {
      if (a.used || !ctx.ran.has(a.r.id) || ctx.options.rules[a.r.id]?.level === 'off') continue;
      report('unused', a.r.start, a.r.end, { rule: a.r.id });
    }
  }
  return [...kept, ...problems.map(make)].sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}

function covers(file: ParsedFile, s: Suppression, f: SuppressibleFinding): boolean {
  switch (s.kind) {
    case 'file': return true;
    case 'next-line': return s.targetLine !== undefined && file.lines.position(f.start).line === s.targetLine;
    case 'annotation': return f.start >= (s.scopeStart ?? 0) && f.start <= (s.scopeEnd ?? -1);
  }
}

function docAt(file: ParsedFile, offset: number): number {
  let index = 0;
  for (const d of file.documents) if (d.base <= offset) index = d.index;
  return index;
}

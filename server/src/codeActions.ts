import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { modify } from 'jsonc-parser';
import type { CodeAction, Command, Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import {
  AnalysedFile, analyzeFile, ParsedFile, CONFIG_FILE_NAMES, editsByFile, editsForFix, FileSource, EngineOptions, findConfigFile, Finding, Fix, fixAll, K8sObject, parseFile, ParseOptions, RULES_BY_ID,
  ruleDocUri, ANNOTATION_PREFIX, LineIndex,
} from './engine';
import { URI } from './uri';
import { pathToFileURL } from 'node:url';

const fileUri = (p: string) => pathToFileURL(p).href;

/**
 * Code actions beyond "Fix: <title>": fix all (per rule, every fixable problem, source.fixAll.aksGuardrails),
 * suppressions (line / object / file) with a placeholder reason, documentation, config file entry.
 *
 * LSP 3.17 has no snippet text edits: suppression actions insert the literal placeholder `-- TODO: reason`
 * (for annotations the value "TODO: reason"); replace it with the real reason. A client that registers the command
 * `aksGuardrails.selectPlaceholder` (the VS Code client does, and says so with initializationOptions.selectPlaceholder)
 * gets it on those actions: run after the edit, it selects the placeholder so typing replaces it.
 */
export const FIX_ALL_KIND = 'source.fixAll.aksGuardrails';
export const SHOW_DOCUMENTATION = 'aksGuardrails.showDocumentation';
export const SELECT_PLACEHOLDER = 'aksGuardrails.selectPlaceholder';
export const PLACEHOLDER = 'TODO: reason';
const FIX_ALL_TITLE = 'Fix all auto-fixable problems';

export interface ActionContext {
  uri: string;
  text: string;
  analysis: AnalysedFile;
  options: Partial<EngineOptions>;
  parseOptions: ParseOptions;
  /** Client supports WorkspaceEdit.documentChanges with CreateFile. */
  canCreateFiles: boolean;
  /** Text of an open document by path (config file open in the editor). */
  openText: (path: string) => string | undefined;
  /** Client runs `aksGuardrails.selectPlaceholder(uri, range)` after a suppression edit (cursor on the reason). */
  selectPlaceholder?: boolean;
  /**
   * Client resolves a code action's `edit` on demand (codeAction/resolve): the "Fix all" quick fixes, a multipass
   * re-analysis each, are then computed when chosen, not on every request (the editor asks at every cursor move).
   */
  lazyFixAll?: boolean;
  /** Where other files are read (open buffers over the disk), as the analysis read them. */
  files?: FileSource;
  /** The workspace folders and the remembered kustomization search (Kustomize overlays), as the analysis used them. */
  roots?: readonly string[];
  kustomizeScans?: Map<string, string[]>;
}

/** `data` of a "Fix all" quick fix whose edit is computed by codeAction/resolve: a rule id, or '*' for every rule. */
export interface FixAllData {
  uri: string;
  fixAll: string;
}

/** The edits of a lazily offered "Fix all" quick fix (see ActionContext.lazyFixAll). */
export function resolveFixAll(ctx: ActionContext, data: FixAllData): WorkspaceEdit {
  const edits = diffEdit(ctx.analysis, ctx.text, fixAllText(ctx, (f) => data.fixAll === '*' || f.ruleId === data.fixAll));
  return { changes: { [ctx.uri]: edits } };
}

/** Where the placeholder reason is in the document once `edits` are applied; undefined when they insert none. */
export function placeholderRange(text: string, edits: TextEdit[]): Range | undefined {
  const lines = new LineIndex(text);
  const es = edits.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText })).sort((x, y) => x.start - y.start);
  let shift = 0;
  let at = -1;
  let after = text;
  for (const e of es) {
    const i = e.text.indexOf(PLACEHOLDER);
    if (i >= 0 && at < 0) at = e.start + shift + i;
    after = after.slice(0, e.start + shift) + e.text + after.slice(e.end + shift);
    shift += e.text.length - (e.end - e.start);
  }
  if (at < 0) return undefined;
  const index = new LineIndex(after);
  return { start: index.position(at), end: index.position(at + PLACEHOLDER.length) };
}

/** The command that puts the cursor on the placeholder reason, when the client has it. */
function selectCommand(ctx: ActionContext, edits: TextEdit[], title: string): Command | undefined {
  if (!ctx.selectPlaceholder) return undefined;
  const range = placeholderRange(ctx.text, edits);
  return range && { title, command: SELECT_PLACEHOLDER, arguments: [ctx.uri, range] };
}

function position(a: AnalysedFile, offset: number) {
  return a.file.lines.position(offset);
}

/** One minimal edit turning `from` into `to` (common prefix and suffix kept). */
export function diffEdit(a: AnalysedFile, from: string, to: string): TextEdit[] {
  if (from === to) return [];
  let p = 0;
  while (p < from.length && p < to.length && from[p] === to[p]) p++;
  let s = 0;
  while (s < from.length - p && s < to.length - p && from[from.length - 1 - s] === to[to.length - 1 - s]) s++;
  return [{ range: { start: position(a, p), end: position(a, from.length - s) }, newText: to.slice(p, to.length - s) }];
}

/** Multipass fix-all over the document's text; `filter` chooses the findings whose fixes apply. */
export function fixAllText(ctx: ActionContext, filter: (f: Finding) => boolean): string {
  const path = URI.toPath(ctx.uri);
  const fixesOf = (a: AnalysedFile) => ({ file: a.file, fixes: a.findings.filter((f) => f.fix && filter(f)).map((f) => f.fix!) });
  // The first pass is the server's analysis of this version; later passes re-parse only the YAML documents a pass
  // changed (parseFile consumes `previous`: never the server's own parse, which stays the document's state).
  let previous: ParsedFile | undefined;
  return fixAll(ctx.text, (t) => {
    if (t === ctx.text) return fixesOf(ctx.analysis);
    const parsed = parseFile(path, t, ctx.parseOptions, previous);
    previous = parsed;
    return fixesOf(analyzeFile(parsed, ctx.options, { files: ctx.files, roots: ctx.roots, kustomizeScans: ctx.kustomizeScans }));
  }).text;
}

export function fixAllAction(ctx: ActionContext, kind: string): CodeAction | undefined {
  if (!ctx.analysis.findings.some((f) => f.fix)) return undefined;
  const edits = diffEdit(ctx.analysis, ctx.text, fixAllText(ctx, () => true));
  if (!edits.length) return undefined;
  return { title: FIX_ALL_TITLE, kind, edit: { changes: { [ctx.uri]: edits } } };
}

/** Whether in-source suppressions can be written in this file (YAML, HCL, ARM JSON; not .tf.json or plan JSON). */
function commentMarker(a: AnalysedFile): string | undefined {
  if (a.file.syntax === 'yaml' || a.file.syntax === 'hcl') return '#';
  if (a.file.documents.every((d) => d.kind === 'arm')) return '//';
  return undefined;
}

/** The file's line ending (an inserted directive line keeps CRLF files CRLF). */
function eol(a: AnalysedFile): string {
  return /\r\n/.test(a.file.text) ? '\r\n' : '\n';
}

function lineText(a: AnalysedFile, line: number): string {
  const start = a.file.lines.lineStart(line);
  const end = line + 1 < a.file.lines.lineCount ? a.file.lines.lineStart(line + 1) : a.file.text.length;
  return a.file.text.slice(start, end).replace(/\r?\n$|\r$/, '');
}

const NEXT_LINE = /^(\s*)(#|\/\/)\s*aks-guardrails-disable-next-line\s+([^\s,]+(?:\s*,\s*[^\s,]+)*)/;

/** `Disable <rule> for this line`: appends to a directive on the previous line, or inserts one. */
export function disableLineEdit(a: AnalysedFile, f: Finding): TextEdit | undefined {
  const marker = commentMarker(a);
  if (!marker) return undefined;
  const line = a.file.lines.position(f.start).line;
  if (line > 0) {
    const prev = lineText(a, line - 1);
    const m = NEXT_LINE.exec(prev);
    if (m && m[2] === marker) {
      const at = { line: line - 1, character: m[0].length };
      return { range: { start: at, end: at }, newText: `,${f.ruleId}` };
    }
  }
  const indent = /^\s*/.exec(lineText(a, line))![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}${marker} aks-guardrails-disable-next-line ${f.ruleId} -- ${PLACEHOLDER}${eol(a)}` };
}

const FILE_DIRECTIVE = /^(\s*)(#|\/\/)\s*aks-guardrails-disable-file\s+([^\s,]+(?:\s*,\s*[^\s,]+)*)/;

/** `Disable <rule> for this file`: appends to the file directive in the first comment block, or inserts one at the top. */
export function disableFileEdit(a: AnalysedFile, f: Finding): TextEdit | undefined {
  const marker = commentMarker(a);
  if (!marker) return undefined;
  for (let line = 0; line < a.file.lines.lineCount; line++) {
    const t = lineText(a, line);
    const m = FILE_DIRECTIVE.exec(t);
    if (m && m[2] === marker) {
      const at = { line, character: m[0].length };
      return { range: { start: at, end: at }, newText: `,${f.ruleId}` };
    }
    if (t.trim() !== '' && !t.trim().startsWith(marker)) break;
  }
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, newText: `${marker} aks-guardrails-disable-file ${f.ruleId} -- ${PLACEHOLDER}${eol(a)}` };
}

/** `Disable <rule> for this object`: the annotation on the Kubernetes object's metadata. */
export function disableObjectEdits(a: AnalysedFile, f: Finding): TextEdit[] | undefined {
  const model = a.models[f.document];
  if (!model || model.doc.kind !== 'k8s') return undefined;
  const base = model.doc.base;
  const obj = model.k8s.find((o) => f.start >= base + o.node.offset && f.start <= base + o.node.offset + o.node.length);
  if (!(obj instanceof K8sObject)) return undefined;
  const key = ANNOTATION_PREFIX + f.ruleId;
  const lookup = obj.get(['metadata', 'annotations', key]);
  if (lookup.state !== 'absent') return undefined;
  const intent = obj.fix(lookup, PLACEHOLDER);
  if (!intent) return undefined;
  const fix: Fix = { title: 'suppress', intents: [intent] };
  return editsForFix(a.file, fix).map((e) => ({ range: { start: position(a, e.offset), end: position(a, e.offset + e.length) }, newText: e.text }));
}

/** `Edit <rule> in .aks-guardrails.jsonc`: adds the rule at its current level to the nearest config (created when missing). */
export function editConfigAction(ctx: ActionContext, f: Finding, level: string): CodeAction | undefined {
  const file = URI.toPath(ctx.uri);
  const existing = findConfigFile(file, (p) => ctx.openText(p) !== undefined || fs.existsSync(p));
  const name = existing ? nodePath.basename(existing) : CONFIG_FILE_NAMES[0];
  const title = `Edit ${f.ruleId} in ${name}`;
  if (existing) {
    const uri = fileUri(existing);
    let text = ctx.openText(existing);
    if (text === undefined) {
      try { text = fs.readFileSync(existing, 'utf8'); } catch { return undefined; }
    }
    const edits = modify(text, ['rules', f.ruleId], level, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
    const lines = parseFile(existing, text, { syntax: 'json' }).lines;
    const lsp: TextEdit[] = edits.map((e) => ({ range: { start: lines.position(e.offset), end: lines.position(e.offset + e.length) }, newText: e.content }));
    return { title, kind: 'quickfix', edit: { changes: { [uri]: lsp } }, command: { title, command: SHOW_DOCUMENTATION, arguments: [uri] } };
  }
  if (!ctx.canCreateFiles) return undefined;
  const folder = workspaceFolderOf(file);
  const target = nodePath.join(folder, CONFIG_FILE_NAMES[0]);
  const uri = fileUri(target);
  const content = `{\n  "extends": "recommended",\n  "rules": {\n    "${f.ruleId}": "${level}"\n  }\n}\n`;
  const edit: WorkspaceEdit = {
    documentChanges: [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }] },
    ],
  };
  return { title, kind: 'quickfix', edit, command: { title, command: SHOW_DOCUMENTATION, arguments: [uri] } };
}

/** Where a new config file goes: the nearest folder above the file holding .git, else the file's folder. */
function workspaceFolderOf(file: string): string {
  let dir = nodePath.dirname(file);
  for (;;) {
    if (fs.existsSync(nodePath.join(dir, '.git'))) return dir;
    const up = nodePath.dirname(dir);
    if (up === dir) return nodePath.dirname(file);
    dir = up;
  }
}

/** Every action for the findings under the cursor (plus the file-wide ones). */
export function codeActions(ctx: ActionContext, hits: Finding[], diagnosticsFor: (f: Finding) => Diagnostic[] | undefined, only: string[] | undefined): CodeAction[] {
  const a = ctx.analysis;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const actions: CodeAction[] = [];
  if (only && !wants('quickfix')) {
    if (wants(FIX_ALL_KIND)) {
      const all = fixAllAction(ctx, FIX_ALL_KIND);
      if (all) actions.push(all);
    }
    return actions;
  }
  const fixableInFile = a.findings.filter((f) => f.fix);
  const seenRules = new Set<string>();
  const rulesHit = hits.filter((f) => RULES_BY_ID.has(f.ruleId));
  for (const f of hits) {
    const diagnostics = diagnosticsFor(f);
    if (f.fix) actions.push({ title: `Fix: ${f.fix.title}`, kind: 'quickfix', isPreferred: true, diagnostics, edit: fixEdit(ctx, f.fix) });
    for (const sgg of f.suggestions ?? []) {
      actions.push({ title: `Suggestion: ${sgg.title}`, kind: 'quickfix', isPreferred: false, diagnostics, edit: fixEdit(ctx, sgg) });
    }
  }
  for (const f of rulesHit) {
    if (seenRules.has(f.ruleId)) continue;
    seenRules.add(f.ruleId);
    const diagnostics = diagnosticsFor(f);
    if (f.fix && fixableInFile.filter((x) => x.ruleId === f.ruleId).length > 1) {
      const title = `Fix all ${f.ruleId} problems in this file`;
      if (ctx.lazyFixAll) actions.push({ title, kind: 'quickfix', diagnostics, data: { uri: ctx.uri, fixAll: f.ruleId } satisfies FixAllData });
      else {
        const edits = diffEdit(a, ctx.text, fixAllText(ctx, (x) => x.ruleId === f.ruleId));
        if (edits.length) actions.push({ title, kind: 'quickfix', diagnostics, edit: { changes: { [ctx.uri]: edits } } });
      }
    }
  }
  if (fixableInFile.length > 1 && rulesHit.some((f) => f.fix)) {
    const all = ctx.lazyFixAll
      ? { title: FIX_ALL_TITLE, kind: 'quickfix', data: { uri: ctx.uri, fixAll: '*' } satisfies FixAllData }
      : fixAllAction(ctx, 'quickfix');
    if (all) actions.push(all);
  }
  seenRules.clear();
  for (const f of rulesHit) {
    if (seenRules.has(f.ruleId)) continue;
    seenRules.add(f.ruleId);
    const diagnostics = diagnosticsFor(f);
    const suppress = (scope: string, edits: TextEdit[] | undefined) => {
      if (!edits?.length) return;
      const title = `Disable ${f.ruleId} for ${scope}`;
      const command = selectCommand(ctx, edits, title);
      actions.push({ title, kind: 'quickfix', diagnostics, edit: { changes: { [ctx.uri]: edits } }, ...(command ? { command } : {}) });
    };
    const line = disableLineEdit(a, f);
    suppress('this line', line && [line]);
    suppress('this object', disableObjectEdits(a, f));
    const file = disableFileEdit(a, f);
    suppress('this file', file && [file]);
    const doc = ruleDocUri(f.ruleId);
    if (doc) actions.push({ title: `Show documentation for ${f.ruleId}`, kind: 'quickfix', command: { title: `Show documentation for ${f.ruleId}`, command: SHOW_DOCUMENTATION, arguments: [doc] } });
    const cfg = editConfigAction(ctx, f, f.severity === 'hint' ? 'info' : f.severity);
    if (cfg) actions.push({ ...cfg, diagnostics });
  }
  return actions;
}

/**
 * The workspace edit of one fix: this document's edits, and those of every other file the fix writes to (a variable's
 * default in `variables.tf`, a caller's argument), positioned in the text the analysis read of that file.
 */
export function fixEdit(ctx: ActionContext, fix: Fix): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const { file, edits } of editsByFile(ctx.analysis.file, fix)) {
    const uri = file === ctx.analysis.file ? ctx.uri : fileUri(file.path);
    changes[uri] = edits.map((e) => ({ range: { start: file.lines.position(e.offset), end: file.lines.position(e.offset + e.length) }, newText: e.text }));
  }
  if (!changes[ctx.uri]) changes[ctx.uri] = [];
  return { changes };
}

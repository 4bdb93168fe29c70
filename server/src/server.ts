import {
  CodeAction, CodeActionKind, CodeActionParams, createConnection, Diagnostic, DiagnosticSeverity, DiagnosticTag, Hover, MarkupKind,
  ProposedFeatures, TextDocumentSyncKind, TextDocuments, TextEdit, InitializeResult, FileChangeType,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { setBicepModuleCache } from './engine/model/bicepModules';
import { applyBaseline, Baseline, baselineKey, defaultBaselinePath, parseBaseline } from './baseline';
import * as nodePath from 'node:path';
import { clearConfigCache, Customization, editorOptions, isConfigFile } from './editorConfig';
import { ActionContext, codeActions, FIX_ALL_KIND, FixAllData, resolveFixAll } from './codeActions';
import { registerWorkspaceScan } from './workspaceScan';
import { analysisDelay, ScheduleReason } from './debounce';
import { pathToFileURL } from 'node:url';
import {
  analyzeFileSteps, AnalysedFile, editsForFix, EngineOptions, Finding, ParsedFile, parseFile, RULES_BY_ID, ruleDocSummary, ruleDocUri, Severity, Syntax,
  DEFAULT_MAX_SIZE, Fix, parseConfig, parseFileSteps, runInSlices, RecordingFileSource, withOpenBuffers, FileSource, kustomize,
} from './engine';
import { defineRule, RuleModule, RULES } from './engine';

/** LSP wiring only: documents in, diagnostics, code actions and hovers out. The engine does the work. */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

interface Settings {
  enable: boolean;
  kubernetesVersion: string;
  allowedRegistries: string[];
  maxFileSizeKB: number;
  /** The local Bicep module cache (empty: ~/.bicep). */
  bicepModuleCache?: string;
  /** Findings a baseline lists: shown as Hints marked "(baselined)", or hidden; the baseline file (default: next to the config). */
  baseline?: { show?: 'hint' | 'hide'; file?: string };
  /** aksGuardrails.rules.customizations: editor-only re-levelling on top of the config file. */
  rules?: { customizations?: Customization[] };
}
const DEFAULT_SETTINGS: Settings = { enable: true, kubernetesVersion: '1.30', allowedRegistries: [], maxFileSizeKB: DEFAULT_MAX_SIZE / 1024 };

interface DocState {
  version: number;
  parsed?: ParsedFile;
  analysis?: AnalysedFile;
  timer?: NodeJS.Timeout;
  /** Counter of analysis runs: only the latest run of a document may publish. */
  run?: number;
  /** The other files the last analysis read (modules, variables files, bases): a change of one re-analyses this document. */
  deps?: RecordingFileSource;
  /** Wall time of the last completed analysis (ms): the next edit's delay follows from it (debounce.ts). */
  costMs?: number;
  /** The reason of the pending timer ('open' is not overridden by the change event that follows it). */
  pending?: ScheduleReason;
  openedVersion?: number;
}
const state = new Map<string, DocState>();
const settingsCache = new Map<string, Promise<Settings>>();
let hasConfiguration = false;
let canCreateFiles = false;
/** The client runs aksGuardrails.selectPlaceholder after suppression edits (initializationOptions.selectPlaceholder). */
let selectPlaceholder = false;
/** The client resolves code action edits on demand: "Fix all" quick fixes are computed when chosen. */
let lazyFixAll = false;
/** Engine options of each document's last analysis (code actions re-analyse with them). */
const optionsUsed = new Map<string, Partial<EngineOptions>>();
/**
 * TEST AND BENCH HOOK (initializationOptions.traceScheduling): the server says when it schedules an analysis and with
 * which delay (aksGuardrails/scheduled), and what each published analysis cost (aksGuardrails/analysed).
 */
let traceScheduling = false;

/** Workspace folders (paths): they bound the search for the Kustomize overlays that use a file. */
let workspaceRoots: string[] = [];

connection.onInitialize((params): InitializeResult => {
  workspaceRoots = (params.workspaceFolders ?? []).map((f) => URI.toPath(f.uri)).filter((p): p is string => !!p);
  if (!workspaceRoots.length && params.rootUri) {
    const root = URI.toPath(params.rootUri);
    if (root) workspaceRoots = [root];
  }
  hasConfiguration = !!params.capabilities.workspace?.configuration;
  const we = params.capabilities.workspace?.workspaceEdit;
  canCreateFiles = !!we?.documentChanges && !!we.resourceOperations?.includes('create');
  selectPlaceholder = (params.initializationOptions as { selectPlaceholder?: unknown } | undefined)?.selectPlaceholder === true;
  traceScheduling = (params.initializationOptions as { traceScheduling?: unknown } | undefined)?.traceScheduling === true;
  lazyFixAll = !!params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: lazyFixAll },
      hoverProvider: true,
    },
    serverInfo: { name: 'AKS Guardrails', version: '0.1.0' },
  };
});

function getSettings(uri: string): Promise<Settings> {
  if (!hasConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
  let p = settingsCache.get(uri);
  if (!p) {
    p = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'aksGuardrails' })
      .then((s: Partial<Settings> | null) => ({ ...DEFAULT_SETTINGS, ...(s ?? {}) }), () => DEFAULT_SETTINGS);
    settingsCache.set(uri, p);
  }
  return p;
}

/** Text of an open document by file path (an open config file wins over the disk). */
function openText(path: string): string | undefined {
  for (const d of documents.all()) if (URI.toPath(d.uri) === path) return d.getText();
  return undefined;
}

/** Other files are read from the open buffers, else from the disk (what the user sees is what is analysed). */
const projectFiles: FileSource = withOpenBuffers(openText);

/** A config file changed (disk or editor): re-analyse every open document at once. */
function configChanged() {
  clearConfigCache();
  for (const d of documents.all()) schedule(d, 'config');
}

/** Another file changed (edited, saved, created, deleted): re-analyse the open documents whose last analysis read it. */
function dependencyChanged(path: string, except?: string) {
  for (const d of documents.all()) {
    if (d.uri === except) continue;
    if (state.get(d.uri)?.deps?.dependsOn(path)) schedule(d, 'dependency');
  }
}

/**
 * Kustomization files found below each workspace folder: searched once, forgotten when a file is created or deleted
 * (a new kustomization can make any open file a resource or a patch: then every open document is re-analysed).
 */
const kustomizeScans = new Map<string, string[]>();

connection.onDidChangeWatchedFiles((params) => {
  let config = false;
  let kustomization = false;
  for (const c of params.changes) {
    const path = URI.toPath(c.uri);
    if (c.type !== FileChangeType.Changed) kustomizeScans.clear();
    if (c.type !== FileChangeType.Changed && kustomize.isKustomizationPath(path)) kustomization = true;
    if (isConfigFile(path)) config = true;
    else dependencyChanged(path, c.uri);
  }
  if (config) configChanged();
  else if (kustomization) for (const d of documents.all()) schedule(d, 'dependency');
});
documents.onDidChangeContent((e) => {
  const path = URI.toPath(e.document.uri);
  if (isConfigFile(path)) configChanged();
  else dependencyChanged(path, e.document.uri);
});
documents.onDidClose((e) => {
  const path = URI.toPath(e.document.uri);
  // Its buffer no longer stands for the file: dependents read the disk again.
  if (isConfigFile(path)) configChanged();
  else dependencyChanged(path, e.document.uri);
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  for (const d of documents.all()) schedule(d, 'config');
});

function syntaxOf(doc: TextDocument): Syntax | undefined {
  switch (doc.languageId) {
    case 'yaml': return 'yaml';
    case 'json': case 'jsonc': case 'arm-template': return 'json';
    case 'terraform': case 'terraform-vars': return 'hcl';
    case 'bicep': case 'bicepparam': return 'bicep';
    default: return undefined;
  }
}

/** Analyses `doc` after the delay its reason and the cost of its last analysis call for (debounce.ts). */
function schedule(doc: TextDocument, reason: ScheduleReason) {
  const s = state.get(doc.uri) ?? { version: -1 };
  state.set(doc.uri, s);
  // The document manager follows every open with a change event for the same version: that is not an edit.
  if (reason === 'edit' && s.timer && s.pending === 'open' && s.openedVersion === doc.version) return;
  const delay = analysisDelay(reason, s.costMs, doc.getText().length);
  if (s.timer) clearTimeout(s.timer);
  s.pending = reason;
  if (reason === 'open') s.openedVersion = doc.version;
  if (traceScheduling) void connection.sendNotification('aksGuardrails/scheduled', { uri: doc.uri, version: doc.version, reason, delayMs: delay, lastCostMs: s.costMs ?? null });
  s.timer = setTimeout(() => {
    s.timer = undefined;
    s.pending = undefined;
    void validate(doc.uri);
  }, delay);
}

async function validate(uri: string): Promise<void> {
  const doc = documents.get(uri);
  const s = state.get(uri);
  if (!doc || !s) return;
  const settings = await getSettings(uri);
  // A newer version arrived while settings were fetched: its own run will report.
  const current = documents.get(uri);
  if (!current || current.version !== doc.version) return;
  if (!settings.enable) {
    s.analysis = undefined;
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  try {
    const path = URI.toPath(uri);
    if (isConfigFile(path)) {
      // The configuration file itself: its problems (exact ranges) are its diagnostics.
      const configParsed = parseFile(path, doc.getText(), { syntax: 'json' });
      const configAnalysis: AnalysedFile = { file: configParsed, models: [], findings: parseConfig(doc.getText(), path).problems as unknown as Finding[] };
      s.version = doc.version;
      s.analysis = configAnalysis;
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: configAnalysis.findings.map((f, i) => toDiagnostic(configAnalysis, f, i)) });
      return;
    }
    // Parse and analysis run in time slices (one document, one rule at a time): requests (code actions, hover) are
    // answered in between, and the run stops as soon as a newer version of the document arrives. An edit re-parses
    // and re-analyses only the documents it touched (parseFile reuses the others from the previous parse).
    const started = performance.now();
    const run = (s.run = (s.run ?? 0) + 1);
    const stale = () => documents.get(uri)?.version !== doc.version || s.run !== run;
    const parsed = await runInSlices(parseFileSteps(path, doc.getText(), { syntax: syntaxOf(doc), maxSize: settings.maxFileSizeKB * 1024 }, s.parsed), { sliceMs: SLICE_MS, cancelled: stale });
    if (!parsed || stale()) return;
    setBicepModuleCache(settings.bicepModuleCache);
    const options: Partial<EngineOptions> = { kubernetesVersion: settings.kubernetesVersion, allowedRegistries: settings.allowedRegistries };
    const configured = editorOptions(path, options, settings.rules?.customizations, openText);
    if (configured.ignored) {
      s.analysis = undefined;
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const deps = new RecordingFileSource(projectFiles);
    const analysis = await runInSlices(analyzeFileSteps(parsed, configured.options, { files: deps, roots: workspaceRoots, kustomizeScans }, TEST_RULES), { sliceMs: SLICE_MS, cancelled: stale });
    // Stale: a newer version arrived while this run was waiting; that run reports.
    if (!analysis || stale()) return;
    applyEditorBaseline(analysis, path, configured.config.path, settings, deps);
    s.deps = deps;
    optionsUsed.set(uri, configured.options);
    s.version = doc.version;
    s.parsed = parsed;
    s.analysis = analysis;
    s.costMs = Math.round((performance.now() - started) * 100) / 100;
    if (traceScheduling) void connection.sendNotification('aksGuardrails/analysed', { uri, version: doc.version, costMs: s.costMs });
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: analysis.findings.map((f, i) => toDiagnostic(analysis, f, i)) });
  } catch (e) {
    // The engine never throws by design; if it does, say so once instead of taking the editor down.
    connection.console.error(`AKS Guardrails: analysis of ${uri} failed: ${(e as Error)?.stack ?? e}`);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}

/**
 * The findings a baseline lists (.aks-guardrails-baseline.json next to the configuration file, or the
 * aksGuardrails.baseline.file setting) are not problems: Hints marked "(baselined)", or hidden
 * (aksGuardrails.baseline.show). The baseline is read through the analysis's file source: editing or replacing it
 * re-analyses the open documents. A baseline that is not valid is ignored (said once in the output channel).
 */
const badBaselines = new Set<string>();
function applyEditorBaseline(analysis: AnalysedFile, filePath: string, configPath: string | undefined, settings: Settings, files: FileSource): void {
  const root = workspaceRoots.find((r) => filePath.startsWith(r + nodePath.sep)) ?? nodePath.dirname(filePath);
  const configured = settings.baseline?.file;
  const baselinePath = configured ? nodePath.resolve(root, configured) : defaultBaselinePath(configPath, root);
  const text = files.read(baselinePath);
  if (text === undefined) return;
  let baseline: Baseline;
  try {
    baseline = parseBaseline(text, baselinePath);
  } catch (e) {
    if (!badBaselines.has(baselinePath)) connection.console.error(`AKS Guardrails: ${(e as Error).message}: not applied`);
    badBaselines.add(baselinePath);
    return;
  }
  badBaselines.delete(baselinePath);
  const { baselined } = applyBaseline(baseline, baselineKey(nodePath.dirname(baselinePath), filePath), analysis.findings);
  if (!baselined.length) return;
  const hidden = new Set(baselined);
  analysis.findings = settings.baseline?.show === 'hide'
    ? analysis.findings.filter((f) => !hidden.has(f))
    : analysis.findings.map((f) => (hidden.has(f) ? { ...f, severity: 'hint' as const, message: `${f.message} (baselined)` } : f));
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(a: AnalysedFile, f: Finding, index: number): Diagnostic {
  const start = a.file.lines.position(f.start);
  const end = a.file.lines.position(f.end);
  const href = RULES_BY_ID.has(f.ruleId) ? ruleDocUri(f.ruleId) : undefined;
  const d: Diagnostic = {
    range: { start, end },
    severity: SEVERITY[f.severity],
    source: 'AKS Guardrails',
    code: f.ruleId,
    message: f.message,
    data: { index },
  };
  if (href) d.codeDescription = { href };
  // Kustomize: the overlays whose built objects have this finding, each a link to its kustomization.
  if (f.overlayFiles?.length) {
    d.relatedInformation = f.overlayFiles.map((p, i) => ({
      location: { uri: pathToFileURL(p).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
      message: `Found in what Kustomize overlay ${f.overlays?.[i] ?? p} builds.`,
    }));
  }
  if (/deprecated/i.test(f.messageId) || /deprecated/.test(f.ruleId) || f.ruleId === 'k8s-no-aad-pod-identity' || f.ruleId === 'sub-defender-legacy-plans') d.tags = [DiagnosticTag.Deprecated];
  return d;
}

documents.onDidOpen((e) => schedule(e.document, 'open'));
documents.onDidChangeContent((e) => schedule(e.document, 'edit'));
documents.onDidClose((e) => {
  const s = state.get(e.document.uri);
  if (s?.timer) clearTimeout(s.timer);
  state.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

function findingsAt(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): { a: AnalysedFile; findings: Finding[] } | undefined {
  const s = state.get(uri);
  const doc = documents.get(uri);
  if (!s?.analysis || !doc || s.version !== doc.version) return undefined;
  const a = s.analysis;
  const from = a.file.lines.offset(range.start);
  const to = a.file.lines.offset(range.end);
  return { a, findings: a.findings.filter((f) => f.start <= to && f.end >= from) };
}

function toLspEdits(a: AnalysedFile, fix: Fix): TextEdit[] {
  return editsForFix(a.file, fix).map((e) => ({
    range: { start: a.file.lines.position(e.offset), end: a.file.lines.position(e.offset + e.length) },
    newText: e.text,
  }));
}

/**
 * Code actions can arrive before the debounced analysis of the current version has run: `editor.codeActionsOnSave`
 * asks for source.fixAll right after the last keystroke. Analyse that version now instead of answering "nothing to fix".
 * (A run can be superseded by another one for the same version, e.g. after a settings change: then try again.)
 */
async function ensureAnalysed(uri: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = documents.get(uri);
    const s = state.get(uri);
    if (!doc || !s || s.version === doc.version) return;
    if (s.timer) {
      clearTimeout(s.timer);
      s.timer = undefined;
    }
    await validate(uri);
  }
}

connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
  await ensureAnalysed(params.textDocument.uri);
  const only = params.context.only;
  const whole = { start: { line: 0, character: 0 }, end: { line: Number.MAX_SAFE_INTEGER, character: 0 } };
  const hit = findingsAt(params.textDocument.uri, only && !only.includes(CodeActionKind.QuickFix) ? whole : params.range);
  const doc = documents.get(params.textDocument.uri);
  if (!hit || !doc || isConfigFile(hit.a.file.path)) return [];
  const diagnosticsFor = (f: Finding) => {
    const d = params.context.diagnostics.find((x) => x.code === f.ruleId && x.source === 'AKS Guardrails');
    return d ? [d] : undefined;
  };
  return codeActions(actionContext(params.textDocument.uri, doc, hit.a), hit.findings, diagnosticsFor, only);
});

function actionContext(uri: string, doc: TextDocument, analysis: AnalysedFile): ActionContext {
  return {
    uri, text: doc.getText(), analysis, options: optionsUsed.get(uri) ?? {},
    parseOptions: { syntax: syntaxOf(doc) }, canCreateFiles, openText, selectPlaceholder, lazyFixAll, files: projectFiles, roots: workspaceRoots, kustomizeScans,
  };
}

// "Fix all" quick fixes offered without their edit (lazyFixAll): computed on the version current when chosen.
connection.onCodeActionResolve(async (action: CodeAction): Promise<CodeAction> => {
  const data = action.data as FixAllData | undefined;
  if (!data?.uri || typeof data.fixAll !== 'string') return action;
  await ensureAnalysed(data.uri);
  const s = state.get(data.uri);
  const doc = documents.get(data.uri);
  if (!s?.analysis || !doc || s.version !== doc.version) return action;
  return { ...action, edit: resolveFixAll(actionContext(data.uri, doc, s.analysis), data) };
});

connection.onHover((params): Hover | null => {
  const hit = findingsAt(params.textDocument.uri, { start: params.position, end: params.position });
  if (!hit || !hit.findings.length) return null;
  // The editor already shows the diagnostic's message next to the hover: this adds what the message cannot say,
  // the rule's why and how as its documentation page states them (the rule's own summary if the page is missing).
  const rules = [...new Set(hit.findings.map((f) => f.ruleId))].flatMap((id) => RULES_BY_ID.get(id) ?? []);
  if (!rules.length) return null;
  const fixable = (id: string) => hit.findings.some((x) => x.ruleId === id && x.fix);
  // Many missing settings of one resource are reported on the same key: list them rather than a wall of text.
  if (rules.length > HOVER_DETAILED_RULES) {
    const items = rules.map((rule) => {
      const link = ruleDocUri(rule.id);
      return `- **${rule.title}** · \`${rule.id}\`${link ? ` · [documentation](${link})` : ''}${fixable(rule.id) ? ' · quick fix' : ''}`;
    });
    const assumption = hit.findings.find((x) => x.assumption)?.assumption;
    return { contents: { kind: MarkupKind.Markdown, value: [`**${rules.length} AKS Guardrails rules report here**`, ...(assumption ? [`**Terraform:** ${assumption}.`] : []), items.join('\n')].join('\n\n') } };
  }
  const parts = rules.map((rule) => {
    const page = ruleDocSummary(rule.id);
    const link = ruleDocUri(rule.id);
    const overlays = [...new Set(hit.findings.filter((x) => x.ruleId === rule.id).flatMap((x) => x.overlays ?? []))];
    const assumption = hit.findings.find((x) => x.ruleId === rule.id && x.assumption)?.assumption;
    return [
      `**${rule.title}** · \`${rule.id}\``,
      assumption ? `**Terraform:** ${assumption}.` : '',
      overlays.length ? `**Kustomize:** found in what ${overlays.length === 1 ? 'overlay' : 'overlays'} ${overlays.map((o) => `\`${o}\``).join(', ')} ${overlays.length === 1 ? 'builds' : 'build'}.` : '',
      `**Why:** ${page?.why ?? rule.description}`,
      `**How to fix:** ${page?.recommendation ?? rule.recommendation}${fixable(rule.id) ? ' A quick fix is available.' : ''}`,
      link ? `[Rule documentation](${link})` : '',
    ].filter(Boolean).join('\n\n');
  });
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') } };
});

/** Up to this many rules at one position, the hover gives each one's why and how; above, a list with links. */
const HOVER_DETAILED_RULES = 3;

registerWorkspaceScan(connection, {
  isOpen: (uri) => !!documents.get(uri),
  files: projectFiles,
  optionsFor: async (path) => {
    const settings = await getSettings(pathToFileURL(path).href);
    const base: Partial<EngineOptions> = { kubernetesVersion: settings.kubernetesVersion, allowedRegistries: settings.allowedRegistries };
    const c = editorOptions(path, base, settings.rules?.customizations, openText);
    return { options: c.options, ignored: c.ignored || !settings.enable, maxSize: settings.maxFileSizeKB * 1024 };
  },
  toDiagnostic,
  project: (folders) => ({ files: projectFiles, roots: folders.length ? folders : workspaceRoots, kustomizeScans: folders.length ? undefined : kustomizeScans }),
});

documents.listen(connection);
connection.listen();

/** Longest stretch of parsing or analysis between two turns of the event loop (requests are answered in between). */
const SLICE_MS = 15;

/**
 * TEST ONLY: with AKSG_TEST_THROWING_RULE=1 the server also runs a rule that always throws, so the protocol test can
 * check that a failing rule yields one rule-failed diagnostic while the other rules report and the server stays up.
 */
const TEST_RULES: RuleModule[] | undefined = process.env.AKSG_TEST_THROWING_RULE === '1'
  ? [
      defineRule({
        id: 'test-throwing-rule', title: 'Always throws (test only)', description: 'Test only.', recommendation: 'None.',
        severity: 'warning', formats: ['k8s', 'arm', 'tfjson', 'tfplan'], fixable: false, messages: { never: 'never' },
        check: { document() { throw new Error('injected failure (AKSG_TEST_THROWING_RULE)'); } },
      } as unknown as RuleModule),
      ...RULES,
    ]
  : undefined;

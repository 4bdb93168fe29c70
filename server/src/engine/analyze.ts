import { ParsedDocument, ParsedFile, parseFile, ParseOptions, Node, docOf, fileOf } from './documents';
import { FileSource, shareParsed } from './files';
import { Fix } from './fixes';
import { buildDocumentModel, DocumentModel, AzureResource, K8sObject, Lookup } from './model';
import { RULES } from './rules';
import { DEFAULT_OPTIONS, EngineOptions, format, ProjectIndex, ReportDescriptor, RuleContext, RuleModule, Severity } from './rules/types';
import { applySuppressions, todayOf } from './suppressions';
import { complete as finish, Steps } from './steps';
import { atLeast } from './config';

export interface Finding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  /** Offsets in the whole file. */
  start: number;
  end: number;
  /** The resource the finding is about: "Deployment/web", "azurerm_kubernetes_cluster.main", an ARM name. */
  resource?: string;
  fix?: Fix;
  suggestions?: Fix[];
  /** Index of the document in the file. */
  document: number;
}

/** Ids that are not rules: problems with the input itself. */
export const PARSE_ERROR = 'parse-error';
export const FILE_SKIPPED = 'file-skipped';
export const RULE_FAILED = 'rule-failed';

export interface AnalysedFile {
  file: ParsedFile;
  models: DocumentModel[];
  findings: Finding[];
}

/**
 * Findings of each rule on one document (offsets relative to the document), for the engine options they were
 * computed with. parseFile keeps an unchanged document's object across edits, so an edit in one document of a
 * multi-document file re-runs the rules on that document only (and the rules that look at other documents).
 */
const NO_FINDINGS: Finding[] = [];
const RULE_RUNS = new WeakMap<ParsedDocument, { optionsKey: string; runs: Map<RuleModule, Finding[]> }>();

/**
 * Models of a file; a document's model is built once per parse (cached on the document), and again when a file it
 * was built from (model.dependsOn) now reads differently through `files`.
 */
export function modelsOf(file: ParsedFile, files?: FileSource): DocumentModel[] {
  return file.documents.map((d) => modelOf(d, files));
}

function modelCache(d: ParsedDocument, files: FileSource | undefined): DocumentModel | undefined {
  const m = (d as ParsedDocument & { model?: DocumentModel }).model;
  if (m?.dependsOn?.size) {
    for (const [path, text] of m.dependsOn) if ((files?.read(path) ?? undefined) !== text) return undefined;
  }
  return m;
}

function modelOf(d: ParsedDocument, files: FileSource | undefined): DocumentModel {
  const cached = modelCache(d, files);
  if (cached) return cached;
  const m = buildDocumentModel(d, { files });
  Object.defineProperty(d, 'model', { value: m, enumerable: false, configurable: true });
  return m;
}

export function analyzeText(path: string, text: string, options: Partial<EngineOptions> = {}, parseOptions: ParseOptions = {}): AnalysedFile {
  const file = parseFile(path, text, parseOptions);
  return analyzeFile(file, options);
}

/**
 * Runs every enabled rule over a parsed file. `project.models` widens cross-resource rules to other files
 * (the CLI passes every scanned file); by default they see this file only. `project.files` is where other files
 * (modules, variables, bases) are read; without it none is.
 * Findings are this file's only: one whose node lies in another file is placed at the value that caused it when that
 * value is written in this file (a caller's argument), else left to that file's own analysis.
 */
export function analyzeFile(file: ParsedFile, options: Partial<EngineOptions> = {}, project?: Partial<ProjectIndex>, rules: RuleModule[] = RULES): AnalysedFile {
  return finish(analyzeFileSteps(file, options, project, rules));
}

/** analyzeFile in small steps (a document's model, one rule on one document; see steps.ts). */
export function* analyzeFileSteps(file: ParsedFile, options: Partial<EngineOptions> = {}, project?: Partial<ProjectIndex>, rules: RuleModule[] = RULES): Steps<AnalysedFile> {
  const opts: EngineOptions = { ...DEFAULT_OPTIONS, ...options, rules: { ...DEFAULT_OPTIONS.rules, ...(options.rules ?? {}) } };
  const findings: Finding[] = [];
  if (file.skipped) {
    findings.push({ ruleId: FILE_SKIPPED, messageId: 'skipped', severity: file.skipped.severity, message: file.skipped.reason, start: 0, end: 0, document: 0 });
    return { file, models: [], findings };
  }
  const models: DocumentModel[] = [];
  const files = project?.files;
  if (files) shareParsed(file);
  for (const d of file.documents) {
    const built = !modelCache(d, files);
    models.push(modelOf(d, files));
    if (built) yield;
  }
  findings.push(...parseProblems(file));
  const scope: ProjectIndex = { ...project, models: project?.models ?? models, files };
  const optionsKey = JSON.stringify(opts);
  // The rules that can report on each document kind (the others would return at once, 1,000 documents × every rule).
  const byKind = new Map<string, RuleModule[]>();
  for (const model of models) {
    const doc = model.doc;
    if (doc.kind === 'unknown' || doc.errors.length) continue;
    let cache = RULE_RUNS.get(doc);
    if (!cache || cache.optionsKey !== optionsKey) RULE_RUNS.set(doc, (cache = { optionsKey, runs: new Map() }));
    let applicable = byKind.get(doc.kind);
    if (!applicable) byKind.set(doc.kind, (applicable = rules.filter((r) => r.formats.includes(doc.kind as never) && opts.rules[r.id]?.level !== 'off')));
    for (const rule of applicable) {
      const cached = cache.runs.get(rule);
      if (cached) {
        for (const f of cached) findings.push({ ...f, start: f.start + doc.base, end: f.end + doc.base, document: doc.index });
        continue;
      }
      const before = findings.length;
      const usedProject = runRule(rule, model, file, opts, scope, findings);
      // What a rule found from this document alone holds until the document changes; what it found by looking at
      // other documents (ctx.project) or in a model built from other files is recomputed every time.
      // (YAML only: parseFile reuses YAML documents; a JSON file is one document, parsed anew on every change.)
      if (!usedProject && !model.dependsOn?.size && doc.syntax === 'yaml') {
        cache.runs.set(rule, findings.length === before ? NO_FINDINGS : findings.slice(before).map((f) => ({ ...f, start: f.start - doc.base, end: f.end - doc.base })));
      }
      yield;
    }
  }
  findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  const complete = models.every((m) => !m.doc.errors.length);
  const ran = new Set(rules.map((r) => r.id));
  const kept = applySuppressions(file, models, findings, { options: opts, ran, complete, today: todayOf(opts) }, (f) => f as Finding);
  return { file, models, findings: kept };
}

function parseProblems(file: ParsedFile): Finding[] {
  const out: Finding[] = [];
  const anyKnown = file.documents.some((d) => d.kind !== 'unknown');
  for (const d of file.documents) {
    if (!d.errors.length) continue;
    if (file.syntax === 'yaml') {
      // Helm/Go templates and YAML that is not Kubernetes (workflows, compose files): no noise.
      if (file.templated) continue;
      const looksK8s = /^apiVersion\s*:/m.test(d.text) && /^kind\s*:/m.test(d.text);
      if (!looksK8s && !anyKnown) continue;
    } else if (d.kind === 'unknown' && !/\.tf\.json$/i.test(file.path) && !/deploymentTemplate\.json|"resources"\s*:|"resource"\s*:|"format_version"/.test(file.text.slice(0, 4096))) {
      continue;
    }
    for (const e of d.errors) {
      const start = d.base + e.offset;
      out.push({ ruleId: PARSE_ERROR, messageId: 'parse', severity: 'error', message: e.message, start, end: start + e.length, document: d.index });
    }
  }
  return out;
}

/** Runs one rule on one document; returns true when the rule looked at other documents (ctx.project). */
function runRule(rule: RuleModule, model: DocumentModel, file: ParsedFile, opts: EngineOptions, project: ProjectIndex, out: Finding[]): boolean {
  const setting = opts.rules[rule.id];
  if (setting?.level === 'off') return false;
  if (!rule.formats.includes(model.doc.kind as never)) return false;
  const v = rule.check;
  const doc = model.doc;
  const ctx = new RuleRun(opts, setting?.options ?? {}, project, model, (d) => {
    const f = toFinding(rule, file, doc, d, setting?.level, setting?.minLevel);
    if (f) out.push(f);
  });
  try {
    if (v.document) v.document(model, ctx);
    if (v.azureResource) for (const r of model.azure) v.azureResource(r, ctx);
    if (v.managedCluster) for (const c of model.clusters) v.managedCluster(c, ctx);
    if (v.containerRegistry) for (const r of model.registries) v.containerRegistry(r, ctx);
    if (v.k8sObject) for (const o of model.k8s) v.k8sObject(o, ctx);
    if (v.workload) for (const w of model.workloads) v.workload(w, ctx);
  } catch (e) {
    // A rule that throws becomes one finding; the other rules still run (Bicep's LinterRuleBase.Analyze).
    const err = e as Error;
    out.push({
      ruleId: RULE_FAILED, messageId: 'failed', severity: 'error', document: doc.index,
      message: `Rule ${rule.id} failed: ${err?.message ?? String(e)}`, start: doc.base, end: doc.base + Math.min(doc.text.length, doc.text.indexOf('\n') < 0 ? doc.text.length : doc.text.indexOf('\n')),
    });
  }
  return ctx.usedProject;
}

/** The context of one rule on one document; notes whether the rule looked at other documents. */
class RuleRun implements RuleContext {
  usedProject = false;
  constructor(
    readonly options: EngineOptions,
    readonly ruleOptions: Record<string, unknown>,
    private readonly scope: ProjectIndex,
    readonly model: DocumentModel,
    readonly report: (d: ReportDescriptor) => void,
  ) {}
  get project(): ProjectIndex {
    this.usedProject = true;
    return this.scope;
  }
}

function toFinding(rule: RuleModule, file: ParsedFile, doc: ParsedDocument, d: ReportDescriptor, level: Severity | 'off' | undefined, minLevel?: Severity): Finding | undefined {
  const template = rule.messages[d.messageId];
  if (template === undefined) throw new Error(`unknown messageId '${d.messageId}'`);
  const placed = place(file, doc, d.node ?? nodeFor(d.lookup, d.resource), d.lookup);
  if (!placed) return undefined;
  const { node, at } = placed;
  const start = at.base + (node?.offset ?? 0);
  const end = start + (node?.length ?? 0);
  return {
    ruleId: rule.id,
    messageId: d.messageId,
    severity: level && level !== 'off' ? level : atLeast(d.severity ?? rule.severity, minLevel),
    message: format(template, d.data),
    start,
    end,
    resource: d.resource?.label,
    fix: d.fix && d.fix.intents.length ? d.fix : undefined,
    suggestions: d.suggestions?.filter((s) => s.intents.length),
    document: at.index,
  };
}

/**
 * Where in `file` a finding about `node` goes. A node of this file: there (in whichever of its documents). A node of
 * another file (a module's property, a base's field): at the lookup's origin when that is written in this file (the
 * caller's argument that caused it), else nowhere: that file's own analysis reports it.
 */
function place(file: ParsedFile, doc: ParsedDocument, node: Node | undefined, lookup: Lookup | undefined): { node: Node | undefined; at: ParsedDocument } | undefined {
  const inFile = (n: Node | undefined): ParsedDocument | undefined => {
    const owner = docOf(n);
    if (!owner) return doc; // a hand-made tree (unit tests): the analysed document
    const f = fileOf(owner);
    return !f || f === file || f.path === file.path ? owner : undefined;
  };
  const at = inFile(node);
  if (at) return { node, at };
  const origin = lookup?.origin;
  const originAt = origin && docOf(origin) ? inFile(origin) : undefined;
  return originAt ? { node: origin, at: originAt } : undefined;
}

function nodeFor(lookup: Lookup | undefined, resource: AzureResource | K8sObject | undefined): Node | undefined {
  if (lookup && lookup.state !== 'absent' && lookup.node) return lookup.node;
  if (resource instanceof AzureResource) return lookup ? resource.anchorFor(lookup) : resource.defaultAnchor();
  if (resource instanceof K8sObject) return resource.kindKey;
  return undefined;
}

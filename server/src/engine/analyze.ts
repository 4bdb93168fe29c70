import * as nodePath from 'node:path';
import { ParsedDocument, ParsedFile, parseFile, ParseOptions, Node, docOf, fileOf, child, str } from './documents';
import { kustomizeViewOf, KustomizeView } from './kustomize';
import { FileSource, shareParsed } from './files';
import { Fix } from './fixes';
import { buildDocumentModel, DocumentModel, AzureResource, K8sObject, Lookup, Workload, isInBicepCache, findingNode, withVia } from './model';
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
  /** The type of that resource (ARM type or Terraform resource type; Kubernetes kind). */
  resourceType?: string;
  /**
   * Where in that resource the finding is, as a property path from the resource (`properties.apiServerAccessProfile`,
   * `spec.template.spec.containers[0].securityContext`): with rule, resource and type, what identifies a finding
   * across edits that move it to another line (baselines).
   */
  where?: string;
  /** Terraform: which azurerm major version the attribute names were read as, and why (hover). */
  assumption?: string;
  fix?: Fix;
  suggestions?: Fix[];
  /** Index of the document in the file. */
  document: number;
  /**
   * Kustomize: the overlays (folders relative to the searched root) whose built objects have this finding; set when the
   * file is a base, a patch or a kustomization that a build reads.
   */
  overlays?: string[];
  /** The kustomization file of each of `overlays`, in the same order (the editor links them as related information). */
  overlayFiles?: string[];
}

/** Ids that are not rules: problems with the input itself. */
export const PARSE_ERROR = 'parse-error';
export const FILE_SKIPPED = 'file-skipped';
export const RULE_FAILED = 'rule-failed';
/** A Terraform module call whose source is not on disk (registry or git, before `terraform init`). */
export const TERRAFORM_MODULE = 'terraform-module';
/** Bicep module calls that are not analysed (a registry module not restored, a template spec, a missing file): one Information per file. */
export const BICEP_MODULE = 'bicep-module';
/** A kustomization's path that does not exist, a base that includes itself, a patch that cannot apply. */
export const KUSTOMIZE_PROBLEM = 'kustomize-build';

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
export function modelsOf(file: ParsedFile, files?: FileSource, terraformVarFiles?: string[]): DocumentModel[] {
  return file.documents.map((d) => modelOf(d, files, terraformVarFiles));
}

function modelCache(d: ParsedDocument, files: FileSource | undefined): DocumentModel | undefined {
  const m = (d as ParsedDocument & { model?: DocumentModel }).model;
  if (m?.dependsOn?.size) {
    for (const [path, text] of m.dependsOn) if ((files?.read(path) ?? undefined) !== text) return undefined;
  }
  return m;
}

function modelOf(d: ParsedDocument, files: FileSource | undefined, varFiles?: string[]): DocumentModel {
  const cached = modelCache(d, files);
  if (cached) return cached;
  const m = buildDocumentModel(d, { files, varFiles });
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
    models.push(modelOf(d, files, project?.terraformVarFiles));
    if (built) yield;
  }
  findings.push(...parseProblems(file), ...moduleProblems(models));
  const scope: ProjectIndex = { ...project, models: project?.models ?? models, files };
  // Kustomize: resources and patches of a kustomization are judged as built, per overlay (never alone).
  // (YAML files, and JSON manifests: a kustomization may list either.)
  const kustomize = files && (file.syntax === 'yaml' || file.documents.some((d) => d.kind === 'k8s')) ? kustomizeViewOf(file, files, project?.roots, project?.kustomizeScans) : undefined;
  const optionsKey = JSON.stringify(opts);
  // The rules that can report on each document kind (the others would return at once, 1,000 documents × every rule).
  const byKind = new Map<string, RuleModule[]>();
  for (const model of models) {
    const doc = model.doc;
    if (doc.kind === 'unknown' || doc.errors.length || kustomize?.claimed.has(doc)) continue;
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
  if (kustomize) {
    findings.push(...kustomizeProblems(kustomize));
    yield* builtFindings(kustomize, file, opts, rules, files, findings);
  }
  findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  const complete = models.every((m) => !m.doc.errors.length);
  const ran = new Set(rules.map((r) => r.id));
  const kept = applySuppressions(file, models, findings, { options: opts, ran, complete, today: todayOf(opts) }, (f) => f as Finding);
  return { file, models, findings: kept };
}

/** Module calls that could not be followed (Terraform, Bicep): one Information per file, at its first such call. */
function moduleProblems(models: DocumentModel[]): Finding[] {
  const out: Finding[] = [];
  for (const m of models) {
    const calls = m.unresolvedModules;
    if (!calls?.length) continue;
    const names = calls.map((c) => `'${c.name}'`).join(', ');
    const start = m.doc.base + calls[0].node.offset;
    const many = calls.length > 1;
    const at = { severity: 'info' as const, document: m.doc.index, start, end: start + calls[0].node.length };
    if (m.doc.syntax === 'bicep') {
      const why = [...new Set(calls.map((c) => c.reason))].map((r) =>
        r === 'not-restored' ? 'a registry module is not in the local module cache (run `bicep restore` on this file, or open it with the Bicep extension; aksGuardrails.bicepModuleCache / --bicep-cache if the cache is elsewhere)'
        : r === 'template-spec' ? 'template specs are not read'
        : 'the module file was not found').join('; ');
      out.push({ ruleId: BICEP_MODULE, messageId: 'notFollowed', ...at, message: `Module ${many ? 'calls' : 'call'} ${names} ${many ? 'are' : 'is'} not analysed: ${why}.` });
      continue;
    }
    out.push({
      ruleId: TERRAFORM_MODULE, messageId: 'notDownloaded', ...at,
      message: `Module ${many ? 'calls' : 'call'} ${names} ${many ? 'are' : 'is'} not analysed: ${many ? 'their sources are' : 'its source is'} not downloaded (run \`terraform init\`, which writes .terraform/modules/modules.json).`,
    });
  }
  return out;
}

function kustomizeProblems(view: KustomizeView): Finding[] {
  return view.problems.map((p) => {
    const doc = docOf(p.node);
    const start = (doc?.base ?? 0) + p.node.offset;
    return { ruleId: KUSTOMIZE_PROBLEM, messageId: 'build', severity: 'error' as const, message: p.message, start, end: start + p.node.length, document: Math.max(0, doc?.index ?? 0) };
  });
}

/**
 * The Kubernetes rules on the objects each overlay builds from this file (a base, a patch, a kustomization with inline
 * patches). Each rule sees one overlay's objects as its project (a ServiceAccount and the workload that uses it are in
 * the same build). A finding every overlay has at one place is one finding naming the overlays.
 */
function* builtFindings(view: KustomizeView, file: ParsedFile, opts: EngineOptions, rules: RuleModule[], files: FileSource | undefined, out: Finding[]): Steps<void> {
  const k8sRules = rules.filter((r) => r.formats.includes('k8s') && opts.rules[r.id]?.level !== 'off');
  const byKey = new Map<string, Finding>();
  for (const overlay of view.overlays) {
    if (!overlay.objects.length) continue;
    const k8s = overlay.objects.map((o) => (Workload.isWorkloadKind(str(child(o.root, 'kind')) ?? '') ? new Workload(o.doc, o.root) : new K8sObject(o.doc, o.root)));
    const modelOf = (objects: K8sObject[]): DocumentModel => ({
      doc: objects[0].doc, azure: [], clusters: [], registries: [], privateEndpoints: [], pricings: [], k8s: objects, workloads: objects.filter((o): o is Workload => o instanceof Workload),
    });
    // The rules visit the objects this file defines (a base's), or every object when the file changes objects
    // defined elsewhere (a patch, a kustomization); they look across the whole overlay (its ServiceAccounts, bindings).
    const whole = modelOf(k8s);
    const own = k8s.filter((o) => o.doc === file.documents[o.doc.index] || fileOf(o.doc)?.path === file.path);
    const visited = own.length ? modelOf(own) : whole;
    const scope: ProjectIndex = { models: [whole], files };
    for (const rule of k8sRules) {
      const found: Finding[] = [];
      runRule(rule, visited, file, opts, scope, found);
      for (const f of found) {
        const key = `${f.ruleId}|${f.messageId}|${f.start}|${f.end}|${f.message}`;
        const same = byKey.get(key);
        if (same) {
          if (!same.overlays!.includes(overlay.label)) {
            same.overlays!.push(overlay.label);
            same.overlayFiles!.push(overlay.path);
          }
          continue;
        }
        const finding = { ...f, overlays: [overlay.label], overlayFiles: [overlay.path] };
        byKey.set(key, finding);
        out.push(finding);
      }
      yield;
    }
  }
  // Named in the message when the file is not the overlay's own (a base or component several overlays build).
  const dir = nodePath.dirname(file.path);
  const own = new Set(view.overlays.filter((o) => o.dir === dir).map((o) => o.label));
  for (const f of byKey.values()) {
    if (f.overlays!.length === 1 && own.has(f.overlays![0])) continue;
    f.message += ` (Kustomize ${f.overlays!.length === 1 ? 'overlay' : 'overlays'}: ${f.overlays!.join(', ')})`;
  }
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
    } else if (file.syntax === 'json' && d.kind === 'unknown' && !/\.tf\.json$/i.test(file.path) && !/deploymentTemplate\.json|"resources"\s*:|"resource"\s*:|"format_version"/.test(file.text.slice(0, 4096))) {
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
  // Placement and wording of values read through a parameter or variable: one policy for every rule (model/provenance.ts).
  const chosen = d.node ?? nodeFor(d.lookup, d.resource);
  const site = d.resource instanceof AzureResource ? findingNode(d.resource.node, d.lookup, chosen) : chosen;
  const placed: { node: Node | undefined; at: ParsedDocument; module?: string } | undefined = place(file, doc, site, d.lookup) ?? placeAtModuleCall(file, site, d.resource);
  if (!placed) return undefined;
  const { node, at } = placed;
  const worded = d.resource instanceof AzureResource ? withVia(format(template, d.data), d.lookup) : format(template, d.data);
  const start = at.base + (node?.offset ?? 0);
  const end = start + (node?.length ?? 0);
  return {
    ruleId: rule.id,
    messageId: d.messageId,
    severity: level && level !== 'off' ? level : atLeast(d.severity ?? rule.severity, minLevel),
    message: placed.module ? `${worded} (in registry module '${placed.module}': set it through the module's parameters)` : worded,
    start,
    end,
    resource: d.resource?.label,
    resourceType: d.resource instanceof AzureResource ? d.resource.type : d.resource?.kind,
    where: wherePath(d.node ?? nodeFor(d.lookup, d.resource), d.resource),
    assumption: d.resource instanceof AzureResource && d.resource.res.format !== 'arm' && d.resource.res.azurermSource
      ? `attribute names read as azurerm v${d.resource.res.azurermMajor} (${d.resource.res.azurermSource})` : undefined,
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

/**
 * A finding inside a registry module's compiled template (the local Bicep module cache: nobody edits it) that no
 * value of this file caused: at the call of that module in this file, so the user sees what the module deploys.
 */
function placeAtModuleCall(file: ParsedFile, node: Node | undefined, resource: AzureResource | K8sObject | undefined): { node: Node | undefined; at: ParsedDocument; module: string } | undefined {
  if (file.syntax !== 'bicep' || !(resource instanceof AzureResource) || resource.res.format !== 'arm') return undefined;
  const where = fileOf(docOf(node))?.path;
  if (!where || !isInBicepCache(where)) return undefined;
  // The Bicep file that calls the registry module (through its compiled templates' own nested deployments) reports
  // it; a Bicep file that only reaches it through a local module leaves it to that module's analysis.
  let registry: string | undefined;
  for (let dep = resource.res.deployment; dep; dep = dep.deployment) {
    const owner = docOf(dep.node);
    const module = dep.node.bicep?.module;
    if (module && /^br[:/]/i.test(module)) registry ??= module;
    if (owner?.syntax !== 'bicep') continue;
    if (!registry || fileOf(owner)?.path !== file.path) return undefined;
    return { node: child(dep.node, 'type') ?? dep.node, at: owner, module: registry };
  }
  return undefined;
}

/** The property path from the resource's node to `node` (from the document root when the node is not inside it). */
function wherePath(node: Node | undefined, resource: AzureResource | K8sObject | undefined): string | undefined {
  if (!node) return undefined;
  const top = resource?.node;
  const parts: string[] = [];
  let cur: Node | undefined = node;
  for (let depth = 0; cur && cur !== top && cur.parent && depth < 64; depth++) {
    const parent: Node = cur.parent;
    if (parent.type === 'property') {
      // A key node stands for its property: the path of the property.
      if (parent.children?.[1] === cur || parent.children?.[0] === cur) parts.push(String(parent.children?.[0]?.value));
      cur = parent.parent;
    } else if (parent.type === 'array') {
      parts.push(`[${parent.children?.indexOf(cur) ?? 0}]`);
      cur = parent;
    } else cur = parent;
  }
  if (cur !== top && top) parts.push('#'); // outside the resource (a parameter default): from the document root
  return parts.reverse().join('.').replace(/\.\[/g, '[');
}

function nodeFor(lookup: Lookup | undefined, resource: AzureResource | K8sObject | undefined): Node | undefined {
  if (lookup && lookup.state !== 'absent' && lookup.node) return lookup.node;
  if (resource instanceof AzureResource) return lookup ? resource.anchorFor(lookup) : resource.defaultAnchor();
  if (resource instanceof K8sObject) return resource.kindKey;
  return undefined;
}

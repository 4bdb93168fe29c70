import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  analyzeFile, DocumentModel, EngineOptions, Finding, modelsOf, ParsedFile, parseFile, RULES, ruleDocSummary, ruleDocUri, Severity,
  DEFAULT_MAX_SIZE, PARSE_ERROR, FILE_SKIPPED, kustomize,
  Config, ConfigProblem, isConfigFile, isIgnored, loadConfigFor, optionsFromConfig, parseConfig, fixAll, unifiedDiff,
  DISK_FILES, FileSource, withOpenBuffers, shareParsed, editsByFile, fixIsLocal, applyTextEdits, TextEdit, ProjectIndex,
} from './engine';
import { looksLikeKubernetesText } from './engine/documents/detect';
import { bicepModuleCache, setBicepModuleCache } from './engine/model/bicepModules';
import { isMainThread } from 'node:worker_threads';
import { defaultJobs, PARALLEL_MIN_BYTES, scanInWorkers } from './cliWorkers';
import { applyBaseline, Baseline, BASELINE_FILE, BaselineError, baselineKey, createBaseline, defaultBaselinePath, fingerprint, pruneBaseline, readBaseline, writeBaseline } from './baseline';
import { createHash } from 'node:crypto';

const VERSION = '0.1.0';
const SCANNED = /\.(ya?ml|json|jsonc|tf|tfvars|bicep|bicepparam)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', '.cache']);
const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  /** Standard input (`-`); default: the process's. */
  stdin?: () => string;
}

interface Args {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  failOn: Severity | 'none';
  kubernetesVersion?: string;
  allowedRegistries: string[];
  maxSize: number;
  config?: string;
  fix?: 'write' | 'dry-run';
  /** Terraform variable files (--var-file), absolute. */
  varFiles: string[];
  bicepCache?: string;
  /** --baseline FILE; --baseline-create[=FILE] (true: the default file); --baseline-prune; --no-baseline. */
  baseline?: string;
  baselineCreate?: string | true;
  baselinePrune?: boolean;
  noBaseline?: boolean;
  stdinFilename?: string;
  /** --sarif-file FILE: SARIF written there too, whatever --format prints. */
  sarifFile?: string;
  /** Worker threads for the scan (`--jobs`); undefined: as many as the machine runs at once, for large scans. */
  jobs?: number;
}

const USAGE = `Usage: aks-guardrails [options] <file|directory|->...

Scans Bicep (*.bicep, *.bicepparam), ARM templates (incl. Bicep-compiled), Terraform (*.tf, *.tfvars, *.tf.json),
Terraform plan JSON and Kubernetes YAML for AKS security, governance and compliance problems.

Options:
  --format text|json|sarif    Output format (default: text)
  --fail-on error|warning|info|hint|none
                              Exit with 1 when a finding at or above this severity exists (default: error);
                              none: always 0
  --kubernetes-version 1.30   Target Kubernetes version (default: 1.30)
  --allowed-registry GLOB     Allowed image registry for k8s-allowed-registry (repeatable), e.g. "*.azurecr.io"
  --var-file FILE             Terraform variable values (.tfvars / .tfvars.json) for every module scanned, after
                              terraform.tfvars and *.auto.tfvars (repeatable)
  --bicep-cache DIR           The local Bicep module cache registry modules (br:, br/public:) are read from
                              (default: ~/.bicep, where bicep restore and the Bicep extension put them)
  --config FILE               Configuration file (default: the nearest .aks-guardrails.jsonc / .aks-guardrails.json
                              above each scanned file)
  --fix                       Apply every preferred fix in place (several passes), report what changed, then report
                              the remaining findings
  --fix-dry-run               Print the fixes as a unified diff instead of writing them (exit 0)
  --max-file-size KB          Skip larger files with an information message (default: ${DEFAULT_MAX_SIZE / 1024})
  --baseline FILE             Hide the findings listed in this baseline; report only new ones (default: the
                              .aks-guardrails-baseline.json next to the configuration file, when it exists)
  --baseline-create[=FILE]    Write every current finding to the baseline (default file as above) and exit 0
  --baseline-prune            Remove the baseline's entries that no longer match a finding (scanned files only)
  --no-baseline               Ignore the default baseline
  --sarif-file FILE           Also write the SARIF output to FILE (whatever --format prints)
  --stdin-filename NAME       With - (standard input): the file name that decides the format and is reported
  --jobs N                    Analyse on N worker threads (default: one per core for scans above ${PARALLEL_MIN_BYTES / 1024 / 1024} MB);
                              --jobs 1: on the main thread. The output is the same
  --list-rules                Print the rules and exit
  -h, --help                  Show this help
  -v, --version               Show the version

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage error.`;

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | 'help' | 'version' | 'list' {
  const a: Args = { paths: [], format: 'text', failOn: 'error', allowedRegistries: [], maxSize: DEFAULT_MAX_SIZE, varFiles: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h': case '--help': return 'help';
      case '-v': case '--version': return 'version';
      case '--list-rules': return 'list';
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${v}'`);
        a.format = v;
        break;
      }
      case '--fail-on': {
        const v = value();
        if (!['error', 'warning', 'info', 'hint', 'none'].includes(v)) throw new UsageError(`--fail-on must be error, warning, info, hint or none, not '${v}'`);
        a.failOn = v as Args['failOn'];
        break;
      }
      case '--kubernetes-version': {
        const v = value();
        if (!/^1\.\d+$/.test(v)) throw new UsageError(`--kubernetes-version must look like 1.30, not '${v}'`);
        a.kubernetesVersion = v;
        break;
      }
      case '--allowed-registry': a.allowedRegistries.push(value()); break;
      case '--config': a.config = value(); break;
      case '--var-file': a.varFiles.push(value()); break;
      case '--bicep-cache': a.bicepCache = value(); break;
      case '--fix': a.fix = 'write'; break;
      case '--fix-dry-run': a.fix = 'dry-run'; break;
      case '--baseline': a.baseline = value(); break;
      case '--baseline-create': a.baselineCreate = inline ?? true; break;
      case '--baseline-prune': a.baselinePrune = true; break;
      case '--no-baseline': a.noBaseline = true; break;
      case '--stdin-filename': a.stdinFilename = value(); break;
      case '--sarif-file': a.sarifFile = value(); break;
      case '--jobs': {
        const v = value();
        if (!/^[1-9]\d*$/.test(v)) throw new UsageError(`--jobs must be a positive whole number, not '${v}'`);
        a.jobs = Number(v);
        break;
      }
      case '--max-file-size': {
        const kb = Number(value());
        if (!Number.isFinite(kb) || kb <= 0) throw new UsageError('--max-file-size must be a positive number of KB');
        a.maxSize = kb * 1024;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        a.paths.push(arg);
    }
  }
  if (!a.paths.length) throw new UsageError('no file or directory given');
  if (a.stdinFilename !== undefined && !a.paths.includes('-')) throw new UsageError('--stdin-filename names standard input: give - as a path');
  if (a.baselineCreate && a.baselinePrune) throw new UsageError('--baseline-create and --baseline-prune do not go together');
  if (a.noBaseline && (a.baseline || a.baselineCreate || a.baselinePrune)) throw new UsageError('--no-baseline does not go with the other --baseline options');
  if (a.paths.includes('-') && a.fix === 'write') throw new UsageError('--fix does not apply to standard input (use --fix-dry-run to see the fixes)');
  return a;
}

/** A directory met during recursion that could not be listed: reported with its error, the scan goes on. */
export interface UnreadableDir {
  path: string;
  error: string;
}

/**
 * Files to scan: explicit files always, directories recursively (YAML and JSON files only). A path named on the command
 * line that does not exist is `missing` (usage error); a subdirectory that cannot be listed is `unreadable`.
 * `readdir` is injectable so tests can simulate a failure (as root, permissions do not block reads).
 */
export function collectFiles(paths: string[], cwd: string, readdir: (dir: string) => fs.Dirent[] = (d) => fs.readdirSync(d, { withFileTypes: true })): {
  files: string[]; missing: string[]; unreadable: UnreadableDir[]; explicit: Set<string>;
} {
  const files: string[] = [];
  const missing: string[] = [];
  const unreadable: UnreadableDir[] = [];
  const explicit = new Set<string>();
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = readdir(dir);
    } catch (e) {
      unreadable.push({ path: dir, error: `cannot read directory: ${(e as Error).message}` });
      return;
    }
    entries.sort((x, y) => x.name.localeCompare(y.name));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (e.isFile() && SCANNED.test(e.name) && !isConfigFile(e.name)) files.push(p);
    }
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(abs);
    else {
      files.push(abs);
      explicit.add(abs);
    }
  }
  return { files: [...new Set(files)], missing, unreadable, explicit };
}

export interface ScannedFile {
  path: string;
  display: string;
  parsed?: ParsedFile;
  error?: string;
  /** Not scanned on purpose (a file named on the command line that the configuration ignores): the reason. */
  skipped?: string;
  /** A directory that could not be listed (with `error`), not a file. */
  directory?: boolean;
  /** Findings of this file that the baseline hides. */
  baselined?: number;
  findings: Finding[];
}

/** Reads, parses and analyses every file; cross-resource rules see every file of the scan. */
export function scan(files: string[], options: ScanOptions, maxSize: number, cwd: string, context: ScanContext = {}): ScannedFile[] {
  const out = files.map((f) => readScanned(f, maxSize, cwd));
  if (context.stdin) out.push(parseScanned(context.stdin.path, context.stdin.display, context.stdin.text, maxSize));
  analyseScanned(out, options, scanProject(scannedModels(out, context), undefined, context));
  return out;
}

export type ScanOptions = Partial<EngineOptions> | ((file: string) => Partial<EngineOptions>);

/** What every file of a scan is analysed with beyond its options: Terraform --var-file, the folders named on the command line. */
export interface ScanContext {
  varFiles?: string[];
  /** Kustomize: the folders named on the command line bound the search for the overlays that use a scanned file. */
  roots?: string[];
  /** `-`: one document from standard input, analysed with the other files under its --stdin-filename. */
  stdin?: { path: string; display: string; text: string };
}

/**
 * The models of the scanned files. Every scanned file is the parse other readers get (a Terraform module reads the .tf
 * files of its folder, a Bicep file its modules), and the models are built with the files they may read (built once,
 * cached on the document, reused by analyzeFile).
 */
export function scannedModels(scanned: ScannedFile[], context: ScanContext = {}): DocumentModel[] {
  for (const s of scanned) if (s.parsed) shareParsed(s.parsed);
  const models: DocumentModel[] = [];
  for (const s of scanned) if (s.parsed) models.push(...modelsOf(s.parsed, DISK_FILES, context.varFiles ?? []));
  return models;
}

/**
 * The project index a scanned file is analysed against: every scanned file's models (`scan`), or in a worker its
 * share's models and those the other files' rules look at, with the scan's document count (cliWorkers.ts).
 */
export function scanProject(models: DocumentModel[], documentCount?: number, context: ScanContext = {}): ProjectIndex {
  const project: ProjectIndex = { models, files: DISK_FILES, terraformVarFiles: context.varFiles ?? [], roots: context.roots };
  if (documentCount !== undefined) project.documentCount = documentCount;
  return project;
}

/** Reads and parses one file of a scan (analysed by `analyseScanned` once the project index is known). */
export function readScanned(f: string, maxSize: number, cwd: string): ScannedFile {
  const display = path.relative(cwd, f) || f;
  let buf: Buffer;
  try {
    const st = fs.statSync(f);
    if (st.size > maxSize) return { path: f, display, findings: [], error: `skipped: larger than ${Math.round(maxSize / 1024)} KB` };
    buf = fs.readFileSync(f);
  } catch (e) {
    return { path: f, display, findings: [], error: `cannot read: ${(e as Error).message}` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { path: f, display, findings: [], error: 'not valid UTF-8: skipped' };
  }
  return parseScanned(f, display, text, maxSize);
}

/** A scanned file from its text (read from disk, or standard input). */
export function parseScanned(f: string, display: string, text: string, maxSize: number): ScannedFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length > maxSize) return { path: f, display, findings: [], error: `skipped: larger than ${Math.round(maxSize / 1024)} KB` };
  const parsed = parseFile(f, text, { maxSize });
  return { path: f, display, parsed, findings: [] };
}

/** Analyses the parsed files of a scan against `project`: sets their findings and errors. */
export function analyseScanned(scanned: ScannedFile[], options: ScanOptions, project: ProjectIndex): void {
  for (const s of scanned) {
    if (!s.parsed) continue;
    const res = analyzeFile(s.parsed, typeof options === 'function' ? options(s.path) : options, project);
    s.findings = res.findings.filter((f) => f.ruleId !== FILE_SKIPPED);
    if (s.parsed.skipped) s.error = s.parsed.skipped.reason;
    const parseErrors = s.findings.filter((f) => f.ruleId === PARSE_ERROR);
    if (parseErrors.length) s.error = parseErrors.map((f) => `${pos(s.parsed!, f.start)}: ${f.message}`).join('; ');
    // Bicep: the parser recovered (the rest of the file was analysed); the file is listed with its syntax error.
    const recovered = s.parsed.documents.flatMap((d) => d.recovered ?? []);
    if (recovered.length) s.error = `${pos(s.parsed, recovered[0].offset)}: ${recovered[0].message}${recovered.length > 1 ? ` (and ${recovered.length - 1} more syntax errors)` : ''}`;
  }
}

function pos(file: ParsedFile, offset: number): string {
  const p = file.lines.position(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

export function formatOf(file: ParsedFile | undefined, filePath = file?.path): string {
  if (!file || file.skipped) return 'unknown';
  // Terraform HCL (.tf, .tfvars): one format, whatever its blocks hold.
  if (file.syntax === 'hcl' && filePath && /\.(tf|tfvars)$/i.test(filePath)) return 'terraform';
  if (file.syntax === 'bicep') return 'bicep';
  // A kustomization is Kubernetes configuration (analysed as built), with or without apiVersion/kind.
  if (filePath && kustomize.isKustomizationPath(filePath) && !file.documents.some((d) => d.errors.length)) return 'k8s';
  const kinds = [...new Set(file.documents.map((d) => d.kind).filter((k) => k !== 'unknown'))];
  if (!kinds.length) {
    // A YAML file whose documents are all broken: Kubernetes if its text reads as a manifest.
    const broken = file.documents.some((d) => d.errors.length);
    // (Not a Helm/Go template: it is not analysed and its errors are not reported.)
    if (broken && !file.templated && filePath && /\.ya?ml$/i.test(filePath) && looksLikeKubernetesText(file.text)) return 'k8s';
    return 'unknown';
  }
  return kinds.length === 1 ? kinds[0] : kinds.join('+');
}

function range(file: ParsedFile, f: Finding) {
  const s = file.lines.position(f.start);
  const e = file.lines.position(f.end);
  return { start: { line: s.line + 1, column: s.character + 1 }, end: { line: e.line + 1, column: e.character + 1 } };
}

export function toJson(results: ScannedFile[]) {
  return {
    version: 1,
    files: results.map((r) => ({ path: r.display, format: formatOf(r.parsed, r.path), error: r.error ?? null, ...(r.skipped ? { skipped: r.skipped } : {}), ...(r.baselined ? { baselined: r.baselined } : {}) })),
    findings: results.flatMap((r) =>
      r.findings.filter((f) => f.ruleId !== PARSE_ERROR).map((f) => ({
        rule: f.ruleId,
        severity: f.severity,
        path: r.display,
        range: range(r.parsed!, f),
        message: f.message,
        resource: f.resource ?? null,
        fixable: !!f.fix,
        ...(f.overlays ? { overlays: f.overlays } : {}),
      }))),
  };
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const SRCROOT = '%SRCROOT%';
/**
 * SARIF reportingDescriptor.help: the why and how of the rule's page (GitHub code scanning shows `markdown` with the
 * alert, where a file: helpUri of the machine that ran the scan does not open).
 */
function ruleHelp(r: (typeof RULES)[number]): { text: string; markdown?: string } {
  const page = ruleDocSummary(r.id);
  const why = page?.why ?? r.description;
  const how = page?.recommendation ?? r.recommendation;
  // Links to sibling pages are file: URIs on this machine: keep their text only.
  const plain = (md: string) => md.replace(/\[([^\]]+)\]\(file:[^)]*\)/g, '$1');
  return { text: `${r.recommendation}`, markdown: `**Why.** ${plain(why)}\n\n**How to fix.** ${plain(how)}` };
}

/** SARIF reportingDescriptor.name: readable and different from the opaque id (validator rule SARIF1001). */
const pascalCase = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
/** A scanned file as a SARIF URI reference relative to %SRCROOT% (forward slashes, percent-encoded). */
const uriOf = (r: ScannedFile) => r.display.split(path.sep).map(encodeURIComponent).join('/');

/** Names that differ from the id beyond letter case (the SARIF validator compares them case-insensitively). */
const SPECIAL_NAMES: Record<string, string> = { suppression: 'InvalidOrUnusedSuppression', config: 'ConfigurationProblem', 'terraform-module': 'TerraformModuleNotDownloaded', 'bicep-module': 'BicepModuleNotFollowed', 'kustomize-build': 'KustomizeBuildProblem' };
/** Finding ids that belong to no rule module: [id, short description, full description, help, default level]. */
const SPECIAL_RULES: Array<[string, string, string, string, string]> = [
  [PARSE_ERROR, 'The file could not be parsed', 'A syntax error in a YAML document or a JSON file; the other documents of the file are still analysed.', 'Fix the syntax error.', 'error'],
  ['rule-failed', 'A rule failed', 'A rule threw an exception on this file; the other rules still ran. Please report it.', 'Report the problem with the file that triggers it.', 'error'],
  ['suppression', 'A suppression comment or annotation is invalid or unused', 'A suppression without a reason, past its expiry, naming an unknown rule, in the wrong place or suppressing nothing.', 'Give the suppression a reason after " -- ", fix the rule id or date, or remove it.', 'note'],
  ['bicep-module', 'A Bicep module call is not analysed', 'A registry module that is not in the local Bicep module cache, a template spec, or a module file that does not exist: its resources are not analysed.', 'Run `bicep restore` on the file (or open it in VS Code with the Bicep extension), or point --bicep-cache at the cache, then scan again.', 'note'],
  ['terraform-module', 'A Terraform module call is not analysed', 'A module call whose registry or git source has not been downloaded: its resources are not analysed.', 'Run `terraform init` (it writes .terraform/modules/modules.json), then scan again.', 'note'],
  ['kustomize-build', 'A kustomization cannot be built', 'A resources, components or patch path that does not exist, a base that includes itself, nesting too deep, a JSON 6902 patch that does not apply, or a patch that matches no object of the build.', 'Fix the path or the patch in the kustomization.', 'error'],
  ['config', 'The configuration file has a problem', 'A syntax error, unknown key, unknown rule id or invalid level in .aks-guardrails.jsonc / .aks-guardrails.json.', 'Fix the configuration file; whatever is valid in it still applies.', 'error'],
];

export function toSarif(results: ScannedFile[], cwd = process.cwd()) {
  const used = new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const rules = RULES.filter((r) => used.has(r.id)).map((r) => ({
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: ruleHelp(r),
    helpUri: ruleDocUri(r.id),
    defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
    properties: { tags: ['security', 'aks', ...r.formats] },
  }));
  // Findings that come from no rule module still get a descriptor, so every result's ruleIndex resolves.
  const docsIndex = ruleDocUri('README');
  for (const [id, text, full, help, level] of SPECIAL_RULES) {
    if (used.has(id)) rules.push({ id, name: SPECIAL_NAMES[id] ?? pascalCase(id), shortDescription: { text }, fullDescription: { text: full }, help: { text: help }, helpUri: docsIndex, defaultConfiguration: { level }, properties: { tags: [] } });
  }
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'AKS Guardrails', version: VERSION, informationUri: 'https://example.invalid/aks-guardrails', rules } },
      // Paths are relative to the directory the scan ran in (SARIF §3.14.14: a base URI ends with '/').
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd).toString().replace(/\/?$/, '/') } },
      // Files that could not be read or parsed as a whole (not UTF-8, too large) are tool notifications, not results.
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: results
          .filter((r) => (r.error && !r.findings.some((f) => f.ruleId === PARSE_ERROR)) || r.skipped)
          .map((r) => ({ level: r.error ? 'warning' : 'note', message: { text: r.error ?? `skipped (${r.skipped})` }, locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(r), uriBaseId: SRCROOT } } }] })),
      }],
      results: results.flatMap((r) => r.findings.map((f) => {
        const rg = range(r.parsed!, f);
        return {
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: uriOf(r), uriBaseId: SRCROOT },
              region: { startLine: rg.start.line, startColumn: rg.start.column, endLine: rg.end.line, endColumn: rg.end.column },
            },
          }],
          // Line-independent identity for code scanning's tracking across runs (the baseline's fingerprint).
          partialFingerprints: { 'aksGuardrails/v1': createHash('sha256').update(`${uriOf(r)}\u0000${f.ruleId}\u0000${fingerprint(f)}`).digest('hex').slice(0, 32) },
          properties: { severity: f.severity, ...(f.resource ? { resource: f.resource } : {}) },
        };
      })),
      artifacts: results.filter((r) => !r.directory).map((r) => ({ location: { uri: uriOf(r), uriBaseId: SRCROOT } })),
      // Findings the baseline hides are not results; how many there were.
      ...(baselinedCount(results) ? { properties: { baselined: baselinedCount(results) } } : {}),
    }],
  };
}

function baselinedCount(results: ScannedFile[]): number {
  return results.reduce((k, r) => k + (r.baselined ?? 0), 0);
}

export function toText(results: ScannedFile[]): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) {
    if (!r.findings.length && !r.error) continue;
    lines.push(r.directory ? `${r.display}${path.sep}` : r.display);
    if (r.error && !r.findings.some((f) => f.ruleId === PARSE_ERROR)) lines.push(`  ${r.error}`);
    for (const f of r.findings) {
      const rg = range(r.parsed!, f);
      counts[f.severity]++;
      lines.push(`  ${`${rg.start.line}:${rg.start.column}`.padEnd(9)} ${f.severity.padEnd(7)} ${f.message}  ${f.ruleId}${f.fix ? ' (fixable)' : ''}`);
    }
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const unreadableDirs = results.filter((r) => r.directory).length;
  results = results.filter((r) => !r.directory && !r.skipped);
  const clean = results.filter((r) => !r.findings.length && !r.error).length;
  const fixable = results.reduce((n, r) => n + r.findings.filter((f) => f.fix).length, 0);
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  // Files of other tools are not noise, but a user who named one should learn it was not analysed.
  // A configuration file listed for its problems was read as configuration, not skipped.
  const other = results.filter((r) => r.parsed && !r.error && formatOf(r.parsed) === 'unknown' && !isConfigFile(r.path)).length;
  const otherNote = other ? ` (${other} not ARM, Terraform or Kubernetes: not analysed)` : '';
  const dirNote = unreadableDirs ? ` ${n(unreadableDirs, 'directory', 'directories')} could not be read.` : '';
  const baselined = results.reduce((k, r) => k + (r.baselined ?? 0), 0);
  const baselineNote = baselined ? ` ${n(baselined, 'finding')} hidden by the baseline.` : '';
  lines.push(`${n(results.length, 'file')} scanned, ${clean} without findings${otherNote}.${dirNote} ${n(total, 'finding')}: ${n(counts.error, 'error')}, ${n(counts.warning, 'warning')}, ${counts.info} info, ${n(counts.hint, 'hint')}.${fixable ? ` ${fixable} fixable with --fix.` : ''}${baselineNote}`);
  return lines.join('\n');
}

/**
 * `scan` on the main thread or over worker threads (cliWorkers.ts): `--jobs N`, else one per core when the files
 * add up to PARALLEL_MIN_BYTES. `--fix` keeps the parses on the main thread: it analyses there.
 */
function scanWithJobs(files: string[], optionsOf: (file: string) => Partial<EngineOptions>, args: Args, cwd: string, context: ScanContext): ScannedFile[] {
  let jobs = args.fix || context.stdin ? 1 : args.jobs ?? defaultJobs();
  if (args.jobs === undefined && jobs > 1 && totalBytes(files) < PARALLEL_MIN_BYTES) jobs = 1;
  jobs = Math.min(jobs, files.length);
  return jobs > 1 ? scanInWorkers(files, optionsOf, args.maxSize, cwd, jobs, { ...context, bicepCache: bicepModuleCache() }) : scan(files, optionsOf, args.maxSize, cwd, context);
}

function totalBytes(files: string[]): number {
  let n = 0;
  for (const f of files) {
    try {
      n += fs.statSync(f).size;
    } catch {
      /* reported by the scan */
    }
    if (n >= PARALLEL_MIN_BYTES) break;
  }
  return n;
}

export function main(argv: string[], io: CliIo = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n'), cwd: process.cwd() },
  readdir?: (dir: string) => fs.Dirent[]): number {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`aks-guardrails: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (args === 'help') { io.out(USAGE); return 0; }
  if (args === 'version') { io.out(VERSION); return 0; }
  if (args === 'list') {
    for (const r of RULES) io.out(`${r.id.padEnd(40)} ${r.severity.padEnd(8)} ${r.formats.join(',').padEnd(24)} ${r.fixable ? 'fix' : '   '}  ${r.title}`);
    return 0;
  }
  const stdinWanted = args.paths.includes('-');
  const { files, missing, unreadable, explicit } = collectFiles(args.paths.filter((p) => p !== '-'), io.cwd, readdir);
  if (missing.length) {
    io.err(`aks-guardrails: not found: ${missing.join(', ')}`);
    return 2;
  }
  const options: Partial<EngineOptions> = { allowedRegistries: args.allowedRegistries };
  if (args.kubernetesVersion) options.kubernetesVersion = args.kubernetesVersion;
  // Configuration: --config for every file, else the nearest config file above each file; its problems are reported on it.
  const configs = new Map<string, { config: Config; problems: ConfigProblem[]; text?: string }>();
  let fixed: { config: Config; problems: ConfigProblem[]; text?: string } | undefined;
  if (args.config) {
    const p = path.resolve(io.cwd, args.config);
    let text: string;
    try {
      text = fs.readFileSync(p, 'utf8');
    } catch {
      io.err(`aks-guardrails: cannot read configuration ${args.config}`);
      return 2;
    }
    fixed = { ...parseConfig(text, p), text };
    configs.set(p, fixed);
  }
  const configOf = (file: string) => {
    if (fixed) return fixed.config;
    const l = loadConfigFor(file);
    if (l.config.path && !configs.has(l.config.path)) configs.set(l.config.path, l);
    return l.config;
  };
  const scanned = files.filter((f) => isConfigFile(f) || !isIgnored(configOf(f), f));
  // A file named on the command line that the configuration ignores is not scanned, but said so (ESLint's
  // "File ignored because of a matching ignore pattern"): stderr in text, a files[] entry with `skipped` in JSON.
  const ignoredExplicit: ScannedFile[] = files.filter((f) => explicit.has(f) && !scanned.includes(f)).map((f) => {
    const display = path.relative(io.cwd, f) || f;
    const cfg = configOf(f).path;
    return { path: f, display, findings: [], skipped: `ignored by ${cfg ? path.relative(io.cwd, cfg) || cfg : 'the configuration'}` };
  });
  if (args.format === 'text') for (const r of ignoredExplicit) io.err(`${r.display}: skipped (${r.skipped})`);
  const toScan = scanned.filter((f) => !isConfigFile(f));
  // Kustomize: the bases, components and patches a scanned kustomization reads are scanned too, wherever they are
  // (`aks-guardrails overlays/prod` reports the base's problems that prod deploys, on the base's lines).
  for (const k of toScan.filter((f) => kustomize.isKustomizationPath(f))) {
    for (const f of kustomize.filesReadBy(DISK_FILES, k)) {
      if (!toScan.includes(f) && SCANNED.test(f) && !isConfigFile(f) && DISK_FILES.read(f) !== undefined && !isIgnored(configOf(f), f)) toScan.push(f);
    }
  }
  const optionsOf = (f: string) => optionsFromConfig(configOf(f), options);
  const varFiles = args.varFiles.map((f) => path.resolve(io.cwd, f));
  setBicepModuleCache(args.bicepCache ? path.resolve(io.cwd, args.bicepCache) : undefined);
  const roots = args.paths.map((p) => path.resolve(io.cwd, p)).filter((p) => { try { return fs.statSync(p).isDirectory(); } catch { return false; } });
  kustomize.rememberScans(DISK_FILES); // the disk does not change during a run: kustomizations are searched once per root
  const context: ScanContext = { varFiles, roots };
  // Baseline: read and checked before anything is scanned or written (a broken one: exit 2, nothing written).
  const baselineFile = args.baseline ? path.resolve(io.cwd, args.baseline)
    : typeof args.baselineCreate === 'string' ? path.resolve(io.cwd, args.baselineCreate)
    : defaultBaselinePath(fixed?.config.path ?? configOf(path.join(io.cwd, BASELINE_FILE)).path, io.cwd);
  let baseline: Baseline | undefined;
  if (!args.baselineCreate && !args.noBaseline && (args.baseline || args.baselinePrune || fs.existsSync(baselineFile))) {
    try {
      baseline = readBaseline(baselineFile, path.relative(io.cwd, baselineFile) || baselineFile);
    } catch (e) {
      if (!(e instanceof BaselineError)) throw e;
      io.err(`aks-guardrails: ${e.message}`);
      return 2;
    }
  }
  if (stdinWanted) {
    let text: string;
    try {
      text = (io.stdin ?? (() => fs.readFileSync(0, 'utf8')))();
    } catch (e) {
      io.err(`aks-guardrails: cannot read standard input: ${(e as Error).message}`);
      return 2;
    }
    const name = args.stdinFilename ?? '<stdin>';
    context.stdin = { path: path.resolve(io.cwd, name), display: name, text };
  }
  let results = scanWithJobs(toScan, optionsOf, args, io.cwd, context);
  if (args.fix) {
    const fixed = fixFiles(results, optionsOf, args.maxSize, varFiles);
    for (const [file, { before, after, applied, converged }] of fixed) {
      const display = path.relative(io.cwd, file) || file;
      const rel = display.split(path.sep).join('/');
      if (args.fix === 'dry-run') {
        io.out(unifiedDiff(before, after, `a/${rel}`, `b/${rel}`).replace(/\n$/, ''));
      } else {
        fs.writeFileSync(file, after);
        io.err(`fixed ${applied} problem(s) in ${display}${converged ? '' : ' (stopped after 10 passes: some fixes keep re-creating their finding)'}`);
      }
    }
    if (args.fix === 'dry-run') {
      io.err(`${fixed.size} file(s) would change`);
      return 0;
    }
    io.err(`${fixed.size} file(s) changed`);
    if (fixed.size) results = scan(toScan, optionsOf, args.maxSize, io.cwd, context);
  }
  // Helm charts: their Go-templated files are not analysed (not manifests until rendered); said once per chart folder.
  const charts = helmChartNotes(results, io.cwd);
  if (args.format === 'text') for (const c of charts) io.err(`${c.display}: ${c.skipped}`);
  else results.push(...charts);
  // Subdirectories that could not be listed: in the output with their error (JSON files[].error, SARIF notification, text).
  for (const u of unreadable) results.push({ path: u.path, display: path.relative(io.cwd, u.path) || u.path, directory: true, error: u.error, findings: [] });
  if (args.format !== 'text') results.push(...ignoredExplicit);
  for (const [p, l] of configs) {
    if (!l.problems.length || l.text === undefined) continue;
    results.push({ path: p, display: path.relative(io.cwd, p) || p, parsed: parseFile(p, l.text), findings: l.problems as unknown as Finding[] });
  }
  const baselineDisplay = path.relative(io.cwd, baselineFile) || baselineFile;
  if (args.baselineCreate) {
    const b = createBaseline(path.dirname(baselineFile), results.filter((r) => r.parsed && !r.directory));
    writeBaseline(baselineFile, b);
    const n = Object.values(b.files).reduce((k, rules) => k + Object.values(rules).reduce((m, e) => m + e.count, 0), 0);
    io.err(`wrote ${n} finding(s) of ${Object.keys(b.files).length} file(s) to the baseline ${baselineDisplay}`);
  } else if (baseline) {
    const dir = path.dirname(baselineFile);
    const used: Baseline = { version: 1, files: {} };
    const scannedKeys = new Set<string>();
    for (const r of results) {
      if (!r.parsed || r.directory) continue;
      const key = baselineKey(dir, r.path);
      scannedKeys.add(key);
      const { kept, baselined } = applyBaseline(baseline, key, r.findings, used);
      r.findings = kept;
      if (baselined.length) r.baselined = baselined.length;
    }
    if (args.baselinePrune) {
      const { baseline: pruned, removed } = pruneBaseline(baseline, used, scannedKeys);
      writeBaseline(baselineFile, pruned);
      io.err(`removed ${removed} entr${removed === 1 ? 'y' : 'ies'} that match no finding from the baseline ${baselineDisplay}`);
    }
  }
  if (args.sarifFile) {
    try {
      const target = path.resolve(io.cwd, args.sarifFile);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, JSON.stringify(toSarif(results, io.cwd), null, 2) + '\n');
    } catch (e) {
      io.err(`aks-guardrails: cannot write ${args.sarifFile}: ${(e as Error).message}`);
      return 2;
    }
  }
  if (args.format === 'json') io.out(JSON.stringify(toJson(results), null, 2));
  else if (args.format === 'sarif') io.out(JSON.stringify(toSarif(results, io.cwd), null, 2));
  else io.out(toText(results));
  if (args.failOn === 'none' || args.baselineCreate) return 0;
  const threshold = RANK[args.failOn];
  return results.some((r) => r.findings.some((f) => RANK[f.severity] >= threshold)) ? 1 : 0;
}

/**
 * One note per Helm chart folder (the nearest folder above a Go-templated file that has a Chart.yaml, else the file's
 * folder) whose templated files were skipped: the chart is not analysed, its rendered output can be.
 */
export function helmChartNotes(results: ScannedFile[], cwd: string): ScannedFile[] {
  const byChart = new Map<string, number>();
  for (const r of results) {
    const f = r.parsed;
    // A templated manifest (apiVersion/kind lines), not any file with `{{ }}` (a GitHub workflow's `${{ }}`).
    if (!f || !f.templated || f.skipped || f.documents.some((d) => d.kind !== 'unknown') || !looksLikeKubernetesText(f.text)) continue;
    let chart = path.dirname(r.path);
    for (let d = chart, i = 0; i < 6; i++) {
      if (fs.existsSync(path.join(d, 'Chart.yaml'))) { chart = d; break; }
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
    byChart.set(chart, (byChart.get(chart) ?? 0) + 1);
  }
  return [...byChart].map(([chart, n]) => ({
    path: chart, display: path.relative(cwd, chart) || chart, directory: true, findings: [],
    skipped: `Helm chart: ${n} Go-templated file${n === 1 ? '' : 's'} not analysed (templates are not manifests until rendered; scan the output of \`helm template\`: helm template <release> <chart> | aks-guardrails -)`,
  }));
}

interface FixedFile {
  before: string;
  after: string;
  applied: number;
  converged: boolean;
}

/**
 * `--fix`: the new text of every file the fixes change, nothing written yet. Round 1: multipass fix-all per file
 * (plan JSON offers no fixes), the project index being the first scan's. Round 2: the fixes that edit several files (a
 * value that comes from another file: a variable's default, a caller's argument), from a fresh analysis of the texts
 * round 1 left, each applied whole or not at all, never over an edit of another fix of this round.
 */
function fixFiles(results: ScannedFile[], optionsOf: (f: string) => Partial<EngineOptions>, maxSize: number, varFiles: string[]): Map<string, FixedFile> {
  const out = new Map<string, FixedFile>();
  const models: DocumentModel[] = [];
  for (const r of results) if (r.parsed) models.push(...modelsOf(r.parsed));
  for (const r of results) {
    if (!r.parsed || r.parsed.skipped || !r.findings.some((f) => f.fix)) continue;
    const before = r.parsed.text;
    const own = new Set(r.parsed.documents);
    const others = models.filter((m) => !own.has(m.doc));
    // The first pass is the scan's own analysis; later passes re-parse only the YAML documents a pass changed
    // (parseFile reuses the others, with their models and rule results, from the previous pass's parse).
    let previous: ParsedFile | undefined;
    const res = fixAll(before, (t) => {
      if (t === before) return { file: r.parsed!, fixes: r.findings.filter((f) => f.fix).map((f) => f.fix!) };
      const parsed = parseFile(r.path, t, { maxSize }, previous);
      previous = parsed;
      const a = analyzeFile(parsed, optionsOf(r.path), { models: [...others, ...modelsOf(parsed, DISK_FILES, varFiles)], files: DISK_FILES, terraformVarFiles: varFiles });
      return { file: a.file, fixes: a.findings.filter((f) => f.fix).map((f) => f.fix!) };
    });
    if (res.text !== before) out.set(r.path, { before, after: res.text, applied: res.applied, converged: res.converged });
  }
  if (!results.some((r) => r.findings.some((f) => f.fix && r.parsed && !fixIsLocal(r.parsed, f.fix)))) return out;
  const files: FileSource = withOpenBuffers((p) => out.get(p)?.after);
  const taken = new Map<string, Array<[number, number]>>();
  const pending = new Map<string, { text: string; edits: TextEdit[]; applied: number }>();
  for (const r of results) {
    if (!r.parsed || r.parsed.skipped) continue;
    const parsed = out.has(r.path) ? parseFile(r.path, out.get(r.path)!.after, { maxSize }) : r.parsed;
    const a = analyzeFile(parsed, optionsOf(r.path), { models, files, terraformVarFiles: varFiles });
    for (const f of a.findings) {
      if (!f.fix || fixIsLocal(a.file, f.fix)) continue;
      const groups = editsByFile(a.file, f.fix);
      const clash = groups.some(({ file, edits }) => edits.some((e) => (taken.get(file.path) ?? []).some(([s, t]) => e.offset <= t && e.offset + e.length >= s)));
      if (clash) continue;
      for (const { file, edits } of groups) {
        const spans = taken.get(file.path) ?? [];
        spans.push(...edits.map((e): [number, number] => [e.offset, e.offset + e.length]));
        taken.set(file.path, spans);
        const p = pending.get(file.path) ?? { text: file.text, edits: [], applied: 0 };
        p.edits.push(...edits);
        pending.set(file.path, p);
      }
      const first = pending.get(groups[0]?.file.path ?? '');
      if (first) first.applied++;
    }
  }
  for (const [file, p] of pending) {
    const prior = out.get(file);
    const before = prior?.before ?? DISK_FILES.read(file) ?? p.text;
    out.set(file, { before, after: applyTextEdits(p.text, p.edits), applied: (prior?.applied ?? 0) + p.applied, converged: prior?.converged ?? true });
  }
  return out;
}

if (require.main === module && isMainThread) {
  process.exitCode = main(process.argv.slice(2));
}

import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver/node';
import * as nodePath from 'node:path';
import { AnalysedFile, analyzeFile, EngineOptions, FileSource, Finding, isConfigFile, kustomize, parseConfig, parseFile, ProjectIndex } from './engine';

/**
 * "AKS Guardrails: Scan Workspace": the client sends `aksGuardrails/scanWorkspace` with its folders; the server analyses
 * every YAML/JSON file (config files, ignore globs and suppressions honoured), publishes diagnostics for files with
 * findings (open documents keep their live diagnostics), reports `aksGuardrails/scanProgress` { done, total } and stops
 * when the request is cancelled. Configuration files get their problems published (as the CLI prints them).
 * `aksGuardrails/status` { state: ready | analysing | error, message? } drives the status bar.
 */
export const SCAN_REQUEST = 'aksGuardrails/scanWorkspace';
export const SCAN_PROGRESS = 'aksGuardrails/scanProgress';
export const STATUS = 'aksGuardrails/status';

export interface ScanParams { folders: string[] }
export interface ScanResult { files: number; withFindings: number; findings: number; cancelled: boolean }

export interface ScanDeps {
  isOpen(uri: string): boolean;
  /** Where other files are read (a Terraform module's sibling files): open buffers over the disk, as for open documents. */
  files?: FileSource;
  /** Options and ignore status for a file (config file + settings). */
  optionsFor(path: string): Promise<{ options: Partial<EngineOptions>; ignored: boolean; maxSize: number }>;
  toDiagnostic(a: AnalysedFile, f: Finding, index: number): Diagnostic;
  /** Where other files are read (Kustomize bases and patches) and the folders that bound the search for overlays. */
  project?(folders: string[]): Partial<ProjectIndex>;
}

export function registerWorkspaceScan(connection: Connection, deps: ScanDeps): void {
  connection.onRequest(SCAN_REQUEST, async (params: ScanParams, token: CancellationToken): Promise<ScanResult> => {
    const result: ScanResult = { files: 0, withFindings: 0, findings: 0, cancelled: false };
    void connection.sendNotification(STATUS, { state: 'analysing' });
    try {
      const all = (params.folders ?? []).flatMap((f) => listFiles(f));
      const project = deps.project?.(params.folders ?? []);
      const targets = all.filter((f) => !isConfigFile(f));
      // Configuration files first: a broken one is reported even when it is not open (an open one has live diagnostics).
      for (const file of all.filter(isConfigFile)) {
        const uri = pathToFileURL(file).href;
        if (deps.isOpen(uri)) continue;
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        const problems = parseConfig(text, file).problems as unknown as Finding[];
        const a: AnalysedFile = { file: parseFile(file, text, { syntax: 'json' }), models: [], findings: problems };
        if (problems.length) {
          result.withFindings++;
          result.findings += problems.length;
        }
        void connection.sendDiagnostics({ uri, diagnostics: problems.map((f, i) => deps.toDiagnostic(a, f, i)) });
      }
      let done = 0;
      for (const file of targets) {
        if (token.isCancellationRequested) { result.cancelled = true; break; }
        // Yield between files: cancellation and other requests get through.
        await new Promise((r) => setImmediate(r));
        const uri = pathToFileURL(file).href;
        done++;
        if (done % 10 === 0 || done === targets.length) void connection.sendNotification(SCAN_PROGRESS, { done, total: targets.length });
        if (deps.isOpen(uri)) continue;
        const { options, ignored, maxSize } = await deps.optionsFor(file);
        if (ignored) continue;
        let text: string;
        try {
          if (fs.statSync(file).size > maxSize) continue;
          text = fs.readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        const parsed = parseFile(file, text, { maxSize });
        if (parsed.documents.every((d) => d.kind === 'unknown') && !kustomize.isKustomizationPath(file)) continue;
        result.files++;
        const a = analyzeFile(parsed, options, project ?? (deps.files ? { files: deps.files } : undefined));
        if (a.findings.length) {
          result.withFindings++;
          result.findings += a.findings.length;
        }
        void connection.sendDiagnostics({ uri, diagnostics: a.findings.map((f, i) => deps.toDiagnostic(a, f, i)) });
      }
      void connection.sendNotification(STATUS, { state: 'ready' });
      return result;
    } catch (e) {
      const message = (e as Error)?.message ?? String(e);
      connection.console.error(`AKS Guardrails: workspace scan failed: ${(e as Error)?.stack ?? e}`);
      void connection.sendNotification(STATUS, { state: 'error', message });
      throw e;
    }
  });
}

const SCANNED = /\.(ya?ml|json|jsonc|tf|tfvars|bicep|bicepparam)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.terraform', '.cache']);

/** YAML/JSON files below a folder (as the CLI: node_modules, .git, .terraform, .cache skipped). Not imported from cli.ts:
 * bundled into the server, its `require.main === module` guard would run the CLI. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((x, y) => x.name.localeCompare(y.name));
    for (const e of entries) {
      const p = nodePath.join(d, e.name);
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) walk(p); } else if (e.isFile() && SCANNED.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

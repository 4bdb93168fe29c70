import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, MessageChannel, MessagePort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import { analyseScanned, readScanned, ScanContext, scannedModels, scanProject, ScannedFile } from './cli';
import { DISK_FILES, DocumentModel, EngineOptions, Finding, kustomize, LineIndex, ParsedDocument, ParsedFile, setBicepModuleCache, sharedWithProject } from './engine';

/**
 * `--jobs N`: a directory scan spread over worker threads, with the output of `--jobs 1` byte for byte.
 *
 * Cross-file rules look up a few kinds of documents in every scanned file (projectScope.ts). So the scan runs in two
 * steps. 1. Workers read and parse the files, one task at a time (a task is a group of files, see `scanTasks`), and
 * say which of their files hold documents that other files' rules look at ("shared"), and how many documents each
 * file has. 2. Every worker analyses the files it parsed against its own documents plus every shared document of the
 * scan, in scan order (it parses the shared files it does not own), with the scan's document count: the index each
 * rule sees holds everything that can change a finding. Files read through the FileSource (modules, variables files,
 * bases) come from the disk in every worker, as in `--jobs 1`. The results come back in scan order.
 *
 * `main()` stays synchronous: the main thread blocks on a shared counter (Atomics.wait) that workers bump after each
 * message, and takes the messages with receiveMessageOnPort.
 */

/** Worker threads the machine can run at once (`--jobs` default). */
export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Below this many bytes in all, a scan without an explicit `--jobs` stays on the main thread: starting a worker
 * (loading the engine in it) costs about as much as analysing a few hundred KB.
 */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

// ---- partition -------------------------------------------------------------------------------------------------

/**
 * A grouping rule names the groups a file belongs to; files that share a name are parsed by the same worker, so a
 * file read by its neighbours (a Terraform module's variables.tf, a Kustomize base) is parsed once per text in that
 * worker (parseOther's cache). Correctness does not depend on it (every worker reads other files from the disk and
 * sees every shared document); it saves parses. Today: the file's directory. A Kustomize root or a Bicep module's
 * callers can add their own rule (e.g. the overlay tree's root directory); `() => ['all']` puts every file in one group.
 */
export type GroupingRule = (file: string) => string[];
export const GROUPING_RULES: GroupingRule[] = [(file) => [path.dirname(file)]];

/** Files (by index) that share a group name under any rule, in scan order; groups in order of their first file. */
export function groupFiles(files: readonly string[], rules: readonly GroupingRule[] = GROUPING_RULES): number[][] {
  const parent = files.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const owner = new Map<string, number>();
  files.forEach((f, i) => {
    for (const rule of rules) {
      for (const name of rule(f)) {
        const j = owner.get(name);
        if (j === undefined) owner.set(name, i);
        else {
          const a = find(i), b = find(j);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
  });
  const groups = new Map<number, number[]>();
  files.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.values()];
}

/**
 * Tasks handed to workers one at a time (largest first, so that the last tasks are small and the workers finish
 * together): the groups, a group larger than `TASKS_PER_JOB`-th of a worker's share cut into consecutive pieces (a
 * huge flat directory still spreads over every worker; its files still see each other through the disk).
 */
export function scanTasks(files: readonly string[], sizes: readonly number[], jobs: number, rules: readonly GroupingRule[] = GROUPING_RULES): number[][] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const share = Math.max(1, total / (jobs * TASKS_PER_JOB));
  const tasks: Array<{ files: number[]; bytes: number }> = [];
  for (const group of groupFiles(files, rules)) {
    let cur: number[] = [];
    let bytes = 0;
    for (const i of group) {
      if (cur.length && bytes + sizes[i] > share) {
        tasks.push({ files: cur, bytes });
        cur = [];
        bytes = 0;
      }
      cur.push(i);
      bytes += sizes[i];
    }
    if (cur.length) tasks.push({ files: cur, bytes });
  }
  return tasks.sort((a, b) => b.bytes - a.bytes || a.files[0] - b.files[0]).map((t) => t.files);
}
const TASKS_PER_JOB = 16;

// ---- messages --------------------------------------------------------------------------------------------------

const WORKER_MARK = 'aksGuardrailsCliWorker';
/** AKSG_TRACE_WORKERS=1: each worker prints where its time went (stderr). */
const TRACE = process.env.AKSG_TRACE_WORKERS === '1';

interface WorkerInit {
  [WORKER_MARK]: true;
  port: MessagePort;
  signal: SharedArrayBuffer;
  cwd: string;
  maxSize: number;
  /** Distinct engine options of the scan; a file names its entry. */
  options: Partial<EngineOptions>[];
  /** Terraform --var-file, the folders named on the command line, the Bicep module cache: as on the main thread. */
  context: ScanContext & { bicepCache: string };
}

type ToWorker =
  | { type: 'parse'; task: number; files: Array<[index: number, file: string, options: number]> }
  | { type: 'analyse'; shared: Array<[index: number, file: string]>; documentCount: number };

type FromWorker =
  | { type: 'parsed'; task: number; shared: number[]; documents: number }
  | { type: 'analysed'; results: Array<[index: number, file: SentFile]> }
  | { type: 'failed'; error: string };

/** A scanned file as it crosses threads: the parse without its trees, findings with their fixes' titles only. */
interface SentFile {
  path: string;
  display: string;
  error?: string;
  skipped?: string;
  findings: Finding[];
  parsed?: {
    path: string; text: string; syntax: ParsedFile['syntax']; templated: boolean; skipped?: ParsedFile['skipped'];
    documents: Array<{ index: number; base: number; length: number; syntax: ParsedDocument['syntax']; kind: ParsedDocument['kind']; errors: ParsedDocument['errors'] }>;
  };
}

function send(r: ScannedFile): SentFile {
  // Output needs whether a finding has a fix, not the fix (--fix runs on the main thread: see cli.ts).
  const findings = r.findings.map((f) => ({
    ...f,
    fix: f.fix && { title: f.fix.title, intents: [] },
    suggestions: f.suggestions?.map((s) => ({ title: s.title, intents: [] })),
  }));
  const p = r.parsed;
  return {
    path: r.path, display: r.display, error: r.error, skipped: r.skipped, findings,
    parsed: p && {
      path: p.path, text: p.text, syntax: p.syntax, templated: p.templated, skipped: p.skipped,
      documents: p.documents.map((d) => ({ index: d.index, base: d.base, length: d.text.length, syntax: d.syntax, kind: d.kind, errors: d.errors })),
    },
  };
}

function receive(s: SentFile): ScannedFile {
  const out: ScannedFile = { path: s.path, display: s.display, findings: s.findings };
  if (s.error !== undefined) out.error = s.error;
  if (s.skipped !== undefined) out.skipped = s.skipped;
  const p = s.parsed;
  if (p) {
    const file: ParsedFile = { path: p.path, text: p.text, syntax: p.syntax, lines: new LineIndex(p.text), templated: p.templated, documents: [] };
    if (p.skipped) file.skipped = p.skipped;
    // The documents without their trees: what the output reads (kind, errors, ranges).
    file.documents = p.documents.map((d) => ({ index: d.index, base: d.base, text: p.text.slice(d.base, d.base + d.length), syntax: d.syntax, kind: d.kind, errors: d.errors }));
    out.parsed = file;
  }
  return out;
}

// ---- main thread -----------------------------------------------------------------------------------------------

/** The scan of `scan()` (cli.ts) over `jobs` worker threads; same results, same order. */
export function scanInWorkers(files: string[], optionsOf: (file: string) => Partial<EngineOptions>, maxSize: number, cwd: string, jobs: number, context: ScanContext & { bicepCache: string }): ScannedFile[] {
  const sizes = files.map((f) => {
    try {
      return fs.statSync(f).size;
    } catch {
      return 0;
    }
  });
  const optionTable: Partial<EngineOptions>[] = [];
  const optionIndex = new Map<string, number>();
  const optionsOfFile = files.map((f) => {
    const o = optionsOf(f);
    const key = JSON.stringify(o);
    let i = optionIndex.get(key);
    if (i === undefined) {
      optionIndex.set(key, (i = optionTable.length));
      optionTable.push(o);
    }
    return i;
  });
  const tasks = scanTasks(files, sizes, jobs);
  const signal = new SharedArrayBuffer(4);
  const counter = new Int32Array(signal);
  const workers = Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, () => {
    const { port1, port2 } = new MessageChannel();
    const init: WorkerInit = { [WORKER_MARK]: true, port: port2, signal, cwd, maxSize, options: optionTable, context };
    const worker = new Worker(__filename, { workerData: init, transferList: [port2] });
    worker.unref();
    return { worker, port: port1, tasks: [] as number[] };
  });
  try {
    const post = (w: (typeof workers)[number], m: ToWorker) => w.port.postMessage(m);
    /** Blocks until some worker sent a message; returns [worker, message] pairs in arrival order per worker. */
    const next = (): Array<[(typeof workers)[number], FromWorker]> => {
      for (;;) {
        const seen = Atomics.load(counter, 0);
        const got: Array<[(typeof workers)[number], FromWorker]> = [];
        for (const w of workers) {
          for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
            const msg = m.message as FromWorker;
            if (msg.type === 'failed') throw new Error(`aks-guardrails: a scan worker failed: ${msg.error}`);
            got.push([w, msg]);
          }
        }
        if (got.length) return got;
        Atomics.wait(counter, 0, seen);
      }
    };

    // Step 1: parse, one task at a time per worker.
    const shared = new Set<number>();
    let documentCount = 0;
    let queued = 0;
    let running = 0;
    const give = (w: (typeof workers)[number]) => {
      if (queued >= tasks.length) return;
      const task = queued++;
      w.tasks.push(task);
      running++;
      post(w, { type: 'parse', task, files: tasks[task].map((i) => [i, files[i], optionsOfFile[i]]) });
    };
    for (const w of workers) give(w);
    while (running) {
      for (const [w, msg] of next()) {
        if (msg.type !== 'parsed') continue;
        running--;
        for (const i of msg.shared) shared.add(i);
        documentCount += msg.documents;
        give(w);
      }
    }

    // Step 2: analyse against the shared documents, in scan order.
    const sharedFiles = [...shared].sort((a, b) => a - b).map((i): [number, string] => [i, files[i]]);
    for (const w of workers) post(w, { type: 'analyse', shared: sharedFiles, documentCount });
    const results: ScannedFile[] = new Array(files.length);
    let waiting = workers.length;
    while (waiting) {
      for (const [, msg] of next()) {
        if (msg.type !== 'analysed') continue;
        waiting--;
        for (const [i, f] of msg.results) results[i] = receive(f);
      }
    }
    return results;
  } finally {
    for (const w of workers) void w.worker.terminate();
  }
}

// ---- worker thread ---------------------------------------------------------------------------------------------

function runWorker(init: WorkerInit): void {
  const counter = new Int32Array(init.signal);
  setBicepModuleCache(init.context.bicepCache);
  kustomize.rememberScans(DISK_FILES); // as on the main thread: the disk does not change during a run
  const reply = (m: FromWorker) => {
    init.port.postMessage(m);
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  };
  /** This worker's files by scan index: what it parsed, the options it analyses them with. */
  let parseMs = 0;
  const own = new Map<number, { scanned: ScannedFile; options: number; models: DocumentModel[] }>();
  init.port.on('message', (m: ToWorker) => {
    try {
      if (m.type === 'parse') {
        const t = performance.now();
        const shared: number[] = [];
        let documents = 0;
        for (const [i, file, options] of m.files) {
          const scanned = readScanned(file, init.maxSize, init.cwd);
          const models = scannedModels([scanned], init.context);
          own.set(i, { scanned, options, models });
          documents += models.length;
          if (models.some(sharedWithProject)) shared.push(i);
        }
        parseMs += performance.now() - t;
        reply({ type: 'parsed', task: m.task, shared, documents });
        return;
      }
      // The project index: own documents and every shared one, in scan order.
      const t0 = performance.now();
      const models: DocumentModel[] = [];
      const order = new Map<number, DocumentModel[]>();
      for (const [i, o] of own) order.set(i, o.models);
      for (const [i, file] of m.shared) {
        if (order.has(i)) continue;
        const s = readScanned(file, init.maxSize, init.cwd);
        order.set(i, scannedModels([s], init.context));
      }
      for (const i of [...order.keys()].sort((a, b) => a - b)) models.push(...order.get(i)!);
      const t1 = performance.now();
      const project = scanProject(models, m.documentCount, init.context);
      const results: Array<[number, SentFile]> = [];
      for (const i of [...own.keys()].sort((a, b) => a - b)) {
        const o = own.get(i)!;
        analyseScanned([o.scanned], init.options[o.options], project);
        results.push([i, send(o.scanned)]);
      }
      if (TRACE) process.stderr.write(`worker: parsed ${own.size} files in ${Math.round(parseMs)} ms, shared files parsed in ${Math.round(t1 - t0)} ms, analysed in ${Math.round(performance.now() - t1)} ms\n`);
      reply({ type: 'analysed', results });
    } catch (e) {
      reply({ type: 'failed', error: (e as Error)?.stack ?? String(e) });
    }
  });
}

if (!isMainThread && (workerData as Partial<WorkerInit> | undefined)?.[WORKER_MARK]) runWorker(workerData as WorkerInit);

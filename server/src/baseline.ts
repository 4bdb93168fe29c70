import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from './engine';

/**
 * A baseline of accepted findings (bulk suppressions, as ESLint's `eslint-suppressions.json` and Checkov's
 * `--create-baseline`): the findings a repository had when it turned the check on, so that only new ones are reported.
 *
 * Format (`.aks-guardrails-baseline.json`, sorted and stable so that it diffs well in review):
 *
 *   { "version": 1,
 *     "files": { "<path relative to the baseline's folder, with />": {
 *       "<rule id>": { "count": 2, "findings": { "<fingerprint>": 2 } } } } }
 *
 * A fingerprint is the finding's resource type, resource and property path (`Microsoft.ContainerService/managedClusters
 * aks @ properties.apiServerAccessProfile`), never its line: a finding that moves to another line of the same resource
 * stays baselined; the same problem in a new resource is new. Each entry is consumed as many times as its count.
 */
export const BASELINE_FILE = '.aks-guardrails-baseline.json';

/** Findings that are never baselined: problems of the tool's input, not of the infrastructure. */
const NOT_BASELINED = new Set(['parse-error', 'config', 'suppression', 'file-skipped', 'terraform-module', 'bicep-module', 'kustomize-build']);

export interface Baseline {
  version: 1;
  files: Record<string, Record<string, { count: number; findings: Record<string, number> }>>;
}

export class BaselineError extends Error {}

export function fingerprint(f: Finding): string {
  const resource = [f.resourceType, f.resource].filter(Boolean).join(' ') || '(file)';
  return `${resource} @ ${f.where ?? ''}`;
}

export function isBaselinable(f: Finding): boolean {
  return !NOT_BASELINED.has(f.ruleId);
}

/** The key of a file in a baseline stored in `dir`. */
export function baselineKey(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

/** A baseline of `findings` per file (absolute paths), stored in `dir`. */
export function createBaseline(dir: string, files: Array<{ path: string; findings: Finding[] }>): Baseline {
  const out: Baseline = { version: 1, files: {} };
  for (const file of files) {
    for (const f of file.findings) {
      if (!isBaselinable(f)) continue;
      const byRule = (out.files[baselineKey(dir, file.path)] ??= {});
      const entry = (byRule[f.ruleId] ??= { count: 0, findings: {} });
      entry.count++;
      const fp = fingerprint(f);
      entry.findings[fp] = (entry.findings[fp] ?? 0) + 1;
    }
  }
  return sorted(out);
}

/** Keys in order at every level: the file diffs well. */
export function sorted(b: Baseline): Baseline {
  const files: Baseline['files'] = {};
  for (const file of Object.keys(b.files).sort()) {
    const rules: Baseline['files'][string] = {};
    for (const rule of Object.keys(b.files[file]).sort()) {
      const e = b.files[file][rule];
      const findings: Record<string, number> = {};
      for (const fp of Object.keys(e.findings).sort()) findings[fp] = e.findings[fp];
      rules[rule] = { count: e.count, findings };
    }
    if (Object.keys(rules).length) files[file] = rules;
  }
  return { version: 1, files };
}

export function serialise(b: Baseline): string {
  return JSON.stringify(sorted(b), null, 2) + '\n';
}

/** Reads and checks a baseline file: a clear error (BaselineError) when it is not one. */
export function readBaseline(file: string, display = file): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new BaselineError(`cannot read baseline ${display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseBaseline(text, display);
}

export function parseBaseline(text: string, file = 'baseline'): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`baseline ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const bad = (why: string) => new BaselineError(`baseline ${file} is not an AKS Guardrails baseline: ${why}`);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw bad('not an object');
  const d = data as Record<string, unknown>;
  if (d.version !== 1) throw bad(`version ${JSON.stringify(d.version)} (expected 1)`);
  if (!d.files || typeof d.files !== 'object' || Array.isArray(d.files)) throw bad('no "files" object');
  for (const [f, rules] of Object.entries(d.files as Record<string, unknown>)) {
    if (!rules || typeof rules !== 'object' || Array.isArray(rules)) throw bad(`"${f}" is not an object of rules`);
    for (const [rule, e] of Object.entries(rules as Record<string, unknown>)) {
      const entry = e as Record<string, unknown>;
      if (!entry || typeof entry !== 'object' || typeof entry.count !== 'number' || !entry.findings || typeof entry.findings !== 'object') throw bad(`"${f}" / "${rule}" needs "count" and "findings"`);
      for (const [fp, n] of Object.entries(entry.findings as Record<string, unknown>)) {
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw bad(`"${f}" / "${rule}" / "${fp}": count ${JSON.stringify(n)}`);
      }
    }
  }
  return data as Baseline;
}

/**
 * Splits the findings of one file into new ones and baselined ones, consuming baseline entries. `used` collects what
 * was matched (for pruning).
 */
export function applyBaseline<F extends Finding>(b: Baseline, key: string, findings: F[], used?: Baseline): { kept: F[]; baselined: F[] } {
  const rules = b.files[key];
  if (!rules) return { kept: findings, baselined: [] };
  const left = new Map<string, number>();
  for (const [rule, e] of Object.entries(rules)) for (const [fp, n] of Object.entries(e.findings)) left.set(`${rule}\u0000${fp}`, n);
  const kept: F[] = [];
  const baselined: F[] = [];
  for (const f of findings) {
    const k = `${f.ruleId}\u0000${fingerprint(f)}`;
    const n = left.get(k) ?? 0;
    if (!isBaselinable(f) || n <= 0) {
      kept.push(f);
      continue;
    }
    left.set(k, n - 1);
    baselined.push(f);
    if (used) {
      const byRule = (used.files[key] ??= {});
      const e = (byRule[f.ruleId] ??= { count: 0, findings: {} });
      e.count++;
      e.findings[fingerprint(f)] = (e.findings[fingerprint(f)] ?? 0) + 1;
    }
  }
  return { kept, baselined };
}

/**
 * The baseline without what no current finding matched. Files that were not scanned keep their entries (a scan of
 * one folder does not prune another's).
 */
export function pruneBaseline(b: Baseline, used: Baseline, scannedKeys: Set<string>): { baseline: Baseline; removed: number } {
  const out: Baseline = { version: 1, files: {} };
  let removed = 0;
  for (const [file, rules] of Object.entries(b.files)) {
    if (!scannedKeys.has(file)) {
      out.files[file] = rules;
      continue;
    }
    for (const [rule, e] of Object.entries(rules)) {
      for (const [fp, n] of Object.entries(e.findings)) {
        const m = Math.min(n, used.files[file]?.[rule]?.findings[fp] ?? 0);
        removed += n - m;
        if (!m) continue;
        const entry = ((out.files[file] ??= {})[rule] ??= { count: 0, findings: {} });
        entry.count += m;
        entry.findings[fp] = m;
      }
    }
  }
  return { baseline: sorted(out), removed };
}

/** Where the baseline is by default: next to the configuration file that applies to `dir`, else in `dir`. */
export function defaultBaselinePath(configPath: string | undefined, dir: string): string {
  return path.join(configPath ? path.dirname(configPath) : dir, BASELINE_FILE);
}

/** Writes a baseline atomically (a temporary file renamed over it): an interrupted run never leaves half a file. */
export function writeBaseline(file: string, b: Baseline): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, serialise(b));
  fs.renameSync(tmp, file);
}

/**
 * Seeded mutation fuzzer (no dependency): mutates real inputs (../shared/corpus, samples/) and pushes each one
 * through detection, parse, every rule and every fix. Used by fuzz.test.ts (CI share) and scripts/fuzz.mjs (full run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, applyTextEdits, clearParsedOthers, detectKind, editsByFile, editsForFix, memoryFiles, parseFile, parseOther, RULE_FAILED, syntaxFor } from '../../../server/out/engine';

export const ROOT = path.resolve(__dirname, '../../..');
export const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');

/** Every corpus file and sample (fixtures), sorted, as { path, text }. */
export function seedFiles(): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ya?ml|json|tf|tfvars|bicep|bicepparam)$/i.test(e.name)) out.push({ path: p, text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(CORPUS);
  // Terraform HCL modules (../shared/terraform/corpus).
  walk(path.join(CORPUS, '..', 'terraform', 'corpus'));
  // Bicep sources (../shared/bicep/corpus and pairs).
  walk(path.join(CORPUS, '..', 'bicep', 'corpus'));
  walk(path.join(CORPUS, '..', 'bicep', 'pairs'));
  walk(path.join(ROOT, 'samples'));
  walk(path.join(ROOT, 'test', 'fixtures'));
  return out;
}

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNICODE = ['\u00e9', '\u200b', '\ufeff', '\u2028', '\ud83d\ude00', '\ud800', '\u0000', '\t', '\r', '\u00a0', '\u202e', '\uffff', ':', '-', '{', '[', '"', "'", '&a', '*a', '<<', '|', '>', '#', '\\', '%'];
export const MUTATIONS = ['byte-flip', 'truncate', 'duplicate-line', 'delete-line', 'indent-shift', 'insert-doc-marker', 'unicode', 'splice'] as const;

/** One to three mutations of `text`. Large inputs are cut to a window first so a CI share stays fast. */
export function mutate(text: string, r: () => number, window = 24 * 1024): { text: string; ops: string[] } {
  const pick = (n: number) => Math.floor(r() * n);
  let t = text;
  const ops: string[] = [];
  if (t.length > window) {
    const s = r() < 0.5 ? 0 : pick(t.length - window);
    t = t.slice(s, s + window);
    ops.push(`window@${s}`);
  }
  const n = 1 + pick(3);
  for (let k = 0; k < n; k++) {
    const op = MUTATIONS[pick(MUTATIONS.length)];
    ops.push(op);
    const lines = () => t.split('\n');
    switch (op) {
      case 'byte-flip': {
        if (!t.length) break;
        const i = pick(t.length);
        t = t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << pick(7))) + t.slice(i + 1);
        break;
      }
      case 'truncate':
        t = t.slice(0, pick(t.length + 1));
        break;
      case 'duplicate-line': {
        const ls = lines();
        const i = pick(ls.length);
        ls.splice(i, 0, ls[i]);
        t = ls.join('\n');
        break;
      }
      case 'delete-line': {
        const ls = lines();
        ls.splice(pick(ls.length), 1 + pick(3));
        t = ls.join('\n');
        break;
      }
      case 'indent-shift': {
        const ls = lines();
        const i = pick(ls.length);
        const d = 1 + pick(4);
        ls[i] = r() < 0.5 ? ' '.repeat(d) + ls[i] : ls[i].replace(new RegExp(`^ {1,${d}}`), '');
        t = ls.join('\n');
        break;
      }
      case 'insert-doc-marker': {
        const ls = lines();
        ls.splice(pick(ls.length + 1), 0, r() < 0.8 ? '---' : '...');
        t = ls.join('\n');
        break;
      }
      case 'unicode': {
        const i = pick(t.length + 1);
        t = t.slice(0, i) + UNICODE[pick(UNICODE.length)] + t.slice(i);
        break;
      }
      case 'splice': {
        // Move a random slice elsewhere (keys at the wrong level, half objects).
        const a = pick(t.length + 1);
        const b = Math.min(t.length, a + pick(200));
        const piece = t.slice(a, b);
        const rest = t.slice(0, a) + t.slice(b);
        const at = pick(rest.length + 1);
        t = rest.slice(0, at) + piece + rest.slice(at);
        break;
      }
    }
  }
  return { text: t, ops };
}

export interface FuzzFailure {
  seed: number;
  index: number;
  source: string;
  ops: string[];
  stage: string;
  error: string;
}

export interface FuzzStats {
  inputs: number;
  fixesApplied: number;
  slowestMs: number;
  slowestStage: string;
  failures: FuzzFailure[];
}

const SLOW_MS = 1000;

/** Runs `count` mutated inputs; never throws: every escaped exception or call over 1 s is a failure. */
export function fuzz(count: number, seed: number, onProgress?: (done: number) => void): FuzzStats {
  const seeds = seedFiles();
  const r = rng(seed);
  const stats: FuzzStats = { inputs: 0, fixesApplied: 0, slowestMs: 0, slowestStage: '', failures: [] };
  for (let i = 0; i < count; i++) {
    const src = seeds[Math.floor(r() * seeds.length)];
    const { text, ops } = mutate(src.text, r);
    const fail = (stage: string, e: unknown) =>
      stats.failures.length < 50 && !stats.failures.some((x) => x.index === i && x.stage === stage) && stats.failures.push({ seed, index: i, source: path.basename(src.path), ops, stage, error: String((e as Error)?.stack ?? e).slice(0, 600) });
    const timed = <T>(stage: string, fn: () => T): T | undefined => {
      const t0 = performance.now();
      try {
        return fn();
      } catch (e) {
        fail(stage, e);
        return undefined;
      } finally {
        const ms = performance.now() - t0;
        if (ms > stats.slowestMs) {
          stats.slowestMs = ms;
          stats.slowestStage = `${stage} (${path.basename(src.path)} ${ops.join('+')})`;
        }
        if (ms > SLOW_MS) fail(stage, new Error(`took ${Math.round(ms)} ms`));
      }
    };
    stats.inputs++;
    timed('detect', () => {
      const syntax = syntaxFor(src.path, text);
      const f = parseFile(src.path, text, { syntax });
      for (const d of f.documents) detectKind(d.root, d.syntax);
    });
    const file = timed('parse', () => parseFile(src.path, text));
    if (!file) continue;
    const res = timed('analyze', () => analyzeFile(file));
    if (!res) continue;
    for (const f of res.findings) {
      if (f.ruleId === RULE_FAILED) fail('rule', new Error(f.message));
      if (!(f.start >= 0 && f.end >= f.start && f.end <= text.length)) fail('range', new Error(`${f.ruleId} range ${f.start}-${f.end} outside 0-${text.length}`));
      for (const fix of [f.fix, ...(f.suggestions ?? [])]) {
        if (!fix) continue;
        timed(`fix ${f.ruleId}`, () => {
          const edits = editsForFix(res.file, fix);
          for (const e of edits) if (e.offset < 0 || e.offset + e.length > text.length) throw new Error(`edit ${e.offset}+${e.length} outside the text`);
          applyTextEdits(text, edits);
          stats.fixesApplied++;
        });
      }
    }
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  return stats;
}

/** The Kustomize trees of ../shared/kustomize: the fuzzer mutates one of their files and analyses the tree. */
export const KUSTOMIZE_TREES = path.resolve(ROOT, '..', 'shared', 'kustomize');

/**
 * Kustomize share of the fuzz run: one file of a real tree (a kustomization, a patch, a base) is mutated, then every file
 * of the tree is analysed as built (overlays, patches, inline patches): no exception, ranges and fix edits inside
 * each file's text, every analysis < SLOW_MS.
 */
export function fuzzKustomize(count: number, seed: number): FuzzStats {
  const stats: FuzzStats = { inputs: 0, fixesApplied: 0, slowestMs: 0, slowestStage: '', failures: [] };
  const tree = path.join(KUSTOMIZE_TREES, 'microservices-demo');
  if (!fs.existsSync(tree)) return stats;
  const original: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) original[p] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(tree);
  const paths = Object.keys(original);
  // Mutations aimed where Kustomize reads: the kustomizations and the patch file most of the time.
  const targets = paths.filter((p) => /kustomization\.yaml$|patch/.test(p));
  const r = rng(seed);
  for (let i = 0; i < count; i++) {
    const pick = r() < 0.8 ? targets[Math.floor(r() * targets.length)] : paths[Math.floor(r() * paths.length)];
    const { text, ops } = mutate(original[pick], r);
    const files = { ...original, [pick]: text };
    const source = memoryFiles(files);
    clearParsedOthers();
    stats.inputs++;
    // The mutated file and a base file that every overlay builds (its findings come from the builds).
    for (const p of [pick, path.join(tree, 'base', 'frontend.yaml')]) {
      const t0 = performance.now();
      const fail = (stage: string, e: unknown) => stats.failures.length < 50 && stats.failures.push({ seed, index: i, source: path.relative(tree, pick), ops, stage, error: String((e as Error)?.stack ?? e).slice(0, 600) });
      try {
        const parsed = parseOther(source, p)!;
        const res = analyzeFile(parsed, {}, { files: source, roots: [tree] });
        for (const f of res.findings) {
          if (f.ruleId === RULE_FAILED) fail('rule', new Error(f.message));
          if (!(f.start >= 0 && f.end >= f.start && f.end <= files[p].length)) fail('range', new Error(`${f.ruleId} range ${f.start}-${f.end} outside 0-${files[p].length}`));
          for (const fix of [f.fix, ...(f.suggestions ?? [])]) {
            if (!fix) continue;
            for (const g of editsByFile(parsed, fix)) {
              for (const e of g.edits) if (e.offset < 0 || e.offset + e.length > g.file.text.length) fail(`fix ${f.ruleId}`, new Error(`edit ${e.offset}+${e.length} outside ${g.file.path}`));
              applyTextEdits(g.file.text, g.edits);
              stats.fixesApplied++;
            }
          }
        }
      } catch (e) {
        fail('analyze', e);
      }
      const ms = performance.now() - t0;
      if (ms > stats.slowestMs) {
        stats.slowestMs = ms;
        stats.slowestStage = `kustomize ${path.relative(tree, p)} (${path.relative(tree, pick)} ${ops.join('+')})`;
      }
      if (ms > SLOW_MS) fail('analyze', new Error(`took ${Math.round(ms)} ms`));
    }
  }
  return stats;
}

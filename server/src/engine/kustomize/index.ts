import * as nodePath from 'node:path';
import { docOf, fileOf, ParsedDocument, ParsedFile } from '../documents';
import { FileSource, withOpenBuffers } from '../files';
import { build, BuildProblem, BuiltObject } from './build';
import { isKustomizationPath, Kustomization, KUSTOMIZATION_NAMES, kustomizationFileOf, kustomizationOf, readKustomization, refsOf } from './kustomization';

export * from './kustomization';
export * from './build';
export * from './merge';

/** A top-level kustomization (an overlay: no other kustomization uses it) whose build reads the analysed file. */
export interface BuiltOverlay {
  /** Its folder relative to the searched root ("overlays/dev"; the root itself by its folder name). */
  label: string;
  dir: string;
  /** Its kustomization file. */
  path: string;
  objects: BuiltObject[];
}

/** What Kustomize makes of one file. */
export interface KustomizeView {
  /** Documents of the file judged only as built: resources and patches of a kustomization, the kustomization itself. */
  claimed: Set<ParsedDocument>;
  /** The overlays whose build reads the file (its findings are those of these builds). */
  overlays: BuiltOverlay[];
  /** Problems written in this file (a kustomization): paths that do not exist, cycles, patches that do not apply. */
  problems: BuildProblem[];
}

/** Folders never searched for kustomizations. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform', '.cache', 'vendor']);
const MAX_SCANNED_DIRS = 3000;
const MAX_SCAN_DEPTH = 12;

/**
 * Where kustomizations that may use a file are looked for: the nearest of `roots` (workspace folders, the folders the
 * CLI scans) that contains it; else the repository (the nearest folder with `.git`, up to 6 levels up); else two
 * folders up (a `base/` beside `overlays/`).
 */
export function searchRootOf(files: FileSource, path: string, roots: readonly string[] = []): string {
  return searchRootsOf(files, path, roots)[0];
}

/**
 * The folders searched for the kustomizations that may use a file: the nearest root that contains it; every root when
 * none does (a base outside the folders the CLI scans, reached through an overlay it scans: only those overlays count);
 * without roots, the repository around the file (searchRootOf).
 */
export function searchRootsOf(files: FileSource, path: string, roots: readonly string[] = []): string[] {
  const dir = nodePath.dirname(path);
  const resolved = roots.map((r) => nodePath.resolve(r));
  const containing = resolved.filter((r) => dir === r || dir.startsWith(r.endsWith(nodePath.sep) ? r : r + nodePath.sep));
  if (containing.length) return [containing.sort((a, b) => b.length - a.length)[0]];
  if (resolved.length) return resolved;
  return [repositoryRootOf(files, dir)];
}

function repositoryRootOf(files: FileSource, dir: string): string {
  let cur = dir;
  for (let i = 0; i < 6; i++) {
    if (files.list(cur)?.some((e) => e.name === '.git')) return cur;
    const up = nodePath.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  let top = dir;
  for (let i = 0; i < 2; i++) {
    const up = nodePath.dirname(top);
    // never a file-system root or a first-level folder (/tmp, /home): too wide to search
    if (up === top || nodePath.dirname(up) === nodePath.parse(up).root) break;
    top = up;
  }
  return top;
}

/** Every kustomization file below `root` (bounded: a pathological tree is searched partially, never forever). */
export function findKustomizations(files: FileSource, root: string, scans?: Map<string, string[]>): string[] {
  const cache = scans ?? SCANS.get(files);
  const hit = cache?.get(root);
  if (hit) return hit;
  const out: string[] = [];
  let dirs = 0;
  const visit = (dir: string, depth: number) => {
    if (++dirs > MAX_SCANNED_DIRS || depth > MAX_SCAN_DEPTH) return;
    const entries = files.list(dir);
    if (!entries) return;
    const k = KUSTOMIZATION_NAMES.find((name) => entries.some((e) => !e.dir && e.name === name));
    if (k) out.push(nodePath.join(dir, k));
    for (const e of entries) if (e.dir && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) visit(nodePath.join(dir, e.name), depth + 1);
  };
  visit(root, 0);
  if (cache) cache.set(root, out);
  return out;
}

/**
 * Scans are remembered per FileSource object for the sources that never change during their life (the CLI's disk);
 * the language server gives every analysis a new (recording) source, so each analysis searches afresh and records the
 * folders it listed (a kustomization created later re-analyses the files it concerns).
 */
const SCANS = new WeakMap<FileSource, Map<string, string[]>>();
export function rememberScans(files: FileSource): void {
  if (!SCANS.has(files)) SCANS.set(files, new Map());
}

/** Every file the kustomization at `path` reads, transitively (its bases', components' and patches'): the CLI scans them too. */
export function filesReadBy(files: FileSource, path: string): Set<string> {
  const k = readKustomization(files, path);
  return k ? closure(files, k, new Map(), new Map()) : new Set();
}

/**
 * The files a kustomization reads, transitively (its bases' and components' too), without reading them: a path that is
 * a folder with a kustomization is followed, any other path counts as a file (a missing one reads as nothing).
 */
function closure(files: FileSource, k: Kustomization, known: Map<string, Kustomization>, memo: Map<string, Set<string>>): Set<string> {
  const done = memo.get(k.dir);
  if (done) return done;
  const out = new Set<string>([k.path]);
  memo.set(k.dir, out); // a cycle reads what is known so far
  for (const { ref } of refsOf(k)) {
    if (!ref.path) continue;
    const sub = known.get(ref.path) ?? outside(files, ref.path);
    if (!sub) {
      out.add(ref.path);
      continue;
    }
    known.set(sub.dir, sub);
    for (const p of closure(files, sub, known, memo)) out.add(p);
  }
  return out;
}

/** A base outside the searched folders (`../../../shared/base`): read when the path is not a manifest's. */
function outside(files: FileSource, path: string): Kustomization | undefined {
  if (/\.(ya?ml|json)$/i.test(path)) return undefined;
  const kp = kustomizationFileOf(files, path);
  return kp ? readKustomization(files, kp) : undefined;
}

/**
 * The Kustomize view of `file`: whether its documents are resources or patches of a kustomization (then judged only as
 * built), the overlays to build for it, and its own problems when it is a kustomization. Undefined when no
 * kustomization concerns it.
 */
export function kustomizeViewOf(file: ParsedFile, project: FileSource, roots?: readonly string[], scans?: Map<string, string[]>): KustomizeView | undefined {
  if (!nodePath.isAbsolute(file.path) || file.skipped) return undefined;
  const searchRoots = searchRootsOf(project, file.path, roots);
  const paths = [...new Set(searchRoots.flatMap((r) => findKustomizations(project, r, scans)))];
  // An overlay is named by its folder relative to the searched root it lies in.
  const labelOf = (dir: string) => {
    const root = searchRoots.filter((r) => dir === r || dir.startsWith(r + nodePath.sep)).sort((a, b) => b.length - a.length)[0] ?? searchRoots[0];
    // The searched folder itself is named by its folder name ("dev"), not ".".
    return nodePath.relative(root, dir) || nodePath.basename(dir) || dir;
  };
  // The analysed text is what every build reads for this file (not the disk's, during a CLI --fix pass).
  const files = withOpenBuffers((p) => (p === file.path ? file.text : undefined), project);
  const selfIsKustomization = isKustomizationPath(file.path);
  if (!paths.length && !selfIsKustomization) return undefined;
  const all: Kustomization[] = [];
  for (const p of paths) {
    const k = p === file.path ? kustomizationOf(file) : readKustomization(files, p);
    if (k) all.push(k);
  }
  const own = selfIsKustomization ? all.find((k) => k.path === file.path) ?? kustomizationOf(file) : undefined;
  if (own && !all.includes(own)) all.push(own);
  // Every kustomization the found ones reach (a base outside the searched folders too), which folders other
  // kustomizations use (as bases or components), and whether this file is a resource or a patch.
  const known = new Map(all.map((k) => [k.dir, k]));
  const memo = new Map<string, Set<string>>();
  for (const k of all) closure(files, k, known, memo);
  const usedDirs = new Set<string>();
  let used = false;
  let patch = false;
  for (const k of known.values()) {
    for (const { ref, role } of refsOf(k)) {
      if (ref.path === file.path) {
        used = true;
        if (role === 'patch') patch = true;
      } else if (ref.path && ref.path !== k.dir && known.has(ref.path)) usedDirs.add(ref.path);
    }
  }
  const claimed = new Set<ParsedDocument>();
  if (own || used) for (const d of file.documents) claimed.add(d);
  if (!claimed.size) return undefined;
  const buildable = all.filter((k) => !k.component);
  let overlays = buildable.filter((k) => !usedDirs.has(k.dir) && closure(files, k, known, memo).has(file.path));
  // A cycle leaves no top-level kustomization: build the ones that read the file.
  if (!overlays.length) overlays = buildable.filter((k) => closure(files, k, known, memo).has(file.path));
  // A resource that no kustomization built here reaches (a component no overlay uses) is judged alone; a patch never is.
  if (!overlays.length && !own && !patch) return undefined;
  const built: BuiltOverlay[] = [];
  const problems: BuildProblem[] = [];
  const seen = new Set<string>();
  for (const k of overlays) {
    const result = build(files, k.dir);
    built.push({ label: labelOf(k.dir), dir: k.dir, path: k.path, objects: result.objects });
    for (const p of result.problems) {
      const at = fileOf(docOf(p.node));
      const key = `${p.node.offset}|${p.message}`;
      if (at?.path === file.path && !seen.has(key)) {
        seen.add(key);
        problems.push(p);
      }
    }
  }
  // A component no overlay uses: its own paths are still checked (built alone, its objects judged by no one; its
  // patches are meant for the resources of the overlays that will use it).
  if (own?.component && !overlays.length) {
    for (const p of build(files, own.dir).problems.filter((x) => x.kind !== 'patch')) {
      const key = `${p.node.offset}|${p.message}`;
      if (fileOf(docOf(p.node))?.path === file.path && !seen.has(key)) {
        seen.add(key);
        problems.push(p);
      }
    }
  }
  built.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { claimed, overlays: built, problems };
}

import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { ParsedFile } from './documents/types';
import { parseFile, ParseOptions } from './documents/parse';

/**
 * Where the engine reads files other than the one it analyses (a Bicep module, `variables.tf` beside `main.tf`, a
 * Kustomize base): the disk in the CLI, the editor's open buffers over the disk in the language server. Every
 * cross-file reader goes through one FileSource so that the CLI and the server see the same project, and the server
 * can tell which files an analysis depended on (RecordingFileSource) to re-analyse it when one of them changes.
 * Paths are absolute file-system paths.
 */
export interface FileSource {
  /** The file's text; undefined when it does not exist or cannot be read. */
  read(path: string): string | undefined;
  /** The entries of a directory; undefined when it does not exist or cannot be listed. */
  list(dir: string): DirEntry[] | undefined;
}

export interface DirEntry {
  name: string;
  dir: boolean;
}

/** Files larger than this are not read as dependencies (a module or variables file is small; a 1 GB blob is not one). */
export const MAX_DEPENDENCY_SIZE = 8 * 1024 * 1024;

export const DISK_FILES: FileSource = {
  read(path) {
    try {
      const st = fs.statSync(path);
      if (!st.isFile() || st.size > MAX_DEPENDENCY_SIZE) return undefined;
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  list(dir) {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory() || (e.isSymbolicLink() && isDir(nodePath.join(dir, e.name))) }));
    } catch {
      return undefined;
    }
  },
};

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** No other file is readable (tests, standard input, an untitled buffer). */
export const NO_FILES: FileSource = { read: () => undefined, list: () => undefined };

/** Open editor buffers win over `base` (the disk): what the user sees is what is analysed. */
export function withOpenBuffers(open: (path: string) => string | undefined, base: FileSource = DISK_FILES): FileSource {
  return {
    read: (path) => open(path) ?? base.read(path),
    list: (dir) => base.list(dir),
  };
}

/** In-memory files (tests): path -> text; directories are derived from the paths. */
export function memoryFiles(files: Record<string, string>): FileSource {
  const norm = new Map(Object.entries(files).map(([p, t]) => [nodePath.resolve(p), t]));
  return {
    read: (path) => norm.get(nodePath.resolve(path)),
    list: (dir) => {
      const d = nodePath.resolve(dir);
      const out = new Map<string, boolean>();
      for (const p of norm.keys()) {
        const rel = nodePath.relative(d, p);
        if (!rel || rel.startsWith('..') || nodePath.isAbsolute(rel)) continue;
        const [first, ...rest] = rel.split(nodePath.sep);
        out.set(first, (out.get(first) ?? false) || rest.length > 0);
      }
      return out.size ? [...out].map(([name, dir]) => ({ name, dir })) : undefined;
    },
  };
}

/**
 * Remembers every path read or listed through it (what an analysis depended on), with the text it read: the server
 * re-analyses an open document when one of its dependencies changes.
 */
export class RecordingFileSource implements FileSource {
  /** Path -> text read (undefined: did not exist). */
  readonly reads = new Map<string, string | undefined>();
  readonly listed = new Set<string>();
  constructor(private readonly inner: FileSource) {}
  read(path: string): string | undefined {
    const text = this.inner.read(path);
    this.reads.set(path, text);
    return text;
  }
  list(dir: string): DirEntry[] | undefined {
    this.listed.add(dir);
    return this.inner.list(dir);
  }
  /** Whether a change of `path` (created, changed or deleted) can change what was read. */
  dependsOn(path: string): boolean {
    return this.reads.has(path) || this.listed.has(nodePath.dirname(path));
  }
}

/**
 * The path as it exists, matching each segment case-insensitively when the exact spelling does not exist (a template
 * compiled on Windows or macOS may spell a folder differently than the repository does). Undefined when nothing matches.
 */
export function resolveCaseInsensitive(files: FileSource, path: string): string | undefined {
  if (files.read(path) !== undefined) return path;
  const abs = nodePath.resolve(path);
  const { root } = nodePath.parse(abs);
  let cur = root;
  for (const seg of abs.slice(root.length).split(nodePath.sep).filter(Boolean)) {
    const entries = files.list(cur);
    if (!entries) return undefined;
    const exact = entries.find((e) => e.name === seg);
    const match = exact ?? entries.find((e) => e.name.toLowerCase() === seg.toLowerCase());
    if (!match) return undefined;
    cur = nodePath.join(cur, match.name);
  }
  return files.read(cur) !== undefined ? cur : undefined;
}

/**
 * Another file, parsed once per text: the same ParsedFile (and so the same models and cached rule runs) for as long
 * as its text does not change. Bounded: the least recently used entries go first.
 */
const PARSED = new Map<string, { text: string; parsed: ParsedFile; optionsKey: string }>();
const MAX_PARSED = 512;

export function parseOther(files: FileSource, path: string, options: ParseOptions = {}): ParsedFile | undefined {
  const text = files.read(path);
  if (text === undefined) return undefined;
  return parseOtherText(path, text, options);
}

export function parseOtherText(path: string, text: string, options: ParseOptions = {}): ParsedFile {
  const optionsKey = options.syntax ?? '';
  const hit = PARSED.get(path);
  if (hit && hit.text === text && hit.optionsKey === optionsKey) {
    PARSED.delete(path);
    PARSED.set(path, hit);
    return hit.parsed;
  }
  const parsed = parseFile(path, text, options);
  PARSED.delete(path);
  PARSED.set(path, { text, parsed, optionsKey });
  if (PARSED.size > MAX_PARSED) PARSED.delete(PARSED.keys().next().value!);
  return parsed;
}

/**
 * The file being analysed is the parse other readers get for its path and text (a Terraform module reads every `.tf`
 * of its folder, the analysed one included): one parse, one model, and its nodes are this file's nodes.
 */
export function shareParsed(file: ParsedFile, syntax?: string): void {
  if (file.skipped) return;
  PARSED.delete(file.path);
  PARSED.set(file.path, { text: file.text, parsed: file, optionsKey: syntax ?? '' });
  if (PARSED.size > MAX_PARSED) PARSED.delete(PARSED.keys().next().value!);
}

/** Drops every cached parse of other files (tests; a workspace that closed). */
export function clearParsedOthers(): void {
  PARSED.clear();
}

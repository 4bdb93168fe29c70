import * as nodePath from 'node:path';
import { child, detectKind, entries, items, Node, ParsedDocument, ParsedFile, registerDocument, scalar, str } from '../documents';
import { splitYamlDocuments, parseYamlChunk } from '../documents/yaml';
import { FileSource, parseOther } from '../files';

/** The file names that make a folder a Kustomize root, in kustomize's order of preference. */
export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isKustomizationPath(path: string): boolean {
  return KUSTOMIZATION_NAMES.includes(nodePath.basename(path));
}

/** A path written in a kustomization (`resources`, `components`, a patch's `path`). */
export interface KustomizeRef {
  value: string;
  /** Where it is written (the kustomization's scalar). */
  node: Node;
  /** Absolute path; undefined for a remote URL (never read: its content is unknown). */
  path?: string;
}

/** `target:` of a patch: every field an anchored regular expression (kustomize's selector), labels as `k=v,k2=v2`. */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface KustomizePatch {
  /** The entry in the kustomization (problems point at it). */
  node: Node;
  /** The patch file, when written as `path:` (or a `patchesStrategicMerge` file). */
  ref?: KustomizeRef;
  /** An inline patch's documents (a file's are read at build time: patchDocs). */
  inline?: ParsedDocument[];
  target?: Selector;
  /** From `patchesJson6902`: the documents are operations (a `patches:` entry is recognised by its shape). */
  json6902: boolean;
}

export interface ImageOverride {
  name: string;
  newName?: Node;
  newTag?: Node;
  digest?: Node;
  tagSuffix?: Node;
  node: Node;
}

export interface Kustomization {
  path: string;
  dir: string;
  file: ParsedFile;
  doc: ParsedDocument;
  /** `kind: Component`: applied to the resources of the kustomization that lists it, never built alone. */
  component: boolean;
  resources: KustomizeRef[];
  components: KustomizeRef[];
  patches: KustomizePatch[];
  images: ImageOverride[];
  namespace?: Node;
  namePrefix?: Node;
  nameSuffix?: Node;
  replicas: Array<{ name: string; count: Node }>;
  /** `commonLabels` and `labels[].pairs`: added to every object; `templates` also to pod templates. */
  labels: Array<{ pairs: Node; templates: boolean }>;
  /** `commonAnnotations`: added to every object and its pod template. */
  annotations?: Node;
}

const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|git::|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=|\/\/.+/;

/** The kustomization file of `dir`, if it has one. */
export function kustomizationFileOf(files: FileSource, dir: string): string | undefined {
  const entries = files.list(dir);
  if (!entries) return undefined;
  for (const name of KUSTOMIZATION_NAMES) if (entries.some((e) => !e.dir && e.name === name)) return nodePath.join(dir, name);
  return undefined;
}

const READ = new WeakMap<ParsedFile, Kustomization>();

/** Reads the kustomization file at `path` (parsed once per text; the reading is remembered per parse). */
export function readKustomization(files: FileSource, path: string): Kustomization | undefined {
  const file = parseOther(files, path, { syntax: 'yaml' });
  if (!file) return undefined;
  return kustomizationOf(file);
}

/** The kustomization a parsed file holds (its first document), undefined when it is not one. */
export function kustomizationOf(file: ParsedFile): Kustomization | undefined {
  const cached = READ.get(file);
  if (cached) return cached;
  const doc = file.documents.find((d) => d.root?.type === 'object');
  if (!doc?.root || doc.errors.length) return undefined;
  const root = doc.root;
  const dir = nodePath.dirname(file.path);
  const ref = (n: Node): KustomizeRef | undefined => {
    // Go reads these lists as strings: a plain `.` or `1.0` is the path as written (YAML 1.1 would make it a number).
    const value = str(n) ?? (n.type === 'number' || n.type === 'boolean' ? file.text.slice(doc.base + n.offset, doc.base + n.offset + n.length) : undefined);
    if (!value) return undefined;
    return { value, node: n, path: REMOTE.test(value) ? undefined : nodePath.resolve(dir, value) };
  };
  const refs = (key: string) => items(child(root, key)).map(ref).filter((r): r is KustomizeRef => !!r);
  const k: Kustomization = {
    path: file.path, dir, file, doc,
    component: str(child(root, 'kind')) === 'Component',
    // `bases` is the deprecated spelling of a resource that is a folder.
    resources: [...refs('resources'), ...refs('bases')],
    components: refs('components'),
    patches: [],
    images: [],
    // Go reads these fields as strings: `nameSuffix: -1` is "-1".
    namespace: scalarNode(child(root, 'namespace')),
    namePrefix: scalarNode(child(root, 'namePrefix')),
    nameSuffix: scalarNode(child(root, 'nameSuffix')),
    replicas: [],
    labels: [],
  };
  const common = child(root, 'commonLabels');
  if (common?.type === 'object') k.labels.push({ pairs: common, templates: true });
  for (const entry of items(child(root, 'labels'))) {
    const pairs = child(entry, 'pairs');
    if (pairs?.type === 'object') k.labels.push({ pairs, templates: scalar(child(entry, 'includeTemplates')) === true || scalar(child(entry, 'includeSelectors')) === true });
  }
  const annotations = child(root, 'commonAnnotations');
  if (annotations?.type === 'object') k.annotations = annotations;
  for (const entry of items(child(root, 'patchesStrategicMerge'))) {
    const text = str(entry);
    if (text === undefined) continue;
    // A file path, or an inline patch (kustomize accepts both).
    if (/\n/.test(text) || /^\s*(apiVersion|kind)\s*:/.test(text)) k.patches.push({ node: entry, inline: inlineDocs(file, doc, entry), json6902: false });
    else {
      k.patches.push({ node: entry, ref: ref(entry)!, json6902: false });
    }
  }
  for (const [list, json6902] of [['patches', false], ['patchesJson6902', true]] as const) {
    for (const entry of items(child(root, list))) {
      if (entry.type !== 'object') continue;
      const target = selectorOf(child(entry, 'target'));
      const pathNode = child(entry, 'path');
      const inline = child(entry, 'patch');
      if (pathNode && str(pathNode)) {
        k.patches.push({ node: entry, ref: ref(pathNode)!, target, json6902 });
      } else if (inline && str(inline) !== undefined) {
        k.patches.push({ node: entry, inline: inlineDocs(file, doc, inline), target, json6902 });
      }
    }
  }
  for (const entry of items(child(root, 'images'))) {
    const name = str(child(entry, 'name'));
    if (!name) continue;
    k.images.push({ name, newName: strNode(child(entry, 'newName')), newTag: scalarNode(child(entry, 'newTag')), digest: strNode(child(entry, 'digest')), tagSuffix: scalarNode(child(entry, 'tagSuffix')), node: entry });
  }
  for (const entry of items(child(root, 'replicas'))) {
    const name = str(child(entry, 'name'));
    const count = child(entry, 'count');
    if (name && count && typeof scalar(count) === 'number') k.replicas.push({ name, count });
  }
  READ.set(file, k);
  return k;
}

function strNode(n: Node | undefined): Node | undefined {
  return n && n.type === 'string' && typeof n.value === 'string' ? n : undefined;
}
function scalarNode(n: Node | undefined): Node | undefined {
  return n && (n.type === 'string' || n.type === 'number' || n.type === 'boolean') ? n : undefined;
}

/** A scalar field as the string Go reads it into. */
export function text(n: Node | undefined): string | undefined {
  const v = scalar(n);
  return v === undefined || v === null ? undefined : String(v);
}

function selectorOf(n: Node | undefined): Selector | undefined {
  if (!n || n.type !== 'object') return undefined;
  const s: Selector = {};
  for (const [k, , v] of entries(n)) {
    const value = scalar(v);
    if (typeof value === 'string' && ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'].includes(k)) s[k as keyof Selector] = value;
  }
  return s;
}

/** The documents of a patch: inline, or read from its file now (through `files`: open buffers win). */
export function patchDocs(files: FileSource, p: KustomizePatch): ParsedDocument[] {
  if (p.inline) return p.inline.filter((d) => d.root && !d.errors.length);
  if (!p.ref?.path) return [];
  const f = parseOther(files, p.ref.path);
  return f ? f.documents.filter((d) => d.root && !d.errors.length) : [];
}

/**
 * The documents of an inline patch (`patch: |-`). A literal block scalar's lines are the patch indented: the raw lines
 * parse as the same YAML, so its nodes get offsets in the kustomization file (findings and fixes land on the line in
 * the kustomization). Other spellings (quoted, folded) are parsed from the value, located at the `patch:` value and
 * never fixed in place.
 */
function inlineDocs(file: ParsedFile, kdoc: ParsedDocument, value: Node): ParsedDocument[] {
  const text = str(value) ?? '';
  const start = kdoc.base + value.offset;
  const end = start + value.length;
  const header = file.text.slice(start, file.text.indexOf('\n', start) < 0 ? end : file.text.indexOf('\n', start));
  const out: ParsedDocument[] = [];
  if (/^\|[-+]?\s*(#.*)?$/.test(header.trimEnd()) && file.text.indexOf('\n', start) >= 0) {
    const contentStart = file.text.indexOf('\n', start) + 1;
    const raw = file.text.slice(contentStart, end);
    if (dedent(raw).trimEnd() === text.trimEnd()) {
      for (const chunk of splitIndented(raw)) {
        const { root, errors } = parseYamlChunk(chunk.text);
        const doc: ParsedDocument = { index: -1, base: contentStart + chunk.base, text: chunk.text, syntax: 'yaml', root, errors, kind: detectKind(root, 'yaml') };
        registerDocument(file, doc);
        out.push(doc);
      }
      return out;
    }
  }
  for (const chunk of splitYamlDocuments(text)) {
    const { root, errors } = parseYamlChunk(chunk.text);
    if (root) pin(root, value);
    const doc: ParsedDocument = { index: -1, base: kdoc.base, text: chunk.text, syntax: 'yaml', root, errors, kind: detectKind(root, 'yaml') };
    out.push(doc);
  }
  return out;
}

/** Every node of an inline patch that could not be located: stands for the `patch:` value, not fixable. */
function pin(n: Node, at: Node): void {
  n.source = at;
  n.derived = true;
  n.offset = at.offset;
  n.length = at.length;
  for (const c of n.children ?? []) pin(c, at);
}

function dedent(raw: string): string {
  const lines = raw.split('\n');
  const first = lines.find((l) => l.trim());
  const indent = first ? first.length - first.trimStart().length : 0;
  return lines.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n');
}

/** `---` separated documents inside an indented block (the markers are indented too). */
function splitIndented(raw: string): Array<{ base: number; text: string }> {
  const out: Array<{ base: number; text: string }> = [];
  let from = 0;
  const re = /^[ \t]*---[ \t]*$/gm;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    if (m.index > from) out.push({ base: from, text: raw.slice(from, m.index) });
    from = m.index + m[0].length;
  }
  out.push({ base: from, text: raw.slice(from) });
  return out.filter((c) => c.text.trim());
}

/** Every file and folder a kustomization names (what it reads), with where it is named. */
export function refsOf(k: Kustomization): Array<{ ref: KustomizeRef; role: 'resource' | 'component' | 'patch' }> {
  return [
    ...k.resources.map((ref) => ({ ref, role: 'resource' as const })),
    ...k.components.map((ref) => ({ ref, role: 'component' as const })),
    ...k.patches.filter((p) => p.ref).map((p) => ({ ref: p.ref!, role: 'patch' as const })),
  ];
}

import * as nodePath from 'node:path';
import { child, docOf, items, Node, ParsedDocument, scalar, str } from '../documents';
import { FileSource, parseOther } from '../files';
import { POD_TEMPLATE, CONTAINER_LISTS } from '../model/k8s';
import { ImageOverride, Kustomization, kustomizationFileOf, KustomizePatch, patchDocs, readKustomization, Selector, text } from './kustomization';
import { applyJson6902, builtArray, derivedScalar, strategicMerge, withProperty } from './merge';

/** One object of a build: its tree (original nodes where nothing changed) and the document it was loaded from. */
export interface BuiltObject {
  root: Node;
  doc: ParsedDocument;
  /** metadata.name as written in its file (patches match the original name or the current one). */
  originalName: string;
}

/** A problem of a kustomization: a path that does not exist, a cycle, a patch that cannot apply. Points at where it is written. */
export interface BuildProblem {
  kustomization: string;
  node: Node;
  message: string;
  /** `path`: a path that does not exist or is not a kustomization; `cycle`: nesting; `patch`: a patch that does not apply. */
  kind: 'path' | 'cycle' | 'patch';
}

export interface BuildResult {
  objects: BuiltObject[];
  problems: BuildProblem[];
}

/** Limits that keep a pathological tree (thousands of nested bases, a base including itself) finite. */
const MAX_DEPTH = 64;
const MAX_LOADS = 20000;

interface BuildContext {
  files: FileSource;
  stack: string[];
  problems: BuildProblem[];
  loads: number;
  /** A remote resource was met: its objects are unknown, so a patch that matches nothing may match one of them. */
  remote: boolean;
}

/** Builds the kustomization of `dir` the way `kustomize build` does, for the fields the rules read. */
export function build(files: FileSource, dir: string): BuildResult {
  const ctx: BuildContext = { files, stack: [], problems: [], loads: 0, remote: false };
  const objects = buildDir(ctx, dir, undefined);
  return { objects, problems: ctx.problems };
}

function problem(ctx: BuildContext, k: Kustomization, node: Node, message: string, kind: BuildProblem['kind'] = 'path'): void {
  if (!ctx.problems.some((p) => p.node === node && p.message === message)) ctx.problems.push({ kustomization: k.path, node, message, kind });
}

function buildDir(ctx: BuildContext, dir: string, from: { k: Kustomization; node: Node } | undefined): BuiltObject[] {
  const path = kustomizationFileOf(ctx.files, dir);
  const k = path ? readKustomization(ctx.files, path) : undefined;
  if (!k) {
    if (from) problem(ctx, from.k, from.node, `'${said(from.node)}' has no kustomization.yaml.`);
    return [];
  }
  return buildKustomization(ctx, k, []);
}

function buildKustomization(ctx: BuildContext, k: Kustomization, into: BuiltObject[]): BuiltObject[] {
  ctx.stack.push(k.dir);
  try {
    const objects = into;
    for (const r of k.resources) objects.push(...load(ctx, k, r.node, r.path, 'resource'));
    for (const c of k.components) {
      if (!c.path) continue;
      const guard = enter(ctx, k, c.node, c.path);
      if (!guard) continue;
      const cpath = kustomizationFileOf(ctx.files, c.path);
      const ck = cpath ? readKustomization(ctx.files, cpath) : undefined;
      if (!ck) problem(ctx, k, c.node, ctx.files.list(c.path) ? `Component '${c.value}' has no kustomization.yaml.` : `Component '${c.value}' does not exist.`);
      // A component adds its resources to this kustomization's and transforms them all.
      else buildKustomization(ctx, ck, objects);
    }
    transform(ctx, k, objects);
    return objects;
  } finally {
    ctx.stack.pop();
  }
}

function enter(ctx: BuildContext, k: Kustomization, node: Node, path: string): boolean {
  if (ctx.stack.includes(path)) {
    problem(ctx, k, node, `'${said(node)}' includes itself (cycle: ${[...ctx.stack.slice(ctx.stack.indexOf(path)), path].map((d) => nodePath.basename(d) || d).join(' -> ')}).`, 'cycle');
    return false;
  }
  if (ctx.stack.length >= MAX_DEPTH || ++ctx.loads > MAX_LOADS) {
    problem(ctx, k, node, `'${said(node)}' is nested too deep (more than ${MAX_DEPTH} levels or ${MAX_LOADS} loads): not built.`, 'cycle');
    return false;
  }
  return true;
}

/** A resource: a manifest file (every object of it) or a folder with a kustomization (built). Remote URLs are unknown. */
function load(ctx: BuildContext, k: Kustomization, node: Node, path: string | undefined, what: string): BuiltObject[] {
  if (!path) {
    ctx.remote = true;
    return [];
  }
  const text = ctx.files.read(path);
  if (text !== undefined) {
    const file = parseOther(ctx.files, path);
    if (!file) return [];
    const out: BuiltObject[] = [];
    for (const d of file.documents) {
      if (!d.root || d.errors.length || d.root.type !== 'object') continue;
      const kind = str(child(d.root, 'kind')) ?? '';
      const list = kind.endsWith('List') && child(d.root, 'items') ? items(child(d.root, 'items')) : [d.root];
      for (const n of list) if (n.type === 'object' && str(child(n, 'kind'))) out.push({ root: n, doc: d, originalName: nameOf(n) });
    }
    return out;
  }
  if (ctx.files.list(path)) {
    if (!enter(ctx, k, node, path)) return [];
    return buildDir(ctx, path, { k, node });
  }
  problem(ctx, k, node, `The ${what} '${said(node)}' does not exist.`);
  return [];
}

/** A path as written in its kustomization (a plain `.` is a YAML 1.1 number: its source text). */
function said(n: Node): string {
  const doc = docOf(n);
  return str(n) ?? (doc ? doc.text.slice(n.offset, n.offset + n.length) : '');
}

function nameOf(n: Node): string {
  return str(child(child(n, 'metadata'), 'name')) ?? '';
}

/** Kustomize's transformer order: patches, namespace, name prefix/suffix, labels, annotations, replicas, images. */
function transform(ctx: BuildContext, k: Kustomization, objects: BuiltObject[]): void {
  for (const p of k.patches) applyPatch(ctx, k, p, objects);
  if (k.namespace) setNamespace(objects, k.namespace);
  if (k.namePrefix || k.nameSuffix) setNames(objects, k.namePrefix, k.nameSuffix);
  for (const l of k.labels) for (const o of objects) o.root = addPairs(o.root, 'labels', l.pairs, l.templates);
  if (k.annotations) for (const o of objects) o.root = addPairs(o.root, 'annotations', k.annotations, true);
  for (const r of k.replicas) {
    for (const o of objects) {
      if (nameOf(o.root) !== r.name && o.originalName !== r.name) continue;
      if (!['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(str(child(o.root, 'kind')) ?? '')) continue;
      const spec = child(o.root, 'spec');
      o.root = withProperty(o.root, 'spec', withProperty(spec?.type === 'object' ? spec : emptyObject(o.root), 'replicas', r.count));
    }
  }
  if (k.images.length) for (const o of objects) o.root = overrideImages(o.root, k.images);
}

/** A map a transformer creates where the object has none: reported at `at`, never the target of a fix (it is not written anywhere). */
function emptyObject(at: Node): Node {
  return { type: 'object', offset: at.offset, length: 0, children: [], source: at.source ?? at, derived: true };
}

function applyPatch(ctx: BuildContext, k: Kustomization, p: KustomizePatch, objects: BuiltObject[]): void {
  if (p.ref?.path && ctx.files.read(p.ref.path) === undefined) {
    problem(ctx, k, p.ref.node, `The patch '${p.ref.value}' does not exist.`);
    return;
  }
  for (const doc of patchDocs(ctx.files, p)) {
    const root = doc.root!;
    if (root.type === 'array' || p.json6902) {
      if (root.type !== 'array') continue;
      if (!p.target) {
        problem(ctx, k, p.node, 'A JSON 6902 patch needs a target.', 'patch');
        continue;
      }
      for (const o of objects.filter((x) => selects(p.target!, x))) {
        try {
          const next = applyJson6902(o.root, root);
          if (next?.type === 'object') o.root = next;
        } catch (e) {
          problem(ctx, k, p.node, `The JSON 6902 patch does not apply to ${str(child(o.root, 'kind'))}/${nameOf(o.root)}: ${(e as Error).message}.`, 'patch');
        }
      }
      continue;
    }
    if (root.type !== 'object') continue;
    const targets = p.target ? objects.filter((x) => selects(p.target!, x)) : objects.filter((x) => patchMatches(root, x));
    // kustomize stops on a patch without target that matches nothing (a misspelt name): its change is not deployed.
    if (!p.target && !targets.length && !ctx.remote) {
      problem(ctx, k, p.ref?.node ?? p.node, `The patch matches no resource of this build (${str(child(root, 'kind')) ?? '?'}/${nameOf(root) || '?'}).`, 'patch');
    }
    // With a target, kustomize gives the patch each target's name and namespace: the patch's own do not count.
    const patch = p.target ? withoutIdentity(root) : root;
    for (const o of targets) {
      const merged = strategicMerge(o.root, patch);
      if (!merged) objects.splice(objects.indexOf(o), 1); // `$patch: delete` of the whole object
      else if (merged.type === 'object') o.root = merged;
    }
  }
}

function withoutIdentity(patch: Node): Node {
  const meta = child(patch, 'metadata');
  if (meta?.type !== 'object') return patch;
  return withProperty(patch, 'metadata', withProperty(withProperty(meta, 'name', undefined), 'namespace', undefined));
}

/** A strategic-merge patch without `target:` applies to the object of its kind and name (and namespace when it names one). */
function patchMatches(patch: Node, o: BuiltObject): boolean {
  const kind = str(child(patch, 'kind'));
  const name = nameOf(patch);
  if (!kind || kind !== str(child(o.root, 'kind'))) return false;
  if (name !== nameOf(o.root) && name !== o.originalName) return false;
  const ns = str(child(child(patch, 'metadata'), 'namespace'));
  return !ns || ns === str(child(child(o.root, 'metadata'), 'namespace'));
}

/** kustomize's selector: every field an anchored regular expression; labelSelector `k=v` pairs (`,`-separated). */
export function selects(s: Selector, o: BuiltObject): boolean {
  const apiVersion = str(child(o.root, 'apiVersion')) ?? '';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  const meta = child(o.root, 'metadata');
  const fields: Array<[string | undefined, string]> = [
    [s.group, group], [s.version, version], [s.kind, str(child(o.root, 'kind')) ?? ''], [s.namespace, str(child(meta, 'namespace')) ?? ''],
  ];
  for (const [want, have] of fields) if (want !== undefined && !anchored(want, have)) return false;
  if (s.name !== undefined && !anchored(s.name, nameOf(o.root)) && !anchored(s.name, o.originalName)) return false;
  for (const [sel, map] of [[s.labelSelector, child(meta, 'labels')], [s.annotationSelector, child(meta, 'annotations')]] as const) {
    if (!sel) continue;
    for (const term of sel.split(',').map((t) => t.trim()).filter(Boolean)) {
      const m = term.match(/^([^!=]+?)\s*(!=|==|=)\s*(.*)$/);
      const have = m ? scalar(child(map, m[1].trim())) : scalar(child(map, term.replace(/^!/, '')));
      if (!m) { if (term.startsWith('!') ? have !== undefined : have === undefined) return false; continue; }
      const equal = String(have ?? '') === m[3].trim() && have !== undefined;
      if (m[2] === '!=' ? equal : !equal) return false;
    }
  }
  return true;
}

function anchored(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return pattern === value;
  }
}

/** Kinds that have no namespace (kustomize leaves them alone). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'PriorityClass',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'ClusterIssuer', 'IngressClass', 'RuntimeClass',
  'CSIDriver', 'Node', 'PodSecurityPolicy', 'VolumeSnapshotClass', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
]);

function setNamespace(objects: BuiltObject[], ns: Node): void {
  const value = text(ns)!;
  for (const o of objects) {
    const kind = str(child(o.root, 'kind')) ?? '';
    if (CLUSTER_SCOPED.has(kind)) continue;
    const meta = child(o.root, 'metadata');
    const metaNode = meta?.type === 'object' ? meta : emptyObject(o.root);
    o.root = withProperty(o.root, 'metadata', withProperty(metaNode, 'namespace', derivedScalar(value, ns)));
    // Bindings name ServiceAccount subjects by namespace: kustomize moves the ones of this build along.
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      const subjects = child(o.root, 'subjects');
      if (subjects?.type !== 'array') continue;
      let changed = false;
      const next = (subjects.children ?? []).map((s) => {
        if (s.type !== 'object' || str(child(s, 'kind')) !== 'ServiceAccount') return s;
        changed = true;
        return withProperty(s, 'namespace', derivedScalar(value, ns));
      });
      if (changed) o.root = withProperty(o.root, 'subjects', builtArray(subjects, next));
    }
  }
}

function setNames(objects: BuiltObject[], prefix: Node | undefined, suffix: Node | undefined): void {
  const renamed = new Map<string, string>();
  for (const o of objects) {
    const kind = str(child(o.root, 'kind')) ?? '';
    if (kind === 'Namespace' || kind === 'CustomResourceDefinition') continue;
    const meta = child(o.root, 'metadata');
    const nameNode = child(meta, 'name');
    if (!meta || !nameNode || !str(nameNode)) continue;
    const name = `${text(prefix) ?? ''}${str(nameNode)}${text(suffix) ?? ''}`;
    if (kind === 'ServiceAccount') renamed.set(str(nameNode)!, name);
    o.root = withProperty(o.root, 'metadata', withProperty(meta, 'name', derivedScalar(name, nameNode)));
  }
  if (!renamed.size) return;
  // kustomize's name references: a pod's serviceAccountName follows the ServiceAccount of the build it names.
  for (const o of objects) {
    const path = POD_TEMPLATE[str(child(o.root, 'kind')) ?? ''];
    if (!path) continue;
    o.root = updateAt(o.root, [...path, 'spec'], (spec) => {
      const sa = child(spec, 'serviceAccountName');
      const to = sa && renamed.get(str(sa) ?? '');
      return to ? withProperty(spec, 'serviceAccountName', derivedScalar(to, sa)) : spec;
    });
  }
}

/**
 * `commonLabels` / `labels` / `commonAnnotations`: each pair (the kustomization's own key and value nodes) set on the
 * object's metadata and, with `templates`, on its pod template's metadata.
 */
function addPairs(root: Node, field: 'labels' | 'annotations', pairs: Node, templates: boolean): Node {
  const add = (meta: Node): Node => {
    const existing = child(meta, field);
    let map = existing?.type === 'object' ? existing : emptyObject(meta);
    for (const p of pairs.children ?? []) {
      const [key, value] = p.children ?? [];
      if (key && value && typeof key.value === 'string') map = withProperty(map, key.value, value, key);
    }
    return withProperty(meta, field, map);
  };
  const meta = child(root, 'metadata');
  let out = withProperty(root, 'metadata', add(meta?.type === 'object' ? meta : emptyObject(root)));
  const path = POD_TEMPLATE[str(child(root, 'kind')) ?? ''];
  if (templates && path?.length) {
    const template = descendObject(out, path);
    if (template) {
      const tmeta = child(template, 'metadata');
      out = updateAt(out, path, (t) => withProperty(t, 'metadata', add(tmeta?.type === 'object' ? tmeta : emptyObject(t))));
    }
  }
  return out;
}

function descendObject(root: Node, path: string[]): Node | undefined {
  let cur: Node | undefined = root;
  for (const k of path) cur = cur?.type === 'object' ? child(cur, k) : undefined;
  return cur?.type === 'object' ? cur : undefined;
}

/** `root` with the object at `path` replaced by `update(it)` (unchanged when a step is missing). */
function updateAt(root: Node, path: string[], update: (n: Node) => Node): Node {
  if (!path.length) return update(root);
  const next = child(root, path[0]);
  if (!next || next.type !== 'object') return root;
  const updated = updateAt(next, path.slice(1), update);
  return updated === next ? root : withProperty(root, path[0], updated);
}

/** `images:` overrides on every container list of the pod template. */
function overrideImages(root: Node, rules: ImageOverride[]): Node {
  const path = POD_TEMPLATE[str(child(root, 'kind')) ?? ''];
  if (!path) return root;
  return updateAt(root, [...path, 'spec'], (spec) => {
    let out = spec;
    for (const list of CONTAINER_LISTS) {
      const arr = child(out, list);
      if (arr?.type !== 'array') continue;
      let changed = false;
      const next = (arr.children ?? []).map((c) => {
        const image = child(c, 'image');
        const value = str(image);
        if (!image || value === undefined) return c;
        const result = overrideImage(value, rules);
        if (!result) return c;
        changed = true;
        return withProperty(c, 'image', derivedScalar(result.image, result.at));
      });
      if (changed) out = withProperty(out, list, builtArray(arr, next));
    }
    return out;
  });
}

/** The image after the first override whose name matches (kustomize's ImageTagTransformer), and the node that set it. */
export function overrideImage(image: string, rules: ImageOverride[]): { image: string; at: Node } | undefined {
  const at = image.indexOf('@');
  const beforeDigest = at >= 0 ? image.slice(0, at) : image;
  let digest = at >= 0 ? image.slice(at + 1) : undefined;
  const slash = beforeDigest.lastIndexOf('/');
  const colon = beforeDigest.lastIndexOf(':');
  let name = colon > slash ? beforeDigest.slice(0, colon) : beforeDigest;
  let tag = colon > slash ? beforeDigest.slice(colon + 1) : undefined;
  const rule = rules.find((r) => r.name === name);
  if (!rule) return undefined;
  const newName = str(rule.newName);
  const newTag = scalar(rule.newTag);
  const newDigest = str(rule.digest);
  if (newName) name = newName;
  if (newTag !== undefined && newTag !== null) {
    tag = String(newTag);
    digest = undefined;
  }
  if (newDigest) {
    digest = newDigest;
    tag = undefined;
  }
  const suffix = scalar(rule.tagSuffix);
  if (suffix !== undefined && suffix !== null && tag !== undefined) tag += String(suffix);
  const result = `${name}${tag !== undefined ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  const where = rule.digest ?? rule.newTag ?? rule.tagSuffix ?? rule.newName ?? rule.node;
  return { image: result, at: where };
}

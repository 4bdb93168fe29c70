import { child, docOf, entries, items, keyOf, Node, ParsedDocument, property, str } from '../documents';
import { FixIntent } from '../fixes/intent';
import { literalResolver, Lookup, walk } from './lookup';
import { versionAtLeast } from '../util';

/** One Kubernetes object (a document, or an item of a `kind: List`). */
export class K8sObject {
  constructor(readonly doc: ParsedDocument, readonly node: Node) {}
  // Identity fields are read once: cross-document rules compare them for every pair of objects.
  private ids?: { apiVersion: string; kind: string; name: string; namespace: string | undefined; written: string };
  private get identity() {
    if (!this.ids) {
      const meta = child(this.node, 'metadata');
      const nameNode = child(meta, 'name');
      const name = str(nameNode) ?? str(child(meta, 'generateName')) ?? '';
      this.ids = {
        apiVersion: str(child(this.node, 'apiVersion')) ?? '',
        kind: str(child(this.node, 'kind')) ?? '',
        name,
        namespace: str(child(meta, 'namespace')),
        // A name a Kustomize namePrefix/nameSuffix computed: messages name the object as its file writes it.
        written: (nameNode?.derived && str(nameNode.source)) || name,
      };
    }
    return this.ids;
  }
  get apiVersion(): string { return this.identity.apiVersion; }
  get kind(): string { return this.identity.kind; }
  get metadata(): Node | undefined { return child(this.node, 'metadata'); }
  get name(): string { return this.identity.name; }
  get namespace(): string | undefined { return this.identity.namespace; }
  /** "Kind/name" as the object's file writes the name (the same for every Kustomize overlay that renames it). */
  get label(): string { return `${this.kind}/${this.identity.written || '(unnamed)'}`; }
  get apiGroup(): string { const v = this.apiVersion; return v.includes('/') ? v.slice(0, v.indexOf('/')) : ''; }
  annotations(): Map<string, Node> { return mapOf(child(this.metadata, 'annotations')); }
  labels(): Map<string, Node> { return mapOf(child(this.metadata, 'labels')); }
  /** Reads a path under the object (Kubernetes values are literal: no expressions; null means absent). */
  get(path: string[], from: Node | undefined = this.node): Lookup {
    return walk(from, path, literalResolver, { nullIsAbsent: true });
  }
  /** Key of the object's `kind` (where object-level findings are reported). */
  get kindKey(): Node { return child(this.node, 'kind')?.parent?.children?.[0] ?? this.node; }
  /**
   * The document a fix edits: the one the node was written in (a built Kustomize object mixes the nodes of its base and
   * patches; see Node.source), else this object's.
   */
  private docFor(node: Node): ParsedDocument {
    return docOf(node) ?? this.doc;
  }
  /** Intent that makes `path` below `from` hold `value`. */
  fix(lookup: Lookup, value: unknown): FixIntent | undefined {
    if (lookup.state === 'known' && lookup.origin) {
      const node = written(lookup.origin);
      return node ? { kind: 'set', doc: this.docFor(node), node, value } : undefined;
    }
    if (lookup.state === 'absent' && lookup.parent && lookup.missing) {
      const parent = written(lookup.parent);
      // A key a Kustomize patch deleted is still written in the base: no second one beside it.
      if (!parent || (parent !== lookup.parent && property(parent, lookup.missing[0]))) return undefined;
      return { kind: 'insert', doc: this.docFor(parent), parent, path: lookup.missing, value };
    }
    return undefined;
  }
  /** Intent that appends `value` to the array a known lookup holds. */
  appendTo(lookup: Lookup, value: unknown): FixIntent | undefined {
    if (lookup.state !== 'known' || lookup.origin?.type !== 'array') return undefined;
    const array = written(lookup.origin);
    // A list merged from several files (a base's env and a patch's): appending to the base's part is still right.
    return array ? { kind: 'append', doc: this.docFor(array), array, value } : undefined;
  }
  /** Intent that removes the property (or array item) a known lookup holds. */
  removeFix(lookup: Lookup): FixIntent | undefined {
    if (lookup.state !== 'known' || !lookup.node) return undefined;
    const node = written(lookup.node);
    return node ? { kind: 'remove', doc: this.docFor(node), node } : undefined;
  }
}

/**
 * The node a fix edits for `node`: itself, or for a built (Kustomize) node the node it stands for; undefined for a value
 * that is computed (an image override's result), which no edit of one place sets.
 */
function written(node: Node): Node | undefined {
  if (node.derived) return undefined;
  return node.source ?? node;
}

/** The node at `path` below `node` (exact keys, last duplicate wins, as walk()); undefined when a step is missing, null or not an object. */
function descend(node: Node | undefined, path: readonly string[]): Node | undefined {
  let cur = node;
  for (const key of path) {
    if (cur?.type !== 'object') return undefined;
    cur = property(cur, key)?.children?.[1];
  }
  return cur;
}

function mapOf(node: Node | undefined): Map<string, Node> {
  const m = new Map<string, Node>();
  for (const [k, , v] of entries(node)) m.set(k, v);
  return m;
}

/** Where each workload kind keeps its pod template (kube-linter pkg/extract/pod_spec.go). */
export const POD_TEMPLATE: Record<string, string[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
  DeploymentConfig: ['spec', 'template'],
};

export type ContainerList = 'initContainers' | 'containers' | 'ephemeralContainers';
export const CONTAINER_LISTS: ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

export interface Container {
  name: string;
  node: Node;
  list: ContainerList;
  /** Init containers with `restartPolicy: Always` (Kubernetes ≥ 1.28 sidecars). */
  sidecar: boolean;
  /** Where findings about this container point: its `name` value, else the item itself. */
  anchor: Node;
}

/** Pod-level fields a container inherits unless it sets its own. */
export type InheritedField = 'runAsNonRoot' | 'runAsUser' | 'runAsGroup' | 'seccompProfile' | 'appArmorProfile' | 'seLinuxOptions' | 'windowsOptions';

/** The Secrets Store CSI driver's name (secrets-store-csi-driver; Azure Key Vault provider). */
export const SECRETS_STORE_CSI_DRIVER = 'secrets-store.csi.k8s.io';

/** A Kubernetes Secret read into a container's environment. */
export interface SecretEnvRef {
  source: 'secretKeyRef' | 'secretRef';
  /** The Secret's name, when written literally. */
  secret?: string;
  key?: string;
  /** The environment variable (secretKeyRef only). */
  variable?: string;
  /** The `secretKeyRef` / `secretRef` key: where findings point. */
  node: Node;
}

/** The pod-spec navigation layer: one place that knows where every kind keeps its pods and containers. */
export class Workload extends K8sObject {
  readonly templatePath: string[];
  readonly podMetaPath: string[];
  readonly podSpecPath: string[];
  readonly podSpec: Node | undefined;
  readonly containers: Container[];

  static isWorkloadKind(kind: string): boolean {
    return Object.prototype.hasOwnProperty.call(POD_TEMPLATE, kind);
  }

  constructor(doc: ParsedDocument, node: Node) {
    super(doc, node);
    this.templatePath = POD_TEMPLATE[this.kind] ?? [];
    this.podMetaPath = [...this.templatePath, 'metadata'];
    this.podSpecPath = [...this.templatePath, 'spec'];
    // The node alone (a lookup would also build the whole pod spec's value, for every workload).
    const spec = descend(this.node, this.podSpecPath);
    this.podSpec = spec?.type === 'object' ? spec : undefined;
    this.containers = [];
    for (const list of CONTAINER_LISTS) {
      for (const c of items(child(this.podSpec, list))) {
        if (c.type !== 'object') continue;
        const nameNode = child(c, 'name');
        this.containers.push({
          name: str(nameNode) ?? '(unnamed)',
          node: c,
          list,
          sidecar: list === 'initContainers' && str(child(c, 'restartPolicy')) === 'Always',
          anchor: nameNode ?? c,
        });
      }
    }
  }

  /** Pod template metadata (where AppArmor annotations and pod labels belong), `metadata` for a Pod. */
  get podMetadata(): Node | undefined {
    if (this.podMeta === undefined) {
      const meta = descend(this.node, this.podMetaPath);
      this.podMeta = meta && meta.type !== 'null' ? meta : null; // `metadata: null` is absent
    }
    return this.podMeta ?? undefined;
  }
  private podMeta?: Node | null;
  /** A path below the pod (template) metadata; from its node when it is an object (the same answer, without walking the template again). */
  private podMetaGet(path: string[]): Lookup {
    const meta = this.podMetadata;
    return meta?.type === 'object' ? this.get(path, meta) : this.get([...this.podMetaPath, ...path]);
  }
  podAnnotations(): Map<string, Node> { return mapOf(child(this.podMetadata, 'annotations')); }
  podLabels(): Map<string, Node> { return mapOf(child(this.podMetadata, 'labels')); }

  /** A field of the pod spec, e.g. ['hostNetwork'] or ['securityContext', 'seccompProfile']. */
  pod(path: string[]): Lookup {
    // From the pod spec node when there is one: the same answer as walking from the object, without the copy of the path.
    return this.podSpec ? this.get(path, this.podSpec) : this.get([...this.podSpecPath, ...path]);
  }
  /** A field of one container, e.g. ['securityContext', 'privileged']. */
  container(c: Container, path: string[]): Lookup {
    return this.get(path, c.node);
  }
  /** The effective value of an inherited security-context field: the container's own, else the pod's. */
  effective(c: Container, field: InheritedField): { lookup: Lookup; from: 'container' | 'pod' | 'none' } {
    const own = this.container(c, ['securityContext', field]);
    if (own.state !== 'absent') return { lookup: own, from: 'container' };
    const pod = this.pod(['securityContext', field]);
    if (pod.state !== 'absent') return { lookup: pod, from: 'pod' };
    return { lookup: pod, from: 'none' };
  }
  /** `spec.os.name: windows` (Pod Security Standards exempt such pods from some restricted checks). */
  get isWindows(): boolean {
    const os = this.pod(['os', 'name']);
    return os.state === 'known' && typeof os.value === 'string' && os.value.toLowerCase() === 'windows';
  }
  /**
   * Pod Security Standards exempt Windows pods from the restricted checks allowPrivilegeEscalation,
   * capabilities and seccompProfile from Kubernetes 1.25 (pod-security-admission check_*_1_25); before
   * that they apply to every pod.
   */
  windowsExemptFromRestricted(kubernetesVersion: string): boolean {
    return this.isWindows && versionAtLeast(kubernetesVersion, '1.25');
  }
  /**
   * The legacy alpha seccomp annotation that applies to one container (pod template metadata): its own
   * `container.seccomp.security.alpha.kubernetes.io/<name>`, else `seccomp.security.alpha.kubernetes.io/pod`.
   * Deprecated in Kubernetes 1.19 (field GA), no longer read by the kubelet from 1.25, removed in 1.27.
   */
  seccompAnnotation(c: Container): Lookup {
    const own = this.podMetaGet(['annotations', `${SECCOMP_CONTAINER_ANNOTATION_PREFIX}${c.name}`]);
    return own.state !== 'absent' ? own : this.seccompPodAnnotation();
  }
  /** `seccomp.security.alpha.kubernetes.io/pod` on the pod (template) metadata. */
  seccompPodAnnotation(): Lookup {
    return this.podMetaGet(['annotations', SECCOMP_POD_ANNOTATION]);
  }
  /** Where pod-level findings point: the pod spec's key (`spec`), else the kind key. */
  get podAnchor(): Node {
    return this.podSpec?.parent?.children?.[0] ?? this.kindKey;
  }
  /** Where a finding about a missing pod-level field points: the pod securityContext key, else the pod spec key. */
  podSecurityAnchor(): Node {
    const sc = child(this.podSpec, 'securityContext');
    return sc?.parent?.children?.[0] ?? this.podAnchor;
  }
  /** Where a finding about a missing container security field points: its securityContext key, else its name. */
  containerSecurityAnchor(c: Container): Node {
    const sc = child(c.node, 'securityContext');
    return sc?.parent?.children?.[0] ?? c.anchor;
  }

  // Identity, secrets and volumes (k8s-workload-identity-label, k8s-secrets-via-csi).
  /** The ServiceAccount the pod names: `serviceAccountName`, else the deprecated alias `serviceAccount`. */
  serviceAccountName(): Lookup {
    const l = this.pod(['serviceAccountName']);
    return l.state === 'absent' ? this.pod(['serviceAccount']) : l;
  }
  /** A label of the pod template (the Pod's own metadata for a Pod); absent lookups carry where a fix inserts it. */
  podLabel(key: string): Lookup {
    return this.podMetaGet(['labels', key]);
  }
  /** Where a finding about a missing pod label points: the pod template's `labels` key, else its `metadata` key, else the template's key. */
  podLabelsAnchor(): Node {
    const labels = child(this.podMetadata, 'labels');
    const template = this.templatePath.length ? this.get(this.templatePath) : undefined;
    return keyOf(labels) ?? keyOf(this.podMetadata) ?? keyOf(template?.state === 'known' ? template.origin : undefined) ?? this.kindKey;
  }
  /** The pod's volumes (`volumes[]` objects of the pod spec). */
  volumes(): Node[] {
    return items(child(this.podSpec, 'volumes')).filter((v) => v.type === 'object');
  }
  /** Volumes of the Secrets Store CSI driver, with the SecretProviderClass each mounts (when written literally). */
  secretStoreVolumes(): Array<{ node: Node; secretProviderClass?: string }> {
    return this.volumes()
      .filter((v) => str(child(child(v, 'csi'), 'driver')) === SECRETS_STORE_CSI_DRIVER)
      .map((v) => ({ node: v, secretProviderClass: str(child(child(child(v, 'csi'), 'volumeAttributes'), 'secretProviderClass')) }));
  }
  /** Where a container reads Kubernetes Secrets into environment variables (`env[].valueFrom.secretKeyRef`, `envFrom[].secretRef`). */
  secretEnvRefs(c: Container): SecretEnvRef[] {
    const out: SecretEnvRef[] = [];
    for (const e of items(child(c.node, 'env'))) {
      const ref = child(child(e, 'valueFrom'), 'secretKeyRef');
      if (ref?.type !== 'object') continue;
      out.push({ source: 'secretKeyRef', secret: str(child(ref, 'name')), key: str(child(ref, 'key')), variable: str(child(e, 'name')), node: keyOf(ref) ?? ref });
    }
    for (const e of items(child(c.node, 'envFrom'))) {
      const ref = child(e, 'secretRef');
      if (ref?.type !== 'object') continue;
      out.push({ source: 'secretRef', secret: str(child(ref, 'name')), node: keyOf(ref) ?? ref });
    }
    return out;
  }

  // Security context, host access, AppArmor (k8s-run-as-non-root, k8s-drop-all-capabilities, k8s-no-host-*,
  // k8s-read-only-root-fs, k8s-automount-sa-token, k8s-apparmor).
  /**
   * Where a finding about a missing field points: the key of the deepest object on the field's path
   * that exists (`securityContext`, `capabilities`), else `fallback` (the container's name, the pod spec key).
   */
  missingAnchor(lookup: Lookup, fallback: Node): Node {
    if (lookup.state !== 'absent') return fallback;
    // `capabilities:` written but empty: its own key
    const empty = lookup.missing?.length ? property(lookup.parent, lookup.missing[0]) : undefined;
    return empty?.children?.[0] ?? keyOf(lookup.parent) ?? fallback;
  }
  /** `securityContext.capabilities.drop` / `.add` of a container (container-only fields). */
  capabilities(c: Container, which: 'drop' | 'add'): Lookup {
    return this.container(c, ['securityContext', 'capabilities', which]);
  }
  /** The `ports[]` objects of a container. */
  ports(c: Container): Node[] {
    return items(child(c.node, 'ports')).filter((p) => p.type === 'object');
  }
  /** `hostPort` of one `ports[]` entry. */
  hostPort(port: Node): Lookup {
    return this.get(['hostPort'], port);
  }
  /** `hostPath` of one `volumes[]` entry, and the volume's name. */
  hostPath(volume: Node): { lookup: Lookup; path?: string; name: string } {
    const lookup = this.get(['hostPath'], volume);
    const path = lookup.state === 'known' ? this.get(['path'], lookup.origin) : undefined;
    return { lookup, path: path?.state === 'known' && typeof path.value === 'string' ? path.value : undefined, name: str(child(volume, 'name')) ?? '(unnamed)' };
  }
  /** `spec.hostUsers` (false: the pod runs in its own user namespace). */
  get hostUsers(): Lookup {
    return this.pod(['hostUsers']);
  }
  /** The pod's own `automountServiceAccountToken`. */
  get automountServiceAccountToken(): Lookup {
    return this.pod(['automountServiceAccountToken']);
  }
  /** The ServiceAccount the pod runs as: `serviceAccountName`, the deprecated `serviceAccount`, else `default`. */
  get serviceAccount(): string {
    const l = this.serviceAccountName();
    return l.state === 'known' && typeof l.value === 'string' && l.value ? l.value : 'default';
  }
  /** The legacy AppArmor annotation of one container, on the pod (template) metadata: never the controller's own metadata. */
  appArmorAnnotation(c: Container): Lookup {
    return this.podMetaGet(['annotations', `${APPARMOR_ANNOTATION_PREFIX}${c.name}`]);
  }
  /**
   * Intents that add annotations to the pod (template) metadata, creating `metadata` / `annotations`
   * when missing: one intent per key into an existing non-empty map, otherwise one that writes the map.
   */
  addPodAnnotations(values: Record<string, string>): FixIntent[] {
    // Keys sorted and inserted in order: annotations that several fixes add (AppArmor, seccomp) come out the same
    // whichever fix is applied first, so "fix all" equals fixing one by one.
    const keys = Object.keys(values).sort();
    if (!keys.length) return [];
    const sorted = Object.fromEntries(keys.map((k) => [k, values[k]]));
    const annotations = this.podMetaGet(['annotations']);
    if (annotations.state === 'known' && annotations.origin?.type === 'object') {
      const map = written(annotations.origin);
      if (!map) return [];
      if (!map.children?.length) return [{ kind: 'set', doc: docOf(map) ?? this.doc, node: map, value: sorted }];
      return keys.map((k) => ({ kind: 'insert', doc: docOf(map) ?? this.doc, parent: map, path: [k], value: values[k], ordered: true }));
    }
    const intent = this.fix(annotations, sorted);
    return intent ? [intent] : [];
  }
}

/** Legacy alpha seccomp annotations (deprecated in Kubernetes 1.19, removed in 1.27). */
export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/**
 * True when `serviceAccount` (in `namespace`) is a subject of a RoleBinding or ClusterRoleBinding among
 * `objects`: it was granted Kubernetes API permissions, so its pods use their token.
 */
export function serviceAccountIsBound(serviceAccount: string, namespace: string | undefined, objects: K8sObject[]): boolean {
  const ns = namespace || 'default';
  return boundServiceAccounts(objects).get(ns)?.has(serviceAccount) ?? false;
}

/** Namespace → names of every ServiceAccount subject of a binding among `objects`, indexed once per objects array. */
function boundServiceAccounts(objects: K8sObject[]): Map<string, Set<string>> {
  let bound = BOUND.get(objects);
  if (bound) return bound;
  bound = new Map();
  for (const o of objects) {
    if ((o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') || o.apiGroup !== 'rbac.authorization.k8s.io') continue;
    for (const s of items(child(o.node, 'subjects'))) {
      const name = str(child(s, 'name'));
      if (str(child(s, 'kind')) !== 'ServiceAccount' || name === undefined) continue;
      // A ServiceAccount subject names its namespace; a RoleBinding defaults it to its own.
      const subjectNs = str(child(s, 'namespace')) ?? (o.kind === 'RoleBinding' ? o.namespace : undefined) ?? 'default';
      const names = bound.get(subjectNs);
      if (names) names.add(name);
      else bound.set(subjectNs, new Set([name]));
    }
  }
  BOUND.set(objects, bound);
  return bound;
}
const BOUND = new WeakMap<K8sObject[], Map<string, Set<string>>>();

/** Key prefix of the legacy AppArmor annotation (deprecated since Kubernetes 1.30), followed by the container name. */
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * The ServiceAccount objects a workload may run as, among `objects` (same file, or every scanned file):
 * same name, and the same namespace when both sides name one.
 */
export function serviceAccountsOf(w: Workload, objects: K8sObject[]): K8sObject[] {
  const name = w.serviceAccount;
  const ns = w.namespace;
  let byName = ACCOUNTS_BY_NAME.get(objects);
  if (!byName) {
    byName = new Map();
    for (const o of objects) {
      if (o.kind !== 'ServiceAccount' || o.apiVersion !== 'v1') continue;
      const list = byName.get(o.name);
      if (list) list.push(o);
      else byName.set(o.name, [o]);
    }
    ACCOUNTS_BY_NAME.set(objects, byName);
  }
  return (byName.get(name) ?? []).filter((o) => !ns || !o.namespace || o.namespace === ns);
}
/** ServiceAccounts of an objects array by name (an array from k8sObjectsOf is indexed once per analysis). */
const ACCOUNTS_BY_NAME = new WeakMap<K8sObject[], Map<string, K8sObject[]>>();

/**
 * Every Kubernetes object of `models` (a project's models), in order; the same array for the same models array, so
 * rules that look across documents for every workload do not rebuild it (and indexes over it are built once).
 */
export function k8sObjectsOf(models: readonly { k8s: K8sObject[] }[]): K8sObject[] {
  let all = OBJECTS.get(models);
  if (!all) OBJECTS.set(models, (all = models.flatMap((m) => m.k8s)));
  return all;
}
const OBJECTS = new WeakMap<object, K8sObject[]>();

/** Every Kubernetes object of a document: the document itself, or the items of a `*List`. */
export function collectK8sObjects(doc: ParsedDocument): K8sObject[] {
  const root = doc.root;
  if (!root || root.type !== 'object') return [];
  const kind = str(child(root, 'kind')) ?? '';
  const list: Node[] = kind.endsWith('List') && child(root, 'items') ? items(child(root, 'items')) : [root];
  const out: K8sObject[] = [];
  for (const n of list) {
    if (n.type !== 'object' || !str(child(n, 'kind'))) continue;
    const k = str(child(n, 'kind'))!;
    out.push(Workload.isWorkloadKind(k) ? new Workload(doc, n) : new K8sObject(doc, n));
  }
  return out;
}

import { child, entries, items, Node, ParsedDocument, str } from '../documents';
import { FixIntent } from '../fixes/intent';
import { literalResolver, Lookup, walk } from './lookup';

/** One Kubernetes object (a document, or an item of a `kind: List`). */
export class K8sObject {
  constructor(readonly doc: ParsedDocument, readonly node: Node) {}
  get apiVersion(): string { return str(child(this.node, 'apiVersion')) ?? ''; }
  get kind(): string { return str(child(this.node, 'kind')) ?? ''; }
  get metadata(): Node | undefined { return child(this.node, 'metadata'); }
  get name(): string { return str(child(this.metadata, 'name')) ?? str(child(this.metadata, 'generateName')) ?? ''; }
  get namespace(): string | undefined { return str(child(this.metadata, 'namespace')); }
  get label(): string { return `${this.kind}/${this.name || '(unnamed)'}`; }
  get apiGroup(): string { const v = this.apiVersion; return v.includes('/') ? v.slice(0, v.indexOf('/')) : ''; }
  annotations(): Map<string, Node> { return mapOf(child(this.metadata, 'annotations')); }
  labels(): Map<string, Node> { return mapOf(child(this.metadata, 'labels')); }
  /** Reads a path under the object (Kubernetes values are literal: no expressions; null means absent). */
  get(path: string[], from: Node | undefined = this.node): Lookup {
    return walk(from, path, literalResolver, { nullIsAbsent: true });
  }
  /** Key of the object's `kind` (where object-level findings are reported). */
  get kindKey(): Node { return child(this.node, 'kind')?.parent?.children?.[0] ?? this.node; }
  /** Intent that makes `path` below `from` hold `value`. */
  fix(lookup: Lookup, value: unknown): FixIntent | undefined {
    if (lookup.state === 'known' && lookup.origin) return { kind: 'set', doc: this.doc, node: lookup.origin, value };
    if (lookup.state === 'absent' && lookup.parent && lookup.missing) return { kind: 'insert', doc: this.doc, parent: lookup.parent, path: lookup.missing, value };
    return undefined;
  }
}

function mapOf(node: Node | undefined): Map<string, Node> {
  const m = new Map<string, Node>();
  for (const [k, , v] of entries(node)) m.set(k, v);
  return m;
}

/** Where each workload kind keeps its pod template (kube-linter pkg/extract/pod_spec.go). */
const POD_TEMPLATE: Record<string, string[]> = {
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
    const spec = this.get(this.podSpecPath);
    this.podSpec = spec.state === 'known' && spec.origin?.type === 'object' ? spec.origin : undefined;
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
    const l = this.get(this.podMetaPath);
    return l.state === 'known' ? l.origin : undefined;
  }
  podAnnotations(): Map<string, Node> { return mapOf(child(this.podMetadata, 'annotations')); }
  podLabels(): Map<string, Node> { return mapOf(child(this.podMetadata, 'labels')); }

  /** A field of the pod spec, e.g. ['hostNetwork'] or ['securityContext', 'seccompProfile']. */
  pod(path: string[]): Lookup {
    return this.get([...this.podSpecPath, ...path]);
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
}

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

import { child, docOf, items, Node, ParsedDocument } from '../documents';
import { Fix, FixIntent } from '../fixes/intent';
import { ArmResource } from './arm';
import { Lookup, walk } from './lookup';
import { findingNode } from './provenance';
import { TfResource } from './terraform';

/**
 * Where one setting lives in every format. Values are normalised to one meaning (`fromArm`/`fromTf`)
 * so a rule compares once; fixes write the format's own spelling back (`toArm`/`toTf`).
 */
export interface PropSpec {
  arm?: string[];
  /** Legacy ARM locations, read when the current one is absent (e.g. API 2019-xx authorized IP ranges). */
  armLegacy?: string[][];
  /** Terraform attribute path, the same in azurerm v3 and v4. */
  tf?: string[];
  /** Terraform paths that differ between azurerm v3 and v4 (both are read; fixes write the one in use). */
  tf3?: string[];
  tf4?: string[];
  /** Older azurerm (2.x) paths that are still read. */
  tfLegacy?: string[][];
  fromArm?: (v: unknown) => unknown;
  toArm?: (v: unknown) => unknown;
  fromTf?: (v: unknown) => unknown;
  toTf?: (v: unknown) => unknown;
  /** The first ARM API versions that know the property (ARM only: a fix never inserts it below them). */
  minApiVersion?: MinApiVersion;
}

/**
 * The first API versions of a resource type whose schema has a property. `ga`: first stable version;
 * `preview`: first preview version, which counts only for files that use a preview version (a preview dated
 * after `ga` has it too). `source`: where the versions were read, for the next person who checks them.
 */
export interface MinApiVersion {
  ga: string;
  preview?: string;
  source: string;
}

/** Whether an ARM apiVersion ("2023-01-01", "2022-09-02-preview") knows a property; undefined when it is not a literal date. */
export function apiVersionKnows(apiVersion: string | undefined, min: MinApiVersion): boolean | undefined {
  if (!apiVersion || !/^\d{4}-\d{2}-\d{2}/.test(apiVersion)) return undefined;
  const date = apiVersion.slice(0, 10);
  if (date >= min.ga) return true;
  return isPreviewApi(apiVersion) && !!min.preview && date >= min.preview.slice(0, 10);
}

const isPreviewApi = (apiVersion: string) => /-preview$/i.test(apiVersion.trim());

export type AzureFormat = 'arm' | 'tfjson' | 'tfplan';

/** A format-independent view of one Azure resource (ARM, Terraform JSON or Terraform plan). */
export class AzureResource {
  // The tree never changes after parsing: a setting is read once per resource and its lookup shared by every rule
  // that reads it (a read walks every spelling and builds the value). Shared: callers never mutate a lookup.
  private readonly specCache = new Map<PropSpec, Lookup>();

  constructor(readonly res: ArmResource | TfResource) {}

  get format(): AzureFormat {
    return this.res.format;
  }
  get doc(): ParsedDocument {
    return this.res.doc;
  }
  get node(): Node {
    return this.res.node;
  }
  /** ARM full type or Terraform resource type, as written. */
  get type(): string {
    return this.res.type;
  }
  get isArm(): boolean {
    return this.res.format === 'arm';
  }
  get isTerraform(): boolean {
    return this.res.format !== 'arm';
  }
  get azurermMajor(): 3 | 4 | undefined {
    return this.res.format === 'arm' ? undefined : this.res.azurermMajor;
  }
  get apiVersion(): string | undefined {
    return this.res.format === 'arm' ? this.res.apiVersion : undefined;
  }
  /** Display name for messages: the ARM name (literal or expression) or the Terraform address. */
  get label(): string {
    if (this.res.format === 'arm') return this.res.resolvedName ?? bicepSymbol(this.res) ?? this.res.name;
    return this.res.address;
  }
  /** The literal name of the resource when known (ARM name, Terraform `name` attribute). */
  get literalName(): string | undefined {
    if (this.res.format === 'arm') return this.res.resolvedName;
    const n = this.raw(['name']);
    return n.state === 'known' && typeof n.value === 'string' ? n.value : undefined;
  }

  /** Reads a path in this resource's own format (no normalisation). */
  raw(path: string[]): Lookup {
    const r = this.res;
    if (r.format === 'arm') {
      const l = walk(r.node, path, r.scope, { ignoreCase: true });
      return r.partial && l.state === 'absent' ? { state: 'unknown', node: r.node } : l;
    }
    const l = walk(r.node, path, r.resolver, { blocks: true, nullIsAbsent: true });
    // Plan: a value "known after apply" is unknown, whether after_unknown marks the attribute or a block above it.
    const empty = l.state === 'absent' || (l.state === 'known' && (l.value === null || (Array.isArray(l.value) && l.value.length === 0)));
    if (r.format === 'tfplan' && r.afterUnknown && empty && unknownAfterApply(r.afterUnknown, path)) return { state: 'unknown', node: l.node ?? r.node };
    return l;
  }

  /** Reads a setting, trying every spelling; the value is normalised with fromArm/fromTf. */
  get(spec: PropSpec): Lookup {
    let l = this.specCache.get(spec);
    if (!l) this.specCache.set(spec, (l = this.readSetting(spec)));
    return l;
  }

  private readSetting(spec: PropSpec): Lookup {
    const paths = this.paths(spec);
    let first: Lookup | undefined;
    for (const p of paths) {
      const l = this.raw(p);
      if (!first) first = l;
      if (l.state !== 'absent') return this.normalise(l, spec);
    }
    return first ?? { state: 'absent', parent: this.node, missing: [] };
  }

  private normalise(l: Lookup, spec: PropSpec): Lookup {
    if (l.state !== 'known') return l;
    const f = this.isArm ? spec.fromArm : spec.fromTf;
    return f ? { ...l, value: f(l.value) } : l;
  }

  /** Paths to read, preferred spelling (the one fixes write) first. Shared per spec: never mutate the answer. */
  paths(spec: PropSpec): string[][] {
    const variant = this.isArm ? 'arm' : this.azurermMajor === 3 ? 'tf3' : 'tf4';
    let bySpec = PATHS.get(spec);
    if (!bySpec) PATHS.set(spec, (bySpec = {}));
    return (bySpec[variant] ??= pathsOf(spec, variant));
  }

  /**
   * The API version this ARM resource's literal apiVersion must be raised to before a fix may insert `spec`
   * (its first preview version for a file on a preview version, when known); undefined when the apiVersion
   * knows the property, is not a literal date, or the resource is not ARM.
   */
  apiVersionNeededFor(spec: PropSpec): string | undefined {
    const min = spec.minApiVersion;
    const current = this.apiVersion;
    if (!this.isArm || !min || apiVersionKnows(current, min) !== false) return undefined;
    return current && isPreviewApi(current) && min.preview ? min.preview : min.ga;
  }

  /**
   * The intent that makes a setting hold `value` (normalised meaning): edit the literal where the
   * value comes from (also a parameter default), or insert the missing path. Plans are generated: no fix.
   * An ARM insert of a property the resource's apiVersion does not know (spec.minApiVersion) is withheld,
   * unless `newer` is given: then the version needed is pushed to it (see fixWithinApiVersion).
   */
  fix(spec: PropSpec, lookup: Lookup, value: unknown, newer?: string[]): FixIntent | undefined {
    if (this.format === 'tfplan') return undefined;
    const written = this.isArm ? (spec.toArm ? spec.toArm(value) : value) : spec.toTf ? spec.toTf(value) : value;
    // The literal may be written in another file (a variable default in variables.tf, a tfvars value): edit it there.
    if (lookup.state === 'known' && lookup.origin) return { kind: 'set', doc: docOf(lookup.origin) ?? this.doc, node: lookup.origin, value: written };
    if (lookup.state !== 'absent') return undefined;
    const needed = this.apiVersionNeededFor(spec);
    if (needed) {
      if (!newer) return undefined;
      newer.push(needed);
    }
    // Insert at the preferred spelling, starting from the deepest object that exists.
    const path = this.paths(spec)[0];
    if (!path) return undefined;
    const l = this.raw(path);
    if (l.state !== 'absent' || !l.parent || !l.missing) return undefined;
    // Terraform `"attr": null` reads as absent, but the key is there: replace its null.
    const held = child(l.parent, l.missing[0]);
    if (held?.type === 'null') {
      const value = l.missing.slice(1).reduceRight<unknown>((v, k) => ({ [k]: v }), written);
      return { kind: 'set', doc: docOf(held) ?? this.doc, node: held, value };
    }
    // Written, but read as absent through a variable holding null (`"x": "${var.y}"`): never a second key "x".
    if (held) return undefined;
    return { kind: 'insert', doc: docOf(l.parent) ?? this.doc, parent: l.parent, path: l.missing, value: written };
  }

  /**
   * The elements of a known array setting, each resolved on its own (an element may itself be
   * `[parameters('x')]` or `${var.x}`): node = the element as written, origin = the literal it stands for.
   */
  elements(l: Lookup): Lookup[] {
    if (l.state !== 'known' || l.origin?.type !== 'array') return [];
    const resolver = l.resolver ?? (this.res.format === 'arm' ? this.res.scope : this.res.resolver);
    return items(l.origin).map((el) => walk(el, [], resolver, { nullIsAbsent: this.isTerraform }));
  }

  /**
   * A fix whose intents (built by `build`, which passes `newer` on to fix()) may insert properties newer than
   * this ARM resource's apiVersion. When none does: the preferred fix. Otherwise, as aks-image-cleaner does: no
   * preferred fix, a suggestion that also raises the literal apiVersion to the highest version needed (a newer
   * API version can change other defaults, so it is not applied blindly), and `apiVersionNeeded` for the message.
   */
  fixWithinApiVersion(title: string, build: (newer: string[]) => Array<FixIntent | undefined>): { fix?: Fix; suggestions?: Fix[]; apiVersionNeeded?: string } {
    const newer: string[] = [];
    const built = build(newer);
    const needed = newer.sort((a, b) => a.slice(0, 10).localeCompare(b.slice(0, 10))).pop();
    if (!built.length || !built.every((i): i is FixIntent => !!i)) return { apiVersionNeeded: needed };
    if (!needed) return { fix: { title, intents: built } };
    const apiVersion = child(this.node, 'apiVersion', true);
    if (apiVersion?.type !== 'string') return { apiVersionNeeded: needed };
    return {
      suggestions: [{ title: `${title} and raise apiVersion ${this.apiVersion} to ${needed}`, intents: [...built, { kind: 'set', doc: this.doc, node: apiVersion, value: needed }] }],
      apiVersionNeeded: needed,
    };
  }

  /** The intent that removes the property or array element `node` as written. Plans are generated: no fix. */
  removal(node: Node): FixIntent | undefined {
    if (this.format === 'tfplan') return undefined;
    return { kind: 'remove', doc: docOf(node) ?? this.doc, node };
  }

  /** The node findings about a missing setting point at: `properties` key, the Terraform name key, plan `values` key. */
  anchorFor(lookup: Lookup): Node {
    const r = this.res;
    // Read through a parameter or variable: where the resource writes it (model/provenance.ts).
    const site = findingNode(r.node, lookup, undefined);
    if (site) return site;
    if (lookup.state !== 'absent') return lookup.node ?? this.defaultAnchor();
    if (lookup.parent && lookup.parent !== r.node) {
      const k = lookup.parent.parent?.type === 'property' ? lookup.parent.parent.children?.[0] : undefined;
      if (k) return k;
    }
    return this.defaultAnchor();
  }

  defaultAnchor(): Node {
    const r = this.res;
    if (r.format !== 'arm') return r.anchor;
    const props = child(r.node, 'properties', true);
    const key = props?.parent?.children?.[0];
    if (key) return key;
    const typeKey = child(r.node, 'type', true)?.parent?.children?.[0];
    return typeKey ?? r.node;
  }
}

/**
 * A Bicep resource whose name is not a literal is named by its symbol (`resource aks '…'` → aks); a resource of a
 * registry module's compiled template by the module call's symbol (`module registry 'br/public:…'` → registry).
 */
function bicepSymbol(r: ArmResource): string | undefined {
  const own = r.node.bicep?.decl?.name;
  if (own) return own;
  for (let d = r.deployment; d; d = d.deployment) {
    const name = d.node.bicep?.decl?.name;
    if (name) return `${name} (module)`;
  }
  return undefined;
}

/** True when a plan's `after_unknown` marks `path`, or an attribute or block above it, as known only after apply. */
export function unknownAfterApply(afterUnknown: Node, path: readonly string[]): boolean {
  let cur: Node | undefined = afterUnknown;
  for (const seg of path) {
    if (cur?.type === 'boolean') return cur.value === true;
    if (cur?.type === 'array') cur = cur.children?.[0];
    cur = child(cur, seg);
    if (!cur) return false;
  }
  if (cur?.type === 'array') return items(cur).some((n) => n.type === 'boolean' && n.value === true);
  return cur?.type === 'boolean' && cur.value === true;
}

/** paths() per spec and format variant: specs are module constants, read by every resource and rule. */
const PATHS = new WeakMap<PropSpec, Partial<Record<'arm' | 'tf3' | 'tf4', string[][]>>>();

function pathsOf(spec: PropSpec, variant: 'arm' | 'tf3' | 'tf4'): string[][] {
  if (variant === 'arm') return [spec.arm, ...(spec.armLegacy ?? [])].filter((p): p is string[] => !!p);
  const versioned = variant === 'tf3' ? [spec.tf3, spec.tf4] : [spec.tf4, spec.tf3];
  return [spec.tf, ...versioned, ...(spec.tfLegacy ?? [])].filter((p): p is string[] => !!p);
}

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
export const enabledDisabled = {
  fromArm: (v: unknown) => (typeof v === 'string' ? v.toLowerCase() === 'enabled' : v),
  toArm: (v: unknown) => (v === true ? 'Enabled' : v === false ? 'Disabled' : v),
};
export const statusEnabled = {
  fromArm: (v: unknown) => (typeof v === 'string' ? v.toLowerCase() === 'enabled' : v),
  toArm: (v: unknown) => (v === true ? 'enabled' : v === false ? 'disabled' : v),
};
export const stringBool = {
  fromArm: (v: unknown) => (typeof v === 'string' ? v.toLowerCase() === 'true' : v),
  toArm: (v: unknown) => (v === true ? 'true' : v === false ? 'false' : v),
};
export const invertTf = {
  // Terraform converts "true"/"false" strings to booleans: invert those too.
  fromTf: (v: unknown) => (typeof v === 'boolean' ? !v : typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() !== 'true' : v),
  toTf: (v: unknown) => (typeof v === 'boolean' ? !v : v),
};
export { lower };

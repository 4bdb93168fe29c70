/**
 * A small ARM-JSON-to-Bicep writer for tests and docs: the Bicep twin of an ARM resource (or of a template's
 * `parameters`, `variables` and `resources`), written as a Bicep author writes it: single quotes, properties separated
 * by newlines, two-space indentation, `resource <symbol> '<type>@<apiVersion>' = { … }`.
 *
 * - A child written as `"name": "parent/child"` next to its parent gets `parent: <symbol>` and its own name.
 * - `[resourceId('<type>', '<name>'…)]` of a resource of the same input becomes `<symbol>.id`; `dependsOn` entries
 *   implied by `parent:` or by such a reference are dropped (Bicep infers them), others become `dependsOn: [<symbol>]`.
 * - `[parameters('x')]` / `[variables('x')]` become `x`; other ARM expressions are written as they are (function
 *   calls, member access and single-quoted strings are the same in both languages for what the tests use).
 * - `[resourceGroup().location]` becomes `location`, declared `param location string = resourceGroup().location` (the
 *   Bicep linter's no-loc-expr-outside-params: the resource group's location only as a parameter default).
 * - A `Microsoft.Security/pricings` resource (subscription scope) starts the file with `targetScope = 'subscription'`.
 */
type Json = unknown;
type JsonObject = Record<string, Json>;

interface Resource { json: JsonObject; type: string; apiVersion: string; name: string; symbol: string; parent?: Resource }

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SUBSCRIPTION_TYPES = /^Microsoft\.Security\/pricings$/i;

export interface BicepWriterOptions {
  /** Symbolic names by resource type (lower-case or as written), instead of the usual ones. */
  symbols?: Record<string, string>;
}

/** Bicep for one ARM resource, a `{ "resources": [...] }` excerpt or a whole template. */
export function armToBicep(input: JsonObject | JsonObject[], options: BicepWriterOptions = {}): string {
  const template: JsonObject = Array.isArray(input) ? { resources: input } : Array.isArray(input.resources) ? input : { resources: [input] };
  const resources = symbols((template.resources as JsonObject[]).map((json) => ({
    json, type: String(json.type), apiVersion: String(json.apiVersion), name: String(json.name), symbol: '',
  })), options);
  const out: string[] = [];
  const scope = /subscriptionDeploymentTemplate/i.test(String(template.$schema ?? '')) || resources.some((r) => SUBSCRIPTION_TYPES.test(r.type))
    ? 'subscription' : /managementGroupDeploymentTemplate/i.test(String(template.$schema ?? '')) ? 'managementGroup' : undefined;
  if (scope) out.push(`targetScope = '${scope}'\n`);
  const declarations: string[] = [];
  if (JSON.stringify(template.resources).includes(`"${RESOURCE_GROUP_LOCATION}"`) && !(template.parameters as JsonObject | undefined)?.location) {
    declarations.push('param location string = resourceGroup().location');
  }
  for (const [name, p] of Object.entries((template.parameters ?? {}) as Record<string, JsonObject>)) {
    const type = String(p.type ?? 'string').toLowerCase();
    const bicepType = type === 'securestring' ? 'string' : type === 'secureobject' ? 'object' : type;
    const decorator = type.startsWith('secure') ? '@secure()\n' : '';
    // A `location` parameter defaulting to the resource group's location is what other `location`s refer to.
    const def = p.defaultValue === RESOURCE_GROUP_LOCATION ? 'resourceGroup().location' : 'defaultValue' in p ? value(p.defaultValue, 0, resources) : undefined;
    declarations.push(`${decorator}param ${name} ${bicepType}${def !== undefined ? ` = ${def}` : ''}`);
  }
  for (const [name, v] of Object.entries((template.variables ?? {}) as JsonObject)) declarations.push(`var ${name} = ${value(v, 0, resources)}`);
  if (declarations.length) out.push(declarations.join('\n') + '\n');
  for (const r of resources) out.push(resource(r, resources));
  return out.join('\n');
}

function resource(r: Resource, all: Resource[]): string {
  const body: JsonObject = {};
  if (r.parent) body.parent = { [RAW]: r.parent.symbol };
  for (const [k, v] of Object.entries(r.json)) {
    if (k === 'type' || k === 'apiVersion') continue;
    if (k === 'name') body.name = r.parent ? r.name.slice(r.name.lastIndexOf('/') + 1) : v;
    else if (k === 'dependsOn') {
      const kept = (v as string[]).map((d) => target(d, all)).filter((t) => t !== r.parent && !(t && references(r.json, t, all)))
        .map((t) => ({ [RAW]: t ? t.symbol : '' }));
      if (kept.length) body.dependsOn = kept;
    } else body[k] = v;
  }
  return `resource ${r.symbol} '${r.type}@${r.apiVersion}' = ${value(body, 0, all)}\n`;
}

const RAW = Symbol('raw Bicep');
const RESOURCE_GROUP_LOCATION = '[resourceGroup().location]';

function value(v: Json, depth: number, all: Resource[]): string {
  const pad = '  '.repeat(depth + 1);
  if (v && typeof v === 'object' && RAW in (v as object)) return (v as Record<symbol, string>)[RAW];
  if (v === RESOURCE_GROUP_LOCATION) return 'location';
  if (typeof v === 'string') return v.startsWith('[') && !v.startsWith('[[') && v.endsWith(']') ? expression(v.slice(1, -1), all) : quote(v.startsWith('[[') ? v.slice(1) : v);
  if (Array.isArray(v)) return v.length ? `[\n${v.map((x) => `${pad}${value(x, depth + 1, all)}\n`).join('')}${'  '.repeat(depth)}]` : '[]';
  if (v && typeof v === 'object') {
    const e = Object.entries(v as JsonObject);
    return e.length ? `{\n${e.map(([k, x]) => `${pad}${IDENTIFIER.test(k) ? k : quote(k)}: ${value(x, depth + 1, all)}\n`).join('')}${'  '.repeat(depth)}}` : '{}';
  }
  return JSON.stringify(v);
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** An ARM expression in Bicep: references to resources of the input by symbol, parameters and variables by name. */
function expression(e: string, all: Resource[]): string {
  return e
    .replace(/resourceId\(((?:\s*'[^']*'\s*,?)+)\)/g, (whole) => {
      const t = target(`[${whole}]`, all);
      return t ? `${t.symbol}.id` : whole;
    })
    .replace(/(?:parameters|variables)\('([A-Za-z_][A-Za-z0-9_]*)'\)/g, '$1');
}

/** The resource of the input a `[resourceId('<type>', '<name>'…)]` names. */
function target(ref: string, all: Resource[]): Resource | undefined {
  const m = /^\[resourceId\(((?:\s*'[^']*'\s*,?)+)\)\]$/.exec(ref.trim());
  if (!m) return undefined;
  const [type, ...names] = [...m[1].matchAll(/'([^']*)'/g)].map((x) => x[1]);
  return all.find((r) => r.type.toLowerCase() === type.toLowerCase() && r.name.toLowerCase() === names.join('/').toLowerCase());
}

function references(json: Json, t: Resource, all: Resource[]): boolean {
  if (typeof json === 'string') return [...json.matchAll(/resourceId\(((?:\s*'[^']*'\s*,?)+)\)/g)].some((m) => target(`[${m[0]}]`, all) === t);
  if (json && typeof json === 'object') return Object.entries(json as JsonObject).some(([k, v]) => k !== 'dependsOn' && references(v, t, all));
  return false;
}

/** Symbolic names as people write them (`aks`, `acr`, `privateEndpoint`, `containersPricing`…), children linked to parents. */
function symbols(resources: Resource[], options: BicepWriterOptions): Resource[] {
  const chosen = new Map(Object.entries(options.symbols ?? {}).map(([t, s]) => [t.toLowerCase(), s]));
  const used = new Set<string>();
  for (const r of resources) {
    const slash = r.name.lastIndexOf('/');
    if (slash > 0) {
      const parentName = r.name.slice(0, slash);
      const parentType = r.type.slice(0, r.type.lastIndexOf('/'));
      r.parent = resources.find((p) => p.type.toLowerCase() === parentType.toLowerCase() && p.name.toLowerCase() === parentName.toLowerCase());
    }
    const base = chosen.get(r.type.toLowerCase()) ?? symbolFor(r);
    let s = base;
    for (let i = 2; used.has(s); i++) s = `${base}${i}`;
    used.add(s);
    r.symbol = s;
  }
  return resources;
}

function symbolFor(r: Resource): string {
  const last = r.type.slice(r.type.lastIndexOf('/') + 1);
  const own = r.name.slice(r.name.lastIndexOf('/') + 1);
  const camel = (s: string) => {
    const words = s.replace(/^aksManaged/, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
    const joined = words.map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w[0].toLowerCase() + w.slice(1))).join('');
    return IDENTIFIER.test(joined) ? joined : `r${joined}`;
  };
  switch (r.type.toLowerCase()) {
    case 'microsoft.containerservice/managedclusters': return 'aks';
    case 'microsoft.containerregistry/registries': return 'acr';
    case 'microsoft.network/privateendpoints': return 'privateEndpoint';
    case 'microsoft.security/pricings': return `${camel(own)}Pricing`;
    case 'microsoft.containerregistry/registries/tokens': return `${camel(own)}Token`;
    case 'microsoft.containerservice/managedclusters/maintenanceconfigurations': return camel(own);
    default: return camel(last.replace(/s$/, ''));
  }
}

/**
 * Whether the engine reads `.bicep` sources (the Bicep parser of issue 11). Tests that analyse Bicep text are pending
 * until it does; what they can check without it (examples equal to their ARM twins, snippet structure) always runs.
 */
export function engineReadsBicep(analyzeText: (path: string, text: string) => { file: { documents: Array<{ kind: string }> } }): boolean {
  const probe = "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {\n  name: 'aks'\n  location: 'westeurope'\n}\n";
  return analyzeText('probe.bicep', probe).file.documents.some((d) => d.kind !== 'unknown');
}

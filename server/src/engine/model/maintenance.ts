import { child, Node, str } from '../documents';
import { ArmResource, ArmScope, isExpression } from './arm';
import { AzureResource } from './azure';

/** The planned-maintenance configurations AKS reads for its automatic upgrades (any other name, e.g. `default`, does not count). */
export const AUTO_UPGRADE_SCHEDULE = 'aksManagedAutoUpgradeSchedule';
export const NODE_OS_UPGRADE_SCHEDULE = 'aksManagedNodeOSUpgradeSchedule';

const MAINTENANCE_TYPE = 'microsoft.containerservice/managedclusters/maintenanceconfigurations';

/**
 * Whether a configuration named `name` (case-insensitive) exists for a cluster among `resources`:
 * 'found', 'missing', or 'unknown' when some maintenance configuration could be it but its name or
 * owner is an expression we cannot evaluate (unknown never yields a finding).
 */
export type ScheduleState = 'found' | 'missing' | 'unknown';

/**
 * ARM only: the maintenance configurations of `cluster` among `resources` (every resource of the file, or
 * of every scanned file). A configuration belongs to the cluster when it is nested in it, or when its
 * name is `<cluster>/<config>` with the cluster part equal to the cluster's resolved name, or written
 * with the same expression as the cluster's name (`[format('{0}/{1}', parameters('clusterName'), '…')]`).
 */
export function maintenanceSchedule(cluster: AzureResource, resources: AzureResource[], name: string): ScheduleState {
  if (cluster.res.format !== 'arm') return 'missing';
  const owner = clusterIdentity(cluster.res);
  let state: ScheduleState = 'missing';
  for (const r of resources) {
    // Length first: most resources are of another type, and this runs for every cluster × every resource.
    if (r.res.format !== 'arm' || r.type.length !== MAINTENANCE_TYPE.length || r.type.toLowerCase() !== MAINTENANCE_TYPE) continue;
    const ref = parseConfigName(r.res);
    const belongs = belongsTo(r.res, ref, owner, cluster.res);
    if (belongs === false) continue;
    if (ref.config === undefined) {
      state = 'unknown';
      continue;
    }
    if (ref.config.toLowerCase() !== name.toLowerCase()) continue;
    if (belongs === true) return 'found';
    state = 'unknown';
  }
  return state;
}

interface ConfigName {
  /** The configuration's own name (`aksManagedAutoUpgradeSchedule`), when known. */
  config?: string;
  /** Top-level resources: the cluster part of the name, as a literal when it resolves. */
  ownerLiteral?: string;
  /** Top-level resources: the cluster part as an expression text (normalised) when it does not resolve. */
  ownerExpression?: string;
}

interface ClusterIdentity {
  literal?: string;
  expression?: string;
}

function clusterIdentity(c: ArmResource): ClusterIdentity {
  const raw = c.name;
  return { literal: c.resolvedName, expression: isExpression(raw) ? normalise(raw.slice(1, -1)) : undefined };
}

function belongsTo(r: ArmResource, ref: ConfigName, owner: ClusterIdentity, cluster: ArmResource): boolean | undefined {
  if (r.parent) return r.parent.node === cluster.node;
  if (ref.ownerLiteral !== undefined) {
    if (owner.literal !== undefined) return owner.literal.toLowerCase() === ref.ownerLiteral.toLowerCase();
    return undefined;
  }
  if (ref.ownerExpression !== undefined && owner.expression !== undefined && ref.ownerExpression === owner.expression) return true;
  return undefined;
}

function parseConfigName(r: ArmResource): ConfigName {
  const nameNode = child(r.node, 'name', true);
  if (!nameNode) return {};
  if (r.parent) return { config: literal(r.scope, nameNode) };
  const resolved = r.scope.resolve(nameNode);
  const text = resolved && resolved.node.type === 'string' ? (resolved.node.value as string) : undefined;
  if (text !== undefined && !isExpression(text)) {
    const i = text.lastIndexOf('/');
    return i < 0 ? {} : { ownerLiteral: text.slice(0, i), config: text.slice(i + 1) };
  }
  const raw = str(nameNode);
  if (!raw || !isExpression(raw)) return {};
  const call = parseCall(raw.slice(1, -1).trim());
  if (!call) return {};
  let ownerArg: string | undefined;
  let configArg: string | undefined;
  if (call.fn === 'format' && call.args.length >= 2) {
    const fmt = quoted(call.args[0]);
    if (fmt === '{0}/{1}' && call.args.length === 3) [ownerArg, configArg] = [call.args[1], call.args[2]];
    else if (fmt !== undefined && /^\{0\}\/[^{}/]+$/.test(fmt) && call.args.length === 2) [ownerArg, configArg] = [call.args[1], `'${fmt.slice(4)}'`];
  } else if (call.fn === 'concat') {
    const a = call.args;
    if (a.length === 2 && quoted(a[1])?.startsWith('/')) [ownerArg, configArg] = [a[0], `'${quoted(a[1])!.slice(1)}'`];
    else if (a.length === 3 && quoted(a[1]) === '/') [ownerArg, configArg] = [a[0], a[2]];
  }
  if (ownerArg === undefined || configArg === undefined) return {};
  const config = argLiteral(r.scope, configArg);
  const ownerLiteral = argLiteral(r.scope, ownerArg);
  return ownerLiteral !== undefined ? { config, ownerLiteral } : { config, ownerExpression: normalise(ownerArg) };
}

/** A string node's literal value, resolving `[parameters()]` / `[variables()]`. */
function literal(scope: ArmScope, node: Node): string | undefined {
  const res = scope.resolve(node);
  if (!res || res.node.type !== 'string') return undefined;
  const v = res.node.value as string;
  return isExpression(v) ? undefined : v;
}

/** The literal value of one argument of an ARM function call: `'text'`, or `parameters('x')` / `variables('x')` with a literal value. */
function argLiteral(scope: ArmScope, arg: string): string | undefined {
  const q = quoted(arg);
  if (q !== undefined) return q;
  if (!/^(parameters|variables)\s*\(/i.test(arg.trim())) return undefined;
  const synthetic: Node = { type: 'string', offset: 0, length: 0, value: `[${arg.trim()}]` };
  return literal(scope, synthetic);
}

function quoted(arg: string): string | undefined {
  const m = /^\s*'((?:[^']|'')*)'\s*$/.exec(arg);
  return m ? m[1].replace(/''/g, "'") : undefined;
}

/** `fn(a, b, c)` → { fn, args } with top-level arguments split (quotes and nested calls respected). */
function parseCall(expr: string): { fn: string; args: string[] } | undefined {
  const m = /^([A-Za-z_][\w.]*)\s*\(/.exec(expr);
  if (!m || !expr.endsWith(')')) return undefined;
  const body = expr.slice(m[0].length, -1);
  const args: string[] = [];
  let depth = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (inQuote) {
      if (ch === "'") {
        if (body[i + 1] === "'") i++;
        else inQuote = false;
      }
      continue;
    }
    if (ch === "'") inQuote = true;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      args.push(body.slice(start, i).trim());
      start = i + 1;
    }
    if (depth < 0) return undefined;
  }
  if (depth !== 0 || inQuote) return undefined;
  args.push(body.slice(start).trim());
  return { fn: m[1].toLowerCase(), args };
}

/** Expression text compared textually: whitespace outside quotes removed, lower-cased (ARM names and functions are case-insensitive). */
function normalise(expr: string): string {
  let out = '';
  let inQuote = false;
  for (const ch of expr) {
    if (ch === "'") inQuote = !inQuote;
    if (!inQuote && /\s/.test(ch)) continue;
    out += ch.toLowerCase();
  }
  return out;
}

/**
 * The ARM maintenance configurations among every resource of `models` (a project's models), computed once per
 * models array: a rule that looks them up for every cluster does not rescan every resource each time.
 */
export function maintenanceConfigurations(models: readonly { azure: AzureResource[] }[]): AzureResource[] {
  let found = CONFIGURATIONS.get(models);
  if (!found) {
    found = [];
    for (const m of models) for (const r of m.azure) if (r.res.format === 'arm' && r.type.toLowerCase() === MAINTENANCE_TYPE) found.push(r);
    CONFIGURATIONS.set(models, found);
  }
  return found;
}
const CONFIGURATIONS = new WeakMap<object, AzureResource[]>();

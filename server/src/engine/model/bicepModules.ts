/**
 * Bicep across files: a module call is a nested deployment whose template is another file, and a `.bicepparam` file
 * supplies a template's parameter values. Both are read through the project's FileSource and analysed with the
 * caller's values as the template's parameters (ArmScope `direct` values), the way the Bicep compiler inlines a module
 * into the compiled JSON. A finding on a node of another file lands at the caller's value that caused it, or nowhere
 * (analyze.ts `place`): that file's own analysis reports it.
 *
 *   module m './path.bicep' = {…}       a local module (also `.json`), path relative to the caller; a path that does not
 *                                        exist as written is matched case-insensitively (compiled on Windows/macOS)
 *   module m 'br:<registry>/<repo>:<tag>' / 'br/<alias>:<path>:<tag>'
 *                                        a registry module, read from the local module cache where `bicep restore`,
 *                                        `bicep build` and the Bicep extension put its compiled JSON:
 *                                        <cache>/br/<registry>/<repo, '/' written '$'>/<tag>$/main.json
 *                                        (`br/public` = mcr.microsoft.com + `bicep/`; other aliases from the nearest
 *                                        bicepconfig.json `moduleAliases.br`); cache = setting / CLI option, else ~/.bicep
 *   module m 'ts:…' / 'ts/…'             a template spec: unknown
 *   using './main.bicep' (.bicepparam)   the template whose parameters this file's `param x = …` values feed
 */
import * as nodePath from 'node:path';
import * as os from 'node:os';
import { child, docOf, fileOf, Node, ParsedDocument, str, entries } from '../documents';
import { FileSource, parseOther, resolveCaseInsensitive } from '../files';
import { ArmResource, ArmScope, collectArmResources, LinkTemplate } from './arm';

export interface BicepModelContext {
  files: FileSource;
  /** The local Bicep module cache (the folder that holds `br/`); default ~/.bicep. */
  bicepCache?: string;
  dependsOn: Map<string, string | undefined>;
}

export interface BicepModelResult {
  resources: ArmResource[];
  /** Module calls of the analysed file that could not be followed, with why. */
  unresolved: Array<{ name: string; node: Node; reason: 'not-restored' | 'template-spec' | 'not-found' }>;
}

const PUBLIC_ALIAS = { registry: 'mcr.microsoft.com', modulePath: 'bicep' };

/** The module cache every analysis of this process reads (CLI --bicep-cache, setting aksGuardrails.bicepModuleCache). */
let moduleCache: string | undefined;
export function setBicepModuleCache(dir: string | undefined): void {
  moduleCache = dir || undefined;
}
export function bicepModuleCache(): string {
  return moduleCache ?? nodePath.join(os.homedir(), '.bicep');
}
/** Whether `path` is a file of the local module cache (a registry module's compiled JSON). */
export function isInBicepCache(path: string): boolean {
  const rel = nodePath.relative(bicepModuleCache(), path);
  return !!rel && !rel.startsWith('..') && !nodePath.isAbsolute(rel);
}

export function collectBicepResources(doc: ParsedDocument, path: string | undefined, ctx: BicepModelContext | undefined): BicepModelResult {
  const unresolved: BicepModelResult['unresolved'] = [];
  if (!doc.root) return { resources: [], unresolved };
  const link: LinkTemplate | undefined = ctx ? (deployment, scope) => linkModule(deployment, scope, doc, ctx, unresolved) : undefined;
  const using = doc.root.bicep?.using;
  if (using !== undefined) {
    // A .bicepparam file: the template it names, with this file's values as its parameters.
    if (!ctx || !path) return { resources: [], unresolved };
    const target = readTemplate(nodePath.resolve(nodePath.dirname(path), using), ctx);
    if (!target) return { resources: [], unresolved };
    const scope = new ArmScope(target.template, { values: child(doc.root, 'parameters'), scope: new ArmScope(doc.root), direct: true, deployment: nodePath.basename(path) });
    return { resources: collectArmResources(target.doc, link, target.template, scope), unresolved };
  }
  return { resources: collectArmResources(doc, link), unresolved };
}

function linkModule(deployment: Node, _scope: ArmScope, analysed: ParsedDocument, ctx: BicepModelContext, unresolved: BicepModelResult['unresolved']): ReturnType<LinkTemplate> {
  const ref = deployment.bicep?.module;
  if (ref === undefined) return undefined;
  const callerDoc = docOf(deployment);
  const callerPath = fileOf(callerDoc)?.path;
  const own = callerDoc === analysed || !callerDoc;
  const note = (reason: BicepModelResult['unresolved'][number]['reason']) => {
    if (!own) return;
    const nameNode = child(deployment, 'type', true) ?? deployment;
    unresolved.push({ name: ref, node: nameNode, reason });
  };
  if (!callerPath || !nodePath.isAbsolute(callerPath)) return undefined;
  const values = child(deployment, 'params', true);
  if (/^ts[:/]/i.test(ref)) {
    note('template-spec');
    return undefined;
  }
  if (/^br[:/]/i.test(ref)) {
    const file = registryCachePath(ref, nodePath.dirname(callerPath), ctx);
    const target = file ? readTemplate(file, ctx) : undefined;
    if (!target) {
      note('not-restored');
      return undefined;
    }
    return { template: target.template, doc: target.doc, values, direct: true };
  }
  const target = readTemplate(nodePath.resolve(nodePath.dirname(callerPath), ref), ctx);
  if (!target) {
    note('not-found');
    return undefined;
  }
  return { template: target.template, doc: target.doc, values, direct: true };
}

/** A module's template: a `.bicep` file's tree or an ARM JSON template, read (case-insensitively if need be) and recorded. */
function readTemplate(path: string, ctx: BicepModelContext): { template: Node; doc: ParsedDocument } | undefined {
  const found = resolveCaseInsensitive(ctx.files, path) ?? path;
  const text = ctx.files.read(found);
  ctx.dependsOn.set(found, text);
  if (found !== path) ctx.dependsOn.set(path, undefined);
  if (text === undefined) return undefined;
  const parsed = parseOther(ctx.files, found);
  const doc = parsed?.documents[0];
  if (!doc?.root || doc.kind !== 'arm' || doc.errors.length) return undefined;
  return { template: doc.root, doc };
}

/** Where the local module cache holds a registry module's compiled JSON; undefined when the reference is not understood. */
export function registryCachePath(ref: string, fromDir: string, ctx: Pick<BicepModelContext, 'files' | 'bicepCache' | 'dependsOn'>): string | undefined {
  let registry: string;
  let repo: string;
  let tag: string;
  const direct = /^br:([^/]+)\/(.+):([^:@/]+)$/i.exec(ref);
  if (direct) {
    [, registry, repo, tag] = direct;
  } else {
    const aliased = /^br\/([^:]+):(.+):([^:@/]+)$/i.exec(ref);
    if (!aliased) return undefined;
    const alias = aliasFor(aliased[1], fromDir, ctx);
    if (!alias) return undefined;
    registry = alias.registry;
    repo = alias.modulePath ? `${alias.modulePath.replace(/\/+$/, '')}/${aliased[2]}` : aliased[2];
    tag = aliased[3];
  }
  const cache = ctx.bicepCache ?? bicepModuleCache();
  return nodePath.join(cache, 'br', registry, repo.replace(/\//g, '$'), `${tag}$`, 'main.json');
}

/** A `br/<alias>` alias: `public` built in, others from the nearest bicepconfig.json (`moduleAliases.br`). */
function aliasFor(name: string, fromDir: string, ctx: Pick<BicepModelContext, 'files' | 'dependsOn'>): { registry: string; modulePath?: string } | undefined {
  let dir = fromDir;
  for (let i = 0; i < 32; i++) {
    const configPath = nodePath.join(dir, 'bicepconfig.json');
    const text = ctx.files.read(configPath);
    ctx.dependsOn.set(configPath, text);
    if (text !== undefined) {
      const parsed = parseOther(ctx.files, configPath, { syntax: 'json' });
      const aliases = child(child(parsed?.documents[0]?.root, 'moduleAliases'), 'br');
      for (const [key, , value] of entries(aliases)) {
        if (key !== name) continue;
        const registry = str(child(value, 'registry'));
        if (registry) return { registry, modulePath: str(child(value, 'modulePath')) };
      }
      break; // the nearest bicepconfig.json is the one Bicep uses
    }
    const up = nodePath.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return name === 'public' ? PUBLIC_ALIAS : undefined;
}

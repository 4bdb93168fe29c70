import * as nodePath from 'node:path';
import { child, entries, fileOf, Node, ParsedDocument, str, docOf } from '../documents';
import { parseOtherText, FileSource } from '../files';
import { ArmResource } from './arm';
import { Resolver } from './lookup';
import { azurermMajorFromConfig, AzurermVersion, collectAzapiResources, collectTfJsonResources, majorFromConstraint, notDeployed, pinnedMajor, TfResource } from './terraform';
import { blockObjects, OutsideOf, TfScope } from './tfScope';

/**
 * A Terraform module is a directory: every `.tf` / `.tf.json` file of a folder is one configuration. The model of one
 * file of a module holds:
 *  - its own resources, resolved in the module's scope: `variable` defaults and `locals` of every file of the folder,
 *    variable values from `terraform.tfvars`, `*.auto.tfvars` (and their `.json` forms), then the `varFiles` given
 *    (CLI `--var-file`), later ones winning, as Terraform orders them;
 *  - the resources of the other files of the folder (a private endpoint in `network.tf` for the registry in `acr.tf`),
 *    resolved so that a value written in this file is unknown to them (each finding is reported once, in its file);
 *  - the resources of the modules this file calls with a local `source` (or a registry/git source `terraform init`
 *    downloaded, `.terraform/modules/modules.json`), whose variables take this file's arguments: a finding caused by
 *    an argument is placed at it, with its fix.
 * The azurerm major version: a `required_providers` constraint that pins one, else `.terraform.lock.hcl`, else a plan of the folder (moduleMajor).
 * Every file read is recorded in `dependsOn` (path -> text) so the cached model is rebuilt when one changes.
 */
export interface TerraformModule {
  resources: TfResource[];
  arm: ArmResource[];
  /** Module calls that could not be followed (registry or git source without `terraform init`): name and its label. */
  unresolvedCalls: Array<{ name: string; node: Node }>;
}

export interface ModuleOptions {
  files: FileSource;
  dependsOn: Map<string, string | undefined>;
  /** Extra variable files (CLI --var-file), applied after the automatic ones. */
  varFiles?: string[];
}

const MAX_MODULE_DEPTH = 4;
const MAX_MODULE_FILES = 200;
const PASSED_THROUGH = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export function terraformModule(doc: ParsedDocument, path: string, o: ModuleOptions): TerraformModule {
  const dir = nodePath.dirname(path);
  const docs = moduleDocs(dir, path, doc, o);
  const scope = new TfScope(undefined, doc.text);
  for (const d of docs) if (d.root) scope.addConfig(d.root);
  for (const [name, value] of varFileValues(dir, o)) scope.variables.set(name, value);
  const major = moduleMajor(dir, docs, o);
  const out: TerraformModule = { resources: [], arm: [], unresolvedCalls: [] };
  const fileOfNode = (n: Node) => fileOf(docOf(n))?.path;
  for (const d of docs) {
    const own = d === doc;
    const resolver: TfScope | Resolver = own ? scope : new OutsideOf(scope, path, fileOfNode);
    out.resources.push(...collectTfJsonResources(d, resolver, major));
    out.arm.push(...collectAzapiResources(d, resolver));
  }
  // Module calls of this file only (each caller file reports what its own arguments cause).
  calls(doc, dir, scope, o, out, major, 0);
  return out;
}

/** This document first, then the other `.tf` / `.tf.json` files of its folder, by name (stable in every order of opening). */
function moduleDocs(dir: string, path: string, doc: ParsedDocument, o: ModuleOptions): ParsedDocument[] {
  const out: ParsedDocument[] = [doc];
  for (const p of configFiles(dir, o)) {
    if (p === path) continue;
    const d = readConfig(p, o);
    if (d) out.push(d);
  }
  return out;
}

function configFiles(dir: string, o: ModuleOptions): string[] {
  const listed = o.files.list(dir) ?? [];
  return listed
    .filter((e) => !e.dir && /\.tf(\.json)?$/i.test(e.name))
    .map((e) => nodePath.join(dir, e.name))
    .sort()
    .slice(0, MAX_MODULE_FILES);
}

function read(p: string, o: ModuleOptions): string | undefined {
  const text = o.files.read(p);
  o.dependsOn.set(p, text);
  return text;
}

/** A configuration file of the module, parsed once per text; undefined when unreadable, broken or not Terraform. */
function readConfig(p: string, o: ModuleOptions): ParsedDocument | undefined {
  const text = read(p, o);
  if (text === undefined) return undefined;
  const d = parseOtherText(p, text).documents[0];
  return d && d.root && !d.errors.length && d.kind === 'tfjson' ? d : undefined;
}

/** `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)` by name, then the given var files: later wins. */
function varFileValues(dir: string, o: ModuleOptions): Map<string, { node: Node; via: string }> {
  const out = new Map<string, { node: Node; via: string }>();
  const names = (o.files.list(dir) ?? []).filter((e) => !e.dir).map((e) => e.name);
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/i.test(n)).sort();
  // terraform.tfvars(.json) are read even when absent: creating one changes the module (dependsOn records the miss).
  const ordered = [...['terraform.tfvars', 'terraform.tfvars.json'], ...auto].map((n) => nodePath.join(dir, n));
  for (const p of [...ordered, ...(o.varFiles ?? []).map((f) => nodePath.resolve(dir, f))]) {
    const text = read(p, o);
    if (text === undefined) continue;
    const d = parseOtherText(p, text).documents[0];
    if (!d?.root || d.errors.length) continue;
    for (const [name, , value] of entries(d.root)) out.set(name, { node: value, via: `variable '${name}' set in ${nodePath.basename(p)}` });
  }
  return out;
}

/**
 * The azurerm major version of a module, and where it was read: a `required_providers` constraint that pins one major
 * version (any file of the folder), else the version `.terraform.lock.hcl` locked (what `terraform init` chose), else
 * a constraint that does not pin one (">= 3.0"), else the azurerm version constraint of a plan (`terraform show -json`)
 * in the folder. Undefined: the caller guesses from the attribute names in use.
 */
function moduleMajor(dir: string, docs: ParsedDocument[], o: ModuleOptions): AzurermVersion | undefined {
  const constraints: Array<{ text: string; file: string }> = [];
  for (const d of docs) {
    const c = d.root && azurermConstraint(d.root);
    if (c) constraints.push({ text: c, file: nodePath.basename(fileOf(d)?.path ?? '') });
  }
  for (const c of constraints) {
    const m = pinnedMajor(c.text);
    if (m) return { major: m, source: `required_providers "${c.text}" in ${c.file}` };
  }
  const lockPath = nodePath.join(dir, '.terraform.lock.hcl');
  const lock = read(lockPath, o);
  if (lock !== undefined) {
    const root = parseOtherText(lockPath, lock).documents[0]?.root;
    for (const block of blockObjects(child(root, 'provider'))) {
      for (const [address, , body] of entries(block)) {
        if (!/(^|\/)hashicorp\/azurerm$/i.test(address)) continue;
        const version = str(child(body, 'version'));
        const m = majorFromConstraint(version);
        if (m) return { major: m, source: `.terraform.lock.hcl: azurerm ${version}` };
      }
    }
  }
  for (const c of constraints) {
    const m = majorFromConstraint(c.text);
    if (m) return { major: m, source: `required_providers "${c.text}" in ${c.file}` };
  }
  // A plan of this folder (`terraform show -json` output): its azurerm version constraint.
  for (const e of o.files.list(dir) ?? []) {
    if (e.dir || !/\.json$/i.test(e.name) || /\.tf\.json$/i.test(e.name)) continue;
    const p = nodePath.join(dir, e.name);
    const text = read(p, o);
    if (!text || !text.includes('"format_version"') || !text.includes('"provider_config"')) continue;
    const root = parseOtherText(p, text).documents[0]?.root;
    const constraint = str(child(child(child(child(root, 'configuration'), 'provider_config'), 'azurerm'), 'version_constraint'));
    const m = majorFromConstraint(constraint);
    if (m) return { major: m, source: `the plan ${e.name}: azurerm "${constraint}"` };
  }
  return undefined;
}

/** The azurerm version constraint a configuration's `required_providers` writes. */
function azurermConstraint(root: Node): string | undefined {
  for (const tf of blockObjects(child(root, 'terraform'))) {
    for (const rp of blockObjects(child(tf, 'required_providers'))) {
      const az = child(rp, 'azurerm');
      const v = az?.type === 'string' ? str(az) : str(child(az, 'version'));
      if (v) return v;
    }
  }
  return undefined;
}

/** Resources of the modules `doc` calls, their variables set from the call's arguments (resolved in the caller's scope). */
function calls(doc: ParsedDocument, dir: string, callerScope: Resolver, o: ModuleOptions, out: TerraformModule, major: AzurermVersion | undefined, depth: number) {
  if (depth >= MAX_MODULE_DEPTH) return;
  for (const block of blockObjects(child(doc.root, 'module'))) {
    for (const [name, nameKey, body] of entries(block)) {
      for (const b of blockObjects(body)) {
        if (notDeployed(b, callerScope)) continue;
        const sourceNode = child(b, 'source');
        const source = sourceNode && str(sourceNode);
        if (!source) continue;
        const childDir = moduleDir(dir, name, source, o);
        if (!childDir) {
          if (depth === 0) out.unresolvedCalls.push({ name, node: nameKey });
          continue;
        }
        const files = configFiles(childDir, o);
        const docs = files.map((p) => readConfig(p, o)).filter((d): d is ParsedDocument => !!d);
        if (!docs.length) continue;
        const scope = new TfScope(undefined, doc.text);
        for (const d of docs) if (d.root) scope.addConfig(d.root);
        for (const [arg, , value] of entries(b)) {
          if (PASSED_THROUGH.has(arg)) continue;
          scope.variables.set(arg, { node: value, resolver: callerScope, via: `module argument '${arg}'` });
        }
        for (const d of docs) {
          out.resources.push(...collectTfJsonResources(d, scope, moduleMajorOf(docs, childDir) ?? major));
          out.arm.push(...collectAzapiResources(d, scope));
          calls(d, childDir, scope, o, out, major, depth + 1);
        }
      }
    }
  }
}

function moduleMajorOf(docs: ParsedDocument[], dir: string): AzurermVersion | undefined {
  for (const d of docs) {
    const m = d.root && azurermMajorFromConfig(d.root);
    if (m) return { major: m, source: `required_providers in ${nodePath.relative(nodePath.dirname(dir), fileOf(d)?.path ?? dir)}` };
  }
  return undefined;
}

/** A local source (`./x`, `../x`), else the folder `terraform init` downloaded the call to (modules.json); else undefined. */
function moduleDir(dir: string, name: string, source: string, o: ModuleOptions): string | undefined {
  if (source.startsWith('./') || source.startsWith('../')) return nodePath.resolve(dir, source);
  const manifestPath = nodePath.join(dir, '.terraform', 'modules', 'modules.json');
  const manifest = read(manifestPath, o);
  if (manifest === undefined) return undefined;
  try {
    const parsed = JSON.parse(manifest) as { Modules?: Array<{ Key?: string; Dir?: string }> };
    const entry = parsed.Modules?.find((m) => m.Key === name);
    return entry?.Dir ? nodePath.resolve(dir, entry.Dir) : undefined;
  } catch {
    return undefined;
  }
}

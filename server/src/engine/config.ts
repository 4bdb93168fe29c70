import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node as JsonNode } from 'jsonc-parser';
import { parseJson } from './documents/json';
import { RULES, RULES_BY_ID } from './rules';
import type { EngineOptions, RuleModule, RuleSetting, Severity } from './rules/types';

/**
 * Configuration file `.aks-guardrails.jsonc` / `.aks-guardrails.json`; the nearest ancestor of a scanned file wins.
 *
 *   { "extends": "recommended" | "strict",
 *     "kubernetesVersion": "1.30", "allowedRegistries": ["*.azurecr.io"],
 *     "rules": { "<id>": "off" | "info" | "warning" | "error" | { "level": …, "allowInlineSuppression": false, …options } },
 *     "ignore": ["glob relative to the config file's folder", …] }
 *
 * An invalid file yields problems with exact ranges (rule id `config`), and whatever is valid in it still applies.
 */
export const CONFIG_FILE_NAMES = ['.aks-guardrails.jsonc', '.aks-guardrails.json'];
export const CONFIG = 'config';
export const PRESETS = ['recommended', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];
export const LEVELS = ['off', 'info', 'warning', 'error'] as const;
type Level = (typeof LEVELS)[number];
const TOP_KEYS = ['$schema', 'extends', 'rules', 'ignore', 'kubernetesVersion', 'allowedRegistries'];

/** Options a rule reads from its object setting (ctx.ruleOptions), besides `level` and `allowInlineSuppression`. */
export const RULE_OPTIONS: Record<string, Record<string, { type: 'string[]'; description: string }>> = {
  'k8s-allowed-registry': { registries: { type: 'string[]', description: 'Glob patterns of allowed registries, e.g. "*.azurecr.io".' } },
};

export interface ConfigProblem {
  ruleId: typeof CONFIG;
  messageId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  document: 0;
}

export interface Config {
  /** Absolute path of the config file; undefined for the defaults. */
  path?: string;
  /** Folder `ignore` patterns are relative to. */
  dir?: string;
  extends: Preset;
  rules: Record<string, RuleSetting>;
  ignore: string[];
  kubernetesVersion?: string;
  allowedRegistries?: string[];
}

export const DEFAULT_CONFIG: Config = { extends: 'recommended', rules: {}, ignore: [] };

export function isConfigFile(filePath: string): boolean {
  return CONFIG_FILE_NAMES.includes(path.basename(filePath).toLowerCase());
}

/** Parses a config file's text. Never throws: problems are returned and the valid parts kept. */
export function parseConfig(text: string, filePath?: string): { config: Config; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const problem = (messageId: string, message: string, node: { offset: number; length: number } | undefined, severity: Severity = 'error') =>
    problems.push({ ruleId: CONFIG, messageId, severity, message, start: node?.offset ?? 0, end: (node?.offset ?? 0) + (node?.length ?? 0), document: 0 });
  const config: Config = { ...DEFAULT_CONFIG, rules: {}, ignore: [], path: filePath, dir: filePath ? path.dirname(filePath) : undefined };
  // The same JSON reader as for scanned files: syntax errors in words, the same limits.
  const parsed = parseJson(text);
  const root = parsed.root as JsonNode | undefined;
  for (const e of parsed.errors) problem('syntax', `${e.message}.`, e);
  if (!root) return { config, problems };
  if (root.type !== 'object') {
    problem('notObject', 'The configuration must be a JSON object.', root);
    return { config, problems };
  }
  for (const prop of root.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || typeof k.value !== 'string') continue;
    const key = k.value;
    if (!TOP_KEYS.includes(key)) { problem('unknownKey', `Unknown key '${key}': expected one of ${TOP_KEYS.filter((x) => x !== '$schema').join(', ')}.`, k); continue; }
    if (!v) continue;
    switch (key) {
      case 'extends':
        if (v.type === 'string' && (PRESETS as readonly string[]).includes(v.value)) config.extends = v.value;
        else problem('badPreset', `'extends' must be "recommended" or "strict".`, v);
        break;
      case 'kubernetesVersion':
        if (v.type === 'string' && /^1\.\d+$/.test(v.value)) config.kubernetesVersion = v.value;
        else problem('badVersion', `'kubernetesVersion' must be a string like "1.30".`, v);
        break;
      case 'allowedRegistries':
      case 'ignore': {
        const list = stringList(v);
        if (!list) problem('badList', `'${key}' must be an array of strings.`, v);
        else if (key === 'ignore') config.ignore = list;
        else config.allowedRegistries = list;
        break;
      }
      case 'rules':
        if (v.type !== 'object') { problem('badRules', `'rules' must be an object mapping rule ids to a level or settings.`, v); break; }
        for (const rp of v.children ?? []) {
          const [rk, rv] = rp.children ?? [];
          if (!rk || !rv) continue;
          const id = String(rk.value);
          if (!RULES_BY_ID.has(id)) { problem('unknownRule', `Unknown rule '${id}'.`, rk); continue; }
          const setting = ruleSetting(id, rv, problem);
          if (setting) config.rules[id] = setting;
        }
        break;
    }
  }
  return { config, problems };
}

function stringList(v: JsonNode): string[] | undefined {
  if (v.type !== 'array' || !(v.children ?? []).every((c) => c.type === 'string')) return undefined;
  return (v.children ?? []).map((c) => c.value as string);
}

function ruleSetting(ruleId: string, v: JsonNode, problem: (id: string, msg: string, node: JsonNode | undefined) => void): RuleSetting | undefined {
  const badLevel = (n: JsonNode) => problem('badLevel', `Level must be one of ${LEVELS.map((l) => `"${l}"`).join(', ')}.`, n);
  if (v.type === 'string') {
    if ((LEVELS as readonly string[]).includes(v.value)) return { level: v.value as Level };
    badLevel(v);
    return undefined;
  }
  if (v.type !== 'object') { problem('badRuleSetting', 'A rule setting is a level ("off", "info", "warning", "error") or an object { "level": …, "allowInlineSuppression": …, …options }.', v); return undefined; }
  const setting: RuleSetting = {};
  const options: Record<string, unknown> = {};
  for (const p of v.children ?? []) {
    const [k, val] = p.children ?? [];
    if (!k || !val) continue;
    if (k.value === 'level') {
      if (val.type === 'string' && (LEVELS as readonly string[]).includes(val.value)) setting.level = val.value as Level;
      else badLevel(val);
    } else if (k.value === 'allowInlineSuppression') {
      if (val.type === 'boolean') setting.allowInlineSuppression = val.value;
      else problem('badBoolean', `'allowInlineSuppression' must be true or false.`, val);
    } else {
      // Only the options the rule reads: a misspelt or unsupported option would otherwise be ignored silently.
      const known = RULE_OPTIONS[ruleId] ?? {};
      const name = String(k.value);
      const spec = known[name];
      if (!spec) problem('unknownOption', `Unknown option '${name}' for ${ruleId}: expected ${['level', 'allowInlineSuppression', ...Object.keys(known)].map((x) => `'${x}'`).join(', ')}.`, k);
      else if (spec.type === 'string[]' && !stringList(val)) problem('badOption', `'${name}' must be an array of strings.`, val);
      else options[name] = toValue(val);
    }
  }
  if (Object.keys(options).length) setting.options = options;
  return setting;
}

function toValue(n: JsonNode): unknown {
  if (n.type === 'object') return Object.fromEntries((n.children ?? []).filter((p) => p.children?.length === 2).map((p) => [p.children![0].value, toValue(p.children![1])]));
  if (n.type === 'array') return (n.children ?? []).map(toValue);
  return n.value;
}

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** `severity` raised to `min` when lower. */
export function atLeast(severity: Severity, min: Severity | undefined): Severity {
  return min && RANK[severity] < RANK[min] ? min : severity;
}

/**
 * Pod Security Standards rules with findings PSS does not forbid: the rule reports the PSS violations as Error itself,
 * so strict only raises the rest to warning. k8s-apparmor: PSS baseline forbids Unconfined (reported as Error) and allows
 * an unset profile, which CAF asks for (Information, a warning under strict).
 */
const PSS_PARTLY = new Set(['k8s-apparmor']);

/**
 * What a preset sets for a rule (undefined: the catalogue's severities, per finding).
 * strict: Pod Security Standards rules (baseline and restricted: restricted includes baseline) are errors; every other
 * finding is at least a warning, per finding, so a rule's Error findings stay errors and its Information ones rise.
 */
export function presetSetting(preset: Preset, rule: RuleModule): RuleSetting | undefined {
  if (preset !== 'strict') return undefined;
  if ((rule.pss === 'restricted' || rule.pss === 'baseline') && !PSS_PARTLY.has(rule.id)) return { level: 'error' };
  return { minLevel: 'warning' };
}

/** Engine options from a config (preset, then the file's rules) on top of `base` (settings, CLI flags). */
export function optionsFromConfig(config: Config, base: Partial<EngineOptions> = {}): Partial<EngineOptions> {
  const rules: Record<string, RuleSetting> = {};
  for (const r of RULES) {
    const preset = presetSetting(config.extends, r);
    if (preset) rules[r.id] = preset;
  }
  for (const [id, s] of Object.entries(config.rules)) rules[id] = { ...rules[id], ...s, level: s.level ?? rules[id]?.level };
  for (const [id, s] of Object.entries(base.rules ?? {})) rules[id] = { ...rules[id], ...s };
  const out: Partial<EngineOptions> = { ...base, rules };
  if (config.kubernetesVersion && !base.kubernetesVersion) out.kubernetesVersion = config.kubernetesVersion;
  if (config.allowedRegistries) out.allowedRegistries = [...(base.allowedRegistries ?? []), ...config.allowedRegistries];
  return out;
}

/** Nearest `.aks-guardrails.jsonc` / `.aks-guardrails.json` in the file's folder or above; undefined when none. */
export function findConfigFile(filePath: string, exists: (p: string) => boolean = fs.existsSync): string | undefined {
  let dir = path.dirname(path.resolve(filePath));
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = path.join(dir, name);
      if (exists(p)) return p;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Reads and parses the config that applies to `filePath` (defaults when none or unreadable). */
export function loadConfigFor(filePath: string): { config: Config; problems: ConfigProblem[]; text?: string } {
  const p = findConfigFile(filePath);
  if (!p) return { config: DEFAULT_CONFIG, problems: [] };
  let text: string;
  try {
    text = fs.readFileSync(p, 'utf8');
  } catch {
    return { config: DEFAULT_CONFIG, problems: [] };
  }
  return { ...parseConfig(text, p), text };
}

/** True when `filePath` matches one of the config's `ignore` globs (relative to the config's folder). */
export function isIgnored(config: Config, filePath: string): boolean {
  if (!config.ignore.length || !config.dir) return false;
  const rel = path.relative(config.dir, path.resolve(filePath)).split(path.sep).join('/');
  if (rel.startsWith('../')) return false;
  return config.ignore.some((g) => globToRegExp(g).test(rel));
}

/** Glob → RegExp: `**` any folders, `*` and `?` within a segment, `{a,b}` alternatives; a pattern without "/" matches at any depth; a folder matches everything below it. */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/^\.\//, '');
  if (g.endsWith('/')) g += '**';
  const anyDepth = !g.includes('/');
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        i++;
        if (g[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = g.indexOf('}', i);
      if (close < 0) { re += '\\{'; continue; }
      re += '(?:' + g.slice(i + 1, close).split(',').map((x) => x.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|') + ')';
      i = close;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${anyDepth ? '(?:.*/)?' : ''}${re}(?:/.*)?$`);
}

import {
  Config, ConfigProblem, DEFAULT_CONFIG, EngineOptions, findConfigFile, globToRegExp, isConfigFile, isIgnored, optionsFromConfig, parseConfig, RULES,
  RuleSetting, Severity,
} from './engine';
import * as fs from 'node:fs';

/**
 * Editor side of configuration: the nearest `.aks-guardrails.json(c)` (open editor text wins over disk), then the
 * `aksGuardrails.rules.customizations` setting on top (vscode-eslint style re-levelling).
 */
export interface Customization {
  /** Rule id or glob ("k8s-*", "*"); a leading "!" negates. */
  rule: string;
  severity: 'downgrade' | 'upgrade' | 'off' | 'info' | 'warning' | 'error' | 'default';
}

const cache = new Map<string, { config: Config; problems: ConfigProblem[] }>();

/** Forget cached config files (a config file changed on disk or in the editor). */
export function clearConfigCache(): void {
  cache.clear();
}

export function configFor(filePath: string, openText: (path: string) => string | undefined): { config: Config; problems: ConfigProblem[] } {
  const p = findConfigFile(filePath, (c) => openText(c) !== undefined || fs.existsSync(c));
  if (!p) return { config: DEFAULT_CONFIG, problems: [] };
  const open = openText(p);
  if (open === undefined) {
    const hit = cache.get(p);
    if (hit) return hit;
  }
  let text = open;
  if (text === undefined) {
    try {
      text = fs.readFileSync(p, 'utf8');
    } catch {
      return { config: DEFAULT_CONFIG, problems: [] };
    }
  }
  const r = parseConfig(text, p);
  if (open === undefined) cache.set(p, r);
  return r;
}

const ORDER: Severity[] = ['hint', 'info', 'warning', 'error'];

/** Applies customizations to the options' rule levels (later entries win, like vscode-eslint). */
export function applyCustomizations(options: Partial<EngineOptions>, customizations: Customization[] | undefined): Partial<EngineOptions> {
  if (!customizations?.length) return options;
  const rules: Record<string, RuleSetting> = { ...(options.rules ?? {}) };
  const fromConfig = options.rules ?? {};
  for (const c of customizations) {
    if (!c || typeof c.rule !== 'string') continue;
    const negate = c.rule.startsWith('!');
    const re = globToRegExp(negate ? c.rule.slice(1) : c.rule);
    for (const r of RULES) {
      if (re.test(r.id) === negate) continue;
      const current = rules[r.id]?.level ?? r.severity;
      let level: Severity | 'off' | undefined;
      switch (c.severity) {
        case 'off': case 'info': case 'warning': case 'error': level = c.severity; break;
        case 'default': level = fromConfig[r.id]?.level; break;
        case 'downgrade': level = current === 'off' ? 'off' : ORDER[Math.max(1, ORDER.indexOf(current) - 1)]; break;
        case 'upgrade': level = current === 'off' ? 'off' : ORDER[Math.min(3, Math.max(1, ORDER.indexOf(current) + 1))]; break;
        default: continue;
      }
      rules[r.id] = { ...rules[r.id], level };
    }
  }
  return { ...options, rules };
}

/** Everything the editor needs for one file: engine options, or ignored / config-file status. */
export function editorOptions(filePath: string, base: Partial<EngineOptions>, customizations: Customization[] | undefined, openText: (path: string) => string | undefined):
  { options: Partial<EngineOptions>; ignored: boolean; config: Config } {
  const { config } = configFor(filePath, openText);
  // The project's config file is more specific than the editor's kubernetesVersion setting (which always has a value).
  const b = config.kubernetesVersion ? { ...base, kubernetesVersion: config.kubernetesVersion } : base;
  return { options: applyCustomizations(optionsFromConfig(config, b), customizations), ignored: isIgnored(config, filePath), config };
}

export { isConfigFile };

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  analyzeText, Config, DEFAULT_CONFIG, findConfigFile, globToRegExp, isIgnored, loadConfigFor, optionsFromConfig, parseConfig, presetSetting, RULES, RULES_BY_ID,
} from '../../../server/out/engine';

const problems = (text: string) => parseConfig(text, '/ws/.aks-guardrails.jsonc').problems.map((p) => [p.messageId, text.slice(p.start, p.end)]);

describe('config: parse', () => {
  it('empty object: defaults', () => {
    const r = parseConfig('{}');
    assert.deepEqual(r.problems, []);
    assert.equal(r.config.extends, 'recommended');
    assert.deepEqual(r.config.rules, {});
  });
  it('every key', () => {
    const r = parseConfig(`{
      // comments and trailing commas are allowed
      "$schema": "./schemas/aks-guardrails.schema.json",
      "extends": "strict",
      "kubernetesVersion": "1.29",
      "allowedRegistries": ["contoso.azurecr.io"],
      "rules": {
        "k8s-no-privileged": "warning",
        "aks-disable-local-accounts": { "level": "error", "allowInlineSuppression": false },
        "k8s-allowed-registry": { "registries": ["*.azurecr.io"], "level": "info" },
        "k8s-seccomp": "off",
      },
      "ignore": ["charts/**", "*.generated.yaml"],
    }`, '/ws/.aks-guardrails.jsonc');
    assert.deepEqual(r.problems, []);
    assert.equal(r.config.extends, 'strict');
    assert.equal(r.config.kubernetesVersion, '1.29');
    assert.deepEqual(r.config.allowedRegistries, ['contoso.azurecr.io']);
    assert.deepEqual(r.config.ignore, ['charts/**', '*.generated.yaml']);
    assert.deepEqual(r.config.rules, {
      'k8s-no-privileged': { level: 'warning' },
      'aks-disable-local-accounts': { level: 'error', allowInlineSuppression: false },
      'k8s-allowed-registry': { level: 'info', options: { registries: ['*.azurecr.io'] } },
      'k8s-seccomp': { level: 'off' },
    });
    assert.equal(r.config.dir, '/ws');
  });
  it('broken JSON: a problem with the exact range, defaults apply', () => {
    const text = '{ "extends": "strict" "rules": {} }';
    const r = parseConfig(text);
    assert.equal(r.problems[0].messageId, 'syntax');
    assert.equal(r.problems[0].start, text.indexOf('"rules"'));
    assert.equal(r.problems[0].severity, 'error');
    assert.equal(r.problems[0].message, "JSON syntax error: ',' expected.");
    // Whatever parsed still applies; the rest are the defaults.
    assert.equal(r.config.extends, 'strict');
    assert.deepEqual(r.config.rules, {});
    assert.deepEqual(parseConfig('{ nope').config, { ...DEFAULT_CONFIG, path: undefined, dir: undefined });
    assert.deepEqual(parseConfig('').problems, []);
  });
  it('not an object', () => assert.deepEqual(problems('[1]'), [['notObject', '[1]']]));
  it('unknown key', () => assert.deepEqual(problems('{"rulez": {}}'), [['unknownKey', '"rulez"']]));
  it('unknown rule id, the rest still applies', () => {
    const text = '{"rules": {"k8s-nope": "off", "k8s-no-privileged": "off"}}';
    assert.deepEqual(problems(text), [['unknownRule', '"k8s-nope"']]);
    assert.deepEqual(parseConfig(text).config.rules, { 'k8s-no-privileged': { level: 'off' } });
  });
  it('bad levels, presets, types', () => {
    assert.deepEqual(problems('{"rules": {"k8s-no-privileged": "fatal"}}'), [['badLevel', '"fatal"']]);
    assert.deepEqual(problems('{"rules": {"k8s-no-privileged": {"level": "hint"}}}'), [['badLevel', '"hint"']]);
    assert.deepEqual(problems('{"rules": {"k8s-no-privileged": {"allowInlineSuppression": "no"}}}'), [['badBoolean', '"no"']]);
    assert.deepEqual(problems('{"rules": {"k8s-no-privileged": 3}}'), [['badRuleSetting', '3']]);
    assert.deepEqual(problems('{"rules": []}'), [['badRules', '[]']]);
    assert.deepEqual(problems('{"extends": "paranoid"}'), [['badPreset', '"paranoid"']]);
    assert.deepEqual(problems('{"ignore": "x"}'), [['badList', '"x"']]);
    assert.deepEqual(problems('{"allowedRegistries": [1]}'), [['badList', '[1]']]);
    assert.deepEqual(problems('{"kubernetesVersion": "v1.30"}'), [['badVersion', '"v1.30"']]);
  });
  it('rule options: only the options a rule reads; unknown or mistyped options are reported and not applied', () => {
    assert.deepEqual(problems('{"rules": {"k8s-seccomp": {"level": "info", "kubernetesVersion": "1.18"}}}'), [['unknownOption', '"kubernetesVersion"']]);
    assert.equal(parseConfig('{"rules": {"k8s-seccomp": {"level": "info", "kubernetesVersion": "1.18"}}}').problems[0].message,
      "Unknown option 'kubernetesVersion' for k8s-seccomp: expected 'level', 'allowInlineSuppression'.");
    assert.deepEqual(parseConfig('{"rules": {"k8s-seccomp": {"level": "info", "x": 1}}}').config.rules, { 'k8s-seccomp': { level: 'info' } });
    assert.deepEqual(problems('{"rules": {"k8s-allowed-registry": {"registry": ["a.azurecr.io"]}}}'), [['unknownOption', '"registry"']]);
    assert.deepEqual(problems('{"rules": {"k8s-allowed-registry": {"registries": "a.azurecr.io"}}}'), [['badOption', '"a.azurecr.io"']]);
    assert.deepEqual(parseConfig('{"rules": {"k8s-allowed-registry": {"registries": [1]}}}').config.rules, { 'k8s-allowed-registry': {} });
  });
  it('rule option k8s-allowed-registry.registries and top-level allowedRegistries decide the finding', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: docker.io/nginx:1.27\n  - name: b\n    image: contoso.azurecr.io/b:1\n';
    const images = (cfg: string) => analyzeText('pod.yaml', pod, optionsFromConfig(parseConfig(cfg).config)).findings.filter((f) => f.ruleId === 'k8s-allowed-registry').map((f) => pod.slice(f.start, f.end));
    assert.deepEqual(images('{}'), []);
    assert.deepEqual(images('{"rules": {"k8s-allowed-registry": {"registries": ["*.azurecr.io"]}}}'), ['docker.io/nginx:1.27']);
    assert.deepEqual(images('{"allowedRegistries": ["contoso.azurecr.io"]}'), ['docker.io/nginx:1.27']);
    assert.deepEqual(images('{"allowedRegistries": ["contoso.azurecr.io"], "rules": {"k8s-allowed-registry": {"registries": ["docker.io"]}}}'), []);
    assert.deepEqual(images('{"allowedRegistries": ["fabrikam.azurecr.io"]}'), ['docker.io/nginx:1.27', 'contoso.azurecr.io/b:1']);
  });
  it('top-level kubernetesVersion is the target version the rules use', () => {
    // Before 1.19 the seccomp alpha annotation counts; from 1.19 only the field does.
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\nspec:\n  containers:\n  - name: a\n    image: a:1\n';
    const seccomp = (cfg: string) => analyzeText('pod.yaml', pod, optionsFromConfig(parseConfig(cfg).config)).findings.filter((f) => f.ruleId === 'k8s-seccomp').map((f) => f.messageId);
    assert.deepEqual(seccomp('{"kubernetesVersion": "1.18"}'), []);
    assert.notDeepEqual(seccomp('{"kubernetesVersion": "1.30"}'), []);
  });
});

describe('config: presets', () => {
  it('recommended keeps the catalogue severities', () => {
    for (const r of RULES) assert.equal(presetSetting('recommended', r), undefined);
    assert.deepEqual(optionsFromConfig(DEFAULT_CONFIG).rules, {});
  });
  // Pod Security Standards levels per /work/shared/rules-catalogue.md §1d "PSS level" (restricted includes baseline).
  const PSS_BASELINE = ['k8s-apparmor', 'k8s-no-host-namespaces', 'k8s-no-host-ports', 'k8s-no-hostpath', 'k8s-no-privileged'];
  const PSS_RESTRICTED = ['k8s-drop-all-capabilities', 'k8s-no-privilege-escalation', 'k8s-run-as-non-root', 'k8s-seccomp'];
  it('the PSS classification of the rules matches the catalogue', () => {
    assert.deepEqual(RULES.filter((r) => r.pss === 'baseline').map((r) => r.id).sort(), PSS_BASELINE);
    assert.deepEqual(RULES.filter((r) => r.pss === 'restricted').map((r) => r.id).sort(), PSS_RESTRICTED);
  });
  it('strict: every PSS rule is an error, every other rule gets a floor of warning (not a flat level)', () => {
    for (const r of RULES) {
      const s = presetSetting('strict', r);
      // k8s-apparmor: PSS forbids only Unconfined, which the rule reports as Error itself; an unset profile is allowed by PSS.
      if ([...PSS_BASELINE, ...PSS_RESTRICTED].includes(r.id) && r.id !== 'k8s-apparmor') assert.deepEqual(s, { level: 'error' }, r.id);
      else assert.deepEqual(s, { minLevel: 'warning' }, r.id);
    }
    const o = optionsFromConfig({ ...DEFAULT_CONFIG, extends: 'strict' });
    assert.equal(Object.keys(o.rules!).length, RULES.length);
  });
  it('strict in analysis: Information findings of warning rules rise to warning, Error findings stay errors, PSS findings are errors', () => {
    const arm = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [
      { type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-09-01', name: 'aks', location: 'westeurope',
        properties: { apiServerAccessProfile: { authorizedIPRanges: ['10.0.0.0/8'] }, autoUpgradeProfile: { upgradeChannel: 'node-image', nodeOSUpgradeChannel: 'None' } } }] }, null, 2);
    const sev = (text: string, path: string, cfg: string) => Object.fromEntries(analyzeText(path, text, optionsFromConfig(parseConfig(cfg).config)).findings.map((f) => [`${f.ruleId}/${f.messageId}`, f.severity]));
    const rec = sev(arm, 'aks.json', '{}');
    const strict = sev(arm, 'aks.json', '{"extends": "strict"}');
    // aks-private-cluster is a Warning rule that reports Information when authorized IP ranges restrict the API server.
    assert.equal(rec['aks-private-cluster/restricted'], 'info');
    assert.equal(strict['aks-private-cluster/restricted'], 'warning');
    assert.equal(rec['aks-image-cleaner/missing'], 'info');
    assert.equal(strict['aks-image-cleaner/missing'], 'warning');
    assert.equal(strict['aks-upgrade-channel-consistency/mismatch'], 'error');
    for (const [k, v] of Object.entries(strict)) assert.ok(v === 'warning' || v === 'error', `${k}: ${v}`);
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n';
    const p = sev(pod, 'pod.yaml', '{"extends": "strict"}');
    assert.deepEqual(p, {
      'k8s-apparmor/missing': 'warning', 'k8s-automount-sa-token/missing': 'warning', 'k8s-drop-all-capabilities/dropMissing': 'error',
      'k8s-no-privilege-escalation/missing': 'error', 'k8s-read-only-root-fs/missing': 'warning', 'k8s-run-as-non-root/missing': 'error', 'k8s-seccomp/missing': 'error',
    });
    // What PSS baseline forbids for AppArmor (Unconfined, field or annotation) is an error.
    const unconfined = pod.replace('spec:\n', 'spec:\n  securityContext:\n    appArmorProfile: {type: Unconfined}\n');
    assert.equal(sev(unconfined, 'pod.yaml', '{"extends": "strict"}')['k8s-apparmor/unconfined'], 'error');
    // An explicit level in the file wins over the preset's floor.
    assert.equal(sev(arm, 'aks.json', '{"extends": "strict", "rules": {"aks-private-cluster": "info"}}')['aks-private-cluster/restricted'], 'info');
  });
  it('strict then the file rules, then the base (settings) win', () => {
    const cfg: Config = { ...DEFAULT_CONFIG, extends: 'strict', rules: { 'k8s-no-privileged': { level: 'info' }, 'k8s-seccomp': { allowInlineSuppression: false } } };
    const o = optionsFromConfig(cfg, { rules: { 'k8s-no-privileged': { level: 'warning' } } });
    assert.equal(o.rules!['k8s-no-privileged'].level, 'warning');
    assert.deepEqual(o.rules!['k8s-seccomp'], { level: 'error', allowInlineSuppression: false });
    assert.equal(optionsFromConfig(cfg).rules!['k8s-no-privileged'].level, 'info');
    assert.deepEqual(optionsFromConfig({ ...cfg, rules: { 'aks-image-cleaner': { allowInlineSuppression: false } } }).rules!['aks-image-cleaner'],
      { minLevel: 'warning', allowInlineSuppression: false, level: undefined });
  });
  it('levels apply in analysis; off removes the rule', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext: {privileged: true}\n';
    const find = (cfg: string) => analyzeText('pod.yaml', pod, optionsFromConfig(parseConfig(cfg).config)).findings.filter((f) => f.ruleId === 'k8s-no-privileged').map((f) => f.severity);
    assert.deepEqual(find('{}'), [RULES_BY_ID.get('k8s-no-privileged')!.severity]);
    assert.deepEqual(find('{"rules": {"k8s-no-privileged": "info"}}'), ['info']);
    assert.deepEqual(find('{"rules": {"k8s-no-privileged": "off"}}'), []);
  });
  it('top-level kubernetesVersion / allowedRegistries and rule options reach the engine', () => {
    const o = optionsFromConfig(parseConfig('{"kubernetesVersion": "1.29", "allowedRegistries": ["a.azurecr.io"], "rules": {"k8s-allowed-registry": {"registries": ["b.azurecr.io"]}}}').config);
    assert.equal(o.kubernetesVersion, '1.29');
    assert.deepEqual(o.allowedRegistries, ['a.azurecr.io']);
    assert.deepEqual(o.rules!['k8s-allowed-registry'].options, { registries: ['b.azurecr.io'] });
    assert.equal(optionsFromConfig(parseConfig('{"kubernetesVersion": "1.29"}').config, { kubernetesVersion: '1.31' }).kubernetesVersion, '1.31');
  });
});

describe('config: files and ignore', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-config-'));
    fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(root, '.aks-guardrails.json'), '{"extends": "strict"}');
    fs.writeFileSync(path.join(root, 'a', '.aks-guardrails.jsonc'), '// nearest\n{"ignore": ["b/gen/**", "*.tmp.yaml"], "rules": {"nope": "off"}}');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  it('nearest ancestor wins; .jsonc before .json in one folder', () => {
    assert.equal(findConfigFile(path.join(root, 'a', 'b', 'x.yaml')), path.join(root, 'a', '.aks-guardrails.jsonc'));
    assert.equal(findConfigFile(path.join(root, 'x.yaml')), path.join(root, '.aks-guardrails.json'));
    assert.equal(findConfigFile(path.join(root, 'x.yaml'), (p) => p.endsWith('.jsonc') && p.startsWith(root)), path.join(root, '.aks-guardrails.jsonc'));
  });
  it('loadConfigFor returns the config and its problems', () => {
    const l = loadConfigFor(path.join(root, 'a', 'b', 'x.yaml'));
    assert.equal(l.config.extends, 'recommended');
    assert.deepEqual(l.problems.map((p) => p.messageId), ['unknownRule']);
    assert.equal(loadConfigFor(path.join(root, 'x.yaml')).config.extends, 'strict');
  });
  it('ignore globs are relative to the config folder', () => {
    const cfg = loadConfigFor(path.join(root, 'a', 'x.yaml')).config;
    assert.equal(isIgnored(cfg, path.join(root, 'a', 'b', 'gen', 'deep', 'x.yaml')), true);
    assert.equal(isIgnored(cfg, path.join(root, 'a', 'b', 'x.yaml')), false);
    assert.equal(isIgnored(cfg, path.join(root, 'a', 'b', 'c.tmp.yaml')), true);
    assert.equal(isIgnored(cfg, path.join(root, 'other.tmp.yaml')), false);
  });
  it('glob syntax', () => {
    assert.ok(globToRegExp('**/*.yaml').test('x.yaml'));
    assert.ok(globToRegExp('**/*.yaml').test('a/b/x.yaml'));
    assert.ok(globToRegExp('charts/').test('charts/x/y.yaml'));
    assert.ok(globToRegExp('*.{yml,yaml}').test('a/x.yml'));
    assert.ok(!globToRegExp('src/*.yaml').test('src/a/x.yaml'));
    assert.ok(globToRegExp('src/?.yaml').test('src/a.yaml'));
  });
});

describe('config: JSON schema', () => {
  const ROOT = path.resolve(__dirname, '../../..');
  it('schemas/aks-guardrails.schema.json is up to date with RULES (regenerate: node -e "…configSchema()…", see README)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { configSchema } = require('../../../server/out/engine') as { configSchema: () => unknown };
    const file = path.join(ROOT, 'schemas', 'aks-guardrails.schema.json');
    const expected = JSON.stringify(configSchema(), null, 2) + '\n';
    if (process.env.UPDATE_SCHEMA) fs.writeFileSync(file, expected);
    assert.equal(fs.readFileSync(file, 'utf8'), expected, 'run UPDATE_SCHEMA=1 npx mocha test/out/unit/config.test.js');
  });
  it('package.json contributes the schema for both file names', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const v = pkg.contributes.jsonValidation as { fileMatch: string | string[]; url: string }[];
    const entry = v.find((x) => x.url === './schemas/aks-guardrails.schema.json');
    assert.ok(entry);
    assert.deepEqual([entry.fileMatch].flat().sort(), ['.aks-guardrails.json', '.aks-guardrails.jsonc']);
  });
});

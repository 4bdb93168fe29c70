import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  analyzeText, Config, DEFAULT_CONFIG, findConfigFile, globToRegExp, isIgnored, loadConfigFor, optionsFromConfig, parseConfig, presetLevel, RULES, RULES_BY_ID,
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
});

describe('config: presets', () => {
  it('recommended keeps the catalogue severities', () => {
    for (const r of RULES) assert.equal(presetLevel('recommended', r), undefined);
    assert.deepEqual(optionsFromConfig(DEFAULT_CONFIG).rules, {});
  });
  it('strict: Pod Security Standards rules are errors, every rule at least warning', () => {
    for (const r of RULES) {
      const level = presetLevel('strict', r) ?? r.severity;
      if (r.pss) assert.equal(level, 'error', r.id);
      else assert.ok(level === 'warning' || level === 'error', `${r.id}: ${level}`);
    }
    const info = RULES.find((r) => (r.severity === 'info' || r.severity === 'hint') && !r.pss);
    if (info) assert.equal(optionsFromConfig({ ...DEFAULT_CONFIG, extends: 'strict' }).rules![info.id].level, 'warning');
  });
  it('strict then the file rules, then the base (settings) win', () => {
    const cfg: Config = { ...DEFAULT_CONFIG, extends: 'strict', rules: { 'k8s-no-privileged': { level: 'info' }, 'k8s-seccomp': { allowInlineSuppression: false } } };
    const o = optionsFromConfig(cfg, { rules: { 'k8s-no-privileged': { level: 'warning' } } });
    assert.equal(o.rules!['k8s-no-privileged'].level, 'warning');
    assert.deepEqual(o.rules!['k8s-seccomp'], { level: 'error', allowInlineSuppression: false });
    assert.equal(optionsFromConfig(cfg).rules!['k8s-no-privileged'].level, 'info');
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

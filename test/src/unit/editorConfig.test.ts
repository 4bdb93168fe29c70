import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { optionsFromConfig, parseConfig, RULES_BY_ID } from '../../../server/out/engine';
import { applyCustomizations, clearConfigCache, editorOptions } from '../../../server/out/editorConfig';

/** aksGuardrails.rules.customizations (editor-only re-levelling, vscode-eslint style) on top of the config file. */
describe('editor: aksGuardrails.rules.customizations', () => {
  const level = (cfg: string, customizations: any[], id: string) => applyCustomizations(optionsFromConfig(parseConfig(cfg).config), customizations).rules![id]?.level
    ?? RULES_BY_ID.get(id)!.severity;
  it('explicit levels, by id and by glob', () => {
    assert.equal(level('{}', [{ rule: 'k8s-no-privileged', severity: 'info' }], 'k8s-no-privileged'), 'info');
    assert.equal(level('{}', [{ rule: 'k8s-*', severity: 'off' }], 'k8s-seccomp'), 'off');
    assert.equal(level('{}', [{ rule: 'k8s-*', severity: 'off' }], 'aks-private-cluster'), 'warning');
    assert.equal(level('{}', [{ rule: '*', severity: 'error' }], 'acr-quarantine'), 'error');
  });
  it('"!" negates: every rule but the matching ones', () => {
    assert.equal(level('{}', [{ rule: '!k8s-*', severity: 'off' }], 'aks-private-cluster'), 'off');
    assert.equal(level('{}', [{ rule: '!k8s-*', severity: 'off' }], 'k8s-seccomp'), 'warning');
  });
  it('downgrade / upgrade step from the current level (config file included), never below info or above error, off stays off', () => {
    assert.equal(level('{}', [{ rule: 'k8s-no-privileged', severity: 'downgrade' }], 'k8s-no-privileged'), 'warning');
    assert.equal(level('{"rules": {"k8s-no-privileged": "info"}}', [{ rule: 'k8s-no-privileged', severity: 'downgrade' }], 'k8s-no-privileged'), 'info');
    assert.equal(level('{}', [{ rule: 'acr-quarantine', severity: 'upgrade' }], 'acr-quarantine'), 'info');
    assert.equal(level('{}', [{ rule: 'k8s-seccomp', severity: 'upgrade' }], 'k8s-seccomp'), 'error');
    assert.equal(level('{}', [{ rule: 'k8s-no-privileged', severity: 'upgrade' }], 'k8s-no-privileged'), 'error');
    assert.equal(level('{"rules": {"k8s-seccomp": "off"}}', [{ rule: 'k8s-seccomp', severity: 'upgrade' }], 'k8s-seccomp'), 'off');
  });
  it('default: back to the config file\'s level; later entries win', () => {
    assert.equal(level('{"rules": {"k8s-seccomp": "info"}}', [{ rule: 'k8s-*', severity: 'off' }, { rule: 'k8s-seccomp', severity: 'default' }], 'k8s-seccomp'), 'info');
    assert.equal(level('{}', [{ rule: 'k8s-*', severity: 'off' }, { rule: 'k8s-seccomp', severity: 'default' }], 'k8s-seccomp'), 'warning');
    assert.equal(level('{}', [{ rule: 'k8s-seccomp', severity: 'error' }, { rule: 'k8s-*', severity: 'info' }], 'k8s-seccomp'), 'info');
  });
  it('keeps allowInlineSuppression, options and the strict floor of the config file; ignores malformed entries', () => {
    const o = applyCustomizations(optionsFromConfig(parseConfig('{"extends": "strict", "rules": {"k8s-allowed-registry": {"registries": ["x.azurecr.io"], "allowInlineSuppression": false}}}').config),
      [{ rule: 'k8s-allowed-registry', severity: 'info' }, null as any, { severity: 'off' } as any, { rule: 'k8s-image-pinned', severity: 'loud' } as any]);
    assert.deepEqual(o.rules!['k8s-allowed-registry'], { minLevel: 'warning', allowInlineSuppression: false, options: { registries: ['x.azurecr.io'] }, level: 'info' });
    assert.deepEqual(o.rules!['k8s-image-pinned'], { minLevel: 'warning' });
  });
});

describe('editor: configuration per file', () => {
  let root: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-editorcfg-')));
    fs.mkdirSync(path.join(root, 'gen'));
    fs.writeFileSync(path.join(root, '.aks-guardrails.jsonc'), '{"kubernetesVersion": "1.29", "ignore": ["gen/"], "rules": {"k8s-seccomp": "info"}}');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  it('the file\'s kubernetesVersion wins over the setting; ignore; open editor text wins over the disk', () => {
    clearConfigCache();
    const none = () => undefined;
    const e = editorOptions(path.join(root, 'pod.yaml'), { kubernetesVersion: '1.31' }, undefined, none);
    assert.equal(e.options.kubernetesVersion, '1.29');
    assert.equal(e.ignored, false);
    assert.equal(editorOptions(path.join(root, 'gen', 'pod.yaml'), {}, undefined, none).ignored, true);
    const open = (p: string) => (p === path.join(root, '.aks-guardrails.jsonc') ? '{"rules": {"k8s-seccomp": "error"}}' : undefined);
    const o = editorOptions(path.join(root, 'pod.yaml'), { kubernetesVersion: '1.31' }, undefined, open);
    assert.equal(o.options.rules!['k8s-seccomp'].level, 'error');
    assert.equal(o.options.kubernetesVersion, '1.31');
    assert.equal(editorOptions(path.join(root, 'pod.yaml'), {}, [{ rule: 'k8s-seccomp', severity: 'warning' }], none).options.rules!['k8s-seccomp'].level, 'warning');
  });
});

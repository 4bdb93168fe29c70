import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeText, optionsFromConfig, parseConfig, RULES } from '../../../server/out/engine';

/** The README's "Configuration and suppression" examples, run as written: they must work and say what the tool does. */
const ROOT = path.resolve(__dirname, '../../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('## Configuration and suppression\n'), README.indexOf('\n## Rules\n'));
/** Fenced blocks of the section in order (indented ones inside list items too), with their language. */
const BLOCKS = [...SECTION.matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```$/gm)].map((m) => ({
  lang: m[2],
  text: m[3].split('\n').map((l) => l.slice(m[1].length)).join('\n'),
}));
const TODAY = '2026-11-23';

describe('README: Configuration and suppression examples', () => {
  const [config, broken, brokenOutput, pod, armSnippet, onSave] = BLOCKS;
  it('has the examples this test runs', () => {
    assert.deepEqual(BLOCKS.map((b) => b.lang), ['jsonc', 'jsonc', 'text', 'yaml', 'jsonc', 'json']);
  });

  it('the configuration example is valid and means what the comments say', () => {
    const r = parseConfig(config.text, '/ws/.aks-guardrails.jsonc');
    assert.deepEqual(r.problems, []);
    assert.equal(r.config.extends, 'strict');
    assert.equal(r.config.kubernetesVersion, '1.30');
    assert.deepEqual(r.config.rules['k8s-allowed-registry'], { options: { registries: ['*.azurecr.io'] } });
    assert.deepEqual(r.config.rules['aks-disable-local-accounts'], { level: 'error', allowInlineSuppression: false });
    assert.deepEqual(r.config.ignore, ['charts/**', '**/*.generated.yaml']);
    assert.deepEqual(r.config.rules['aks-maintenance-window'], { level: 'off' });
  });

  it('lists exactly the Pod Security Standards rules the strict preset makes errors', () => {
    const listed = /The Pod Security Standards rules \(([^)]*)\)/.exec(SECTION.replace(/\n\s*/g, ' '))![1].match(/`([a-z0-9-]+)`/g)!.map((x) => x.slice(1, -1));
    assert.deepEqual(listed.sort(), RULES.filter((r) => r.pss).map((r) => r.id).sort());
  });

  it('the broken configuration prints what the README shows, and the valid parts apply', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-readme-'));
    try {
      fs.writeFileSync(path.join(dir, '.aks-guardrails.jsonc'), broken.text);
      fs.writeFileSync(path.join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n    securityContext: {privileged: true}\n');
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/aks-guardrails.js'), '.', '--fail-on', 'none'], { cwd: dir, encoding: 'utf8' });
      assert.ok(r.stdout.includes(brokenOutput.text), r.stdout);
      const json = spawnSync(process.execPath, [path.join(ROOT, 'bin/aks-guardrails.js'), 'pod.yaml', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
      const f = (JSON.parse(json.stdout).findings as { rule: string; severity: string }[]);
      assert.deepEqual(f.filter((x) => x.rule === 'k8s-no-privileged').map((x) => x.severity), ['info']);
      assert.deepEqual(f.filter((x) => x.rule === 'k8s-seccomp').map((x) => x.severity), ['error']);
      assert.deepEqual(f.filter((x) => x.rule === 'k8s-automount-sa-token').map((x) => x.severity), ['warning']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the suppression example has no finding left with the example configuration, and every suppression is used', () => {
    const options = { ...optionsFromConfig(parseConfig(config.text).config), today: TODAY };
    const r = analyzeText('cni.yaml', pod.text, options);
    assert.deepEqual(r.findings.map((f) => `${f.ruleId}/${f.messageId}`), []);
    // Without the suppressions the same pod has exactly the findings they silence.
    const bare = pod.text.split('\n').filter((l) => !/aks-guardrails-disable|aks-guardrails\.io\/ignore|^\s*annotations:$/.test(l)).join('\n');
    assert.deepEqual(analyzeText('cni.yaml', bare, options).findings.map((f) => f.ruleId).sort(),
      ['k8s-drop-all-capabilities', 'k8s-no-host-namespaces', 'k8s-no-privilege-escalation', 'k8s-no-privileged', 'k8s-read-only-root-fs']);
    // After the expiry dates, those suppressions are reported and no longer applied.
    const later = analyzeText('cni.yaml', pod.text, { ...options, today: '2027-07-01' }).findings.map((f) => `${f.ruleId}/${f.messageId}`).sort();
    assert.deepEqual(later, ['k8s-no-host-namespaces/shared', 'k8s-no-privileged/privileged', 'suppression/expired', 'suppression/expired']);
  });

  it('the ARM snippet suppresses acr-admin-user-disabled', () => {
    const template = (props: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "apiVersion": "2023-07-01",
      "name": "acr",
      "location": "westeurope",
      "sku": { "name": "Premium" },
      ${props.trim().split('\n').join('\n      ')}
    }
  ]
}
`;
    const rules = (t: string) => analyzeText('acr.json', t, { today: TODAY }).findings.filter((f) => f.ruleId === 'acr-admin-user-disabled' || f.ruleId === 'suppression' || f.ruleId === 'parse-error').map((f) => f.ruleId);
    assert.deepEqual(rules(template(armSnippet.text)), []);
    assert.deepEqual(rules(template(armSnippet.text.replace(/^.*aks-guardrails-disable-next-line.*\n/m, ''))), ['acr-admin-user-disabled']);
  });

  it('the codeActionsOnSave setting is valid JSON', () => {
    assert.deepEqual(JSON.parse(`{${onSave.text}}`), { 'editor.codeActionsOnSave': { 'source.fixAll.aksGuardrails': 'explicit' } });
  });
});

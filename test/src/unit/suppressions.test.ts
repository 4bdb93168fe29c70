import * as assert from 'node:assert/strict';
import { analyzeText, EngineOptions, Finding } from '../../../server/out/engine';

const TODAY = '2026-06-15';
const lines = (...l: string[]) => l.join('\n') + '\n';

function run(path: string, code: string, options: Partial<EngineOptions> = {}) {
  const r = analyzeText(path, code, { today: TODAY, ...options });
  const pos = (f: Finding) => r.file.lines.position(f.start);
  return r.findings.map((f) => ({ rule: f.ruleId, id: f.messageId, line: pos(f).line + 1, col: pos(f).character + 1, text: code.slice(f.start, f.end), severity: f.severity }));
}

const pod = (...before: string[]) => lines(
  'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', ...before, 'spec:', '  containers:', '  - name: a', '    image: a:1', '    securityContext:',
);

/** Pod with the privileged line preceded by `directive` (indented like the line). */
const privPod = (directive?: string, meta: string[] = []) => pod(...meta) + (directive ? `      ${directive}\n` : '') + '      privileged: true\n';

const arm = (directive?: string) => lines(
  '{',
  '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
  '  "contentVersion": "1.0.0.0",',
  '  "resources": [',
  '    {',
  '      "type": "Microsoft.ContainerService/managedClusters",',
  '      "apiVersion": "2024-02-01",',
  '      "name": "aks",',
  '      "location": "westeurope",',
  '      "properties": {',
  ...(directive ? [`        ${directive}`] : []),
  '        "disableLocalAccounts": false',
  '      }',
  '    }',
  '  ]',
  '}');

describe('suppressions', () => {
  it('baseline: the finding exists without a suppression', () => {
    assert.deepEqual(run('pod.yaml', privPod()).filter((f) => f.rule === 'k8s-no-privileged').map((f) => f.id), ['privileged']);
  });

  describe('YAML next-line', () => {
    it('suppresses the finding on the next line, with a reason', () => {
      const r = run('pod.yaml', privPod('# aks-guardrails-disable-next-line k8s-no-privileged -- node agent needs host access'));
      assert.deepEqual(r.filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression'), []);
    });
    it('accepts several rules, an expiry in the future and stacked directives', () => {
      const code = privPod('# aks-guardrails-disable-next-line k8s-no-privilege-escalation, k8s-no-privileged until=2026-12-31 -- temporary');
      const r = run('pod.yaml', code);
      assert.equal(r.filter((f) => f.rule === 'k8s-no-privileged').length, 0);
      // k8s-no-privilege-escalation is reported elsewhere (not on that line): the directive's entry for it is unused.
      const sup = r.filter((f) => f.rule === 'suppression');
      assert.ok(sup.every((f) => f.id === 'unused' && f.text === 'k8s-no-privilege-escalation'), JSON.stringify(sup));
    });
    it('comma lists with or without spaces; until= anywhere before the reason', () => {
      for (const d of ['k8s-no-privilege-escalation,k8s-no-privileged', 'k8s-no-privileged ,k8s-no-privilege-escalation', 'until=2030-01-01 k8s-no-privileged,k8s-no-privilege-escalation']) {
        const r = run('pod.yaml', privPod(`# aks-guardrails-disable-next-line ${d} -- why`));
        assert.equal(r.filter((f) => f.rule === 'k8s-no-privileged').length, 0, d);
        assert.deepEqual(r.filter((f) => f.rule === 'suppression').map((f) => [f.id, f.text]), [['unused', 'k8s-no-privilege-escalation']], d);
      }
    });
    it('stacked directives for the same line each apply', () => {
      const code = pod() + '      # aks-guardrails-disable-next-line k8s-no-privileged -- why\n      # aks-guardrails-disable-next-line k8s-read-only-root-fs -- why\n      privileged: true\n';
      assert.deepEqual(run('pod.yaml', code).filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression').map((f) => [f.id, f.text]), [['unused', 'k8s-read-only-root-fs']]);
    });
    it('CRLF line endings: next-line and file directives apply; problems keep exact columns', () => {
      const crlf = (t: string) => t.replace(/\n/g, '\r\n');
      assert.equal(run('pod.yaml', crlf(privPod('# aks-guardrails-disable-next-line k8s-no-privileged -- why'))).filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression').length, 0);
      assert.equal(run('pod.yaml', crlf('# aks-guardrails-disable-file k8s-no-privileged -- lab\n' + privPod())).filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression').length, 0);
      assert.deepEqual(run('pod.yaml', crlf(privPod('# aks-guardrails-disable-next-line k8s-no-privileged'))).filter((f) => f.rule === 'suppression').map((f) => [f.id, f.line, f.col, f.text]),
        [['missingReason', 10, 7, '# aks-guardrails-disable-next-line k8s-no-privileged']]);
    });
    it('an expiry today still applies', () => {
      const r = run('pod.yaml', privPod(`# aks-guardrails-disable-next-line k8s-no-privileged until=${TODAY} -- until today`));
      assert.equal(r.filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression').length, 0);
    });
    it('skips blank and comment lines to find its target', () => {
      const code = pod() + '      # aks-guardrails-disable-next-line k8s-no-privileged -- why\n      # another comment\n\n      privileged: true\n';
      assert.equal(run('pod.yaml', code).filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression').length, 0);
    });
    it('missing reason: not applied, reported on the directive', () => {
      const r = run('pod.yaml', privPod('# aks-guardrails-disable-next-line k8s-no-privileged'));
      assert.deepEqual(r.filter((f) => f.rule === 'k8s-no-privileged').map((f) => f.line), [11]);
      assert.deepEqual(r.filter((f) => f.rule === 'suppression'), [
        { rule: 'suppression', id: 'missingReason', line: 10, col: 7, text: '# aks-guardrails-disable-next-line k8s-no-privileged', severity: 'info' },
      ]);
    });
    it('placeholder reason (what the Disable actions insert): applied, but reported until replaced', () => {
      for (const placeholder of ['TODO: reason', 'todo', 'TBD']) {
        const r = run('pod.yaml', privPod(`# aks-guardrails-disable-next-line k8s-no-privileged -- ${placeholder}`));
        assert.equal(r.filter((f) => f.rule === 'k8s-no-privileged').length, 0, placeholder);
        assert.deepEqual(r.filter((f) => f.rule === 'suppression').map((f) => [f.id, f.line, f.severity]), [['placeholderReason', 10, 'info']], placeholder);
      }
      const annotated = run('pod.yaml', privPod(undefined, ['  annotations:', '    aks-guardrails.io/ignore-k8s-no-privileged: "TODO: reason"']));
      assert.deepEqual(annotated.filter((f) => f.rule === 'suppression' || f.rule === 'k8s-no-privileged').map((f) => f.id), ['placeholderReason']);
      const real = run('pod.yaml', privPod('# aks-guardrails-disable-next-line k8s-no-privileged -- TODO list app needs it, ticket SEC-12'));
      assert.equal(real.filter((f) => f.rule === 'suppression' || f.rule === 'k8s-no-privileged').length, 0);
    });
    it('empty reason after -- counts as missing', () => {
      const r = run('pod.yaml', privPod('# aks-guardrails-disable-next-line k8s-no-privileged --'));
      assert.deepEqual(r.filter((f) => f.rule === 'suppression').map((f) => f.id), ['missingReason']);
    });
    it('expired: not applied, reported', () => {
      const r = run('pod.yaml', privPod('# aks-guardrails-disable-next-line k8s-no-privileged until=2026-06-14 -- was temporary'));
      assert.equal(r.filter((f) => f.rule === 'k8s-no-privileged').length, 1);
      const sup = r.filter((f) => f.rule === 'suppression');
      assert.deepEqual(sup.map((f) => [f.id, f.line, f.col]), [['expired', 10, 7]]);
      const msg = analyzeText('pod.yaml', privPod('# aks-guardrails-disable-next-line k8s-no-privileged until=2026-06-14 -- x'), { today: TODAY }).findings.find((f) => f.ruleId === 'suppression');
      assert.equal(msg?.message, 'Suppression of k8s-no-privileged expired on 2026-06-14 (it is no longer applied).');
    });
    it('invalid expiry date: not applied, reported', () => {
      const r = run('pod.yaml', privPod('# aks-guardrails-disable-next-line k8s-no-privileged until=next-week -- x'));
      assert.deepEqual(r.filter((f) => f.rule === 'suppression').map((f) => f.id), ['invalidDate']);
      assert.equal(r.filter((f) => f.rule === 'k8s-no-privileged').length, 1);
    });
    it('unknown rule: reported on the rule id, the known rule still applies', () => {
      const r = run('pod.yaml', privPod('# aks-guardrails-disable-next-line k8s-no-such-rule,k8s-no-privileged -- why'));
      assert.deepEqual(r.filter((f) => f.rule === 'suppression' || f.rule === 'k8s-no-privileged'), [
        { rule: 'suppression', id: 'unknownRule', line: 10, col: 42, text: 'k8s-no-such-rule', severity: 'info' },
      ]);
    });
    it('unused: reported on the rule id', () => {
      const code = pod() + '      # aks-guardrails-disable-next-line k8s-no-privileged -- why\n      privileged: false\n';
      assert.deepEqual(run('pod.yaml', code).filter((f) => f.rule === 'suppression'), [
        { rule: 'suppression', id: 'unused', line: 10, col: 42, text: 'k8s-no-privileged', severity: 'info' },
      ]);
    });
    it('not reported as unused when a document of the file could not be parsed (its findings are unknown)', () => {
      const code = pod() + '      # aks-guardrails-disable-next-line k8s-no-privileged -- why\n      privileged: false\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n';
      const r = run('pods.yaml', code);
      assert.ok(r.some((f) => f.rule === 'parse-error'), JSON.stringify(r));
      assert.equal(r.filter((f) => f.rule === 'suppression').length, 0);
    });
    it('not reported as unused when the rule is off', () => {
      const code = privPod('# aks-guardrails-disable-next-line k8s-no-privileged -- why');
      assert.equal(run('pod.yaml', code, { rules: { 'k8s-no-privileged': { level: 'off' } } }).filter((f) => f.rule === 'suppression').length, 0);
    });
    it('forbidden: allowInlineSuppression false makes it ineffective and reported', () => {
      const r = run('pod.yaml', privPod('# aks-guardrails-disable-next-line k8s-no-privileged -- why'), { rules: { 'k8s-no-privileged': { allowInlineSuppression: false } } });
      assert.equal(r.filter((f) => f.rule === 'k8s-no-privileged').length, 1);
      assert.deepEqual(r.filter((f) => f.rule === 'suppression').map((f) => [f.id, f.text, f.line]), [['forbidden', 'k8s-no-privileged', 10]]);
    });
    it('a "#" inside a quoted string is not a directive', () => {
      const code = pod('  annotations: {x: "# aks-guardrails-disable-next-line k8s-no-privileged -- no"}') + '      privileged: true\n';
      assert.equal(run('pod.yaml', code).filter((f) => f.rule === 'k8s-no-privileged').length, 1);
    });
  });

  describe('file-level', () => {
    it('YAML: first comment block suppresses the rule in every document', () => {
      const code = '# aks-guardrails-disable-file k8s-no-privileged -- lab cluster\n' + privPod() + '---\n' + privPod();
      const r = run('pods.yaml', code);
      assert.equal(r.filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression').length, 0);
    });
    it('YAML: after other comments of the header still counts', () => {
      const code = '# Lab manifests\n\n# aks-guardrails-disable-file k8s-no-privileged -- lab cluster\n' + privPod();
      assert.equal(run('pods.yaml', code).filter((f) => f.rule === 'k8s-no-privileged').length, 0);
    });
    it('misplaced (after content): not applied, reported', () => {
      const code = privPod() + '# aks-guardrails-disable-file k8s-no-privileged -- too late\n';
      const r = run('pod.yaml', code);
      assert.equal(r.filter((f) => f.rule === 'k8s-no-privileged').length, 1);
      assert.deepEqual(r.filter((f) => f.rule === 'suppression').map((f) => [f.id, f.line, f.col]), [['misplaced', 11, 1]]);
    });
    it('missing reason, expired, unknown, unused, forbidden', () => {
      assert.deepEqual(run('p.yaml', '# aks-guardrails-disable-file k8s-no-privileged\n' + privPod()).filter((f) => f.rule === 'suppression').map((f) => f.id), ['missingReason']);
      assert.deepEqual(run('p.yaml', '# aks-guardrails-disable-file k8s-no-privileged until=2020-01-01 -- old\n' + privPod()).filter((f) => f.rule === 'suppression').map((f) => f.id), ['expired']);
      assert.deepEqual(run('p.yaml', '# aks-guardrails-disable-file nope -- x\n' + privPod()).filter((f) => f.rule === 'suppression').map((f) => [f.id, f.text]), [['unknownRule', 'nope']]);
      assert.deepEqual(run('p.yaml', '# aks-guardrails-disable-file acr-admin-user-disabled -- x\n' + privPod()).filter((f) => f.rule === 'suppression').map((f) => [f.id, f.text]), [['unused', 'acr-admin-user-disabled']]);
      assert.deepEqual(run('p.yaml', '# aks-guardrails-disable-file k8s-no-privileged -- x\n' + privPod(), { rules: { 'k8s-no-privileged': { allowInlineSuppression: false } } })
        .filter((f) => f.rule === 'suppression' || f.rule === 'k8s-no-privileged').map((f) => f.id), ['forbidden', 'privileged']);
    });
    it('JSONC (ARM): missing reason, expired, unknown, unused, forbidden, misplaced', () => {
      const ids = (d: string, o: Partial<EngineOptions> = {}, after = false) => run('aks.json', after ? arm() + d + '\n' : d + '\n' + arm(), o)
        .filter((f) => f.rule === 'suppression' || f.rule === 'aks-disable-local-accounts').map((f) => [f.rule, f.id, f.line, f.col, f.text]);
      // The finding, one line down under the directive line.
      const finding = ['aks-disable-local-accounts', 'enabled', 12, 33, 'false'];
      assert.deepEqual(run('aks.json', arm()).filter((f) => f.rule === 'aks-disable-local-accounts').map((f) => [f.rule, f.id, f.line, f.col, f.text]), [['aks-disable-local-accounts', 'enabled', 11, 33, 'false']]);
      assert.deepEqual(ids('// aks-guardrails-disable-file aks-disable-local-accounts'),
        [['suppression', 'missingReason', 1, 1, '// aks-guardrails-disable-file aks-disable-local-accounts'], finding]);
      assert.deepEqual(ids('// aks-guardrails-disable-file aks-disable-local-accounts until=2026-06-14 -- x').map((x) => x[1]), ['expired', 'enabled']);
      assert.deepEqual(ids('// aks-guardrails-disable-file aks-nope, aks-disable-local-accounts -- x'), [['suppression', 'unknownRule', 1, 32, 'aks-nope']]);
      assert.deepEqual(ids('// aks-guardrails-disable-file acr-admin-user-disabled -- x'), [['suppression', 'unused', 1, 32, 'acr-admin-user-disabled'], finding]);
      assert.deepEqual(ids('// aks-guardrails-disable-file aks-disable-local-accounts -- x', { rules: { 'aks-disable-local-accounts': { allowInlineSuppression: false } } }),
        [['suppression', 'forbidden', 1, 32, 'aks-disable-local-accounts'], finding]);
      const late = run('aks.json', arm() + '// aks-guardrails-disable-file aks-disable-local-accounts -- x\n').filter((f) => f.rule === 'suppression' || f.rule === 'aks-disable-local-accounts');
      assert.deepEqual(late.map((f) => [f.rule, f.id, f.line]), [['aks-disable-local-accounts', 'enabled', 11], ['suppression', 'misplaced', 16]]);
    });
    it('JSONC: // directive at the top of an ARM template', () => {
      const r = run('aks.json', '// aks-guardrails-disable-file aks-disable-local-accounts -- break-glass account kept\n' + arm());
      assert.equal(r.filter((f) => f.rule === 'aks-disable-local-accounts' || f.rule === 'suppression' || f.rule === 'parse-error').length, 0, JSON.stringify(r));
    });
  });

  describe('JSONC next-line (ARM)', () => {
    it('baseline finding', () => {
      assert.equal(run('aks.json', arm()).filter((f) => f.rule === 'aks-disable-local-accounts').length, 1);
    });
    it('suppresses', () => {
      const r = run('aks.json', arm('// aks-guardrails-disable-next-line aks-disable-local-accounts -- break-glass'));
      assert.equal(r.filter((f) => f.rule === 'aks-disable-local-accounts' || f.rule === 'suppression' || f.rule === 'parse-error').length, 0, JSON.stringify(r));
    });
    it('missing reason, expired, unknown rule, unused, forbidden', () => {
      const ids = (d: string, o: Partial<EngineOptions> = {}) => run('aks.json', arm(d), o).filter((f) => f.rule === 'suppression').map((f) => [f.id, f.line, f.col, f.text]);
      assert.deepEqual(ids('// aks-guardrails-disable-next-line aks-disable-local-accounts'), [['missingReason', 11, 9, '// aks-guardrails-disable-next-line aks-disable-local-accounts']]);
      assert.deepEqual(ids('// aks-guardrails-disable-next-line aks-disable-local-accounts until=2025-01-01 -- x').map((x) => x[0]), ['expired']);
      assert.deepEqual(ids('// aks-guardrails-disable-next-line aks-nope -- x'), [['unknownRule', 11, 45, 'aks-nope']]);
      assert.deepEqual(ids('// aks-guardrails-disable-next-line acr-admin-user-disabled -- x'), [['unused', 11, 45, 'acr-admin-user-disabled']]);
      assert.deepEqual(ids('// aks-guardrails-disable-next-line aks-disable-local-accounts -- x', { rules: { 'aks-disable-local-accounts': { allowInlineSuppression: false } } }), [['forbidden', 11, 45, 'aks-disable-local-accounts']]);
    });
  });

  describe('JSONC block comment (ARM)', () => {
    it('a single-line /* … -- reason */ next-line directive suppresses, like //', () => {
      const r = run('aks.json', arm('/* aks-guardrails-disable-next-line aks-disable-local-accounts -- break-glass */'));
      assert.equal(r.filter((f) => f.rule === 'aks-disable-local-accounts' || f.rule === 'suppression' || f.rule === 'parse-error').length, 0, JSON.stringify(r));
    });
    it('stacks with // directives and plain block comments between it and its line', () => {
      const code = arm('/* aks-guardrails-disable-next-line aks-disable-local-accounts -- break-glass */').replace('        "disableLocalAccounts"', '        /* kept for the on-call runbook */\n        "disableLocalAccounts"');
      assert.equal(run('aks.json', code).filter((f) => f.rule === 'aks-disable-local-accounts' || f.rule === 'suppression').length, 0);
    });
    it('missing reason: reported on the whole block comment (closing */ included), not applied', () => {
      const r = run('aks.json', arm('/* aks-guardrails-disable-next-line aks-disable-local-accounts */'));
      assert.deepEqual(r.filter((f) => f.rule === 'suppression' || f.rule === 'aks-disable-local-accounts').map((f) => [f.rule, f.id, f.line, f.col, f.text]), [
        ['suppression', 'missingReason', 11, 9, '/* aks-guardrails-disable-next-line aks-disable-local-accounts */'],
        ['aks-disable-local-accounts', 'enabled', 12, 33, 'false'],
      ]);
    });
    it('unknown rule: the id range inside the block comment', () => {
      const r = run('aks.json', arm('/* aks-guardrails-disable-next-line aks-nope -- x */'));
      assert.deepEqual(r.filter((f) => f.rule === 'suppression').map((f) => [f.id, f.line, f.col, f.text]), [['unknownRule', 11, 45, 'aks-nope']]);
    });
    it('file directive as a block comment at the top', () => {
      const r = run('aks.json', '/* aks-guardrails-disable-file aks-disable-local-accounts -- lab cluster */\n' + arm());
      assert.equal(r.filter((f) => f.rule === 'aks-disable-local-accounts' || f.rule === 'suppression').length, 0, JSON.stringify(r));
    });
    it('a URL in the reason of a block comment does not cut it short', () => {
      const r = run('aks.json', arm('/* aks-guardrails-disable-next-line aks-disable-local-accounts -- see https://example.invalid/ADR-12 */'));
      assert.equal(r.filter((f) => f.rule === 'aks-disable-local-accounts' || f.rule === 'suppression').length, 0, JSON.stringify(r));
    });
    it('a block comment spanning lines is not a directive', () => {
      const r = run('aks.json', arm('/* aks-guardrails-disable-next-line aks-disable-local-accounts -- x\n        */'));
      assert.deepEqual(r.filter((f) => f.rule === 'suppression' || f.rule === 'aks-disable-local-accounts').map((f) => f.id), ['enabled']);
    });
  });

  describe('Kubernetes annotation', () => {
    const ann = (value: string) => ['  annotations:', `    aks-guardrails.io/ignore-k8s-no-privileged: ${value}`];
    it('suppresses findings in the object', () => {
      const r = run('pod.yaml', privPod(undefined, ann('"CNI plugin installer"')));
      assert.equal(r.filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression').length, 0);
    });
    it('only in its own object (multi-document)', () => {
      const r = run('pods.yaml', privPod(undefined, ann('"CNI"')) + '---\n' + privPod());
      assert.deepEqual(r.filter((f) => f.rule === 'k8s-no-privileged').map((f) => f.line), [23]);
    });
    it('missing reason: not applied, reported on the entry', () => {
      const r = run('pod.yaml', privPod(undefined, ann('""')));
      assert.equal(r.filter((f) => f.rule === 'k8s-no-privileged').length, 1);
      assert.deepEqual(r.filter((f) => f.rule === 'suppression').map((f) => [f.id, f.line, f.col, f.text]),
        [['missingReason', 6, 5, 'aks-guardrails.io/ignore-k8s-no-privileged: ""']]);
    });
    it('expiry prefix in the value', () => {
      assert.equal(run('pod.yaml', privPod(undefined, ann('"until=2027-01-01 -- CNI"'))).filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression').length, 0);
      const r = run('pod.yaml', privPod(undefined, ann('"until=2026-01-01 -- CNI"')));
      assert.deepEqual(r.filter((f) => f.rule === 'suppression' || f.rule === 'k8s-no-privileged').map((f) => f.id), ['expired', 'privileged']);
    });
    it('unknown rule, unused, forbidden: reported on the rule id in the key', () => {
      const unk = run('pod.yaml', privPod(undefined, ['  annotations:', '    aks-guardrails.io/ignore-k8s-nope: "x"'])).filter((f) => f.rule === 'suppression');
      assert.deepEqual(unk.map((f) => [f.id, f.line, f.col, f.text]), [['unknownRule', 6, 30, 'k8s-nope']]);
      const unused = run('pod.yaml', pod('  annotations:', '    "aks-guardrails.io/ignore-k8s-no-privileged": "x"') + '      privileged: false\n').filter((f) => f.rule === 'suppression');
      assert.deepEqual(unused.map((f) => [f.id, f.line, f.col, f.text]), [['unused', 6, 31, 'k8s-no-privileged']]);
      const forb = run('pod.yaml', privPod(undefined, ann('"x"')), { rules: { 'k8s-no-privileged': { allowInlineSuppression: false } } });
      assert.deepEqual(forb.filter((f) => f.rule === 'suppression' || f.rule === 'k8s-no-privileged').map((f) => f.id), ['forbidden', 'privileged']);
    });
    it('on a controller: covers the pod template; on the pod template itself it is reported as misplaced and not applied', () => {
      const deploy = (objectAnn: string[], templateAnn: string[]) => lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', ...objectAnn, 'spec:', '  template:',
        '    metadata:', ...templateAnn, '      labels: {app: web}', '    spec:', '      containers:', '      - name: a', '        image: a:1', '        securityContext:', '          privileged: true');
      const ok = run('d.yaml', deploy(['  annotations:', '    aks-guardrails.io/ignore-k8s-no-privileged: "CNI installer"'], []));
      assert.equal(ok.filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression').length, 0);
      const misplaced = run('d.yaml', deploy([], ['      annotations:', '        aks-guardrails.io/ignore-k8s-no-privileged: "CNI installer"']));
      assert.deepEqual(misplaced.filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression').map((f) => [f.rule, f.id, f.line, f.col, f.text]), [
        ['suppression', 'misplacedAnnotation', 9, 9, 'aks-guardrails.io/ignore-k8s-no-privileged: "CNI installer"'],
        ['k8s-no-privileged', 'privileged', 16, 23, 'true'],
      ]);
      // A Pod's own metadata is the object's metadata: not misplaced.
      assert.equal(run('pod.yaml', privPod(undefined, ann('"x"'))).filter((f) => f.rule === 'suppression').length, 0);
    });
    it('kind: List: each item is its own object', () => {
      const item = (name: string, ann: string[]) => ['- apiVersion: v1', '  kind: Pod', '  metadata:', `    name: ${name}`, ...ann, '  spec:', '    containers:', '    - name: a', '      image: a:1', '      securityContext: {privileged: true}'];
      const code = lines('apiVersion: v1', 'kind: List', 'items:', ...item('a', ['    annotations:', '      aks-guardrails.io/ignore-k8s-no-privileged: "CNI"']), ...item('b', []));
      assert.deepEqual(run('l.yaml', code).filter((f) => f.rule === 'k8s-no-privileged' || f.rule === 'suppression').map((f) => f.line), [23]);
    });
    it('other annotations are ignored', () => {
      assert.equal(run('pod.yaml', privPod(undefined, ['  annotations:', '    example.com/x: "y"'])).filter((f) => f.rule === 'suppression').length, 0);
    });
  });
});

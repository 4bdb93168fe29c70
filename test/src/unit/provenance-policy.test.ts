import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeAtOffset, parseTree, Node as JsonNode } from 'jsonc-parser';
import { analyzeText, Finding } from '../../../server/out/engine';

/**
 * One placement and wording policy for every Azure rule (issue 16 point 3, model/provenance.ts), table-driven over every
 * aks-*, acr-*, sub-* rule: each rule page's ARM ❌ example is rewritten so that the value at fault comes through a
 * parameter, and the finding must name the parameter and sit where the policy says:
 *
 *   - a finding on a written value (`true`, `"Enabled"`): the value moves into the parameter's default; the finding is
 *     on that literal (where the value is written), "(from parameter 'p')" in the message;
 *   - a finding about a missing setting (on the key of the object it is missing from): that object moves into the
 *     parameter's default; the finding is on `"[parameters('p')]"` where the resource reads it (never on the
 *     default's `{…}`), "(from parameter 'p')" in the message.
 */
const DOCS = path.join(__dirname, '../../../docs/rules');
const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

interface Case { rule: string; text: string }

/** Findings about another resource that is missing (not about a value of this one): nothing to parameterise. */
const ABOUT_OTHER_RESOURCES: Record<string, string> = {
  'acr-private-endpoint': 'no private endpoint resource targets the registry',
  'aks-maintenance-window': 'no maintenance configuration resource exists for the cluster',
};

function armExamples(): Case[] {
  const out: Case[] = [];
  for (const file of fs.readdirSync(DOCS).filter((f) => /^(aks|acr|sub)-.*\.md$/.test(f)).sort()) {
    const rule = file.slice(0, -3);
    const md = fs.readFileSync(path.join(DOCS, file), 'utf8');
    for (const sec of md.split(/\n### /).slice(1)) {
      if (!/^ARM/i.test(sec)) continue;
      const m = /❌ Non-compliant[^\n]*\n```json\n([\s\S]*?)```/.exec(sec);
      if (!m) continue;
      const obj = JSON.parse(m[1]);
      const template = Array.isArray(obj) || obj.resources ? obj : { $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', resources: [obj] };
      out.push({ rule, text: JSON.stringify(template, null, 2) });
    }
  }
  return out;
}

/** The template with the JSON value `node` replaced by a parameter reference and the value as its default. */
function parameterise(text: string, node: JsonNode): string {
  const template = JSON.parse(text);
  const value = JSON.parse(text.slice(node.offset, node.offset + node.length));
  const replaced = JSON.parse(text.slice(0, node.offset) + JSON.stringify("[parameters('p')]") + text.slice(node.offset + node.length));
  const type = Array.isArray(value) ? 'array' : value === null ? 'object' : typeof value === 'object' ? 'object' : typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? 'int' : 'string';
  replaced.parameters = { ...(template.parameters ?? {}), p: { type, defaultValue: value } };
  return JSON.stringify(replaced, null, 2);
}

const ofRule = (text: string, rule: string): Finding[] => analyzeText('azuredeploy.json', text).findings.filter((f) => f.ruleId === rule);

describe('placement and wording of values read through a parameter: one policy for every Azure rule', () => {
  const cases = armExamples();
  it('covers every aks-*, acr-*, sub-* rule page with an ARM example', () => assert.ok(new Set(cases.map((c) => c.rule)).size >= 30, `${cases.length}`));
  for (const c of cases) {
    it(c.rule, function () {
      const before = ofRule(c.text, c.rule);
      if (!before.length || ABOUT_OTHER_RESOURCES[c.rule]) this.skip(); // a fragment example; a missing resource
      const tree = parseTree(c.text)!;
      let checked = 0;
      for (const f of before) {
        const at = findNodeAtOffset(tree, f.start, true);
        if (!at) continue;
        // On a key (a missing setting): parameterise the object the key holds; on a value: that value.
        const isKey = at.parent?.type === 'property' && at.parent.children?.[0] === at;
        const target = isKey ? at.parent!.children![1] : at;
        if (!target || (isKey && target.type !== 'object') || (!isKey && (target.type === 'object' || target.type === 'array'))) continue;
        // Only values inside the resource (not the template's own parameters).
        if (!/"resources"/.test(c.text.slice(0, target.offset))) continue;
        const text = parameterise(c.text, target);
        const after = ofRule(text, c.rule).filter((g) => g.messageId === f.messageId);
        assert.ok(after.length > 0, `${f.messageId} still found when the value comes from a parameter:\n${text}`);
        const g = after[0];
        assert.match(g.message, /\(from parameter 'p'/, `the message names the parameter: ${g.message}`);
        const covered = text.slice(g.start, g.end);
        if (isKey) {
          assert.equal(covered, `"[parameters('p')]"`, `a missing setting is reported where the resource reads the parameter, not at ${covered}`);
        } else {
          const def = parseTree(text)!;
          const defaultNode = findNodeAtOffset(def, g.start, true);
          const inDefault = !!defaultNode && /"defaultValue"\s*:\s*$/.test(text.slice(0, g.start).slice(-40));
          assert.ok(inDefault || covered === `"[parameters('p')]"`, `a written value is reported where it is written (the default): got ${covered}`);
        }
        checked++;
      }
      if (!checked) this.skip();
    });
  }
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, RULES } from '../../../server/out/engine';

// Every aks-*, acr-*, sub-* page of a rule that reads Terraform has an HCL section ("### Terraform (`*.tf`)"): its ❌
// examples yield a finding of the rule, its ✅ examples none, and each reports what the page's `.tf.json` example
// in the same position reports.
const DOCS = path.join(__dirname, '../../../docs/rules');
/** Pages whose ❌ example is a fragment: the rule needs a cluster in the same file (the JSON example has the same gap). */
const FRAGMENT = new Set(['sub-defender-servers-cost']);

function blocks(section: string | undefined, lang: string): Array<{ compliant: boolean; text: string }> {
  if (!section) return [];
  const re = new RegExp('(❌ Non-compliant|✅ Compliant)[^\\n]*\\n```' + lang + '\\n([\\s\\S]*?)```', 'g');
  return [...section.matchAll(re)].map((m) => ({ compliant: m[1].startsWith('✅'), text: m[2] }));
}

describe('HCL examples of the Azure rule pages match the rules', () => {
  const tfRules = RULES.filter((r) => r.formats.includes('tfjson' as never) && /^(aks|acr|sub)-/.test(r.id));
  it('finds the rules', () => assert.ok(tfRules.length >= 30, `${tfRules.length}`));
  for (const rule of tfRules) {
    it(rule.id, () => {
      const md = fs.readFileSync(path.join(DOCS, `${rule.id}.md`), 'utf8');
      const sections = md.split(/\n### /);
      const hcl = blocks(sections.find((s) => s.startsWith('Terraform (`*.tf`)')), '(?:hcl|terraform)');
      const json = blocks(sections.find((s) => s.startsWith('Terraform JSON')), 'json');
      assert.ok(hcl.length >= 2, 'an HCL section with a ❌ and a ✅ example');
      hcl.forEach((ex, i) => {
        const res = analyzeText('main.tf', ex.text);
        assert.deepEqual(res.findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.message), [], ex.text);
        const found = res.findings.filter((f) => f.ruleId === rule.id).map((f) => f.message);
        if (ex.compliant) assert.deepEqual(found, [], ex.text);
        else if (!FRAGMENT.has(rule.id)) assert.ok(found.length > 0, `the ❌ example yields no finding:\n${ex.text}`);
        if (json[i]) assert.deepEqual(found, analyzeText('main.tf.json', json[i].text).findings.filter((f) => f.ruleId === rule.id).map((f) => f.message));
      });
    });
  }
});

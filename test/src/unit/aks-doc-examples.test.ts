import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../../../server/out/engine';

// Every ❌ example of an aks-*, acr-* or sub-* doc page yields a finding of its rule, every ✅ example none: the
// pages show what the rules really do. ARM examples are single resources (wrapped in a template), plan examples are
// entries of planned_values.root_module.resources, or that array (wrapped in a plan), Terraform JSON examples are
// whole files. The Bicep and HCL examples are checked by bicep-doc-examples.test.ts and hcl-doc-examples.test.ts.
const DOCS = path.join(__dirname, '../../../docs/rules');
const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** Pages whose ❌ example is a fragment: the rule needs a cluster in the same file. */
const FRAGMENT = new Set(['sub-defender-servers-cost']);

interface Example { rule: string; section: string; compliant: boolean; path: string; text: string }

function examples(): Example[] {
  const out: Example[] = [];
  for (const file of fs.readdirSync(DOCS).filter((f) => /^(aks|acr|sub)-.*\.md$/.test(f)).sort()) {
    const rule = file.slice(0, -3);
    const md = fs.readFileSync(path.join(DOCS, file), 'utf8');
    for (const sec of md.split(/\n### /).slice(1)) {
      const section = sec.split('\n')[0];
      // JSON examples (the HCL ones are checked by hcl-doc-examples.test.ts).
      const re = /(❌ Non-compliant|✅ Compliant)[^\n]*\n```json\n([\s\S]*?)```/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(sec))) {
        const obj = JSON.parse(m[2]) as Record<string, unknown> | unknown[];
        let text = m[2];
        let p = 'azuredeploy.json';
        if (/plan/i.test(section)) {
          p = 'plan.json';
          if (Array.isArray(obj) || !obj.planned_values) text = JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: Array.isArray(obj) ? obj : [obj] } } }, null, 2);
        } else if (/terraform/i.test(section)) {
          p = 'main.tf.json';
        } else if (!Array.isArray(obj) && !obj.resources) {
          text = JSON.stringify({ $schema: ARM_SCHEMA, contentVersion: '1.0.0.0', resources: [obj] }, null, 2);
        }
        out.push({ rule, section, compliant: m[1].startsWith('✅'), path: p, text });
      }
    }
  }
  return out;
}

describe('aks-*, acr-*, sub-* doc page examples match the rules', () => {
  const all = examples();
  it('finds the examples', () => assert.ok(all.length >= 100, `only ${all.length} examples found`));
  all.forEach((ex, i) => {
    it(`${ex.rule} · ${ex.section} · ${ex.compliant ? 'compliant' : 'non-compliant'} (#${i + 1})`, () => {
      const found = analyzeText(ex.path, ex.text).findings.filter((f) => f.ruleId === ex.rule);
      if (ex.compliant) assert.deepEqual(found.map((f) => f.message), []);
      else if (!FRAGMENT.has(ex.rule)) assert.ok(found.length > 0, 'the non-compliant example yields no finding');
    });
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../server/out/engine';

const ROOT = path.resolve(__dirname, '../../..');
const HEADINGS = ['## Why', '## Recommendation', '## Examples', '## How to suppress', '## Also checked by', '## Snippet'];

describe('every rule is complete (module, test, doc page)', () => {
  it('has rules', () => assert.ok(RULES.length >= 6));
  for (const rule of RULES) {
    describe(rule.id, () => {
      it('is defined in a file named after its id', () => {
        assert.ok(fs.existsSync(path.join(ROOT, 'server/src/engine/rules', `${rule.id}.ts`)));
        assert.match(rule.id, /^(aks|acr|sub|k8s)-[a-z0-9-]+$/);
      });
      it('has a test file', () => assert.ok(fs.existsSync(path.join(ROOT, 'test/src/rules', `${rule.id}.test.ts`)), `test/src/rules/${rule.id}.test.ts`));
      it('has a doc page with the fixed headings in order', () => {
        const p = path.join(ROOT, 'docs/rules', `${rule.id}.md`);
        assert.ok(fs.existsSync(p), `docs/rules/${rule.id}.md`);
        const text = fs.readFileSync(p, 'utf8');
        assert.ok(text.startsWith(`# ${rule.id}\n`), 'starts with "# <id>"');
        let at = 0;
        for (const h of HEADINGS) {
          const i = text.indexOf(`\n${h}\n`, at);
          assert.ok(i >= 0, `heading "${h}" missing or out of order`);
          at = i;
        }
      });
      it('has messages, a description and a recommendation', () => {
        assert.ok(Object.keys(rule.messages).length > 0);
        assert.ok(rule.description.length > 40 && rule.recommendation.length > 20 && rule.caf.length > 5);
        assert.ok(rule.formats.length > 0);
      });
    });
  }
});

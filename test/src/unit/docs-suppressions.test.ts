import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES_BY_ID } from '../../../server/out/engine';

/** Every suppression written in the docs (rule pages, README) names a real rule and has the syntax the engine reads. */
const ROOT = path.resolve(__dirname, '../../..');
const FILES = [path.join(ROOT, 'README.md'), ...fs.readdirSync(path.join(ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md')).map((f) => path.join(ROOT, 'docs', 'rules', f))];

describe('docs: suppression examples', () => {
  it('directives: known rule ids, a reason after " -- " (or a <reason> placeholder), valid until= dates', () => {
    let count = 0;
    for (const file of FILES) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:#|\/\/) aks-guardrails-disable-(?:next-line|file) ([^`\n]*)/g)) {
        const body = m[1];
        if (/^<rule>|^\.\.\.|^…/.test(body)) continue; // the syntax itself, not an example
        count++;
        const dash = body.indexOf(' -- ');
        assert.ok(dash > 0 && body.slice(dash + 4).trim(), `${path.basename(file)}: no reason in '${m[0]}'`);
        for (const token of body.slice(0, dash).split(/[\s,]+/).filter(Boolean)) {
          if (token.startsWith('until=')) assert.match(token, /^until=\d{4}-\d{2}-\d{2}$/, `${path.basename(file)}: '${m[0]}'`);
          else assert.ok(RULES_BY_ID.has(token) || token === '<rule>', `${path.basename(file)}: unknown rule '${token}' in '${m[0]}'`);
        }
      }
      for (const m of text.matchAll(/aks-guardrails\.io\/ignore-([a-z0-9-]+)/g)) {
        count++;
        assert.ok(RULES_BY_ID.has(m[1]), `${path.basename(file)}: unknown rule in annotation '${m[0]}'`);
      }
    }
    assert.ok(count > 100, String(count));
  });
});

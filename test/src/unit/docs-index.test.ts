import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../server/out/engine';

const DOCS = path.resolve(__dirname, '../../../docs/rules');

describe('docs/rules/README.md (the rule index)', () => {
  const index = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
  /** Rule ids of the index's table rows: `| [id](id.md) | …`. */
  const rows = [...index.matchAll(/^\| \[([a-z0-9-]+)\]\(([a-z0-9-]+)\.md\) \|/gm)].map((m) => ({ id: m[1], page: m[2] }));

  it('lists every rule exactly once, linking its own page', () => {
    assert.deepEqual(rows.map((r) => r.id).sort(), RULES.map((r) => r.id).sort());
    for (const r of rows) assert.equal(r.page, r.id);
  });

  it('says "Yes" in the Quick fix column exactly for the rules that have a preferred fix', () => {
    const fixColumn = new Map([...index.matchAll(/^\| \[([a-z0-9-]+)\]\([^)]*\)(?: \|[^|\n]*){3} \| ([^|\n]*) \|$/gm)].map((m) => [m[1], m[2].trim()]));
    for (const rule of RULES) assert.equal(/^Yes\b/.test(fixColumn.get(rule.id) ?? ''), rule.fixable, `${rule.id}: "${fixColumn.get(rule.id)}"`);
  });

  it('links only pages that exist', () => {
    for (const m of index.matchAll(/\]\(([^)#]+\.md)(#[^)]*)?\)/g)) assert.ok(fs.existsSync(path.join(DOCS, m[1])), m[1]);
  });
});

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

describe('README', () => {
  it('lists every rule in its rule table (node scripts/gen-readme-rules.mjs)', () => {
    const r = spawnSync(process.execPath, [path.resolve(__dirname, '../../../scripts/gen-readme-rules.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});

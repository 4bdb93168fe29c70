import * as assert from 'node:assert/strict';
import { unifiedDiff } from '../../../server/out/engine';

describe('unifiedDiff', () => {
  const a = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') + '\n';
  it('no change: empty', () => assert.equal(unifiedDiff(a, a, 'a', 'b'), ''));
  it('hunks with 3 lines of context, deletions before insertions', () => {
    const b = a.replace('l3\n', 'l3x\n').replace('l15\n', '').replace('l19\n', 'l19\nnew\n');
    assert.equal(unifiedDiff(a, b, 'a/f', 'b/f'), [
      '--- a/f', '+++ b/f',
      '@@ -1,7 +1,7 @@', ' l0', ' l1', ' l2', '-l3', '+l3x', ' l4', ' l5', ' l6',
      '@@ -13,8 +13,8 @@', ' l12', ' l13', ' l14', '-l15', ' l16', ' l17', ' l18', ' l19', '+new', '',
    ].join('\n'));
  });
  it('nearby changes share a hunk', () => {
    const b = a.replace('l3\n', 'X\n').replace('l8\n', 'Y\n');
    assert.equal(unifiedDiff(a, b, 'a', 'b').split('\n').filter((l) => l.startsWith('@@')).length, 1);
  });
});

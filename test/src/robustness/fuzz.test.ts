import * as assert from 'node:assert/strict';
import { fuzz, seedFiles } from './fuzzer';

// CI share of the fuzzer; `npm run fuzz` runs 100,000 (scripts/fuzz.mjs). AKSG_FUZZ_COUNT / AKSG_FUZZ_SEED override.
const COUNT = Number(process.env.AKSG_FUZZ_COUNT ?? 5000);
const SEED = Number(process.env.AKSG_FUZZ_SEED ?? 20261123);

describe('fuzz: mutated corpus and samples through detection, parse, every rule and every fix', function () {
  this.timeout(300000);
  it('has seed inputs', () => assert.ok(seedFiles().length > 50));
  it(`${COUNT} seeded inputs (seed ${SEED}): no exception escapes, every call < 1 s`, () => {
    const stats = fuzz(COUNT, SEED);
    assert.equal(stats.inputs, COUNT);
    assert.deepEqual(stats.failures, [], `slowest: ${stats.slowestMs.toFixed(0)} ms ${stats.slowestStage}`);
  });
});

#!/usr/bin/env node
// `npm run fuzz`: the full fuzz run (100,000 mutated inputs by default; AKSG_FUZZ_COUNT, AKSG_FUZZ_SEED override).
// Uses the compiled fuzzer (test/out/robustness/fuzzer.js): run `npm run build` first.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { fuzz, fuzzKustomize } = require('../test/out/robustness/fuzzer.js');
const count = Number(process.env.AKSG_FUZZ_COUNT ?? 100000);
const seed = Number(process.env.AKSG_FUZZ_SEED ?? 1);
const t0 = Date.now();
const stats = fuzz(count, seed, (n) => process.stderr.write(`\r${n}/${count} inputs, ${Math.round((Date.now() - t0) / 1000)} s`));
process.stderr.write('\n');
console.log(`${stats.inputs} inputs, ${stats.fixesApplied} fixes applied, ${stats.failures.length} failures, slowest call ${stats.slowestMs.toFixed(0)} ms: ${stats.slowestStage}, ${Math.round((Date.now() - t0) / 1000)} s`);
for (const f of stats.failures) console.log(JSON.stringify(f));
// Kustomize share: a mutated file of a real tree, every overlay built (1 per 100 inputs: each analyses a tree).
const kCount = Math.max(1, Math.round(count / 100));
const k = fuzzKustomize(kCount, seed);
console.log(`kustomize: ${k.inputs} mutated trees, ${k.fixesApplied} fixes applied, ${k.failures.length} failures, slowest ${k.slowestMs.toFixed(0)} ms: ${k.slowestStage}`);
for (const f of k.failures) console.log(JSON.stringify(f));
process.exitCode = stats.failures.length || k.failures.length ? 1 : 0;

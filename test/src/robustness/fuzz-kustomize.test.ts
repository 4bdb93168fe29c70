import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { analyzeFile, clearParsedOthers, memoryFiles, parseOther } from '../../../server/out/engine';
import { fuzzKustomize } from './fuzzer';

const COUNT = Number(process.env.AKSG_FUZZ_KUSTOMIZE_COUNT ?? 120);
const SEED = Number(process.env.AKSG_FUZZ_SEED ?? 20261205);

const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n';

function analyse(tree: Record<string, string>, path: string, root = resolve('/t')) {
  clearParsedOthers();
  const files = memoryFiles(tree);
  const t0 = performance.now();
  const res = analyzeFile(parseOther(files, path)!, {}, { files, roots: [root] });
  return { findings: res.findings, ms: performance.now() - t0, text: tree[path] };
}

describe('fuzz: Kustomize trees (mutated kustomizations, patches and bases; pathological trees)', function () {
  this.timeout(300000);

  it(`${COUNT} mutated microservices-demo trees (seed ${SEED}): no exception, ranges and fixes inside the files, every analysis < 1 s`, () => {
    const stats = fuzzKustomize(COUNT, SEED);
    assert.deepEqual(stats.failures, [], `slowest: ${stats.slowestMs.toFixed(0)} ms ${stats.slowestStage}`);
  });

  it('a base that includes itself finishes with a clear message on the line that includes it', () => {
    const k = '/t/base/kustomization.yaml';
    const { findings, text } = analyse({ [k]: 'resources:\n  - deploy.yaml\n  - .\n', '/t/base/deploy.yaml': DEPLOY }, k);
    assert.deepEqual(findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]), [['kustomize-build', '.']]);
    assert.match(findings[0].message, /includes itself/);
  });

  it('a missing base finishes with a clear message; the objects that do exist are still judged as built', () => {
    const tree = { '/t/overlay/kustomization.yaml': 'resources:\n  - ../base\n  - ../missing\n', '/t/base/kustomization.yaml': 'resources: [deploy.yaml]\n', '/t/base/deploy.yaml': DEPLOY };
    const k = analyse(tree, '/t/overlay/kustomization.yaml');
    assert.deepEqual(k.findings.map((f) => [f.ruleId, k.text.slice(f.start, f.end)]), [['kustomize-build', '../missing']]);
    assert.match(k.findings[0].message, /does not exist/);
    assert.ok(analyse(tree, '/t/base/deploy.yaml').findings.every((f) => f.overlays?.[0] === 'overlay'));
  });

  it('a tree of one base and 500 overlays finishes: the base\'s findings once each, naming the 500 overlays', () => {
    const tree: Record<string, string> = { '/t/base/kustomization.yaml': 'resources: [deploy.yaml]\n', '/t/base/deploy.yaml': DEPLOY };
    for (let i = 0; i < 500; i++) tree[join('/t/overlays', `o${i}`, 'kustomization.yaml')] = `resources: [../../base]\nnamespace: n${i}\n`;
    const { findings, ms } = analyse(tree, '/t/base/deploy.yaml');
    assert.ok(findings.length > 0);
    for (const f of findings) assert.equal(f.overlays?.length, 500, f.ruleId);
    assert.equal(new Set(findings.map((f) => `${f.ruleId}|${f.start}`)).size, findings.length);
    assert.ok(ms < 20000, `${ms} ms`);
    const overlay = analyse(tree, '/t/overlays/o7/kustomization.yaml');
    assert.deepEqual(overlay.findings, []);
  });
});

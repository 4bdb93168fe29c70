import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient } from './lspClient';
import { analysisDelay, COST_FACTOR, MAX_EDIT_DELAY_MS, MIN_EDIT_DELAY_MS } from '../../../server/out/debounce';

const ROOT = path.resolve(__dirname, '../../..');
/** The bench's inputs (generated deterministically by scripts/bench.mjs, kept in the repository). */
const MANIFEST_200 = path.join(ROOT, 'bench/inputs/manifest-200-lines.yaml');
const BIG_YAML = path.join(ROOT, 'bench/inputs/workloads-1mb.yaml');

/** Where the edit goes: inside the first `name: app-` of the text's second half. */
function editPosition(text: string) {
  const at = text.indexOf('name: app-', Math.floor(text.length / 2)) + 'name: app-'.length;
  return { line: text.slice(0, at).split('\n').length - 1, character: at - text.lastIndexOf('\n', at - 1) - 1 };
}

describe('debounce policy (debounce.ts)', () => {
  it('open and configuration changes are not delayed', () => {
    assert.equal(analysisDelay('open', 500, 1 << 20), 0);
    assert.equal(analysisDelay('config', 500), 0);
  });
  it('an edit waits twice the last analysis, within [20, 300] ms', () => {
    assert.equal(analysisDelay('edit', undefined), MIN_EDIT_DELAY_MS);
    assert.equal(analysisDelay('edit', 3), MIN_EDIT_DELAY_MS);
    assert.equal(analysisDelay('edit', 40), 40 * COST_FACTOR);
    assert.equal(analysisDelay('dependency', 40), 40 * COST_FACTOR);
    assert.equal(analysisDelay('edit', 5000), MAX_EDIT_DELAY_MS);
  });
  it('before any analysis finished, the cost is estimated from the length (a large file waits longer)', () => {
    assert.equal(analysisDelay('edit', undefined, 2000), MIN_EDIT_DELAY_MS);
    assert.equal(analysisDelay('edit', undefined, 50 * 1024), 100);
    assert.equal(analysisDelay('edit', undefined, 4 << 20), MAX_EDIT_DELAY_MS);
  });
  it('a cold first analysis (fresh server) is bounded by what a warm engine takes for the length', () => {
    assert.equal(analysisDelay('edit', 120, 7 * 1024), MIN_EDIT_DELAY_MS);
    assert.equal(analysisDelay('edit', 40, 1 << 20), 80);
  });
});

describe('language server scheduling: open is not typing, the debounce fits the file (traceScheduling)', function () {
  this.timeout(120000);

  it('open of a 200-line manifest: analysed at once (delay 0, the change event that follows open is not an edit)', async () => {
    const text = fs.readFileSync(MANIFEST_200, 'utf8');
    const client = new LspClient();
    try {
      await client.initialize(undefined, { traceScheduling: true });
      const uri = 'file:///tmp/aksg-debounce/manifest.yaml';
      const since = client.notifications.length;
      client.open(uri, 'yaml', text);
      const diags = await client.diagnostics(uri, 1, 30000);
      assert.ok(diags.length > 0);
      const scheduled = client.notifications.slice(since).filter((n) => n.method === 'aksGuardrails/scheduled' && n.params.uri === uri);
      assert.deepEqual(scheduled.map((n) => [n.params.version, n.params.reason, n.params.delayMs]), [[1, 'open', 0]], 'one schedule for the open, without delay');
      const analysed = await client.waitFor('aksGuardrails/analysed', (p) => p.uri === uri && p.version === 1, 10000, since);
      assert.ok(analysed.costMs >= 0);

      // An edit: delayed by what the last analysis cost (twice it, at least 20 ms), not a fixed 150 ms.
      const pos = editPosition(text);
      const editSince = client.notifications.length;
      client.change(uri, 2, [{ range: { start: pos, end: pos }, text: 'x' }]);
      await client.diagnostics(uri, 2, 30000);
      const edit = client.notifications.slice(editSince).find((n) => n.method === 'aksGuardrails/scheduled' && n.params.uri === uri);
      assert.equal(edit?.params.reason, 'edit');
      assert.equal(edit?.params.lastCostMs, analysisCost(client, uri, 1));
      assert.equal(edit?.params.delayMs, analysisDelay('edit', edit?.params.lastCostMs, text.length));
      assert.equal(edit?.params.delayMs, MIN_EDIT_DELAY_MS, 'a 200-line manifest waits the shortest delay');
      console.log(`      200-line manifest: open analysed after 0 ms delay (analysis ${analysed.costMs} ms); edit delay ${edit?.params.delayMs} ms`);

      // A burst of edits: each restarts the wait, only the last version is analysed and published.
      const burstSince = client.notifications.length;
      for (let v = 3; v <= 5; v++) client.change(uri, v, [{ range: { start: pos, end: pos }, text: 'y' }]);
      await client.diagnostics(uri, 5, 30000);
      const published = client.notifications.slice(burstSince).filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).map((n) => n.params.version);
      assert.deepEqual(published, [5], 'stale versions are not analysed');
    } finally {
      await client.shutdown();
    }
  });

  it('the 1 MB file waits longer after an edit than the 200-line manifest', async function () {
    if (!fs.existsSync(BIG_YAML) || !fs.existsSync(MANIFEST_200)) this.skip();
    const client = new LspClient();
    try {
      await client.initialize(undefined, { traceScheduling: true });
      const delays: number[] = [];
      for (const [i, file] of [MANIFEST_200, BIG_YAML].entries()) {
        const text = fs.readFileSync(file, 'utf8');
        const uri = `file:///tmp/aksg-debounce/${i}-${path.basename(file)}`;
        client.open(uri, 'yaml', text);
        await client.diagnostics(uri, 1, 110000);
        const pos = editPosition(text);
        const since = client.notifications.length;
        client.change(uri, 2, [{ range: { start: pos, end: pos }, text: 'x' }]);
        await client.diagnostics(uri, 2, 60000);
        const edit = client.notifications.slice(since).find((n) => n.method === 'aksGuardrails/scheduled' && n.params.uri === uri);
        assert.equal(edit?.params.delayMs, analysisDelay('edit', analysisCost(client, uri, 1), text.length));
        delays.push(edit?.params.delayMs);
      }
      assert.ok(delays[1] > delays[0], `delays ${delays}`);
    } finally {
      await client.shutdown();
    }
  });
});

function analysisCost(client: LspClient, uri: string, version: number): number | undefined {
  return client.notifications.find((n) => n.method === 'aksGuardrails/analysed' && n.params.uri === uri && n.params.version === version)?.params.costMs;
}

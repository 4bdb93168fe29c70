import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeFile, DISK_FILES, parseFile, setBicepModuleCache } from '../../../server/out/engine';

/**
 * Equivalence with the compiled JSON: ../shared/bicep/pairs holds Bicep sources with the JSON their authors compiled
 * from them. Both sides are analysed (the Bicep side follows its local modules and, through the module cache in
 * ../shared/bicep/module-cache, its registry modules) and the findings compared as (rule, resource) sets.
 */
const SHARED = resolve(__dirname, '../../../../shared/bicep');
const PAIRS = join(SHARED, 'pairs');

/**
 * The findings a user sees: of the file, and (for a Bicep entry point) of every local module it calls, each analysed on
 * its own (a finding inside a local module that no value of the caller causes is that module's).
 */
function findings(path: string): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (p: string) => {
    if (seen.has(p)) return;
    seen.add(p);
    const file = parseFile(p, readFileSync(p, 'utf8'));
    const res = analyzeFile(file, { today: '2026-01-01' }, { files: DISK_FILES });
    // Resources are compared by type: a name is written differently on each side (the compiled `[parameters('name')]`
    // or a caller's literal, the Bicep symbol or a module's own parameter when the module is analysed on its own).
    for (const f of res.findings) if (f.ruleId !== 'bicep-module' && f.ruleId !== 'suppression') out.add(`${f.ruleId} | ${(f.resourceType ?? '-').toLowerCase()}`);
    if (file.syntax !== 'bicep') return;
    for (const m of res.models) for (const dep of m.dependsOn?.keys() ?? []) if (/\.bicep$/i.test(dep) && m.dependsOn!.get(dep) !== undefined) visit(dep);
  };
  visit(path);
  return out;
}

function templateHashes(path: string, parameter: string): string[] {
  const out: string[] = [];
  const visit = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (n.parameters && typeof n.parameters === 'object' && parameter in n.parameters && n.metadata?._generator?.templateHash) out.push(n.metadata._generator.templateHash);
    for (const v of Object.values(n)) visit(v);
  };
  visit(JSON.parse(readFileSync(path, 'utf8')));
  return out;
}

describe('Bicep and the JSON compiled from it (../shared/bicep/pairs)', () => {
  before(() => setBicepModuleCache(join(SHARED, 'module-cache')));
  after(() => setBicepModuleCache(undefined));

  for (const [bicep, json] of [
    ['aks-baseline-cluster-stamp/cluster-stamp.bicep', 'aks-baseline-cluster-stamp/cluster-stamp.json'],
    ['aks-construction/main.bicep', 'aks-construction/compiled/main.json'],
  ]) {
    it(`${bicep}: the same (rule, resource) findings as ${json}`, function () {
      this.timeout(20000);
      const b = findings(join(PAIRS, bicep));
      const j = findings(join(PAIRS, json));
      assert.ok(j.size > 0);
      assert.deepEqual([...b].sort(), [...j].sort());
    });
  }

  it('aks-lza-private-cluster/All-in-One-Bicep/main.bicep (local modules in folders spelled differently, AVM registry modules): differences only where the compiled JSON embeds other builds of the registry modules', function () {
    this.timeout(30000);
    const b = findings(join(PAIRS, 'aks-lza-private-cluster/All-in-One-Bicep/main.bicep'));
    const compiled = join(PAIRS, 'aks-lza-private-cluster/All-in-One-Bicep/main.json');
    const j = findings(compiled);
    const onlyJson = [...j].filter((x) => !b.has(x)).sort();
    const onlyBicep = [...b].filter((x) => !j.has(x)).sort();
    // The node OS channel: 'Unmanaged' is the default of the cached 0.9.0 build; the compiled build writes it otherwise.
    // Every other difference comes from a module default that differs between the build compiled into main.json and the
    // tag in the cache (managed-cluster 0.9.0: disableLocalAccounts true there, false in the compiled build; Image
    // Cleaner, maintenance configurations and the node OS channel are written differently; the registry build differs).
    // (The upgrade channel: a nullable parameter without default in the compiled build, nobody passes it: not set; the
    // cached 0.9.0 build defaults it to 'stable'.)
    assert.deepEqual(onlyJson, [
      'acr-quarantine | microsoft.containerregistry/registries',
      'aks-cluster-auto-upgrade-channel | microsoft.containerservice/managedclusters',
      'aks-disable-local-accounts | microsoft.containerservice/managedclusters',
      'aks-image-cleaner | microsoft.containerservice/managedclusters',
      'aks-maintenance-window | microsoft.containerservice/managedclusters',
    ]);
    // sub-defender-for-containers speaks once per file, at its first cluster or else its first registry: the compiled
    // file has the cluster; 05-AKS-supporting/main.bicep, analysed on its own, has only the registry.
    assert.deepEqual(onlyBicep, ['aks-node-os-upgrade-channel | microsoft.containerservice/managedclusters', 'sub-defender-for-containers | microsoft.containerregistry/registries']);
    // …and the builds do differ (the compiler's template hash of each module).
    const cachedCluster = templateHashes(join(SHARED, 'module-cache/br/mcr.microsoft.com/bicep$avm$res$container-service$managed-cluster/0.9.0$/main.json'), 'disableLocalAccounts');
    const compiledCluster = templateHashes(compiled, 'disableLocalAccounts');
    assert.ok(compiledCluster.length && !compiledCluster.some((h) => cachedCluster.includes(h)));
    const cachedRegistry = templateHashes(join(SHARED, 'module-cache/br/mcr.microsoft.com/bicep$avm$res$container-registry$registry/0.6.0$/main.json'), 'quarantinePolicyStatus');
    const compiledRegistry = templateHashes(compiled, 'quarantinePolicyStatus');
    assert.ok(compiledRegistry.length && !compiledRegistry.some((h) => cachedRegistry.includes(h)));
    // What both agree on is most of it.
    assert.ok([...b].filter((x) => j.has(x)).length >= 4);
  });
});

import * as assert from 'node:assert/strict';
import { analyzeFile, applyTextEdits, clearParsedOthers, editsForFix, memoryFiles, parseFile } from '../../../server/out/engine';

/**
 * Issue 16 point 5: a `.tf.json` without a provider version of its own is read with the azurerm major version the
 * project pins, in this order: `required_providers` of the folder, `.terraform.lock.hcl`, a plan of the folder; only
 * then from the attribute names in use, else v4. The finding says which (hover).
 */
const path = '/work/infra/main.tf.json';
// No version-specific attribute: alone, nothing says v3.
const MAIN = JSON.stringify({ resource: { azurerm_kubernetes_cluster: { aks: { name: 'aks', location: 'westeurope', resource_group_name: 'rg', dns_prefix: 'aks' } } } }, null, 2);
const VERSIONS = (v: string) => JSON.stringify({ terraform: { required_providers: { azurerm: { source: 'hashicorp/azurerm', version: v } } } });
const LOCK = (v: string) => `provider "registry.terraform.io/hashicorp/azurerm" {\n  version     = "${v}"\n  constraints = ">= 3.0.0"\n}\n`;
const PLAN = (c: string) => JSON.stringify({ format_version: '1.2', configuration: { provider_config: { azurerm: { name: 'azurerm', version_constraint: c } } }, planned_values: { root_module: {} } });

function upgradeFix(files: Record<string, string>) {
  clearParsedOthers();
  const file = parseFile(path, files[path]);
  const res = analyzeFile(file, { today: '2026-01-01' }, { files: memoryFiles(files) });
  const f = res.findings.find((x) => x.ruleId === 'aks-cluster-auto-upgrade-channel')!;
  assert.ok(f?.fix, 'a fix');
  return { fixed: applyTextEdits(files[path], editsForFix(file, f.fix!)), assumption: f.assumption ?? '' };
}

describe('azurerm major version of a .tf.json', () => {
  it('alone: v4, said to be assumed', () => {
    const r = upgradeFix({ [path]: MAIN });
    assert.match(r.fixed, /"automatic_upgrade_channel"/);
    assert.match(r.assumption, /azurerm v4 \(assumed, the current major version: no version constraint, lock file or plan found\)/);
  });
  it('required_providers in another file of the folder pins v3', () => {
    const r = upgradeFix({ [path]: MAIN, '/work/infra/versions.tf.json': VERSIONS('~> 3.90') });
    assert.match(r.fixed, /"automatic_channel_upgrade"/);
    assert.match(r.assumption, /azurerm v3 \(required_providers "~> 3\.90" in versions\.tf\.json\)/);
  });
  it('.terraform.lock.hcl locks v3', () => {
    const r = upgradeFix({ [path]: MAIN, '/work/infra/.terraform.lock.hcl': LOCK('3.116.0') });
    assert.match(r.fixed, /"automatic_channel_upgrade"/);
    assert.match(r.assumption, /\.terraform\.lock\.hcl: azurerm 3\.116\.0/);
  });
  it('a constraint that pins a major wins over the lock; one that does not ("> = 3.0") yields to it', () => {
    const pinned = upgradeFix({ [path]: MAIN, '/work/infra/versions.tf.json': VERSIONS('~> 4.10'), '/work/infra/.terraform.lock.hcl': LOCK('3.116.0') });
    assert.match(pinned.assumption, /azurerm v4 \(required_providers/);
    const open = upgradeFix({ [path]: MAIN, '/work/infra/versions.tf.json': VERSIONS('>= 3.0'), '/work/infra/.terraform.lock.hcl': LOCK('3.116.0') });
    assert.match(open.assumption, /azurerm v3 \(\.terraform\.lock\.hcl/);
  });
  it('a plan of the same folder (terraform show -json) with a v3 constraint', () => {
    const r = upgradeFix({ [path]: MAIN, '/work/infra/plan.json': PLAN('~> 3.100') });
    assert.match(r.fixed, /"automatic_channel_upgrade"/);
    assert.match(r.assumption, /the plan plan\.json: azurerm "~> 3\.100"/);
  });
});

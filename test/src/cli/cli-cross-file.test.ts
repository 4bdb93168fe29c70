import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { armCluster, armPricing, armPrivateEndpoint, armRegistry, armTemplate, json, param, tfConfig, tfPrivateEndpoint, tfRegistry } from '../helpers/acrFixtures';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/aks-guardrails.js');
const CROSS = ['acr-private-endpoint', 'sub-defender-for-containers'];

/** Runs the CLI on `args` in `cwd` and returns the cross-resource findings as "rule path messageId-ish message". */
function crossFindings(cwd: string, args: string[]): { rule: string; path: string; severity: string; message: string }[] {
  const r = spawnSync(process.execPath, [BIN, ...args, '--format', 'json', '--fail-on', 'none'], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { findings: { rule: string; path: string; severity: string; message: string }[] };
  return out.findings.filter((f) => CROSS.includes(f.rule)).map(({ rule, path: p, severity, message }) => ({ rule, path: p, severity, message }));
}

describe('CLI: cross-resource rules look across every file of one scan', function () {
  this.timeout(30000);
  let dir: string;
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-cross-'));
    fs.mkdirSync(path.join(dir, 'arm'));
    fs.mkdirSync(path.join(dir, 'tf'));
    // ARM: the registry (name from a parameter default) in one template, its endpoint (literal name) in another.
    write('arm/acr.json', json(armTemplate([armRegistry({ publicNetworkAccess: 'Disabled' }, { name: "[parameters('acrName')]" })], { parameters: { acrName: param('crcontoso') } })));
    write('arm/network.json', json(armTemplate([armPrivateEndpoint("[resourceId('Microsoft.ContainerRegistry/registries', 'crcontoso')]")])));
    // ARM: the cluster in one template, the Defender for Containers pricing in a subscription template.
    write('arm/aks.json', json(armTemplate([armCluster()])));
    write('arm/subscription.json', json(armTemplate([armPricing('Containers', { pricingTier: 'Standard', extensions: [{ name: 'ContainerRegistriesVulnerabilityAssessments', isEnabled: 'True' }] })], { subscription: true })));
    // Terraform JSON: registry and endpoint in two files of one module (azurerm v4).
    write('tf/acr.tf.json', json(tfConfig(4, { azurerm_container_registry: { acr: tfRegistry({ public_network_access_enabled: false }) } })));
    write('tf/network.tf.json', json(tfConfig(4, { azurerm_private_endpoint: { acr: tfPrivateEndpoint('${azurerm_container_registry.acr.id}') } })));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an ARM private endpoint in another file of the scan satisfies acr-private-endpoint', () => {
    const found = crossFindings(dir, ['arm/acr.json', 'arm/network.json']);
    assert.deepEqual(found.filter((f) => f.rule === 'acr-private-endpoint'), []);
  });

  it('scanned alone, the registry file reports the missing endpoint as Information', () => {
    const found = crossFindings(dir, ['arm/acr.json']).filter((f) => f.rule === 'acr-private-endpoint');
    assert.deepEqual(found.map((f) => [f.path, f.severity]), [['arm/acr.json', 'info']]);
  });

  it('a Terraform endpoint in another .tf.json of the scan satisfies acr-private-endpoint', () => {
    assert.deepEqual(crossFindings(dir, ['tf']).filter((f) => f.rule === 'acr-private-endpoint'), []);
    // A Terraform module is its folder: the endpoint in the sibling file counts even when only acr.tf.json is named.
    const alone = crossFindings(dir, ['tf/acr.tf.json']).filter((f) => f.rule === 'acr-private-endpoint');
    assert.deepEqual(alone.map((f) => [f.path, f.severity]), []);
  });

  it('a Defender for Containers pricing in a subscription template of the scan satisfies sub-defender-for-containers', () => {
    assert.deepEqual(crossFindings(dir, ['arm']).filter((f) => f.rule === 'sub-defender-for-containers'), []);
    const alone = crossFindings(dir, ['arm/aks.json']).filter((f) => f.rule === 'sub-defender-for-containers');
    assert.deepEqual(alone.map((f) => [f.path, f.severity]), [['arm/aks.json', 'info']]);
  });

  it('a directory scan of everything reports no cross-resource finding', () => {
    assert.deepEqual(crossFindings(dir, ['.']), []);
  });
});

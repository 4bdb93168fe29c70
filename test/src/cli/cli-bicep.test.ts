import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseFile } from '../../../server/out/engine';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin/aks-guardrails.js');
const CACHE = path.resolve(ROOT, '../shared/bicep/module-cache');
const lines = (...l: string[]) => l.join('\n') + '\n';

function run(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
}

const MAIN = lines(
  "module registry 'br/public:avm/res/container-registry/registry:0.6.0' = {",
  "  name: 'acr'",
  '  params: {',
  "    name: 'crcontoso'",
  '    acrAdminUserEnabled: true',
  '  }',
  '}',
  "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
  "  name: 'aks'",
  "  location: 'westeurope'",
  '  properties: {',
  "    dnsPrefix: 'aks'",
  '  }',
  '}',
);

describe('CLI: Bicep', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-bicep-cli-'));
    fs.writeFileSync(path.join(dir, 'main.bicep'), MAIN);
    fs.writeFileSync(path.join(dir, 'broken.bicep'), lines("var x = 'unterminated", "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {", "  name: 'acr'", "  properties: { adminUserEnabled: true }", '}'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('scans .bicep (format bicep), reads registry modules from --bicep-cache, lists a file with a syntax error and still analyses the rest of it; SARIF points into the .bicep', () => {
    const r = run(['.', '--bicep-cache', CACHE, '--format', 'json', '--fail-on', 'none'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const files = Object.fromEntries(out.files.map((f: any) => [f.path, f]));
    assert.equal(files['main.bicep'].format, 'bicep');
    assert.equal(files['main.bicep'].error, null);
    assert.match(files['broken.bicep'].error, /^1:9: The string is not terminated/);
    const admin = out.findings.filter((f: any) => f.rule === 'acr-admin-user-disabled');
    assert.deepEqual(admin.map((f: any) => `${f.path}:${f.range.start.line}`).sort(), ['broken.bicep:4', 'main.bicep:5']);
    assert.ok(!out.findings.some((f: any) => f.rule === 'bicep-module'));
    // Without the cache: one Information names the module.
    const without = JSON.parse(run(['main.bicep', '--bicep-cache', path.join(dir, 'none'), '--format', 'json', '--fail-on', 'none'], dir).stdout);
    assert.deepEqual(without.findings.filter((f: any) => f.rule === 'bicep-module').map((f: any) => f.severity), ['info']);
    const sarif = JSON.parse(run(['main.bicep', '--bicep-cache', CACHE, '--format', 'sarif', '--fail-on', 'none'], dir).stdout);
    const result = sarif.runs[0].results.find((x: any) => x.ruleId === 'acr-admin-user-disabled');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'main.bicep');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 5);
  });

  it('--fix-dry-run prints the Bicep fixes as a diff; --fix writes them and the result parses', () => {
    const dry = run(['main.bicep', '--bicep-cache', CACHE, '--fix-dry-run'], dir);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^-    acrAdminUserEnabled: true$/m);
    assert.match(dry.stdout, /^\+    acrAdminUserEnabled: false$/m);
    assert.match(dry.stdout, /^\+    disableLocalAccounts: true$/m);
    assert.equal(fs.readFileSync(path.join(dir, 'main.bicep'), 'utf8'), MAIN);
    const fixed = run(['main.bicep', '--bicep-cache', CACHE, '--fix', '--fail-on', 'none'], dir);
    assert.equal(fixed.status, 0, fixed.stderr);
    const text = fs.readFileSync(path.join(dir, 'main.bicep'), 'utf8');
    assert.match(text, /acrAdminUserEnabled: false/);
    assert.match(text, /^ {4}addonProfiles: \{$/m);
    assert.deepEqual(parseFile(path.join(dir, 'main.bicep'), text).documents[0].recovered, []);
  });
});

import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import {
  analyzeFile, applyTextEdits, clearParsedOthers, DISK_FILES, editsByFile, editsForFix, FileSource, memoryFiles, parseFile, setBicepModuleCache,
} from '../../../server/out/engine';

const DIR = resolve('/work/infra');
const at = (name: string) => join(DIR, name);
const SHARED = resolve(__dirname, '../../../../shared/bicep');
const lines = (...l: string[]) => l.join('\n') + '\n';

function analyse(files: Record<string, string>, name: string, rule?: string) {
  // The files of the test in memory; the module cache (../shared/bicep/module-cache) on disk.
  const mem = memoryFiles(files);
  const source: FileSource = { read: (p) => mem.read(p) ?? DISK_FILES.read(p), list: (d) => mem.list(d) ?? DISK_FILES.list(d) };
  const file = parseFile(at(name), files[at(name)]);
  const res = analyzeFile(file, { today: '2026-01-01' }, { files: source });
  const found = res.findings.filter((f) => !rule || f.ruleId === rule);
  return { file, res, found, text: (i = 0) => file.text.slice(found[i].start, found[i].end), line: (i = 0) => file.lines.position(found[i].start).line + 1 };
}

const AKS_MODULE = lines(
  'param private bool',
  "param name string = 'aks'",
  "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
  '  name: name',
  "  location: 'westeurope'",
  '  properties: {',
  '    apiServerAccessProfile: {',
  '      enablePrivateCluster: private',
  '    }',
  '  }',
  '}',
);

describe('Bicep modules and parameter files', () => {
  beforeEach(() => clearParsedOthers());
  after(() => setBicepModuleCache(undefined));

  it("a local module: the caller's value is reported and fixed in the caller; the module alone reports nothing for a parameter without default", () => {
    const main = lines("module aks './modules/aks.bicep' = {", "  name: 'aks'", '  params: {', '    private: false', '  }', '}');
    const files = { [at('main.bicep')]: main, [at('modules/aks.bicep')]: AKS_MODULE };
    const a = analyse(files, 'main.bicep', 'aks-private-cluster');
    assert.equal(a.found.length, 1);
    assert.equal(a.text(), 'false');
    assert.equal(a.line(), 4);
    const edits = editsByFile(a.file, a.found[0].fix!);
    assert.deepEqual(edits.map((e) => e.file.path), [at('main.bicep')]);
    assert.equal(applyTextEdits(main, edits[0].edits), main.replace('private: false', 'private: true'));
    // Alone, `private` has no default: unknown, no finding.
    assert.equal(analyse(files, 'modules/aks.bicep', 'aks-private-cluster').found.length, 0);
    // The module's own defaults are reported by the module's analysis, not the caller's.
    const alone = analyse(files, 'modules/aks.bicep');
    const caller = analyse(files, 'main.bicep');
    assert.ok(alone.found.some((f) => f.ruleId === 'aks-azure-policy-addon'));
    assert.ok(!caller.found.some((f) => f.ruleId === 'aks-azure-policy-addon'));
  });

  it('a module path spelled with another case is found (compiled on a case-insensitive file system)', () => {
    const main = lines("module aks './Modules/AKS.bicep' = {", "  name: 'aks'", '  params: {', '    private: false', '  }', '}');
    const a = analyse({ [at('main.bicep')]: main, [at('modules/aks.bicep')]: AKS_MODULE }, 'main.bicep', 'aks-private-cluster');
    assert.equal(a.found.length, 1);
    assert.equal(a.text(), 'false');
  });

  it('a .bicepparam value that causes a finding is reported and fixed in the parameter file', () => {
    const main = lines(
      'param adminUser bool = false',
      "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {",
      "  name: 'acr'",
      "  location: 'westeurope'",
      "  sku: { name: 'Premium' }",
      '  properties: {',
      '    adminUserEnabled: adminUser',
      '  }',
      '}',
    );
    const params = lines("using './main.bicep'", '', 'param adminUser = true');
    const files = { [at('main.bicep')]: main, [at('main.bicepparam')]: params };
    assert.equal(analyse(files, 'main.bicep', 'acr-admin-user-disabled').found.length, 0);
    const p = analyse(files, 'main.bicepparam', 'acr-admin-user-disabled');
    assert.equal(p.found.length, 1);
    assert.equal(p.text(), 'true');
    assert.equal(p.line(), 3);
    assert.match(p.found[0].message, /parameter 'adminUser'/);
    assert.equal(applyTextEdits(params, editsForFix(p.file, p.found[0].fix!)), params.replace('= true', '= false'));
    // Findings of main.bicep that no value of the parameter file causes stay with main.bicep.
    assert.ok(!analyse(files, 'main.bicepparam').found.some((f) => f.ruleId === 'acr-quarantine'));
  });

  it('a registry module is read from the local module cache; a value the caller passes is reported at that value', () => {
    setBicepModuleCache(join(SHARED, 'module-cache'));
    const main = lines(
      "module registry 'br/public:avm/res/container-registry/registry:0.6.0' = {",
      "  name: 'acr'",
      '  params: {',
      "    name: 'myacr'",
      '    acrAdminUserEnabled: true',
      '  }',
      '}',
    );
    const a = analyse({ [at('main.bicep')]: main }, 'main.bicep');
    const admin = a.found.filter((f) => f.ruleId === 'acr-admin-user-disabled');
    assert.equal(admin.length, 1);
    assert.equal(a.file.text.slice(admin[0].start, admin[0].end), 'true');
    assert.equal(applyTextEdits(main, editsForFix(a.file, admin[0].fix!)), main.replace('acrAdminUserEnabled: true', 'acrAdminUserEnabled: false'));
    // A finding the module's own defaults cause is shown at the module call, naming the module.
    const atCall = a.found.filter((f) => /in registry module 'br\/public:avm\/res\/container-registry\/registry:0.6.0'/.test(f.message));
    assert.ok(atCall.length > 0);
    for (const f of atCall) assert.equal(a.file.text.slice(f.start, f.end), "'br/public:avm/res/container-registry/registry:0.6.0'");
    assert.ok(!a.found.some((f) => f.ruleId === 'bicep-module'));
  });

  it('an alias from bicepconfig.json, a module not in the cache and a template spec: one Information naming them', () => {
    setBicepModuleCache(join(SHARED, 'module-cache'));
    const main = lines(
      "module a 'br/mine:avm/res/container-registry/registry:0.6.0' = {",
      "  name: 'a'",
      "  params: { name: 'x', acrAdminUserEnabled: true }",
      '}',
      "module b 'br/public:avm/res/network/virtual-network:0.1.0' = {",
      "  name: 'b'",
      '}',
      "module c 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = {",
      "  name: 'c'",
      '}',
    );
    const config = JSON.stringify({ moduleAliases: { br: { mine: { registry: 'mcr.microsoft.com', modulePath: 'bicep' } } } });
    const a = analyse({ [at('main.bicep')]: main, [at('bicepconfig.json')]: config }, 'main.bicep');
    assert.equal(a.found.filter((f) => f.ruleId === 'acr-admin-user-disabled').length, 1);
    const info = a.found.filter((f) => f.ruleId === 'bicep-module');
    assert.equal(info.length, 1);
    assert.equal(info[0].severity, 'info');
    assert.match(info[0].message, /virtual-network:0\.1\.0/);
    assert.match(info[0].message, /ts:0000/);
    assert.match(info[0].message, /bicep restore/);
    assert.doesNotMatch(info[0].message, /registry:0\.6\.0/);
  });
});

describe('Bicep fixes', () => {
  const fix = (text: string, rule: string, choose = 0) => {
    const file = parseFile(at('f.bicep'), text);
    const res = analyzeFile(file, { today: '2026-01-01' });
    const f = res.findings.filter((x) => x.ruleId === rule)[choose];
    assert.ok(f?.fix, `${rule} has a fix`);
    const out = applyTextEdits(text, editsForFix(file, f.fix!));
    assert.deepEqual(parseFile(at('f.bicep'), out).documents[0].recovered, [], out);
    return out;
  };
  const REGISTRY = (props: string) => lines(
    "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {",
    "  name: 'acr'",
    "  location: 'westeurope'",
    "  sku: { name: 'Premium' }",
    props,
    '}',
  );

  it('sets a literal in place', () => {
    assert.equal(fix(REGISTRY('  properties: {\n    adminUserEnabled: true\n  }'), 'acr-admin-user-disabled'), REGISTRY('  properties: {\n    adminUserEnabled: false\n  }'));
  });
  it('inserts into a multi-line object with the siblings\' indentation and no comma', () => {
    const out = fix(REGISTRY('  properties: {\n    adminUserEnabled: false\n  }'), 'acr-public-network-disabled');
    assert.equal(out, REGISTRY("  properties: {\n    adminUserEnabled: false\n    publicNetworkAccess: 'Disabled'\n  }"));
  });
  it('inserts into a one-line object with a comma', () => {
    const out = fix(REGISTRY('  properties: { adminUserEnabled: false }'), 'acr-public-network-disabled');
    assert.equal(out, REGISTRY("  properties: { adminUserEnabled: false, publicNetworkAccess: 'Disabled' }"));
  });
  it('turns `{}` into a multi-line object, and creates missing objects', () => {
    const out = fix(REGISTRY('  properties: {}'), 'acr-public-network-disabled');
    assert.equal(out, REGISTRY("  properties: {\n    publicNetworkAccess: 'Disabled'\n  }"));
    const aks = lines("resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {", "  name: 'aks'", "  location: 'westeurope'", '  properties: {', "    dnsPrefix: 'aks'", '  }', '}');
    assert.equal(fix(aks, 'aks-azure-policy-addon'), aks.replace("    dnsPrefix: 'aks'\n", "    dnsPrefix: 'aks'\n    addonProfiles: {\n      azurepolicy: {\n        enabled: true\n      }\n    }\n"));
  });
  it('fixes a value that comes from a parameter at its default', () => {
    const text = lines('param admin bool = true', REGISTRY('  properties: {\n    adminUserEnabled: admin\n  }').trimEnd());
    assert.equal(fix(text, 'acr-admin-user-disabled'), text.replace('param admin bool = true', 'param admin bool = false'));
  });
  it('an API-version suggestion edits the version inside the type string', () => {
    const text = lines("resource aks 'Microsoft.ContainerService/managedClusters@2020-03-01' = {", "  name: 'aks'", "  location: 'westeurope'", '  properties: {', "    dnsPrefix: 'aks'", '  }', '}');
    const file = parseFile(at('f.bicep'), text);
    const res = analyzeFile(file, { today: '2026-01-01' });
    const f = res.findings.find((x) => x.ruleId === 'aks-disable-local-accounts')!;
    const suggestion = f.suggestions?.find((s) => /raise apiVersion/.test(s.title));
    assert.ok(suggestion, 'a suggestion that raises the API version');
    const out = applyTextEdits(text, editsForFix(file, suggestion!));
    assert.match(out, /^resource aks 'Microsoft\.ContainerService\/managedClusters@20\d\d-\d\d-\d\d(-preview)?' = \{$/m);
    assert.doesNotMatch(out, /2020-03-01/);
    assert.match(out, /disableLocalAccounts: true/);
  });
});

describe('Bicep fixes on a broken file', () => {
  it('an object the parser closed at the end of the file (no `}`) is not edited; every edit stays inside the text (fuzz regression)', () => {
    const text = lines("resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {", "  name: 'aks'", '  properties: {', "    dnsPrefix: 'aks'", '    apiServerAccessProfile: {').trimEnd();
    const file = parseFile(at('broken.bicep'), text);
    const res = analyzeFile(file, { today: '2026-01-01' });
    assert.ok(res.findings.some((f) => f.ruleId === 'aks-private-cluster'));
    for (const f of res.findings) {
      for (const fix of [f.fix, ...(f.suggestions ?? [])]) {
        if (!fix) continue;
        for (const e of editsForFix(file, fix)) assert.ok(e.offset >= 0 && e.offset + e.length <= text.length, `${f.ruleId}: edit ${e.offset}+${e.length} of ${text.length}`);
      }
    }
  });
});

describe('Bicep suppressions', () => {
  it("honours `// aks-guardrails-disable-next-line` and Bicep's `#disable-next-line <rule> // reason`", () => {
    const text = lines(
      "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {",
      "  name: 'acr'",
      "  location: 'westeurope'",
      "  sku: { name: 'Premium' }",
      '  properties: {',
      '    #disable-next-line acr-public-network-disabled no-hardcoded-env-urls // behind the firewall, reviewed 2026-01',
      "    publicNetworkAccess: 'Enabled'",
      '    // aks-guardrails-disable-next-line acr-admin-user-disabled -- legacy pipeline, ticket 42',
      '    adminUserEnabled: true',
      '    #disable-next-line acr-export-disabled',
      '    exportPolicy: { status: \'enabled\' }',
      '  }',
      '}',
    );
    const res = analyzeFile(parseFile(at('s.bicep'), text), { today: '2026-01-01' });
    const ids = res.findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('acr-public-network-disabled'));
    assert.ok(!ids.includes('acr-admin-user-disabled'));
    // Without a reason the pragma is reported and not applied; Bicep's own codes are not ours to judge.
    const sup = res.findings.filter((f) => f.ruleId === 'suppression');
    assert.equal(sup.length, 1, JSON.stringify(sup));
    assert.match(sup[0].message, /reason/i);
  });
});

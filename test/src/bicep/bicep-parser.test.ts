import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { lexBicep } from '../../../server/out/engine/documents/bicepLexer';
import { parseBicep } from '../../../server/out/engine/documents/bicep';
import { analyzeFile, DISK_FILES, parseFile } from '../../../server/out/engine';

const SHARED = resolve(__dirname, '../../../../shared/bicep');
const ORACLE = join(SHARED, 'corpus-oracle');
const AKS_SAMPLE = join(SHARED, 'corpus/Azure__bicep__src__Bicep.Core.Samples__Files__baselines__AKS_LF/main.bicep');

/** The compiler's baseline dumps: `//@[start:end) …` lines after each source line, columns relative to that line. */
function readDump(path: string): Array<{ start: number; end: number; label: string }> {
  const out: Array<{ start: number; end: number; label: string }> = [];
  let offset = 0;
  let lineStart = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^\/\/@\[(\d+):(\d+)\) (.*)$/.exec(line);
    if (m) {
      out.push({ start: lineStart + Number(m[1]), end: lineStart + Number(m[2]), label: m[3] });
      continue;
    }
    lineStart = offset;
    offset += line.length + 1;
  }
  return out;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(bicep|bicepparam)$/i.test(name)) out.push(p);
  }
  return out;
}

describe('Bicep parser', () => {
  it("lexes the compiler's AKS sample into the compiler's tokens: every kind and span of main.tokens.bicep", () => {
    // The compiler's spans do not count the file's byte order mark.
    const text = readFileSync(AKS_SAMPLE, 'utf8').replace(/^\uFEFF/, '');
    const expected = readDump(join(ORACLE, 'Azure__bicep__src__Bicep.Core.Samples__Files__baselines__AKS_LF__main.tokens.bicep'))
      .map((t) => `${t.start}:${t.end} ${t.label.replace(/ \|[\s\S]*$/, '')}`);
    const actual = lexBicep(text).tokens.map((t) => `${t.start}:${t.end} ${t.type === 'MultilineString' ? 'StringComplete' : t.type}`);
    assert.ok(expected.length > 150, 'the dump was read');
    assert.deepEqual(actual, expected);
  });

  it("parses the AKS sample into the compiler's declarations and object properties (kinds and spans of main.syntax.bicep)", () => {
    const text = readFileSync(AKS_SAMPLE, 'utf8').replace(/^\uFEFF/, '');
    const dump = readDump(join(ORACLE, 'Azure__bicep__src__Bicep.Core.Samples__Files__baselines__AKS_LF__main.syntax.bicep'));
    const KIND: Record<string, string> = { ParameterDeclarationSyntax: 'param', ResourceDeclarationSyntax: 'resource', OutputDeclarationSyntax: 'output', VariableDeclarationSyntax: 'var', ModuleDeclarationSyntax: 'module' };
    const expectedDecls = dump.filter((d) => /^[├└]─(\w+DeclarationSyntax)$/.test(d.label)).map((d) => `${KIND[d.label.slice(2)] ?? d.label} ${d.start}:${d.end}`);
    const file = parseBicep(text);
    assert.deepEqual(file.errors, []);
    assert.deepEqual(file.decls.map((d) => `${d.kind} ${d.start}:${d.end}`), expectedDecls);
    // Every object property (key start to value end) of the tree, in order.
    const expectedProps = dump.filter((d) => /ObjectPropertySyntax$/.test(d.label)).map((d) => `${d.start}:${d.end}`);
    const props: string[] = [];
    const visit = (e: any): void => {
      if (!e || typeof e !== 'object') return;
      if (e.k === 'object') for (const p of e.props) { props.push(`${p.start}:${p.end}`); visit(p.value); }
      else for (const v of Object.values(e)) if (v && typeof v === 'object') Array.isArray(v) ? v.forEach(visit) : visit(v);
    };
    for (const d of file.decls) visit(d.value);
    assert.equal(props.length, 18);
    assert.deepEqual(props, expectedProps);
  });

  it('parses every file of ../shared/bicep (corpus, pairs) without a syntax error or a crash', function () {
    this.timeout(60000);
    const files = [...walk(join(SHARED, 'corpus')), ...walk(join(SHARED, 'pairs'))];
    assert.ok(files.length >= 60, `${files.length} files`);
    const broken: string[] = [];
    for (const f of files) {
      const parsed = parseFile(f, readFileSync(f, 'utf8'));
      const errs = parsed.documents[0].recovered ?? [];
      if (errs.length) broken.push(`${relative(SHARED, f)}: ${errs[0].message}`);
      // And the analysis (with modules followed from disk) completes.
      analyzeFile(parsed, { today: '2026-01-01' }, { files: DISK_FILES });
    }
    assert.deepEqual(broken, []);
  });

  it('recovers from a syntax error: the broken declaration is lost, the declarations after it are read', () => {
    const text = [
      "param a string = 'x'",
      "resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {",
      "  name: 'acr'",
      '  properties: {',
      '    adminUserEnabled: true',
      '    broken: (',
      '  }',
      '}',
      'param b int = 3',
      "resource q 'Microsoft.X/y@2020-01-01' = {",
      "  name: 'q'",
      '',
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
      "  name: 'aks'",
      '}',
      "var s = 'unterminated",
      'var t = 1',
    ].join('\n');
    const file = parseBicep(text);
    assert.deepEqual(file.decls.map((d) => `${d.kind}:${d.name}`), ['param:a', 'resource:acr', 'param:b', 'resource:q', 'resource:aks', 'var:s', 'var:t']);
    assert.ok(file.errors.length >= 3);
    // The registry's valid properties are still there.
    const acr = file.decls[1].value as any;
    assert.deepEqual(acr.props.map((p: any) => p.key), ['name', 'properties']);
    assert.deepEqual(acr.props[1].value.props.map((p: any) => p.key), ['adminUserEnabled']);
  });

  it('reads every construct of the language', () => {
    const text = [
      "targetScope = 'resourceGroup'",
      "metadata info = { owner: 'team' }",
      "import { settings } from './types.bicep'",
      "import * as ns from './lib.bicep'",
      "extension microsoftGraphV1",
      "@description('d')",
      "@allowed(['a', 'b'])",
      "param p1 'a' | 'b' = 'a'",
      'param p2 string?',
      'param p3 {',
      '  @description(\'x\')',
      '  a: int',
      '  b: string[]',
      '}',
      "param p4 resourceInput<'Microsoft.ContainerService/managedClusters@2024-09-01'>.properties",
      'type t = {',
      '  a: int?',
      '}',
      'func f(x int) int => x + 1',
      'var v1 = p2 ?? \'default\'',
      'var v2 = !(1 > 2) && true || false ? -1 : 2',
      "var v3 = [for (x, i) in range(0, 3): { n: x, i: i }]",
      'var v4 = p3.?a ?? p3[?\'b\']',
      "var v5 = '''",
      "multi 'line'",
      "'''",
      "var v6 = 'a${p1}b${'c${1}'}\\'\\${x}'",
      'var v7 = map([1, 2], x => x * 2)',
      'var v8 = { ...v3, z: 1 }',
      'var v9 = (a, b) => a + b',
      "resource parentRes 'Microsoft.Network/virtualNetworks@2023-01-01' existing = {",
      "  name: 'vnet'",
      "  resource sub 'subnets' existing = {",
      "    name: 'default'",
      '  }',
      '}',
      "resource r 'Microsoft.ContainerService/managedClusters@2024-09-01' = if (v1 == 'x') {",
      "  name: 'aks'",
      '  properties: { enableRBAC: true, dnsPrefix: \'aks\' }',
      '  @batchSize(1)',
      "  resource pool 'agentPools' = {",
      "    name: 'pool'",
      '  }',
      '}',
      "module m './mod.bicep' = [for i in range(0, 2): {",
      "  name: 'm${i}'",
      '  params: { x: parentRes::sub.id }',
      '}]',
      'output o string = r.properties.fqdn!',
      'assert a1 = length(v3) > 0',
    ].join('\n');
    const file = parseBicep(text);
    assert.deepEqual(file.errors, []);
    assert.deepEqual(file.decls.map((d) => d.kind), [
      'targetScope', 'metadata', 'import', 'import', 'extension', 'param', 'param', 'param', 'param', 'type', 'func',
      'var', 'var', 'var', 'var', 'var', 'var', 'var', 'var', 'var', 'resource', 'resource', 'module', 'output', 'assert',
    ]);
    const p1 = file.decls[5];
    assert.equal(p1.decorators.length, 2);
    assert.equal(file.decls[6].nullable, true);
    const v6 = file.decls[16].value as any;
    assert.equal(v6.k, 'string');
    assert.deepEqual(v6.parts, ['a', 'b', "'${x}"]);
    assert.equal((file.decls[15].value as any).parts[0], "multi 'line'\n");
    const r = file.decls[21];
    assert.equal((r.value as any).k, 'if');
    assert.equal((r.value as any).body.resources.length, 1);
  });

  it('never throws and stays linear on hostile input (unterminated strings and interpolations, deep nesting, junk)', function () {
    this.timeout(30000);
    const inputs = [
      "var a = 'abc",
      "var a = 'abc${x",
      "var a = 'abc${'def${",
      "var a = '''never closed",
      '{'.repeat(20000),
      '['.repeat(20000) + ']'.repeat(100),
      'var a = ' + '('.repeat(5000) + '1' + ')'.repeat(5000),
      "resource r 'T@v' = {\n" + "  a: {\n".repeat(3000),
      '\u0000\u0001\uffff@@@###$$$',
      "param x string = 'a'\n".repeat(50000),
    ];
    for (const text of inputs) {
      const t0 = Date.now();
      const file = parseFile('/x/fuzz.bicep', text);
      analyzeFile(file, { today: '2026-01-01' });
      assert.ok(Date.now() - t0 < 5000, `${JSON.stringify(text.slice(0, 30))} took ${Date.now() - t0} ms`);
    }
  });
});

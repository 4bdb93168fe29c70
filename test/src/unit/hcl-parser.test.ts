import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, child, items, parseFile, str, toValue } from '../../../server/out/engine';
import { parseHcl, parseHclExpression, Expr } from '../../../server/out/engine/documents/hcl';

const CORPUS = path.resolve(__dirname, '../../../../shared/terraform/corpus');

function corpusFiles(): string[] {
  if (!fs.existsSync(CORPUS)) return [];
  const out: string[] = [];
  for (const d of fs.readdirSync(CORPUS)) {
    const dir = path.join(CORPUS, d);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) if (/\.(tf|tfvars)$/.test(f)) out.push(path.join(dir, f));
  }
  return out;
}

const valueOf = (code: string) => toValue(parseFile('main.tf', code).documents[0].root);
const exprKind = (s: string): string => parseHclExpression(s).expr.k;

describe('HCL parser', () => {
  describe('../shared/terraform/corpus: every file parses with no error', () => {
    const files = corpusFiles();
    it('finds the corpus', () => assert.ok(files.length >= 30, `${files.length} files`));
    for (const f of files) {
      it(path.relative(CORPUS, f), () => {
        const text = fs.readFileSync(f, 'utf8');
        const parsed = parseHcl(text);
        assert.deepEqual(parsed.errors, []);
        const file = parseFile(f, text);
        assert.equal(file.syntax, 'hcl');
        const res = analyzeText(f, text);
        assert.deepEqual(res.findings.filter((x) => x.ruleId === 'parse-error' || x.ruleId === 'rule-failed').map((x) => x.message), []);
      });
    }
  });

  it('maps blocks, labels, attributes and nested blocks onto the .tf.json shape', () => {
    const code = [
      '# comment',
      'resource "azurerm_kubernetes_cluster" "main" {',
      '  name     = "aks" // trailing',
      '  count    = 1',
      '  enabled  = true',
      '  nothing  = null',
      '  zones    = ["1", "2",',
      '    "3"]',
      '  tags = {',
      '    env = "prod"',
      '    "a.b" : 1, c = false',
      '  }',
      '  /* block',
      '     comment */',
      '  default_node_pool {',
      '    name = "system"',
      '  }',
      '  default_node_pool { name = "second" }',
      '}',
      'locals {',
      '  x = "${var.a}-b"',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(valueOf(code), {
      resource: [{ azurerm_kubernetes_cluster: { main: {
        name: 'aks', count: 1, enabled: true, nothing: null, zones: ['1', '2', '3'], tags: { env: 'prod', 'a.b': 1, c: false },
        default_node_pool: [{ name: 'system' }, { name: 'second' }],
      } } }],
      locals: [{ x: '${var.a}-b' }],
    });
    const parsed = parseHcl(code);
    assert.deepEqual(parsed.comments.map((c) => code.slice(c.start, c.end)), ['# comment', '// trailing', '/* block\n     comment */']);
  });

  it('gives exact ranges: label keys, attribute names and values, block bodies', () => {
    const code = 'resource "t" "n" {\n  a = "x"\n  b { c = 1 }\n}\n';
    const root = parseFile('main.tf', code).documents[0].root!;
    const element = items(child(root, 'resource'))[0];
    const typeKey = element.children![0].children![0];
    assert.equal(code.slice(typeKey.offset, typeKey.offset + typeKey.length), '"t"');
    const body = child(child(element, 't'), 'n')!;
    assert.equal(code.slice(body.offset, body.offset + body.length), '{\n  a = "x"\n  b { c = 1 }\n}');
    const a = child(body, 'a')!;
    assert.equal(code.slice(a.offset, a.offset + a.length), '"x"');
    const aKey = a.parent!.children![0];
    assert.equal(code.slice(aKey.offset, aKey.offset + aKey.length), 'a');
    const c = child(items(child(body, 'b'))[0], 'c')!;
    assert.equal(code.slice(c.offset, c.offset + c.length), '1');
  });

  it('reads every expression form', () => {
    const cases: Array<[string, Expr['k']]> = [
      ['var.x', 'getattr'], ['local.a.b[0]', 'index'], ['aws_instance.a.*.id', 'getattr'], ['x[*].id', 'getattr'], ['x.0', 'index'],
      ['f(a, b...)', 'call'], ['provider::azurerm::normalise_resource_id(x)', 'call'], ['a ? b : c', 'conditional'],
      ['!a', 'unary'], ['-1', 'unary'], ['1 + 2 * 3', 'binary'], ['a == b && c != d || !e', 'binary'], ['(a)', 'paren'],
      ['[for s in var.list : upper(s) if s != ""]', 'for'], ['{for k, v in var.map : k => v...}', 'for'],
      ['"a${b}c%{ if d }e%{ else }f%{ endif }"', 'template'], ['"$${literal} %%{literal}"', 'template'],
      ['1.5e3', 'number'], ['true', 'bool'], ['null', 'null'], ['[1,\n2,\n]', 'tuple'], ['{\n a = 1\n b = 2\n}', 'object'],
      ['a >= 1 ? "x" : "y"', 'conditional'],
    ];
    for (const [src, kind] of cases) {
      const { expr, errors } = parseHclExpression(src);
      assert.deepEqual(errors, [], src);
      assert.equal(expr.k, kind, src);
      assert.equal(expr.end - expr.start, src.length, `${src}: range`);
    }
    assert.equal(exprKind('x'), 'variable');
  });

  it('decodes escapes and heredocs (<<EOF, <<-EOF with its indentation removed)', () => {
    const code = 'a = "q\\"\\n\\u00e9"\nb = <<EOF\n  one\n  two\nEOF\nc = <<-EOT\n    x\n      y\n    EOT\nd = "$${x}"\n';
    assert.deepEqual(valueOf(code), { a: 'q"\n\u00e9', b: '  one\n  two\n', c: 'x\n  y\n', d: '${x}' });
  });

  describe('error recovery: an error is reported, the rest of the file is read', () => {
    const recover = (code: string) => {
      const f = parseFile('main.tf', code);
      return { errors: f.documents[0].errors.map((e) => e.message), value: toValue(f.documents[0].root) as Record<string, unknown> };
    };
    it('unterminated string ends at its line', () => {
      const r = recover('resource "t" "a" {\n  name = "aks\n  sku = "Premium"\n}\nresource "t" "b" {}\n');
      assert.match(r.errors[0], /unterminated string/);
      assert.deepEqual(r.value.resource, [{ t: { a: { name: 'aks', sku: 'Premium' } } }, { t: { b: {} } }]);
    });
    it('a block without its } ends before the next top-level block', () => {
      const r = recover('resource "t" "a" {\n  x {\n    y = 1\n  \nresource "t" "b" {\n  z = 2\n}\n');
      assert.ok(r.errors.some((e) => /not closed/.test(e)), r.errors.join());
      assert.deepEqual((r.value.resource as unknown[])[1], { t: { b: { z: 2 } } });
    });
    it('a half-typed attribute', () => {
      const r = recover('resource "t" "a" {\n  x =\n  y = 2\n}\n');
      assert.match(r.errors[0], /expression expected/);
      assert.equal(((r.value.resource as Array<Record<string, Record<string, Record<string, unknown>>>>)[0].t.a).y, 2);
    });
    it('two attributes on one line', () => {
      const r = recover('a = 1 b = 2\nc = 3\n');
      assert.match(r.errors[0], /one attribute or block per line/);
      assert.equal(r.value.c, 3);
    });
  });

  describe('adversarial inputs finish fast without throwing', function () {
    this.timeout(20000);
    const bounded = (name: string, code: string, ms: number) => it(name, () => {
      const t0 = performance.now();
      const res = analyzeText('main.tf', code, {}, { maxSize: 20 * 1024 * 1024 });
      const took = performance.now() - t0;
      assert.ok(took < ms, `${Math.round(took)} ms`);
      for (const f of res.findings) assert.ok(f.start >= 0 && f.end <= code.length && f.start <= f.end);
      assert.ok(!res.findings.some((f) => f.ruleId === 'rule-failed'));
    });
    bounded('unterminated heredoc', 'a = <<EOF\n' + 'x ${y}\n'.repeat(10000), 2000);
    bounded('unterminated template interpolation', 'a = "${var.x\nb = "${' + '('.repeat(5000) + '\n', 2000);
    bounded('unbalanced braces', '{'.repeat(10000) + '\nresource "t" "n" {\n' + '}'.repeat(10000), 2000);
    bounded('deeply nested blocks', 'a {\n'.repeat(5000) + '}\n'.repeat(5000), 2000);
    bounded('deeply nested expressions', 'a = ' + '['.repeat(20000) + ']'.repeat(20000) + '\nb = ' + '!'.repeat(20000) + 'x\n', 2000);
    it('10 MB file: parsed within bounds (analysis skips it above aksGuardrails.maxFileSizeKB)', () => {
      const code = 'resource "azurerm_kubernetes_cluster" "a" {\n  name = "x"\n  tags = { a = "b" }\n}\n'.repeat(130000);
      const t0 = performance.now();
      const file = parseFile('main.tf', code, { maxSize: 20 * 1024 * 1024 });
      assert.ok(performance.now() - t0 < 10000, `${Math.round(performance.now() - t0)} ms`);
      assert.deepEqual(file.documents[0].errors, []);
      assert.equal(analyzeText('main.tf', code).findings[0].ruleId, 'file-skipped');
    });
    bounded('unterminated block comment', 'a = 1\n/* ' + 'x'.repeat(100000), 2000);
  });

  it('a .tfvars file is values only, a .tf file with Terraform blocks is Terraform configuration', () => {
    assert.equal(parseFile('terraform.tfvars', 'a = 1\n').documents[0].kind, 'unknown');
    assert.equal(parseFile('main.tf', 'resource "t" "n" {}\n').documents[0].kind, 'tfjson');
    assert.equal(str(child(parseFile('x.tfvars', 'a = "b"\n').documents[0].root, 'a')), 'b');
  });
});

import * as assert from 'node:assert/strict';
import { applyTextEdits, child, editsForIntent, items, Node, parseFile } from '../../../server/out/engine';

function at(root: Node | undefined, path: Array<string | number>): Node {
  let cur = root;
  for (const p of path) cur = typeof p === 'number' ? items(cur)[p] : child(cur, p);
  assert.ok(cur, `no node at ${path.join('.')}`);
  return cur!;
}

/** Inserts `path` = `value` below the object at `objectPath`; the result must parse. */
function insert(text: string, objectPath: Array<string | number>, path: string[], value: unknown): string {
  const file = parseFile('x.json', text);
  const doc = file.documents[0];
  const out = applyTextEdits(text, editsForIntent(file, { kind: 'insert', doc, parent: at(doc.root, objectPath), path, value }));
  assert.deepEqual(parseFile('x.json', out).documents[0].errors.map((e) => e.message), [], `result must parse:\n${out}`);
  return out;
}

describe('JSON fix layer: insertion into an object that shares its line', () => {
  it('adds the key after the last property, keeping the rest of the line as it is', () => {
    const t = '{"items": [\n  {"kind": "Pod", "metadata": {"name": "p", "labels": {"app": "web"}}, "spec": {}}\n]}\n';
    assert.equal(insert(t, ['items', 0, 'metadata', 'labels'], ['azure.workload.identity/use'], 'true'),
      '{"items": [\n  {"kind": "Pod", "metadata": {"name": "p", "labels": {"app": "web", "azure.workload.identity/use": "true"}}, "spec": {}}\n]}\n');
  });
  it('creates missing intermediate objects inline', () => {
    const t = '{"kind": "Pod", "metadata": {"name": "p"}, "spec": {}}\n';
    assert.equal(insert(t, ['metadata'], ['labels', 'a'], 'b'), '{"kind": "Pod", "metadata": {"name": "p", "labels": {"a": "b"}}, "spec": {}}\n');
  });
  it('fills an empty object and follows a minified style', () => {
    assert.equal(insert('{"a":{},"b":1}', ['a'], ['x'], true), '{"a":{"x":true},"b":1}');
    assert.equal(insert('{"a":{"y":1},"b":1}', ['a'], ['x'], [1, 2]), '{"a":{"y":1,"x":[1,2]},"b":1}');
  });
  it('leaves an object alone on its line to jsonc-parser (multi-line layout)', () => {
    const t = '{\n  "properties": {"dnsPrefix": "aks"}\n}\n';
    assert.equal(insert(t, ['properties'], ['disableLocalAccounts'], true), '{\n  "properties": {\n    "dnsPrefix": "aks",\n    "disableLocalAccounts": true\n  }\n}\n');
  });
});

describe('JSON fix layer: ordered insert (annotations several fixes add)', () => {
  function ins(text: string, objectPath: Array<string | number>, key: string): string {
    const file = parseFile('x.json', text);
    const doc = file.documents[0];
    const out = applyTextEdits(text, editsForIntent(file, { kind: 'insert', doc, parent: at(doc.root, objectPath), path: [key], value: 'runtime/default', ordered: true }));
    assert.deepEqual(parseFile('x.json', out).documents[0].errors.map((e) => e.message), [], `result must parse:\n${out}`);
    return out;
  }
  it('multi-line object: before the first key that sorts after it, on its own line; insertions commute', () => {
    const t = '{\n  "annotations": {\n    "m.example/z": "1"\n  }\n}\n';
    const ab = ins(ins(t, ['annotations'], 'a.example/x'), ['annotations'], 'c.example/y');
    const ba = ins(ins(t, ['annotations'], 'c.example/y'), ['annotations'], 'a.example/x');
    assert.equal(ab, '{\n  "annotations": {\n    "a.example/x": "runtime/default",\n    "c.example/y": "runtime/default",\n    "m.example/z": "1"\n  }\n}\n');
    assert.equal(ba, ab);
  });
  it('single-line object: inline before the greater key; no greater key: appended', () => {
    const t = '{"annotations": {"b": "1", "d": "2"}}\n';
    assert.equal(ins(t, ['annotations'], 'c'), '{"annotations": {"b": "1", "c": "runtime/default", "d": "2"}}\n');
    assert.equal(ins(t, ['annotations'], 'e'), '{"annotations": {"b": "1", "d": "2", "e": "runtime/default"}}\n');
  });
});

import * as assert from 'node:assert/strict';
import { applyTextEdits, child, editsForFix, FixIntent, items, Node, parseFile } from '../../../server/out/engine';

function at(root: Node | undefined, path: Array<string | number>): Node {
  let cur = root;
  for (const p of path) cur = typeof p === 'number' ? items(cur)[p] : child(cur, p);
  assert.ok(cur, `no node at ${path.join('.')}`);
  return cur!;
}

/** Applies one fix made of the intents `make` builds on the parsed text; the result must parse. */
function fix(text: string, make: (root: Node, doc: ReturnType<typeof parseFile>['documents'][0]) => FixIntent[]): string {
  const file = parseFile('x.json', text);
  const doc = file.documents[0];
  const out = applyTextEdits(text, editsForFix(file, { title: 't', intents: make(doc.root!, doc) }));
  assert.deepEqual(parseFile('x.json', out).documents[0].errors.map((e) => e.message), [], `result must parse:\n${out}`);
  return out;
}

const j = (o: unknown) => JSON.stringify(o, null, 2) + '\n';

describe('JSON fix layer: several intents of one fix that touch each other', () => {
  it('inserts two keys into an empty object (edits at one point)', () => {
    const out = fix(j({ properties: { aadProfile: {} } }), (root, doc) => [
      { kind: 'insert', doc, parent: at(root, ['properties', 'aadProfile']), path: ['managed'], value: true },
      { kind: 'insert', doc, parent: at(root, ['properties', 'aadProfile']), path: ['enableAzureRBAC'], value: true },
    ]);
    assert.equal(out, j({ properties: { aadProfile: { managed: true, enableAzureRBAC: true } } }));
  });

  it('creates two sibling objects after the last property', () => {
    const out = fix(j({ properties: { dnsPrefix: 'aks' } }), (root, doc) => [
      { kind: 'insert', doc, parent: at(root, ['properties']), path: ['securityProfile', 'workloadIdentity', 'enabled'], value: true },
      { kind: 'insert', doc, parent: at(root, ['properties']), path: ['oidcIssuerProfile', 'enabled'], value: true },
    ]);
    assert.equal(out, j({ properties: { dnsPrefix: 'aks', securityProfile: { workloadIdentity: { enabled: true } }, oidcIssuerProfile: { enabled: true } } }));
  });

  it('keeps independent edits minimal (no sequence needed)', () => {
    const text = j({ a: { x: false }, b: { y: false } });
    const file = parseFile('x.json', text);
    const doc = file.documents[0];
    const edits = editsForFix(file, {
      title: 't',
      intents: [
        { kind: 'set', doc, node: at(doc.root, ['a', 'x']), value: true },
        { kind: 'set', doc, node: at(doc.root, ['b', 'y']), value: true },
      ],
    });
    assert.deepEqual(edits.map((e) => e.text), ['true', 'true']);
  });

  it('sets and inserts in one object, then removes, in order', () => {
    const out = fix(j({ p: { managed: false, clientAppID: 'c' } }), (root, doc) => [
      { kind: 'set', doc, node: at(root, ['p', 'managed']), value: true },
      { kind: 'insert', doc, parent: at(root, ['p']), path: ['enableAzureRBAC'], value: true },
      { kind: 'remove', doc, node: at(root, ['p', 'clientAppID']) },
    ]);
    assert.deepEqual(JSON.parse(out), { p: { managed: true, enableAzureRBAC: true } });
  });
});

describe('JSON fix layer: setting an object value', () => {
  it('lays the object out like the file (replacing null)', () => {
    const out = fix(j({ properties: { aadProfile: null } }), (root, doc) => [
      { kind: 'set', doc, node: at(root, ['properties', 'aadProfile']), value: { managed: true, enableAzureRBAC: true } },
    ]);
    assert.equal(out, j({ properties: { aadProfile: { managed: true, enableAzureRBAC: true } } }));
  });
  it('replaces a scalar literal exactly', () => {
    const text = '{"a": /* keep */ false}\n';
    assert.equal(fix(text, (root, doc) => [{ kind: 'set', doc, node: at(root, ['a']), value: true }]), '{"a": /* keep */ true}\n');
  });
});

import * as assert from 'node:assert/strict';
import { applyTextEdits, child, editsForIntent, FixIntent, items, Node, ParsedDocument, parseFile, toValue } from '../../../server/out/engine';

/** Navigates keys and indexes from a document root. */
function at(root: Node | undefined, path: Array<string | number>): Node {
  let cur = root;
  for (const p of path) cur = typeof p === 'number' ? items(cur)[p] : child(cur, p);
  assert.ok(cur, `no node at ${path.join('.')}`);
  return cur!;
}

type Build = (doc: ParsedDocument, nodeAt: (path: Array<string | number>) => Node) => FixIntent;

/** Applies one intent built against document `docIndex` of `text`; the result must parse. */
function edit(text: string, build: Build, docIndex = 0, path = 'x.yaml'): string {
  const file = parseFile(path, text);
  const doc = file.documents[docIndex];
  const out = applyTextEdits(text, editsForIntent(file, build(doc, (p) => at(doc.root, p))));
  const after = parseFile(path, out);
  assert.deepEqual(after.documents.flatMap((d) => d.errors.map((e) => e.message)), [], `result must parse:\n${out}`);
  return out;
}

const valueOf = (text: string, docIndex = 0) => toValue(parseFile('x.yaml', text).documents[docIndex].root);
const l = (...s: string[]) => s.join('\n') + '\n';

describe('YAML fix layer', () => {
  describe('set', () => {
    it('replaces a scalar and keeps its trailing comment', () => {
      const t = l('a:', '  privileged: true # why?', '  b: 1');
      assert.equal(edit(t, (doc, n) => ({ kind: 'set', doc, node: n(['a', 'privileged']), value: false })), l('a:', '  privileged: false # why?', '  b: 1'));
    });
    it('keeps double and single quotes of strings', () => {
      const t = l('a: "Unconfined"', "b: 'Unconfined'");
      let out = edit(t, (doc, n) => ({ kind: 'set', doc, node: n(['a']), value: 'RuntimeDefault' }));
      out = edit(out, (doc, n) => ({ kind: 'set', doc, node: n(['b']), value: 'RuntimeDefault' }));
      assert.equal(out, l('a: "RuntimeDefault"', "b: 'RuntimeDefault'"));
    });
    it('quotes strings YAML would read as something else', () => {
      const t = l('a: x', 'b: x');
      let out = edit(t, (doc, n) => ({ kind: 'set', doc, node: n(['a']), value: 'true' }));
      out = edit(out, (doc, n) => ({ kind: 'set', doc, node: n(['b']), value: 'runtime/default' }));
      assert.equal(out, l('a: "true"', 'b: runtime/default'));
    });
    it('fills an empty value (`key:`) with a scalar', () => {
      const t = l('spec:', '  hostNetwork:', '  hostPID: true');
      assert.equal(edit(t, (doc, n) => ({ kind: 'set', doc, node: n(['spec', 'hostNetwork']), value: false })), l('spec:', '  hostNetwork: false', '  hostPID: true'));
    });
    it('replaces a scalar inside a flow map', () => {
      const t = l('c: [{name: a, securityContext: {privileged: true}}]');
      assert.equal(edit(t, (doc, n) => ({ kind: 'set', doc, node: n(['c', 0, 'securityContext', 'privileged']), value: false })), l('c: [{name: a, securityContext: {privileged: false}}]'));
    });
    it('writes an object value in block style below its key', () => {
      const t = l('sc:', '  seccompProfile: null', '  other: 1');
      assert.equal(edit(t, (doc, n) => ({ kind: 'set', doc, node: n(['sc', 'seccompProfile']), value: { type: 'RuntimeDefault' } })), l('sc:', '  seccompProfile:', '    type: RuntimeDefault', '  other: 1'));
    });
  });

  describe('insert', () => {
    it('adds a key after the last key of a block map, before trailing comments of the map', () => {
      const t = l('spec:', '  containers:', '  - name: a', '  # end of spec', 'other: 1');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['spec']), path: ['hostNetwork'], value: false }));
      assert.equal(out, l('spec:', '  containers:', '  - name: a', '  hostNetwork: false', '  # end of spec', 'other: 1'));
    });
    it('creates nested parents in block style', () => {
      const t = l('containers:', '- name: a', '  image: a:1 # pinned');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['containers', 0]), path: ['securityContext', 'capabilities', 'drop'], value: ['ALL'] }));
      assert.equal(out, l('containers:', '- name: a', '  image: a:1 # pinned', '  securityContext:', '    capabilities:', '      drop: [ALL]'));
    });
    it('follows the file indentation step (4 spaces) when creating nested parents', () => {
      const t = l('spec:', '    containers:', '        -   name: a', '            image: a:1');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['spec', 'containers', 0]), path: ['securityContext', 'runAsNonRoot'], value: true }));
      assert.equal(out, l('spec:', '    containers:', '        -   name: a', '            image: a:1', '            securityContext:', '                runAsNonRoot: true'));
    });
    it('adds to a flow map, nested values in flow style', () => {
      const t = l('c: {name: a}', 'd: {}');
      let out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['c']), path: ['securityContext', 'capabilities'], value: { drop: ['ALL'] } }));
      out = edit(out, (doc, n) => ({ kind: 'insert', doc, parent: n(['d']), path: ['a'], value: true }));
      assert.equal(out, l('c: {name: a, securityContext: {capabilities: {drop: [ALL]}}}', 'd: {a: true}'));
    });
    it('fills an empty flow map nested in another flow map', () => {
      const t = l('c: [{name: a, securityContext: {}}]');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['c', 0, 'securityContext']), path: ['capabilities', 'drop'], value: ['ALL'] }));
      assert.equal(out, l('c: [{name: a, securityContext: {capabilities: {drop: [ALL]}}}]'));
    });
    it('adds to a block map that sits inside a flow collection in flow style', () => {
      const t = l('containers: [{name: a, image: "a:1"}]');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['containers', 0]), path: ['securityContext', 'readOnlyRootFilesystem'], value: true }));
      assert.equal(out, l('containers: [{name: a, image: "a:1", securityContext: {readOnlyRootFilesystem: true}}]'));
    });
    it('fills `key:` (null) instead of adding a duplicate key, comment kept on its line', () => {
      const t = l('spec:', '  securityContext: # todo', '  containers: []');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['spec']), path: ['securityContext', 'runAsNonRoot'], value: true }));
      assert.equal(out, l('spec:', '  securityContext: # todo', '    runAsNonRoot: true', '  containers: []'));
    });
    it('fills a null leaf with a scalar', () => {
      const t = l('spec:', '  automountServiceAccountToken:', '  containers: []');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['spec']), path: ['automountServiceAccountToken'], value: false }));
      assert.equal(out, l('spec:', '  automountServiceAccountToken: false', '  containers: []'));
    });
    it('fills an explicit `null` / `~`', () => {
      const t = l('spec:', '  securityContext: ~', '  x: 1');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['spec']), path: ['securityContext', 'runAsNonRoot'], value: true }));
      assert.equal(out, l('spec:', '  securityContext:', '    runAsNonRoot: true', '  x: 1'));
    });
    it('renders keys that need quotes and annotation keys with slashes', () => {
      const t = l('metadata:', '  name: p');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['metadata']), path: ['annotations'], value: { 'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default', 'a b': 'yes' } }));
      assert.equal(out, l('metadata:', '  name: p', '  annotations:', '    container.apparmor.security.beta.kubernetes.io/app: runtime/default', '    "a b": "yes"'));
      assert.deepEqual(valueOf(out), { metadata: { name: 'p', annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default', 'a b': 'yes' } } });
    });
    it('writes arrays of objects as block sequences', () => {
      const t = l('a: 1');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n([]), path: ['list'], value: [{ name: 'x', v: 1 }] }));
      assert.equal(out, l('a: 1', 'list:', '  - name: x', '    v: 1'));
    });
    it('keeps CRLF line endings', () => {
      const t = 'spec:\r\n  containers:\r\n  - name: a\r\n    image: a:1\r\n';
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['spec', 'containers', 0]), path: ['securityContext', 'privileged'], value: false }));
      assert.equal(out, 'spec:\r\n  containers:\r\n  - name: a\r\n    image: a:1\r\n    securityContext:\r\n      privileged: false\r\n');
    });
    it('works on a last line without newline', () => {
      const t = 'spec:\n  hostPID: true';
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['spec']), path: ['hostIPC'], value: false }));
      assert.equal(out, 'spec:\n  hostPID: true\n  hostIPC: false');
    });
    it('edits the second document only', () => {
      const t = l('a: 1', '---', 'spec:', '  x: 1', '---', 'spec:', '  x: 1');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['spec']), path: ['z'], value: 2 }), 1);
      assert.equal(out, l('a: 1', '---', 'spec:', '  x: 1', '  z: 2', '---', 'spec:', '  x: 1'));
    });
    it('inserts after a last value that is a block scalar', () => {
      const t = l('c:', '  args: |', '    one', '    two', '', 'd: 1');
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['c']), path: ['x'], value: true }));
      assert.equal(out, l('c:', '  args: |', '    one', '    two', '  x: true', '', 'd: 1'));
    });
    it('two insertions into one map from one fix land in order', () => {
      const t = l('metadata:', '  annotations:', '    a: b');
      const file = parseFile('x.yaml', t);
      const doc = file.documents[0];
      const parent = at(doc.root, ['metadata', 'annotations']);
      const edits = [
        ...editsForIntent(file, { kind: 'insert', doc, parent, path: ['k1'], value: 'v1' }),
        ...editsForIntent(file, { kind: 'insert', doc, parent, path: ['k2'], value: 'v2' }),
      ];
      // editsForFix merges insertions at one point; mimic it here
      const merged = [{ ...edits[0], text: edits[0].text + edits[1].text }];
      assert.equal(applyTextEdits(t, merged), l('metadata:', '  annotations:', '    a: b', '    k1: v1', '    k2: v2'));
    });
  });

  describe('append', () => {
    it('appends to a block sequence indented under its key', () => {
      const t = l('drop:', '  - NET_RAW # why', 'x: 1');
      assert.equal(edit(t, (doc, n) => ({ kind: 'append', doc, array: n(['drop']), value: 'ALL' })), l('drop:', '  - NET_RAW # why', '  - ALL', 'x: 1'));
    });
    it('appends to a block sequence not indented under its key', () => {
      const t = l('c:', '  drop:', '  - NET_RAW', '  add: []');
      assert.equal(edit(t, (doc, n) => ({ kind: 'append', doc, array: n(['c', 'drop']), value: 'ALL' })), l('c:', '  drop:', '  - NET_RAW', '  - ALL', '  add: []'));
    });
    it('appends to flow sequences, empty or not', () => {
      const t = l('a: [NET_RAW]', 'b: []', 'c: [ ]');
      let out = edit(t, (doc, n) => ({ kind: 'append', doc, array: n(['a']), value: 'ALL' }));
      out = edit(out, (doc, n) => ({ kind: 'append', doc, array: n(['b']), value: 'ALL' }));
      out = edit(out, (doc, n) => ({ kind: 'append', doc, array: n(['c']), value: 'ALL' }));
      assert.equal(out, l('a: [NET_RAW, ALL]', 'b: [ALL]', 'c: [ ALL]'));
    });
    it('appends to an empty flow sequence nested in a flow map', () => {
      const t = l('c: {drop: []}');
      assert.equal(edit(t, (doc, n) => ({ kind: 'append', doc, array: n(['c', 'drop']), value: 'ALL' })), l('c: {drop: [ALL]}'));
    });
    it('appends an object item to a block sequence', () => {
      const t = l('ports:', '- containerPort: 80', '  protocol: TCP');
      assert.equal(edit(t, (doc, n) => ({ kind: 'append', doc, array: n(['ports']), value: { containerPort: 443, name: 'https' } })), l('ports:', '- containerPort: 80', '  protocol: TCP', '- containerPort: 443', '  name: https'));
    });
    it('keeps CRLF and a missing final newline', () => {
      const t = 'drop:\r\n- NET_RAW';
      assert.equal(edit(t, (doc, n) => ({ kind: 'append', doc, array: n(['drop']), value: 'ALL' })), 'drop:\r\n- NET_RAW\r\n- ALL');
    });
  });

  describe('remove', () => {
    it('removes a key on its own line with its comment', () => {
      const t = l('ports:', '- containerPort: 80', '  hostPort: 80 # exposed', '  protocol: TCP');
      assert.equal(edit(t, (doc, n) => ({ kind: 'remove', doc, node: n(['ports', 0, 'hostPort']) })), l('ports:', '- containerPort: 80', '  protocol: TCP'));
    });
    it('removes the first key after `- ` and moves the next key up', () => {
      const t = l('ports:', '  - hostPort: 80', '    containerPort: 80', '  - containerPort: 81');
      assert.equal(edit(t, (doc, n) => ({ kind: 'remove', doc, node: n(['ports', 0, 'hostPort']) })), l('ports:', '  - containerPort: 80', '  - containerPort: 81'));
    });
    it('removes the only key after `- ` leaving an empty map', () => {
      const t = l('ports:', '- hostPort: 80', '- containerPort: 81');
      const out = edit(t, (doc, n) => ({ kind: 'remove', doc, node: n(['ports', 0, 'hostPort']) }));
      assert.equal(out, l('ports:', '- {}', '- containerPort: 81'));
    });
    it('removes the last key of a file without final newline', () => {
      const t = 'spec:\n  a: 1\n  hostPort: 80';
      assert.equal(edit(t, (doc, n) => ({ kind: 'remove', doc, node: n(['spec', 'hostPort']) })), 'spec:\n  a: 1\n');
    });
    it('removes keys from flow maps (first, middle, last, only)', () => {
      const t = l('a: {hostPort: 80, containerPort: 80}', 'b: {x: 1, hostPort: 80, y: 2}', 'c: {x: 1, hostPort: 80}', 'd: {hostPort: 80}');
      let out = t;
      for (const k of ['a', 'b', 'c', 'd']) out = edit(out, (doc, n) => ({ kind: 'remove', doc, node: n([k, 'hostPort']) }));
      assert.equal(out, l('a: {containerPort: 80}', 'b: {x: 1, y: 2}', 'c: {x: 1}', 'd: {}'));
    });
    it('removes items of block and flow sequences', () => {
      const t = l('a:', '- X', '- Y # c', '- Z', 'b: [X, Y, Z]');
      let out = edit(t, (doc, n) => ({ kind: 'remove', doc, node: n(['a', 1]) }));
      out = edit(out, (doc, n) => ({ kind: 'remove', doc, node: n(['b', 1]) }));
      assert.equal(out, l('a:', '- X', '- Z', 'b: [X, Z]'));
    });
    it('removing the only item of a block sequence leaves an empty flow sequence', () => {
      const t = l('a:', '  - X', 'b: 1');
      assert.equal(edit(t, (doc, n) => ({ kind: 'remove', doc, node: n(['a', 0]) })), l('a: []', 'b: 1'));
    });
    it('keeps CRLF line endings', () => {
      const t = 'ports:\r\n- containerPort: 80\r\n  hostPort: 80\r\n  protocol: TCP\r\n';
      assert.equal(edit(t, (doc, n) => ({ kind: 'remove', doc, node: n(['ports', 0, 'hostPort']) })), 'ports:\r\n- containerPort: 80\r\n  protocol: TCP\r\n');
    });
    it('removes a key whose value is a nested block', () => {
      const t = l('a:', '  b:', '    c: 1', '    d: 2', '  e: 3');
      assert.equal(edit(t, (doc, n) => ({ kind: 'remove', doc, node: n(['a', 'b']) })), l('a:', '  e: 3'));
    });
  });

  describe('JSON', () => {
    it('inserts several keys into one existing object from separate intents', () => {
      const t = '{\n  "metadata": {\n    "annotations": {\n      "a": "b"\n    }\n  }\n}\n';
      const file = parseFile('x.json', t);
      const doc = file.documents[0];
      const parent = at(doc.root, ['metadata', 'annotations']);
      const edits = [
        ...editsForIntent(file, { kind: 'insert', doc, parent, path: ['k1'], value: 'v1' }),
        ...editsForIntent(file, { kind: 'insert', doc, parent, path: ['k2'], value: 'v2' }),
      ].sort((x, y) => x.offset - y.offset);
      const merged = edits.length === 2 && edits[0].offset === edits[1].offset && !edits[0].length && !edits[1].length ? [{ ...edits[0], text: edits[0].text + edits[1].text }] : edits;
      const out = applyTextEdits(t, merged);
      assert.deepEqual(JSON.parse(out), { metadata: { annotations: { a: 'b', k1: 'v1', k2: 'v2' } } });
    });
    it('inserts into a multi-line object without re-formatting the line before', () => {
      const t = '{\n  "spec": {\n    "containers": [{"name": "a", "image": "a:1"}]\n  }\n}\n';
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n(['spec']), path: ['securityContext', 'runAsNonRoot'], value: true }), 0, 'x.json');
      assert.equal(out, '{\n  "spec": {\n    "containers": [{"name": "a", "image": "a:1"}],\n    "securityContext": {\n      "runAsNonRoot": true\n    }\n  }\n}\n');
    });
    it('follows tabs and CRLF in a multi-line object', () => {
      const t = '{\r\n\t"a": 1\r\n}\r\n';
      const out = edit(t, (doc, n) => ({ kind: 'insert', doc, parent: n([]), path: ['b'], value: { c: [1] } }), 0, 'x.json');
      assert.equal(out, '{\r\n\t"a": 1,\r\n\t"b": {\r\n\t\t"c": [\r\n\t\t\t1\r\n\t\t]\r\n\t}\r\n}\r\n');
    });
    it('removes keys and elements with their separator only', () => {
      const t = '{\n  "ports": [{"containerPort": 80, "hostPort": 80}, {"hostPort": 81, "name": "x"}, {"hostPort": 82}],\n  "b": [1, 2]\n}\n';
      let out = edit(t, (doc, n) => ({ kind: 'remove', doc, node: n(['ports', 0, 'hostPort']) }), 0, 'x.json');
      out = edit(out, (doc, n) => ({ kind: 'remove', doc, node: n(['ports', 1, 'hostPort']) }), 0, 'x.json');
      out = edit(out, (doc, n) => ({ kind: 'remove', doc, node: n(['ports', 2, 'hostPort']) }), 0, 'x.json');
      out = edit(out, (doc, n) => ({ kind: 'remove', doc, node: n(['b', 0]) }), 0, 'x.json');
      assert.equal(out, '{\n  "ports": [{"containerPort": 80}, {"name": "x"}, {}],\n  "b": [2]\n}\n');
    });
    it('removes a property on its own line', () => {
      const t = '{\n  "a": 1,\n  "hostPort": 80\n}\n';
      assert.equal(edit(t, (doc, n) => ({ kind: 'remove', doc, node: n(['hostPort']) }), 0, 'x.json'), '{\n  "a": 1\n}\n');
    });
    it('appends inline, on its own line, or into an empty array', () => {
      const t = '{\n  "a": ["NET_RAW"],\n  "b": [\n    "X"\n  ],\n  "c": [],\n  "d": ["X","Y"]\n}\n';
      let out = t;
      for (const k of ['a', 'b', 'c', 'd']) out = edit(out, (doc, n) => ({ kind: 'append', doc, array: n([k]), value: 'ALL' }), 0, 'x.json');
      assert.equal(out, '{\n  "a": ["NET_RAW", "ALL"],\n  "b": [\n    "X",\n    "ALL"\n  ],\n  "c": ["ALL"],\n  "d": ["X","Y","ALL"]\n}\n');
    });
    it('removes a key and appends to an array', () => {
      const t = '{"ports": [{"containerPort": 80, "hostPort": 80}], "drop": ["NET_RAW"]}\n';
      let out = edit(t, (doc, n) => ({ kind: 'remove', doc, node: n(['ports', 0, 'hostPort']) }), 0, 'x.json');
      out = edit(out, (doc, n) => ({ kind: 'append', doc, array: n(['drop']), value: 'ALL' }), 0, 'x.json');
      assert.deepEqual(JSON.parse(out), { ports: [{ containerPort: 80 }], drop: ['NET_RAW', 'ALL'] });
    });
  });

  describe('ordered insert (annotations several fixes add)', () => {
    const ins = (key: string, path: Array<string | number>) => (doc: ParsedDocument, n: (p: Array<string | number>) => Node): FixIntent => ({ kind: 'insert', doc, parent: n(path), path: [key], value: 'runtime/default', ordered: true });
    it('block map: before the first key that sorts after it, at its indentation, comments kept; commutes', () => {
      const t = l('metadata:', '  annotations:', '    # reviewed', '    m.example/z: "1"', 'spec: {}');
      const ab = edit(edit(t, ins('a.example/x', ['metadata', 'annotations'])), ins('c.example/y', ['metadata', 'annotations']));
      const ba = edit(edit(t, ins('c.example/y', ['metadata', 'annotations'])), ins('a.example/x', ['metadata', 'annotations']));
      assert.equal(ab, l('metadata:', '  annotations:', '    # reviewed', '    a.example/x: runtime/default', '    c.example/y: runtime/default', '    m.example/z: "1"', 'spec: {}'));
      assert.equal(ba, ab);
    });
    it('flow map: inside the braces before the greater key; no greater key: appended', () => {
      const t = l('annotations: {b: "1", d: "2"} # keep');
      assert.equal(edit(t, ins('c', ['annotations'])), l('annotations: {b: "1", c: runtime/default, d: "2"} # keep'));
      assert.equal(edit(t, ins('e', ['annotations'])), l('annotations: {b: "1", d: "2", e: runtime/default} # keep'));
    });
    it('a map whose first key shares a sequence line falls back to appending', () => {
      const t = l('items:', '- b: "1"', '  d: "2"');
      assert.equal(edit(t, ins('a', ['items', 0])), l('items:', '- b: "1"', '  d: "2"', '  a: runtime/default'));
    });
  });
});

import * as assert from 'node:assert/strict';
import { parseJson } from '../../../server/out/engine/documents/json';

describe('JSON syntax errors read as words, once per position', () => {
  it('names the missing token instead of the parser code', () => {
    const { errors } = parseJson('{\n  "resources": [ {"type": "x"}\n');
    assert.deepEqual(errors.map((e) => e.message), ["JSON syntax error: ']' expected", "JSON syntax error: '}' expected"]);
  });
  it('reports the same error at the same place once', () => {
    const { errors } = parseJson('{\n  "resource": {\n    "a": {\n      "r": { "b": true, }\n  }\n');
    assert.deepEqual(errors.map((e) => e.message), ["JSON syntax error: '}' expected"]);
  });
  it('words other codes too', () => {
    assert.deepEqual(parseJson('{"a" 1}').errors.map((e) => e.message), ["JSON syntax error: ':' expected"]);
    assert.deepEqual(parseJson('{"a": }').errors.map((e) => e.message), ['JSON syntax error: value expected']);
  });
});

import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, Document, Scalar } from 'yaml';
import { Node, YamlStyle } from './tree';
import { ParseProblem } from './types';

/** Aliases resolved per document before the document is declared unsafe (alias bombs). */
const MAX_ALIASES = 1000;
const MAX_DEPTH = 500;

export interface YamlChunk {
  base: number;
  text: string;
}

/**
 * Splits a YAML stream on document markers (`---` / `...` at column 0). The YAML spec forbids those
 * markers inside document content, so a line-based split is exact, and it lets an edit re-parse only
 * the document it touched and keeps one broken document from hiding the others.
 */
export function splitYamlDocuments(text: string): YamlChunk[] {
  const starts: number[] = [0];
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const c0 = text.charCodeAt(lineStart);
    if (c0 === 45 || c0 === 46) {
      const marker = text.slice(lineStart, lineStart + 3);
      const after = text.charCodeAt(lineStart + 3);
      const endsMarker = lineStart + 3 >= text.length || after === 32 || after === 9 || after === 10 || after === 13;
      if (endsMarker && marker === '---' && lineStart > 0) starts.push(lineStart);
      else if (endsMarker && marker === '...' && lineEnd + 1 < text.length) starts.push(lineEnd + 1);
    }
    lineStart = lineEnd + 1;
  }
  const chunks: YamlChunk[] = [];
  let carry = -1; // start of a directives-only chunk that belongs to the next document
  for (let i = 0; i < starts.length; i++) {
    const s = carry >= 0 ? carry : starts[i];
    const e = i + 1 < starts.length ? starts[i + 1] : text.length;
    if (e <= starts[i]) continue;
    const chunkText = text.slice(starts[i], e);
    if (i + 1 < starts.length && /^%/m.test(chunkText) && onlyDirectivesOrComments(chunkText)) {
      if (carry < 0) carry = starts[i];
      continue;
    }
    chunks.push({ base: s, text: text.slice(s, e) });
    carry = -1;
  }
  return chunks;
}

function onlyDirectivesOrComments(s: string): boolean {
  for (const line of s.split('\n')) {
    const t = line.trim();
    if (t && !t.startsWith('#') && !t.startsWith('%')) return false;
  }
  return true;
}

interface ConvertState {
  anchors: Map<string, Node | 'pending'>;
  aliases: number;
  problems: ParseProblem[];
}

export function parseYamlChunk(text: string): { root?: Node; errors: ParseProblem[]; doc?: Document } {
  const deep = flowNestingBeyond(text, MAX_DEPTH);
  if (deep >= 0) return { errors: [{ offset: deep, length: 1, message: `YAML nested deeper than ${MAX_DEPTH} levels: not analysed.` }] };
  let doc: Document;
  try {
    // YAML 1.1 like Kubernetes' own parser (sigs.k8s.io/yaml → go-yaml): `yes`/`on` are booleans.
    doc = parseDocument(text, { version: '1.1', uniqueKeys: false, strict: false, prettyErrors: false });
  } catch (e) {
    return { errors: [{ offset: 0, length: 1, message: `YAML could not be parsed: ${(e as Error).message}` }] };
  }
  const errors: ParseProblem[] = doc.errors.slice(0, 5).map((e) => ({
    offset: Math.min(e.pos[0], text.length),
    length: Math.min(Math.max(1, e.pos[1] - e.pos[0]), text.length - Math.min(e.pos[0], text.length)),
    message: `YAML syntax error: ${e.message.split('\n')[0]}`,
  }));
  if (doc.errors.length) return { errors, doc };
  const state: ConvertState = { anchors: new Map(), aliases: 0, problems: [] };
  let root: Node | undefined;
  try {
    root = doc.contents == null ? undefined : convert(doc.contents, undefined, state, 0);
  } catch (e) {
    state.problems.push({ offset: 0, length: 1, message: `YAML could not be analysed: ${(e as Error).message}` });
    root = undefined;
  }
  return { root: state.problems.length ? undefined : root, errors: state.problems, doc };
}

/**
 * Offset where flow collections (`[`, `{`) or compact block sequences (`- - -`) nest deeper than `max`, or -1.
 * The `yaml` library composes recursively: 100,000 levels take seconds and overflow the stack, so refuse first.
 * Quotes and comments are skipped roughly; a false alarm needs > max unclosed brackets anyway.
 */
export function flowNestingBeyond(text: string, max: number): number {
  let depth = 0;
  let quote = 0;
  let lineStart = true;
  let dashes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      dashes = 0;
      if (quote === 39) quote = 0; // single-quoted scalars rarely span lines in manifests
      continue;
    }
    if (quote) {
      if (c === quote && (quote === 39 || text.charCodeAt(i - 1) !== 92)) quote = 0;
      continue;
    }
    if (c === 34 || c === 39) quote = c;
    else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 10)) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl - 1;
    } else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (lineStart && c === 45 && text.charCodeAt(i + 1) === 32) {
      if (++dashes > max) return i;
      i++;
      continue;
    }
    if (c !== 32 && c !== 9) lineStart = c === 45 ? lineStart : false;
  }
  return -1;
}

function rangeOf(n: { range?: [number, number, number] | null }): [number, number] {
  const r = n.range;
  return r ? [r[0], r[1]] : [0, 0];
}

function convert(n: unknown, parent: Node | undefined, st: ConvertState, depth: number): Node {
  if (depth > MAX_DEPTH) throw new Error(`nested deeper than ${MAX_DEPTH} levels`);
  if (isAlias(n)) {
    if (++st.aliases > MAX_ALIASES) throw new Error(`more than ${MAX_ALIASES} aliases (possible alias bomb)`);
    const target = st.anchors.get(n.source);
    const [s, e] = rangeOf(n as never);
    if (!target || target === 'pending') return { type: 'null', offset: s, length: e - s, parent, value: null };
    return target; // shared, never copied: aliases cannot multiply the tree
  }
  const anchor = (n as { anchor?: string }).anchor;
  if (anchor) st.anchors.set(anchor, 'pending');
  let out: Node;
  if (isScalar(n)) {
    const [s, e] = rangeOf(n);
    out = scalarNode(n, s, e, parent);
  } else if (isMap(n)) {
    const [s, e] = rangeOf(n as never);
    out = { type: 'object', offset: s, length: e - s, parent, children: [], yaml: n.flow ? FLOW : undefined };
    const merges: Node[] = [];
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      const k = pair.key;
      if (!isScalar(k)) continue; // complex keys never matter to the rules
      const keyText = k.value === null ? '' : String(k.value);
      const [ks, ke] = rangeOf(k);
      if (keyText === '<<' && (k as Scalar).type === 'PLAIN') {
        const mv = pair.value ? convert(pair.value, out, st, depth + 1) : undefined;
        if (mv?.type === 'object') merges.push(mv);
        else if (mv?.type === 'array') for (const m of mv.children ?? []) if (m.type === 'object') merges.push(m);
        continue;
      }
      const prop: Node = { type: 'property', offset: ks, length: 0, parent: out, children: [] };
      const keyNode: Node = { type: 'string', offset: ks, length: ke - ks, value: keyText, parent: prop, yaml: styleOf(k as Scalar) };
      let valueNode: Node;
      if (pair.value == null) {
        valueNode = { type: 'null', offset: ke, length: 0, value: null, parent: prop };
      } else {
        valueNode = convert(pair.value, prop, st, depth + 1);
        if (!isAlias(pair.value) && valueNode.type === 'null' && valueNode.length === 0) valueNode.offset = Math.max(valueNode.offset, ke);
      }
      prop.children = [keyNode, valueNode];
      prop.length = Math.max(valueNode.offset + valueNode.length, ke) - ks;
      prop.colonOffset = ke;
      out.children!.push(prop);
    }
    // YAML 1.1 merge keys: merged entries never override explicit ones (the set is only built when there are merges).
    const explicit = merges.length ? new Set<string>(out.children!.map((p) => p.children![0].value as string)) : undefined;
    for (const m of merges) {
      for (const p of m.children ?? []) {
        const key = p.children?.[0]?.value as string;
        if (!explicit!.has(key)) {
          explicit!.add(key);
          out.children!.push(p);
        }
      }
    }
  } else if (isSeq(n)) {
    const [s, e] = rangeOf(n as never);
    out = { type: 'array', offset: s, length: e - s, parent, children: [], yaml: n.flow ? FLOW : undefined };
    for (const item of n.items) {
      if (item == null) continue;
      out.children!.push(convert(item, out, st, depth + 1));
    }
  } else {
    out = { type: 'null', offset: 0, length: 0, parent, value: null };
  }
  if (anchor) st.anchors.set(anchor, out);
  return out;
}

const FLOW: YamlStyle = Object.freeze({ flow: true });
const DOUBLE_QUOTED: YamlStyle = Object.freeze({ quote: 'double' });
const SINGLE_QUOTED: YamlStyle = Object.freeze({ quote: 'single' });
function styleOf(n: Scalar): YamlStyle | undefined {
  return n.type === 'QUOTE_DOUBLE' ? DOUBLE_QUOTED : n.type === 'QUOTE_SINGLE' ? SINGLE_QUOTED : undefined;
}

function scalarNode(n: Scalar, s: number, e: number, parent: Node | undefined): Node {
  const v = n.value;
  const yaml = styleOf(n);
  if (v === null || v === undefined) return { type: 'null', offset: s, length: e - s, value: null, parent, yaml };
  if (typeof v === 'boolean') return { type: 'boolean', offset: s, length: e - s, value: v, parent, yaml };
  if (typeof v === 'number') return { type: 'number', offset: s, length: e - s, value: v, parent, yaml };
  if (typeof v === 'bigint') return { type: 'number', offset: s, length: e - s, value: Number(v), parent, yaml };
  if (v instanceof Date) return { type: 'string', offset: s, length: e - s, value: n.source ?? v.toISOString(), parent, yaml };
  return { type: 'string', offset: s, length: e - s, value: String(v), parent, yaml };
}

/**
 * True when a YAML document is a Go/Helm template rather than a manifest: `{{` occurs outside block
 * scalars (`|`, `>`) and comments. Manifests that carry Go templates as data (Prometheus rules, config
 * files in a ConfigMap) keep them in block scalars; Helm writes them in keys, plain and quoted values.
 */
export function isGoTemplate(text: string, doc: Document | undefined): boolean {
  if (!text.includes('{{')) return false;
  const blocks: Array<[number, number]> = [];
  if (doc) {
    visit(doc, {
      Scalar(_, n) {
        if ((n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') && n.range) blocks.push([n.range[0], n.range[1]]);
      },
    });
  }
  for (let i = text.indexOf('{{'); i >= 0; i = text.indexOf('{{', i + 2)) {
    if (blocks.some(([s, e]) => i >= s && i < e)) continue;
    const line = text.slice(text.lastIndexOf('\n', i - 1) + 1, i);
    if (/(^|\s)#/.test(line) && !/["']/.test(line)) continue; // in a comment
    return true;
  }
  return false;
}

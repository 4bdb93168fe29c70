/**
 * A small Terraform-JSON-to-HCL writer for tests: the HCL twin of a `.tf.json` test case, written as `terraform fmt`
 * would (two-space indentation, `=` aligned within a run of single-line attributes). Objects in a resource body are
 * nested blocks (arrays of objects are repeated blocks), except the map attributes listed in MAP_ATTRIBUTES; a string
 * that is exactly `${expr}` is written as the bare expression.
 */
type Json = unknown;

const MAP_ATTRIBUTES = new Set(['tags', 'node_labels', 'body', 'parameters', 'value', 'default', 'headers']);

export function tfJsonToHcl(config: Record<string, Json>): string {
  const out: string[] = [];
  for (const [kind, value] of Object.entries(config)) {
    for (const v of asList(value)) {
      if (kind === 'resource' || kind === 'data') {
        for (const [type, byNames] of Object.entries(obj(v))) {
          for (const [name, body] of asList(byNames).flatMap((byName) => Object.entries(obj(byName)))) {
            for (const b of asList(body)) out.push(block(`${kind} ${q(type)} ${q(name)}`, obj(b), 0, false));
          }
        }
      } else if (kind === 'variable' || kind === 'output' || kind === 'module' || kind === 'provider') {
        for (const [name, body] of Object.entries(obj(v))) {
          for (const b of asList(body)) out.push(block(`${kind} ${q(name)}`, obj(b), 0, kind === 'variable'));
        }
      } else if (kind === 'locals') {
        out.push(block('locals', obj(v), 0, true));
      } else if (kind === 'terraform') {
        out.push(block('terraform', obj(v), 0, false, true));
      }
    }
  }
  return out.join('\n');
}

function block(header: string, body: Record<string, Json>, depth: number, attributesOnly: boolean, terraformBlock = false): string {
  const pad = '  '.repeat(depth);
  return `${pad}${header} {\n${bodyLines(body, depth + 1, attributesOnly, terraformBlock).join('')}${pad}}\n`;
}

function bodyLines(body: Record<string, Json>, depth: number, attributesOnly: boolean, terraformBlock: boolean): string[] {
  const pad = '  '.repeat(depth);
  const lines: string[] = [];
  let run: Array<[string, string]> = [];
  const flush = () => {
    const width = Math.max(...run.filter(([, v]) => !v.includes('\n')).map(([k]) => k.length), 0);
    for (const [k, v] of run) lines.push(`${pad}${v.includes('\n') ? k : k.padEnd(width)} = ${v}\n`);
    run = [];
  };
  for (const [key, value] of Object.entries(body)) {
    const isBlock = !attributesOnly && isBlockValue(key, value, terraformBlock);
    if (!isBlock) {
      const v = key === 'type' && typeof value === 'string' && /^(bool|string|number|any)$/.test(value) && attributesOnly ? value : expr(value, depth);
      run.push([/^[A-Za-z_][\w-]*$/.test(key) ? key : q(key), v]);
      if (v.includes('\n')) flush();
      continue;
    }
    flush();
    for (const b of asList(value)) {
      const nested = key === 'required_providers';
      lines.push(block(key, obj(b), depth, nested, false));
    }
  }
  flush();
  return lines;
}

function isBlockValue(key: string, value: Json, terraformBlock: boolean): boolean {
  if (MAP_ATTRIBUTES.has(key)) return false;
  if (terraformBlock) return value !== null && typeof value === 'object';
  if (Array.isArray(value)) return value.length > 0 && value.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
  return value !== null && typeof value === 'object';
}

function expr(v: Json, depth: number): string {
  if (v === null) return 'null';
  if (typeof v === 'string') {
    const m = /^\$\{([^{}]*)\}$/.exec(v);
    return m ? m[1].trim() : q(v);
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => expr(x, depth)).join(', ')}]`;
  const entries = Object.entries(v as Record<string, Json>);
  if (!entries.length) return '{}';
  const pad = '  '.repeat(depth + 1);
  const width = Math.max(...entries.map(([k]) => keyOf(k).length));
  return `{\n${entries.map(([k, x]) => `${pad}${keyOf(k).padEnd(width)} = ${expr(x, depth + 1)}\n`).join('')}${'  '.repeat(depth)}}`;
}

const keyOf = (k: string) => (/^[A-Za-z_][\w-]*$/.test(k) ? k : q(k));

/** An HCL quoted string: JSON escapes are HCL escapes; `${` stays a template interpolation. */
function q(s: string): string {
  return JSON.stringify(s).replace(/%\{/g, '%%{');
}

function asList(v: Json): Json[] {
  return Array.isArray(v) ? v : [v];
}

function obj(v: Json): Record<string, Json> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, Json>) : {};
}

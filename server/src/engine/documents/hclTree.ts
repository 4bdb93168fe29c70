/**
 * HCL onto the shared Node tree, the way Terraform's own JSON syntax writes the same configuration, so that every
 * Terraform reader (model/terraform.ts) and every rule works on `.tf` unchanged:
 *
 *   resource "azurerm_kubernetes_cluster" "main" { … }   ->  resource: [ { azurerm_kubernetes_cluster: { main: {…} } } ]
 *   variable "x" { default = 1 }                         ->  variable: [ { x: { default: 1 } } ]
 *   locals { a = 1 }  /  terraform { … }                  ->  locals: [ { a: 1 } ]  /  terraform: [ {…} ]
 *   a nested block `network_profile { … }` (n times)     ->  network_profile: [ {…}, … ]   (an array of objects)
 *   dynamic "identity" { for_each = …; content { … } }   ->  identity: [ <unknown expression> ]   (contents unknown)
 *   name = "aks"  /  count = 3  /  enabled = true / null ->  string / number / boolean / null nodes
 *   tags = { a = "b" }  /  zones = ["1", "2"]             ->  object / array nodes
 *   any other expression (var.x, "aks-${var.env}", f(x)) ->  a string node whose value is the expression as Terraform
 *                                                           JSON writes it ("${var.x}", "aks-${var.env}") and whose
 *                                                           `hcl.expr` is its syntax tree (the resolver evaluates it)
 *
 * Every top-level block type is one property holding an array (one element per block, in file order), because the
 * shared tree's property() returns the last of equal keys. Ranges: a block's element spans the block; a label key
 * spans the quoted label; a block body object spans `{ … }`; an attribute's key spans its name and its value the
 * expression. Block and attribute nodes keep their HCL syntax (`hcl`) for the HCL fix writer (fixes/hcl.ts).
 */
import type { Expr, HclBlock, HclBody, HclFile } from './hcl';
import type { Node } from './tree';

export function hclToTree(file: HclFile, text: string): Node {
  const root: Node = { type: 'object', offset: 0, length: text.length, children: [], hcl: { body: file.body } };
  addBody(root, file.body, text, true);
  return root;
}

function addBody(obj: Node, body: HclBody, text: string, topLevel: boolean) {
  const arrays = new Map<string, { prop: Node; array: Node }>();
  for (const item of body.items) {
    if (item.kind === 'attribute') {
      const prop: Node = { type: 'property', offset: item.start, length: item.end - item.start, parent: obj, children: [], hcl: { attribute: item } };
      const key: Node = { type: 'string', value: item.name, offset: item.nameSpan.start, length: item.nameSpan.end - item.nameSpan.start, parent: prop };
      prop.children!.push(key, exprToNode(item.expr, prop, text));
      obj.children!.push(prop);
      continue;
    }
    const dynamic = !topLevel && item.type === 'dynamic' && item.labels.length === 1;
    const name = dynamic ? item.labels[0].value : item.type;
    const keySpan = dynamic ? item.labels[0] : item.typeSpan;
    let slot = arrays.get(name);
    if (!slot) {
      const prop: Node = { type: 'property', offset: item.start, length: item.end - item.start, parent: obj, children: [] };
      const key: Node = { type: 'string', value: name, offset: keySpan.start, length: keySpan.end - keySpan.start, parent: prop };
      const array: Node = { type: 'array', offset: item.start, length: item.end - item.start, parent: prop, children: [] };
      prop.children!.push(key, array);
      obj.children!.push(prop);
      arrays.set(name, (slot = { prop, array }));
    }
    slot.array.length = item.end - slot.array.offset;
    slot.prop.length = item.end - slot.prop.offset;
    slot.array.children!.push(dynamic ? unknownBlock(item, slot.array) : blockElement(item, 0, slot.array, text));
  }
}

/** A block with labels from `from` on: one object level per label, then the body object. */
function blockElement(block: HclBlock, from: number, parent: Node, text: string): Node {
  if (from >= block.labels.length) {
    const body: Node = { type: 'object', offset: block.open, length: block.end - block.open, parent, children: [], hcl: { body: block.body, block } };
    addBody(body, block.body, text, false);
    return body;
  }
  const label = block.labels[from];
  const obj: Node = { type: 'object', offset: label.start, length: block.end - label.start, parent, children: [], hcl: from === 0 ? { block } : undefined };
  const prop: Node = { type: 'property', offset: label.start, length: block.end - label.start, parent: obj, children: [] };
  const key: Node = { type: 'string', value: label.value, offset: label.start, length: label.end - label.start, parent: prop };
  prop.children!.push(key, blockElement(block, from + 1, prop, text));
  obj.children!.push(prop);
  return obj;
}

/** `dynamic "x" { … }`: the block may exist; what it holds is known only at plan time. */
function unknownBlock(block: HclBlock, parent: Node): Node {
  const expr: Expr = { k: 'for', object: true, start: block.start, end: block.end };
  return { type: 'string', value: '${dynamic}', offset: block.start, length: block.end - block.start, parent, hcl: { expr, block } };
}

/** Literals become plain nodes; collections become objects/arrays; anything else an expression string (see header). */
export function exprToNode(e: Expr, parent: Node | undefined, text: string, offsetBias = 0): Node {
  const offset = e.start + offsetBias;
  const length = e.end - e.start;
  switch (e.k) {
    case 'number':
      return { type: 'number', value: e.value, offset, length, parent, hcl: { expr: e } };
    case 'bool':
      return { type: 'boolean', value: e.value, offset, length, parent, hcl: { expr: e } };
    case 'null':
      return { type: 'null', value: null, offset, length, parent, hcl: { expr: e } };
    case 'template': {
      if (e.parts.every((p) => p.kind === 'text')) {
        return { type: 'string', value: e.parts.map((p) => (p.kind === 'text' ? p.value : '')).join(''), offset, length, parent, hcl: { expr: e } };
      }
      const raw = e.heredoc ? text.slice(e.start, e.end) : text.slice(e.start + 1, e.end - 1);
      return { type: 'string', value: raw, offset, length, parent, hcl: { expr: e } };
    }
    case 'tuple': {
      const arr: Node = { type: 'array', offset, length, parent, children: [], hcl: { expr: e } };
      for (const item of e.items) arr.children!.push(exprToNode(item, arr, text, offsetBias));
      return arr;
    }
    case 'object': {
      const obj: Node = { type: 'object', offset, length, parent, children: [], hcl: { expr: e } };
      for (const item of e.items) {
        const prop: Node = { type: 'property', offset: item.start + offsetBias, length: item.end - item.start, parent: obj, children: [], hcl: { item } };
        const k = item.key;
        const keyValue = k.k === 'variable' ? k.name
          : k.k === 'template' && k.parts.every((p) => p.kind === 'text') ? k.parts.map((p) => (p.kind === 'text' ? p.value : '')).join('')
          : `\${${text.slice(k.start, k.end)}}`;
        prop.children!.push({ type: 'string', value: keyValue, offset: k.start + offsetBias, length: k.end - k.start, parent: prop, hcl: { expr: k } });
        prop.children!.push(exprToNode(item.value, prop, text, offsetBias));
        obj.children!.push(prop);
      }
      return obj;
    }
    default:
      return { type: 'string', value: `\${${text.slice(e.start, e.end)}}`, offset, length, parent, hcl: { expr: e } };
  }
}

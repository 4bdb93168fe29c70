import type { Node } from './tree';
import type { ParsedDocument, ParsedFile } from './types';

/**
 * Which document a node belongs to, and which file a document belongs to. Cross-file analysis (a Bicep module and its
 * caller, a Terraform module directory, a Kustomize base and its overlays) meets nodes of several files in one model:
 * a finding and a fix must land in the file the node was written in. Registered by parseFile; a document built
 * outside parseFile (a unit test's hand-made document) has no owner and counts as the file being analysed.
 */
const DOC_OF_ROOT = new WeakMap<Node, ParsedDocument>();
const FILE_OF_DOC = new WeakMap<ParsedDocument, ParsedFile>();

export function registerDocument(file: ParsedFile, doc: ParsedDocument): void {
  FILE_OF_DOC.set(doc, file);
  if (doc.root) DOC_OF_ROOT.set(doc.root, doc);
}

/** The document `node` was parsed in (walks up to the root: depth of the tree). */
export function docOf(node: Node | undefined): ParsedDocument | undefined {
  let cur = node;
  // A built node (Kustomize) belongs to the document of the node it stands for.
  while (cur?.parent && !cur.source) cur = cur.parent;
  if (cur?.source) return docOf(cur.source);
  return cur ? DOC_OF_ROOT.get(cur) : undefined;
}

/** The file a document belongs to. */
export function fileOf(doc: ParsedDocument | undefined): ParsedFile | undefined {
  return doc ? FILE_OF_DOC.get(doc) : undefined;
}

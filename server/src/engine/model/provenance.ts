import { Node } from '../documents';
import { isSynthetic, Lookup } from './lookup';

/**
 * The placement and wording policy of every finding about a value read through a parameter or variable (ARM
 * `[parameters('x')]` / `[variables('x')]`, Terraform `${var.x}`), written once here and applied by the engine to
 * every rule's report (analyze.ts toFinding), so no rule can place or word one differently (issue 16):
 *
 * - Placement: a value that is written (a literal in a parameter's default, a variable, a caller's argument) is reported
 *   where it is written. A setting that is missing below an object a parameter or variable holds, or that reads `null`
 *   through one, has no such place: it is reported where the resource reads the parameter or variable, on that
 *   expression (`lookup.site`, the first one on the setting's path), never on the declaration's `{}` or `null`.
 *   (Fixes edit the literal where the value comes from, `lookup.origin`, or insert into the object that holds it.)
 * - Wording: the message names it, "(from parameter 'x')" / "(from variable 'x')", at the end of its first sentence
 *   unless the rule's message already places it (`{{via}}`).
 *
 * A finding whose node a rule chose inside the resource stays there; only one that would land outside the resource
 * (in a declaration) moves to the site.
 */
export function findingNode(resourceNode: Node, lookup: Lookup | undefined, chosen: Node | undefined): Node | undefined {
  const site = lookup?.site && !isSynthetic(lookup.site) ? lookup.site : undefined;
  if (!site) return chosen;
  if (!chosen || isSynthetic(chosen)) return site;
  // The key of the property that reads the parameter (`"aadProfile": "[parameters('p')]"`): on the expression.
  if (chosen.parent?.type === 'property' && chosen.parent.children?.[0] === chosen && chosen.parent.children?.[1] === site) return site;
  if (within(chosen, resourceNode)) return chosen;
  // A value written in a declaration (a parameter's default, a caller's value) is where the value is written: there.
  // A container there (the `{}` default a missing setting would go in, a `null`) is not the value: at the site.
  return chosen.type === 'object' || chosen.type === 'array' || chosen.type === 'null' ? site : chosen;
}

/** " (from parameter 'x')" when a known or absent value was read through a parameter or variable; '' otherwise. */
export function viaText(l: Lookup | undefined): string {
  return l && l.state !== 'unknown' && l.via ? ` (from ${l.via})` : '';
}

/** The message with viaText(lookup) at the end of its first sentence, unless it already names it. */
export function withVia(message: string, lookup: Lookup | undefined): string {
  const note = viaText(lookup);
  if (!note || message.includes(note.trim())) return message;
  const end = /\.(?=\s+[A-Z]|\s*$)/.exec(message);
  return end ? message.slice(0, end.index) + note + message.slice(end.index) : message + note;
}

export function within(node: Node, ancestor: Node): boolean {
  for (let n: Node | undefined = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

import type { ParsedFile } from '../documents';
import { Fix, TextEdit } from './intent';
import { applyTextEdits, editsForFix, fixIsLocal } from './index';

/** What one analysis of the current text offers: the parsed file and its fixes, in finding order. */
export interface FixablePass {
  file: ParsedFile;
  fixes: Fix[];
}

export interface FixAllResult {
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** Analyses that applied at least one fix. */
  passes: number;
  /** False when fixes were still offered after the last pass (a fix that does not remove its finding). */
  converged: boolean;
}

/** ESLint's limit: a fix that keeps re-creating its finding cannot loop forever. */
export const MAX_FIX_PASSES = 10;

/**
 * "Fix all", ESLint-style multipass: apply every fix of one analysis whose edits do not touch the
 * edits of a fix taken before it (in finding order), re-analyse, repeat until no fix is offered.
 * Fixes that touch each other (two keys inserted at one point, a parent created twice) wait for the
 * next pass, so the result equals applying the fixes one at a time in finding order.
 * `analyse` re-runs the engine on a text (the caller chooses the rules, options and project).
 */
export function fixAll(text: string, analyse: (text: string) => FixablePass, maxPasses = MAX_FIX_PASSES): FixAllResult {
  let current = text;
  let applied = 0;
  let passes = 0;
  for (;;) {
    const pass = analyse(current);
    // A fix that edits another file too (a variable's default) is applied whole or not at all: not by a one-file fix-all.
    const fixes = pass.fixes.filter((f) => fixIsLocal(pass.file, f));
    if (!fixes.length) return { text: current, applied, passes, converged: true };
    if (passes >= maxPasses) return { text: current, applied, passes, converged: false };
    const taken: Array<[number, number]> = [];
    const edits: TextEdit[] = [];
    for (const fix of fixes) {
      const e = editsForFix(pass.file, fix);
      if (!e.length) continue;
      const span: [number, number] = [Math.min(...e.map((x) => x.offset)), Math.max(...e.map((x) => x.offset + x.length))];
      // Closed intervals: an insertion at the boundary of another edit conflicts too.
      if (taken.some(([s, t]) => span[0] <= t && span[1] >= s)) continue;
      taken.push(span);
      edits.push(...e);
      applied++;
    }
    if (!edits.length) return { text: current, applied, passes, converged: false };
    current = applyTextEdits(current, edits);
    passes++;
  }
}

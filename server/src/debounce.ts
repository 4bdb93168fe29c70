/**
 * When the server analyses a document after something happened to it. Opening a document is not typing: its first
 * analysis starts at once. An edit waits a little so that a burst of keystrokes (or the several didChange
 * notifications of one paste or format) costs one analysis, and how long depends on what the last analysis of that
 * document cost: a 3 ms manifest waits 20 ms, a 1 MB file whose analysis takes 150 ms waits 300 ms. A run that a newer
 * version makes stale still stops at its next time slice (server.ts `validate`), so a short delay wastes little.
 */

export type ScheduleReason =
  /** The document was opened: analyse now. */
  | 'open'
  /** The user edited the document. */
  | 'edit'
  /** A file the last analysis read changed (a base, a variables file, another open buffer). */
  | 'dependency'
  /** Configuration or settings changed: every open document is analysed again, at once. */
  | 'config';

/** Shortest wait after an edit: coalesces the notifications of one gesture; well under what a user perceives. */
export const MIN_EDIT_DELAY_MS = 20;
/** Longest wait after an edit (the previous fixed debounce was 150 ms for every file). */
export const MAX_EDIT_DELAY_MS = 300;
/** The wait is this many times the last analysis's cost: a keystroke typed during the wait cancels nothing costly. */
export const COST_FACTOR = 2;
/**
 * What a full analysis of a text this long costs at most once the engine is warm: 1 ms per KB (the bench's 1 MB
 * manifest takes ≈ 0.6 ms per KB, its 1,000-resource ARM template ≈ 0.2). It stands for the cost before any analysis
 * of the document finished (an edit right after open) and bounds the measured one: the first analysis in a fresh
 * server runs cold (≈ 120 ms for a 200-line manifest that takes 3 ms warm) and would hold the next keystroke back.
 */
const WARM_MS_PER_CHAR = 1 / 1024;

/**
 * Delay in milliseconds before analysing a document. `lastCostMs` is the wall time of the last completed analysis of
 * this document (parse + rules), undefined before the first one; `textLength` bounds it (see WARM_MS_PER_CHAR).
 * Neither known: the shortest delay.
 */
export function analysisDelay(reason: ScheduleReason, lastCostMs: number | undefined, textLength?: number): number {
  if (reason === 'open' || reason === 'config') return 0;
  const bound = textLength === undefined ? Infinity : textLength * WARM_MS_PER_CHAR;
  const cost = lastCostMs === undefined && textLength === undefined ? 0 : Math.min(lastCostMs ?? bound, bound);
  return Math.round(Math.min(MAX_EDIT_DELAY_MS, Math.max(MIN_EDIT_DELAY_MS, COST_FACTOR * cost)));
}

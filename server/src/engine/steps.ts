/**
 * Long engine work (parsing a many-document file, running every rule) is written as a generator that yields
 * between small steps. The CLI and tests run it to the end at once (`complete`); the language server runs it in
 * time slices (`runInSlices`) so the connection keeps answering requests, and drops it as soon as it is stale.
 * Both run the same code, so their results are the same.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step now and returns the result. */
export function complete<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface SliceOptions {
  /** Longest run without yielding to the event loop, in ms. */
  sliceMs?: number;
  /** Checked after every yield to the event loop: true stops the work (the result is undefined). */
  cancelled?: () => boolean;
}

/** Runs the steps, yielding to the event loop every `sliceMs`; undefined when cancelled. */
export async function runInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T | undefined> {
  const sliceMs = options.sliceMs ?? 10;
  let sliceStart = Date.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (Date.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      if (options.cancelled?.()) {
        steps.return(undefined as never);
        return undefined;
      }
      sliceStart = Date.now();
    }
  }
}

// Long computations as generators: each `yield` is a point where the caller may stop, pause or
// report progress (the yielded value, 0..1). Run one to the end with `finish`, or in time-boxed
// slices with `advance` or `runSteps`, which a worker calls between turns of its message loop.
import { CancelledError } from './batching';

export type Steps<T> = Generator<number, T, void>;

/** Runs the steps to their end and returns the result. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Advances for about budgetMs; returns the result when the steps end, else the latest progress. */
export function advance<T>(steps: Steps<T>, budgetMs: number): { done: true; value: T } | { done: false; progress: number } {
  const until = performance.now() + budgetMs;
  for (;;) {
    const next = steps.next();
    if (next.done) return { done: true, value: next.value };
    if (performance.now() >= until) return { done: false, progress: next.value };
  }
}

/** Progress through `steps` mapped onto [from, to] of a larger whole. */
export function* within<T>(steps: Steps<T>, from: number, to: number): Steps<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    yield from + (to - from) * next.value;
  }
}

/**
 * Runs steps to their end in slices of `sliceMs`, awaiting `yieldTurn` before each (a worker's
 * message loop, where a cancel arrives), reporting progress at most every 100 ms.
 */
export async function runSteps<T>(
  steps: Steps<T>,
  options: { sliceMs: number; yieldTurn: () => Promise<void>; cancelled: () => boolean; onProgress?: (progress: number) => void },
): Promise<T> {
  let reported = 0;
  for (;;) {
    await options.yieldTurn();
    if (options.cancelled()) throw new CancelledError();
    const next = advance(steps, options.sliceMs);
    if (next.done) return next.value;
    if (options.onProgress && performance.now() - reported > 100) {
      reported = performance.now();
      options.onProgress(next.progress);
    }
  }
}

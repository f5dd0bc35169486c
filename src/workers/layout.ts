// The layout worker's handlers: it holds the corpus vectors and runs a layout on them in time-boxed
// steps, posting frames, honouring pause and cancel, one run at a time (a new run cancels the one
// before: `latestOnly` in layout.worker.ts).
import { CancelledError } from '../core/batching';
import { startLayout } from '../core/layoutRun';
import { reduceVectors } from '../core/snapshot/reduce';
import { HeldVectors, nextTurn } from './held';
import { type Handlers, transferring } from './host';
import type { LayoutCalls, LayoutFrame, LayoutNote } from './layout.protocol';

/** How long one step runs between turns of the message loop, and the least time between two frames. */
export interface LayoutTiming {
  stepMs: number;
  frameMs: number;
}
const TIMING: LayoutTiming = { stepMs: 40, frameMs: 120 };
const idleWait = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

export interface LayoutWorker {
  handlers: Handlers<LayoutCalls, LayoutFrame>;
  /** pause and resume reach the run in progress */
  onNote: (note: LayoutNote) => void;
}

export function layoutWorker(yieldTurn = nextTurn, idle = idleWait, timing: LayoutTiming = TIMING): LayoutWorker {
  const vectors = new HeldVectors();
  let paused = false;
  // a frame is on its way to the page or being drawn there: the next waits for `shown`
  let frameOut = false;
  return {
    onNote: (note) => {
      if (note.type === 'shown') frameOut = false;
      else paused = note.type === 'pause';
    },
    handlers: {
      vectors: (request) => vectors.hold(request),
      reduce: (request) => {
        const held = vectors.get(request.vectorsId);
        const reduced = reduceVectors(held.vectors, held.count, held.dims, request.components);
        return transferring(reduced, [reduced.data.buffer]);
      },
      layout: async (request, call) => {
        paused = false;
        frameOut = false;
        const started = performance.now();
        const held = vectors.get(request.vectorsId);
        const run = startLayout(held.vectors, held.count, held.dims, request.params);
        let lastFrame = -Infinity;
        while (!run.done) {
          await yieldTurn();
          if (call.signal.aborted) throw new CancelledError();
          if (paused) {
            await idle();
            continue;
          }
          run.step(timing.stepMs);
          if (!run.done && !frameOut && performance.now() - lastFrame >= timing.frameMs) {
            lastFrame = performance.now();
            frameOut = true;
            const coords = run.coords();
            call.emit({ type: 'frame', coords, progress: run.progress() }, [coords.buffer]);
          }
        }
        const coords = run.coords();
        return transferring(
          { coords, pca: run.pca, explained: run.explained, notes: run.notes, sampled: run.sampled, elapsedMs: performance.now() - started },
          [coords.buffer],
        );
      },
    },
  };
}

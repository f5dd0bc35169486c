// The layout worker's work as plain functions: holds the corpus vectors, runs a layout on them in
// time-boxed steps, posting frames, honouring pause and cancel, one run at a time (a new run
// cancels the one before).
import { CancelledError } from '../core/batching';
import { startLayout } from '../core/layoutRun';
import { reduceVectors } from '../core/snapshot/reduce';
import { HeldVectors } from './heldVectors';
import type { LayoutCalls, LayoutInbox, LayoutOutbox } from './layout.protocol';
import { type CallRequest, errorMessage } from './rpc';

/** How long one step runs between turns of the message loop, and the least time between two frames. */
export interface LayoutTiming {
  stepMs: number;
  frameMs: number;
}
const TIMING: LayoutTiming = { stepMs: 40, frameMs: 120 };

type Post = (message: LayoutOutbox, transfer?: Transferable[]) => void;
type Pause = () => Promise<void>;

interface Control {
  paused: boolean;
  cancelled: boolean;
}

export class LayoutHost {
  private readonly controls = new Map<number, Control>();
  private readonly vectors = new HeldVectors();

  constructor(
    private readonly post: Post,
    private readonly yieldTurn: Pause = () => new Promise((resolve) => setTimeout(resolve, 0)),
    private readonly idle: Pause = () => new Promise((resolve) => setTimeout(resolve, 50)),
    private readonly timing: LayoutTiming = TIMING,
  ) {}

  handle(request: LayoutInbox): Promise<void> | void {
    if (request.type === 'pause' || request.type === 'resume') {
      for (const control of this.controls.values()) control.paused = request.type === 'pause';
    } else if (request.type === 'cancel') {
      const control = this.controls.get(request.id);
      if (control) control.cancelled = true;
    } else if (request.type === 'vectors') {
      try {
        this.post({ type: 'result', id: request.id, result: this.vectors.hold(request) });
      } catch (error) {
        this.post(errorMessage(request.id, error));
      }
    } else if (request.type === 'reduce') {
      try {
        const { vectors, count, dims } = this.vectors.get(request.vectorsId);
        const reduced = reduceVectors(vectors, count, dims, request.components);
        this.post({ type: 'result', id: request.id, result: reduced }, [reduced.data.buffer]);
      } catch (error) {
        this.post(errorMessage(request.id, error));
      }
    } else if (request.type === 'layout') return this.run(request);
  }

  private async run(request: Extract<CallRequest<LayoutCalls>, { type: 'layout' }>): Promise<void> {
    for (const other of this.controls.values()) other.cancelled = true;
    const control: Control = { paused: false, cancelled: false };
    const { id } = request;
    this.controls.set(id, control);
    const started = performance.now();
    try {
      const { vectors, count, dims } = this.vectors.get(request.vectorsId);
      const run = startLayout(vectors, count, dims, request.params);
      let lastFrame = -Infinity;
      while (!run.done) {
        await this.yieldTurn();
        if (control.cancelled) throw new CancelledError();
        if (control.paused) {
          await this.idle();
          continue;
        }
        run.step(this.timing.stepMs);
        if (!run.done && performance.now() - lastFrame >= this.timing.frameMs) {
          lastFrame = performance.now();
          const coords = run.coords();
          this.post({ type: 'frame', id, coords, progress: run.progress() }, [coords.buffer]);
        }
      }
      const coords = run.coords();
      const result = { coords, pca: run.pca, explained: run.explained, notes: run.notes, elapsedMs: performance.now() - started };
      this.post({ type: 'result', id, result }, [coords.buffer]);
    } catch (error) {
      this.post(errorMessage(id, error));
    } finally {
      this.controls.delete(id);
    }
  }
}

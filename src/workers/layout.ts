// The layout worker's work as plain functions: runs a layout in time-boxed steps, posting frames,
// honouring pause and cancel, one run at a time (a new run cancels the one before).
import { CancelledError } from '../core/batching';
import { startLayout } from '../core/layoutRun';
import type { LayoutEvent, LayoutRequest } from './layout.protocol';

const STEP_MS = 40;
const FRAME_MS = 120;

type Post = (event: LayoutEvent, transfer?: Transferable[]) => void;
type Pause = () => Promise<void>;

interface Control {
  paused: boolean;
  cancelled: boolean;
}

export class LayoutHost {
  private readonly controls = new Map<number, Control>();

  constructor(
    private readonly post: Post,
    private readonly yieldTurn: Pause = () => new Promise((resolve) => setTimeout(resolve, 0)),
    private readonly idle: Pause = () => new Promise((resolve) => setTimeout(resolve, 50)),
  ) {}

  handle(request: LayoutRequest): Promise<void> | void {
    const control = this.controls.get(request.id);
    if (request.type === 'pause' && control) control.paused = true;
    else if (request.type === 'resume' && control) control.paused = false;
    else if (request.type === 'cancel' && control) control.cancelled = true;
    else if (request.type === 'layout') return this.run(request);
  }

  private async run(request: Extract<LayoutRequest, { type: 'layout' }>): Promise<void> {
    for (const other of this.controls.values()) other.cancelled = true;
    const control: Control = { paused: false, cancelled: false };
    this.controls.set(request.id, control);
    const { id } = request;
    const started = performance.now();
    try {
      const run = startLayout(request.vectors, request.count, request.dims, request.params);
      let lastFrame = 0;
      while (!run.done) {
        await this.yieldTurn();
        if (control.cancelled) throw new CancelledError();
        if (control.paused) {
          await this.idle();
          continue;
        }
        run.step(STEP_MS);
        if (!run.done && performance.now() - lastFrame > FRAME_MS) {
          lastFrame = performance.now();
          const coords = run.coords();
          this.post({ type: 'frame', id, coords, progress: run.progress() }, [coords.buffer]);
        }
      }
      const coords = run.coords();
      this.post(
        { type: 'result', id, coords, pca: run.pca, explained: run.explained, notes: run.notes, elapsedMs: performance.now() - started },
        [coords.buffer],
      );
    } catch (error) {
      const cancelled = error instanceof CancelledError;
      this.post({ type: 'error', id, message: cancelled ? 'cancelled' : (error as Error).message, cancelled });
    } finally {
      this.controls.delete(id);
    }
  }
}

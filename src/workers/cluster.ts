// The clustering worker: holds the corpus vectors and chunk texts, and clusters them in steps
// between turns of its message loop, so that a cancel (or a newer corpus) stops the work.
import { clusterSteps } from '../core/clustering/clusters';
import { runSteps } from '../core/steps';
import type { ClusterInbox, ClusterOutbox } from './cluster.protocol';
import { HeldVectors } from './heldVectors';
import { errorMessage } from './rpc';

const STEP_MS = 40;

export class ClusterHost {
  private readonly vectors = new HeldVectors();
  private texts: { textsId: number; texts: string[] } | null = null;
  private readonly cancelled = new Set<number>();

  constructor(
    private readonly post: (message: ClusterOutbox, transfer?: Transferable[]) => void,
    private readonly yieldTurn: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
  ) {}

  async handle(request: ClusterInbox): Promise<void> {
    if (request.type === 'cancel') {
      this.cancelled.add(request.id);
      return;
    }
    const { id } = request;
    try {
      if (request.type === 'vectors') this.post({ type: 'result', id, result: this.vectors.hold(request) });
      else if (request.type === 'texts') {
        this.texts = { textsId: request.textsId, texts: request.texts };
        this.post({ type: 'result', id, result: { held: request.textsId } });
      } else {
        const { vectors, count, dims } = this.vectors.get(request.vectorsId);
        if (this.texts?.textsId !== request.textsId) throw new Error(`texts ${request.textsId} are not held here`);
        const result = await runSteps(clusterSteps(vectors, count, dims, this.texts.texts, request.settings), {
          sliceMs: STEP_MS,
          yieldTurn: this.yieldTurn,
          cancelled: () => this.cancelled.has(id),
          onProgress: (progress) => this.post({ type: 'progress', id, done: Math.round(progress * 1000), total: 1000 }),
        });
        this.post({ type: 'result', id, result }, [result.labels.buffer]);
      }
    } catch (error) {
      this.post(errorMessage(id, error));
    } finally {
      this.cancelled.delete(id);
    }
  }
}

// How far to trust the picture: per-point neighbour recall and trustworthiness@k, both against
// the full-dimensional cosine neighbours. Runs in steps between turns of the worker's message
// loop: a cancel, or a newer request (a newer layout or corpus), drops the work in progress.
import { exactKnnOfRowsSteps, exactKnnSteps, type KnnGraph } from '../core/knn';
import { neighbourRecallSteps, sampleIndices, trustworthinessSteps } from '../core/quality';
import { runSteps, type Steps } from '../core/steps';
import { HeldVectors } from './heldVectors';
import type { QualityCalls, QualityInbox, QualityOutbox, QualityParams, QualityResult } from './quality.protocol';
import { type CallRequest, errorMessage } from './rpc';

/** Trustworthiness is estimated on this many sampled points (its cost is rows × N × D). */
export const TRUST_ROWS = 1000;
/** Above this many points, neighbour recall is measured on a sample of RECALL_ROWS points. */
export const RECALL_ALL_POINTS = 8000;
export const RECALL_ROWS = 2000;
const STEP_MS = 30;

interface TrueNeighbours {
  vectorsId: number;
  k: number;
  graph: KnnGraph;
  rows?: Int32Array;
}

/** The measurement as steps; the exact full-dimension graph is reused while the vectors stay the same. */
function* qualitySteps(
  vectors: Float32Array,
  count: number,
  dims: number,
  request: QualityParams,
  cached: { value: TrueNeighbours | null },
): Steps<QualityResult> {
  const { coords, layoutDims, k, vectorsId } = request;
  if (cached.value?.vectorsId !== vectorsId || cached.value.k !== k) {
    // of every point, or of a fixed sample when N is large
    const rows = count > RECALL_ALL_POINTS ? sampleIndices(count, RECALL_ROWS) : undefined;
    const graph = yield* rows ? exactKnnOfRowsSteps(vectors, count, dims, rows, k, 'cosine') : exactKnnSteps(vectors, count, dims, k, 'cosine');
    cached.value = { vectorsId, k, graph, rows };
  }
  const { graph, rows } = cached.value;
  const layout = new Float32Array(count * layoutDims);
  for (let i = 0; i < count; i++) for (let c = 0; c < layoutDims; c++) layout[i * layoutDims + c] = coords[i * 3 + c]!;
  const recall = yield* neighbourRecallSteps(graph, layout, layoutDims, count, rows);
  let mean = 0;
  let measured = 0;
  for (const r of recall) {
    if (Number.isNaN(r)) continue;
    mean += r;
    measured++;
  }
  mean /= Math.max(1, measured);
  const kk = Math.min(k, Math.max(1, Math.floor((count - 2) / 3)));
  const trustRows = Math.min(count, TRUST_ROWS);
  const trust = count > 3 ? yield* trustworthinessSteps(vectors, dims, layout, layoutDims, count, kk, { metric: 'cosine', sampleRows: trustRows }) : 1;
  return { recall, meanRecall: mean, recallRows: measured, trustworthiness: trust, trustRows };
}

export class QualityHost {
  private readonly vectors = new HeldVectors();
  private readonly cached: { value: TrueNeighbours | null } = { value: null };
  /** the request being measured; a cancel or a newer request marks it */
  private current: { id: number; cancelled: boolean } | null = null;

  constructor(
    private readonly post: (message: QualityOutbox, transfer?: Transferable[]) => void,
    private readonly yieldTurn: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
  ) {}

  handle(request: QualityInbox): Promise<void> | void {
    if (request.type === 'cancel') {
      if (this.current?.id === request.id) this.current.cancelled = true;
    } else if (request.type === 'vectors') {
      try {
        this.post({ type: 'result', id: request.id, result: this.vectors.hold(request) });
      } catch (error) {
        this.post(errorMessage(request.id, error));
      }
    } else return this.measure(request);
  }

  private async measure(request: Extract<CallRequest<QualityCalls>, { type: 'quality' }>): Promise<void> {
    if (this.current) this.current.cancelled = true; // stale: a newer layout or corpus
    const mine = { id: request.id, cancelled: false };
    this.current = mine;
    try {
      const { vectors, count, dims } = this.vectors.get(request.vectorsId);
      const steps = qualitySteps(vectors, count, dims, request, this.cached);
      const result = await runSteps(steps, { sliceMs: STEP_MS, yieldTurn: this.yieldTurn, cancelled: () => mine.cancelled });
      this.post({ type: 'result', id: request.id, result }, [result.recall.buffer]);
    } catch (error) {
      this.post(errorMessage(request.id, error));
    } finally {
      if (this.current === mine) this.current = null;
    }
  }
}

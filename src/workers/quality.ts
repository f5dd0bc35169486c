// The quality worker's handlers: it holds the corpus vectors, finds their true neighbours (the model
// lab compares two spaces' by them), measures how faithful a layout of them is (core/quality.ts) and
// how a space agrees with labelled pairs (core/lab/pairMeasures.ts), in steps between turns of the message loop; a newer request (a newer
// layout or corpus) cancels the one in progress (`latestOnly` in quality.worker.ts).
import { exactKnnSteps } from '../core/knn';
import { exactNeighboursAffordable } from '../core/lab/overlap';
import { measurePairs } from '../core/lab/pairMeasures';
import { nnDescentSteps } from '../core/nnDescent';
import { layoutQualitySteps, type TrueNeighbours } from '../core/quality';
import { runSteps } from '../core/steps';
import { HeldVectors, nextTurn } from './held';
import { type Handlers, transferring } from './host';
import type { QualityCalls } from './quality.protocol';

const STEP_MS = 30;

export function qualityHandlers(yieldTurn = nextTurn): Handlers<QualityCalls> {
  const vectors = new HeldVectors();
  const cached: { value: TrueNeighbours | null } = { value: null };
  return {
    vectors: (request) => vectors.hold(request),
    quality: async (request, call) => {
      const held = vectors.get(request.vectorsId);
      const steps = layoutQualitySteps(held.vectors, held.count, held.dims, request, cached);
      const result = await runSteps(steps, { sliceMs: STEP_MS, yieldTurn, cancelled: () => call.signal.aborted });
      return transferring(result, [result.recall.buffer]);
    },
    neighbours: async (request, call) => {
      const held = vectors.get(request.vectorsId);
      const exact = exactNeighboursAffordable(held.count, held.dims);
      const steps = exact ? exactKnnSteps(held.vectors, held.count, held.dims, request.k) : nnDescentSteps(held.vectors, held.count, held.dims, request.k);
      const { indices, k } = await runSteps(steps, { sliceMs: STEP_MS, yieldTurn, cancelled: () => call.signal.aborted });
      return transferring({ indices, k, exact }, [indices.buffer]);
    },
    pairs: async (request, call) => {
      const steps = measurePairs(request.format, request.items, request.vectors, request.dims);
      const result = await runSteps(steps, { sliceMs: STEP_MS, yieldTurn, cancelled: () => call.signal.aborted });
      return transferring(result, [result.similarity.buffer, result.wrongness.buffer]);
    },
  };
}

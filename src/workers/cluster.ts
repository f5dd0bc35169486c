// The clustering worker's handlers: it holds the corpus vectors and chunk texts, and clusters them
// (core/clustering) in steps between turns of its message loop, so that a cancel stops the work.
import { clusterSteps } from '../core/clustering/clusters';
import { runSteps } from '../core/steps';
import type { ClusterCalls, ClusterProgress } from './cluster.protocol';
import { HeldTexts, HeldVectors, nextTurn } from './held';
import { type Handlers, transferring } from './host';

const STEP_MS = 40;

export function clusterHandlers(yieldTurn = nextTurn): Handlers<ClusterCalls, ClusterProgress> {
  const vectors = new HeldVectors();
  const texts = new HeldTexts();
  return {
    vectors: (request) => vectors.hold(request),
    texts: (request) => texts.hold(request),
    cluster: async (request, call) => {
      const held = vectors.get(request.vectorsId);
      const result = await runSteps(clusterSteps(held.vectors, held.count, held.dims, texts.get(request.textsId), request.settings), {
        sliceMs: STEP_MS,
        yieldTurn,
        cancelled: () => call.signal.aborted,
        onProgress: (progress) => call.emit({ type: 'progress', done: Math.round(progress * 1000), total: 1000 }),
      });
      return transferring(result, [result.labels.buffer]);
    },
  };
}

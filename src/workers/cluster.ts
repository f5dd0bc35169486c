// The clustering worker's handlers: it holds the corpus vectors and chunk texts, and clusters them
// (core/clustering) in steps between turns of its message loop, so that a cancel stops the work.
import { clusterSteps } from '../core/clustering/clusters';
import { splitClusterSteps } from '../core/clustering/split';
import { fineClusterSteps } from '../core/clustering/fineClusters';
import { runSteps, type Steps } from '../core/steps';
import type { ClusterCalls, ClusterProgress } from './cluster.protocol';
import { HeldTexts, HeldVectors, nextTurn } from './held';
import { type CallContext, type Handlers, transferring } from './host';

const STEP_MS = 40;

export function clusterHandlers(yieldTurn = nextTurn): Handlers<ClusterCalls, ClusterProgress> {
  const vectors = new HeldVectors();
  const texts = new HeldTexts();
  /** runs the steps between turns, reports progress, stops on cancel; the labels are transferred */
  const run = async <T extends { labels: Int32Array }>(steps: Steps<T>, call: CallContext<ClusterProgress>) => {
    const result = await runSteps(steps, {
      sliceMs: STEP_MS,
      yieldTurn,
      cancelled: () => call.signal.aborted,
      onProgress: (progress) => call.emit({ type: 'progress', done: Math.round(progress * 1000), total: 1000 }),
    });
    return transferring(result, [result.labels.buffer]);
  };
  return {
    vectors: (request) => vectors.hold(request),
    texts: (request) => texts.hold(request),
    cluster: (request, call) => {
      const held = vectors.get(request.vectorsId);
      return run(clusterSteps(held.vectors, held.count, held.dims, texts.get(request.textsId), request.settings), call);
    },
    split: (request, call) => {
      const held = vectors.get(request.vectorsId);
      return run(splitClusterSteps(held.vectors, held.dims, texts.get(request.textsId), request.labels, request.cluster), call);
    },
    fine: (request, call) => {
      const held = vectors.get(request.vectorsId);
      return run(fineClusterSteps(held.vectors, held.dims, texts.get(request.textsId), request.labels, request.names), call);
    },
  };
}

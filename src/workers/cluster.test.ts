import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../core/clustering/agreement';
import { DEFAULT_CLUSTERING } from '../core/clustering/clusters';
import { gaussianClusters } from '../core/syntheticData';
import { clusterHandlers } from './cluster';
import type { ClusterCalls, ClusterOutbox, ClusterProgress } from './cluster.protocol';
import { createHost } from './host';

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const TOPICS = ['comet orbit telescope', 'yeast dough oven', 'river delta flood'];

function clusterHost(count: number, labels: Int32Array | number[], data: Float32Array, dims: number) {
  const posted: ClusterOutbox[] = [];
  const handle = createHost<ClusterCalls, ClusterProgress>(clusterHandlers(turn), (m) => posted.push(m), { latestOnly: ['cluster'] });
  void handle({ type: 'vectors', id: 1, space: 'a', vectorsId: 3, vectors: data, count, dims });
  void handle({ type: 'texts', id: 2, space: 'a', textsId: 4, texts: Array.from({ length: count }, (_, i) => `${TOPICS[labels[i]!]} note ${i}`) });
  return { handle, posted };
}

describe('the cluster worker', () => {
  it('clusters the held vectors, names the clusters from the held texts, and reports progress', async () => {
    const { data, count, labels } = gaussianClusters(3, 60, 16, 5, 0.2);
    const { handle, posted } = clusterHost(count, labels, data, 16);
    await handle({ type: 'cluster', id: 5, space: 'a', vectorsId: 3, textsId: 4, settings: DEFAULT_CLUSTERING });
    const answer = posted.find((m) => m.id === 5 && m.type === 'result');
    if (answer?.type !== 'result' || answer.call !== 'cluster') throw new Error(JSON.stringify(posted.at(-1)));
    expect(adjustedRandIndex(answer.result.labels, labels)).toBeGreaterThan(0.95);
    const named = answer.result.clusters.map((c) => c.terms[0]);
    for (const topic of TOPICS) expect(named.some((term) => topic.includes(term!))).toBe(true);
  });

  it('a cancel stops clustering; texts it does not hold are named', async () => {
    const { data, count, labels } = gaussianClusters(4, 1500, 32, 6);
    const { handle, posted } = clusterHost(count, labels, data, 32);
    const running = handle({ type: 'cluster', id: 6, space: 'a', vectorsId: 3, textsId: 4, settings: DEFAULT_CLUSTERING });
    await turn();
    await handle({ type: 'cancel', id: 6 });
    await running;
    expect(posted.find((m) => m.id === 6 && m.type !== 'progress')).toMatchObject({ type: 'error', cancelled: true });
    await handle({ type: 'cluster', id: 7, space: 'a', vectorsId: 3, textsId: 99, settings: DEFAULT_CLUSTERING });
    expect(posted.at(-1)).toMatchObject({ type: 'error', id: 7, message: expect.stringMatching(/^texts 99 are not held here/) });
  });
});

// Near-duplicate chunks: pairs whose cosine similarity is at least a threshold, found among each
// chunk's few nearest neighbours (exact up to EXACT_SEARCH rows, NN-descent above).
import type { VectorRows } from './vectors';
import { exactKnnSteps } from './knn';
import { nnDescentSteps } from './nnDescent';
import type { Steps } from './steps';

const EXACT_SEARCH = 8000;

export interface Duplicates {
  /** [a, b, similarity] with a < b, most similar first */
  pairs: [number, number, number][];
  checked: number;
}

export function* duplicatePairsSteps(vectors: VectorRows, count: number, dims: number, threshold: number, limit: number): Steps<Duplicates> {
  const k = Math.min(3, count - 1);
  const graph = yield* count <= EXACT_SEARCH ? exactKnnSteps(vectors, count, dims, k, 'cosine') : nnDescentSteps(vectors, count, dims, k, 'cosine', 1);
  const pairs: [number, number, number][] = [];
  const seen = new Set<number>();
  for (let i = 0; i < count; i++) {
    for (let t = 0; t < graph.k; t++) {
      const j = graph.indices[i * graph.k + t]!;
      const similarity = 1 - graph.distances[i * graph.k + t]!;
      const [a, b] = i < j ? [i, j] : [j, i];
      // a pair is in either list, or both
      if (j < 0 || similarity < threshold || seen.has(a * count + b)) continue;
      seen.add(a * count + b);
      pairs.push([a, b, similarity]);
    }
  }
  pairs.sort((a, b) => b[2] - a[2]);
  return { pairs: pairs.slice(0, limit), checked: count };
}

// Dense retrieval in the full vector space: every chunk's score against a query vector.
// Cosine and dot product: higher is closer; Euclidean: the score is minus the distance.
import type { VectorRows } from '../vectors';
import { type Ranked, topK } from './ranking';

export type DenseMetric = 'cosine' | 'dot' | 'euclidean';

/**
 * Dot products of every row with a query, into `out`: the JavaScript loop below, or a SIMD kernel
 * (simdDots.ts); an `approximate` one (int8Dots.ts) has its top RESCORED rows scored again exactly.
 */
export type Dots = ((query: Float32Array, out: Float32Array) => void) & { approximate?: boolean };

/** rows rescored from the float vectors after an approximate scan: the ranks among them are exact */
export const RESCORED = 512;

/** Dot products of every row with the query, four lanes at a time (the hot loop of dense search). */
function dots(vectors: VectorRows, dims: number, query: Float32Array, out: Float32Array): void {
  const count = out.length;
  const tail = dims - (dims % 4);
  for (let i = 0, base = 0; i < count; i++, base += dims) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j < tail; j += 4) {
      s0 += vectors[base + j]! * query[j]!;
      s1 += vectors[base + j + 1]! * query[j + 1]!;
      s2 += vectors[base + j + 2]! * query[j + 2]!;
      s3 += vectors[base + j + 3]! * query[j + 3]!;
    }
    for (; j < dims; j++) s0 += vectors[base + j]! * query[j]!;
    out[i] = s0 + s1 + s2 + s3;
  }
}

/** Scores of all `norms.length` rows; `norms` are the rows' lengths; `kernel` computes the dot products of the same rows faster. */
export function denseScores(
  vectors: VectorRows,
  dims: number,
  norms: Float32Array,
  query: Float32Array,
  metric: DenseMetric = 'cosine',
  kernel?: Dots,
): Float32Array {
  const scores = new Float32Array(norms.length);
  if (kernel) kernel(query, scores);
  else dots(vectors, dims, query, scores);
  let q2 = 0;
  for (let j = 0; j < dims; j++) q2 += query[j]! * query[j]!;
  const qn = Math.sqrt(q2);
  const score = (i: number, dot: number) => {
    const n = norms[i]!;
    if (metric === 'cosine') return n > 0 && qn > 0 ? dot / (n * qn) : 0;
    return metric === 'euclidean' ? -Math.sqrt(Math.max(0, n * n + q2 - 2 * dot)) : dot;
  };
  if (metric !== 'dot') for (let i = 0; i < scores.length; i++) scores[i] = score(i, scores[i]!);
  if (kernel?.approximate) {
    // summed as the JavaScript search sums, so that the top rows score as they would with no kernel
    const dot = new Float32Array(1);
    for (const { index } of topK(scores, RESCORED)) {
      dots(vectors.subarray(index * dims, (index + 1) * dims), dims, query, dot);
      scores[index] = score(index, dot[0]!);
    }
  }
  return scores;
}

/** The k rows most cosine-similar to `query`, best first, ties to the lower index; `exclude` leaves one row out (a point is not its own neighbour). */
export function cosineTopK(vectors: VectorRows, dims: number, norms: Float32Array, query: Float32Array, k: number, exclude = -1): Ranked[] {
  return topK(denseScores(vectors, dims, norms, query, 'cosine'), k, exclude >= 0 ? (i) => i === exclude : undefined);
}

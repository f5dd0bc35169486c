// Names chosen by meaning, as KeyBERT and BERTopic's KeyBERT-inspired representation do: c-TF-IDF
// (terms.ts) proposes each cluster's candidates from its words; where the model reads the language,
// the candidates are embedded and those closest to the cluster's centroid win, picked by maximal
// marginal relevance so that three names do not say one thing three ways ("earthquake ·
// earthquakes · quake").

import { unitRows } from '../knn';
import { rowNorms, type VectorRows } from '../vectors';
import { normalizeRows } from '../pooling';

/** c-TF-IDF candidates per cluster that the model chooses from */
export const NAME_CANDIDATES = 10;
/** words in a cluster's name */
export const NAME_TERMS = 3;
/** MMR's weight on being unlike the names already chosen (KeyBERT's `diversity`) */
export const NAME_DIVERSITY = 0.3;

const dot = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/** The unit-length mean direction of each cluster's rows (each row counted at unit length; label −1 is in none). */
export function clusterCentroids(vectors: VectorRows, dims: number, labels: Int32Array, clusters: number): Float32Array[] {
  // each row scaled as it is summed: a unit copy of all rows would double the vectors' memory
  const norms = rowNorms(vectors.subarray(0, labels.length * dims), dims);
  const sums = new Float32Array(clusters * dims);
  labels.forEach((label, i) => {
    if (label < 0 || label >= clusters || norms[i] === 0) return;
    const scale = 1 / norms[i]!;
    for (let d = 0; d < dims; d++) sums[label * dims + d]! += vectors[i * dims + d]! * scale;
  });
  normalizeRows(sums, dims);
  return Array.from({ length: clusters }, (_, c) => sums.subarray(c * dims, (c + 1) * dims));
}

/**
 * `top` names per cluster from its candidates (rows of `candidateVectors` in the order of
 * `candidates.flat()`): first the candidate most like the centroid, then each next the one with the
 * best (1 − diversity)·similarity to the centroid − diversity·similarity to the closest name chosen.
 */
export function namesByMeaning(
  candidates: readonly (readonly string[])[],
  candidateVectors: Float32Array,
  dims: number,
  centroids: readonly Float32Array[],
  top = NAME_TERMS,
  diversity = NAME_DIVERSITY,
): string[][] {
  const unit = unitRows(candidateVectors, candidateVectors.length / dims, dims);
  let row = 0;
  return candidates.map((words, cluster) => {
    const vectors = words.map(() => unit.subarray(row * dims, ++row * dims));
    const centroid = centroids[cluster]!;
    const relevance = vectors.map((v) => dot(v, centroid));
    const chosen: number[] = [];
    while (chosen.length < Math.min(top, words.length)) {
      let best = -1;
      let bestScore = -Infinity;
      for (let i = 0; i < words.length; i++) {
        if (chosen.includes(i)) continue;
        const redundancy = chosen.length === 0 ? 0 : Math.max(...chosen.map((j) => dot(vectors[i]!, vectors[j]!)));
        const score = (1 - diversity) * relevance[i]! - diversity * redundancy;
        if (score > bestScore) [best, bestScore] = [i, score];
      }
      chosen.push(best);
    }
    return chosen.map((i) => words[i]!);
  });
}

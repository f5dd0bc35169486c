// Places a new vector (a query, a new chunk) in an existing layout without re-running it.
import type { LayoutParams } from './layoutRun';
import { type PcaModel, projectPca } from './pca';
import { cosineTopK } from './vectors';

export type Placement = 'projection' | 'neighbours';

/** PCA layouts project the vector onto the axes' components: exact, the same map as every point. */
export function placeByProjection(pca: PcaModel, axes: readonly number[], vector: Float32Array): Float32Array {
  const projected = projectPca(pca, vector, 1);
  const out = new Float32Array(3);
  axes.slice(0, 3).forEach((a, c) => (out[c] = a < pca.components ? projected[a]! : 0));
  return out;
}

/**
 * UMAP and t-SNE have no map for new points: place the vector at the similarity-weighted mean of
 * the layout positions of its k nearest chunks (cosine, full dimension).
 */
export function placeByNeighbours(vectors: Float32Array, dims: number, norms: Float32Array, coords: Float32Array, vector: Float32Array, k = 10): Float32Array {
  const hits = cosineTopK(vectors, dims, norms, vector, k);
  const out = new Float32Array(3);
  if (hits.length === 0) return out;
  // sharper weights for closer neighbours; all-equal scores give the plain mean
  const best = hits[0]!.score;
  let total = 0;
  for (const hit of hits) {
    const w = Math.exp((hit.score - best) * 20);
    total += w;
    for (let c = 0; c < 3; c++) out[c]! += w * coords[hit.index * 3 + c]!;
  }
  for (let c = 0; c < 3; c++) out[c]! /= total;
  return out;
}

export function placementFor(params: LayoutParams): Placement {
  return params.method === 'pca' ? 'projection' : 'neighbours';
}

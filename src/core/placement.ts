// Places a new vector (a query, a new chunk) in an existing layout without re-running it.
import { asFloat32, type VectorRows } from './vectors';
import type { LayoutParams } from './layoutRun';
import { type PcaModel, projectPca } from './pca';
import { cosineTopK } from './retrieval/dense';

export type Placement = 'projection' | 'neighbours';

/** PCA layouts project the vector onto the axes' components: exact, the same map as every point. */
export function placeByProjection(pca: PcaModel, axes: readonly number[], vector: VectorRows): Float32Array {
  const projected = projectPca(pca, vector, 1);
  const out = new Float32Array(3);
  axes.slice(0, 3).forEach((a, c) => (out[c] = a < pca.components ? projected[a]! : 0));
  return out;
}

/**
 * UMAP and t-SNE have no map for new points: place the vector at the similarity-weighted mean of
 * the layout positions of its k nearest chunks (cosine, full dimension).
 */
export function placeByNeighbours(vectors: VectorRows, dims: number, norms: Float32Array, coords: Float32Array, vector: VectorRows, k = 10): Float32Array {
  const hits = norms.length > PLACEMENT_ROWS ? spreadTopK(vectors, dims, norms, vector, k) : cosineTopK(vectors, dims, norms, asFloat32(vector), k);
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

/** Past this many rows a vector is placed among an even spread of about this many (all of them: ~0.4 s on the page at 1,000,000 × 384). */
export const PLACEMENT_ROWS = 100_000;

/** The k most cosine-similar of one row from each run of ⌈N / PLACEMENT_ROWS⌉, best first (which one varies, so rows in a repeating order are not missed). */
function spreadTopK(vectors: VectorRows, dims: number, norms: Float32Array, vector: VectorRows, k: number): { index: number; score: number }[] {
  const stride = Math.ceil(norms.length / PLACEMENT_ROWS);
  let q = 0;
  for (let j = 0; j < dims; j++) q += vector[j]! ** 2;
  const queryNorm = Math.sqrt(q) || 1;
  const best: { index: number; score: number }[] = [];
  for (let start = 0, s = 0; start < norms.length; start += stride, s++) {
    const i = Math.min(norms.length - 1, start + ((Math.imul(s, 2654435761) >>> 0) % stride));
    let dot = 0;
    for (let j = 0, base = i * dims; j < dims; j++) dot += vectors[base + j]! * vector[j]!;
    const score = dot / ((norms[i]! || 1) * queryNorm);
    if (best.length === k && score <= best[k - 1]!.score) continue;
    let at = Math.min(best.length, k - 1);
    best[at] = { index: i, score };
    for (; at > 0 && best[at - 1]!.score < score; at--) [best[at - 1], best[at]] = [best[at]!, best[at - 1]!];
  }
  return best;
}

export function placementFor(params: LayoutParams): Placement {
  return params.method === 'pca' ? 'projection' : 'neighbours';
}

/** One vector's place in the layout `params` made: projection for PCA, neighbours otherwise. */
export function placeVector(
  params: LayoutParams,
  pca: PcaModel | null,
  vectors: VectorRows,
  dims: number,
  norms: Float32Array,
  coords: Float32Array,
  vector: VectorRows,
): Float32Array {
  if (params.method === 'pca' && pca) return placeByProjection(pca, params.dims === 2 ? [params.axes[0], params.axes[1], Infinity] : params.axes, vector);
  return placeByNeighbours(vectors, dims, norms, coords, vector);
}

/** Placing costs new × existing × dims on the main thread; past this budget, lay out again instead. */
const PLACEMENT_BUDGET = 300_000_000;

export function shouldPlace(newCount: number, existingCount: number, dims: number): boolean {
  return existingCount > 0 && newCount * existingCount * dims <= PLACEMENT_BUDGET;
}

/**
 * Layout positions for rows [from, count) of `vectors`, placed into the layout of rows [0, from)
 * (by projection for PCA, else by neighbours among the rows already laid out). count × 3 out.
 */
export function placeRows(
  vectors: VectorRows,
  dims: number,
  norms: Float32Array,
  coords: Float32Array,
  from: number,
  count: number,
  params: LayoutParams,
  pca: PcaModel | null,
): Float32Array {
  const out = new Float32Array(count * 3);
  out.set(coords.subarray(0, from * 3));
  const laidOut = vectors.subarray(0, from * dims);
  const laidOutNorms = norms.subarray(0, from);
  for (let i = from; i < count; i++) {
    out.set(placeVector(params, pca, laidOut, dims, laidOutNorms, coords, vectors.subarray(i * dims, (i + 1) * dims)), i * 3);
  }
  return out;
}

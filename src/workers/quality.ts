// How far to trust the picture: per-point neighbour recall and trustworthiness@k, both against
// the full-dimensional cosine neighbours.
import { exactKnn, type KnnGraph } from '../core/knn';
import { neighbourRecall, trustworthiness } from '../core/quality';
import type { QualityEvent, QualityRequest } from './quality.protocol';

/** Trustworthiness is estimated on this many sampled points (its cost is rows × N × D). */
export const TRUST_ROWS = 1000;

let cached: { key: string; k: number; graph: KnnGraph } | null = null;

export function measureQuality(request: Extract<QualityRequest, { type: 'quality' }>): Extract<QualityEvent, { type: 'result' }> {
  const { vectors, count, dims, coords, layoutDims, k, id } = request;
  if (!cached || cached.key !== request.corpusKey || cached.k !== k) {
    cached = { key: request.corpusKey, k, graph: exactKnn(vectors, count, dims, k, 'cosine') };
  }
  const layout = new Float32Array(count * layoutDims);
  for (let i = 0; i < count; i++) for (let c = 0; c < layoutDims; c++) layout[i * layoutDims + c] = coords[i * 3 + c]!;
  const recall = neighbourRecall(cached.graph, layout, layoutDims);
  let mean = 0;
  for (const r of recall) mean += r / Math.max(1, count);
  const kk = Math.min(k, Math.max(1, Math.floor((count - 2) / 3)));
  const trustRows = Math.min(count, TRUST_ROWS);
  const trust = count > 3 ? trustworthiness(vectors, dims, layout, layoutDims, count, kk, { metric: 'cosine', sampleRows: trustRows }) : 1;
  return { type: 'result', id, recall, meanRecall: mean, trustworthiness: trust, trustRows };
}

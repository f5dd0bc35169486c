// How far to trust the picture: per-point neighbour recall and trustworthiness@k, both against
// the full-dimensional cosine neighbours.
import { exactKnn, exactKnnOfRows, type KnnGraph } from '../core/knn';
import { neighbourRecall, sampleIndices, trustworthiness } from '../core/quality';
import type { QualityEvent, QualityRequest } from './quality.protocol';

/** Trustworthiness is estimated on this many sampled points (its cost is rows × N × D). */
export const TRUST_ROWS = 1000;
/** Above this many points, neighbour recall is measured on a sample of RECALL_ROWS points. */
export const RECALL_ALL_POINTS = 8000;
export const RECALL_ROWS = 2000;

let cached: { key: string; k: number; graph: KnnGraph; rows?: Int32Array } | null = null;

export function measureQuality(request: Extract<QualityRequest, { type: 'quality' }>): Extract<QualityEvent, { type: 'result' }> {
  const { vectors, count, dims, coords, layoutDims, k, id } = request;
  if (!cached || cached.key !== request.corpusKey || cached.k !== k) {
    // exact full-dimension neighbours: of every point, or of a fixed sample when N is large
    const rows = count > RECALL_ALL_POINTS ? sampleIndices(count, RECALL_ROWS) : undefined;
    const graph = rows ? exactKnnOfRows(vectors, count, dims, rows, k, 'cosine') : exactKnn(vectors, count, dims, k, 'cosine');
    cached = { key: request.corpusKey, k, graph, rows };
  }
  const layout = new Float32Array(count * layoutDims);
  for (let i = 0; i < count; i++) for (let c = 0; c < layoutDims; c++) layout[i * layoutDims + c] = coords[i * 3 + c]!;
  const recall = neighbourRecall(cached.graph, layout, layoutDims, count, cached.rows);
  let mean = 0;
  let measured = 0;
  for (const r of recall) if (!Number.isNaN(r)) (mean += r), measured++;
  mean /= Math.max(1, measured);
  const kk = Math.min(k, Math.max(1, Math.floor((count - 2) / 3)));
  const trustRows = Math.min(count, TRUST_ROWS);
  const trust = count > 3 ? trustworthiness(vectors, dims, layout, layoutDims, count, kk, { metric: 'cosine', sampleRows: trustRows }) : 1;
  return { type: 'result', id, recall, meanRecall: mean, recallRows: measured, trustworthiness: trust, trustRows };
}

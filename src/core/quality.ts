// How faithfully a layout keeps the neighbourhoods of the full-dimensional vectors. Both measures
// run as steps (see steps.ts), so that the quality worker can drop them when they go stale.
import type { VectorRows } from './vectors';
import { exactKnnOfRowsSteps, exactKnnSteps, type KnnGraph, type Metric } from './knn';
import { sampleIndices } from './random';
import { finish, type Steps, within } from './steps';

/**
 * Per point: the fraction of its k true (full-dimension) neighbours that are also its k nearest in
 * the layout. `rows` says which points the neighbour graph describes (all when omitted); the
 * others get NaN.
 */
export function* neighbourRecallSteps(
  trueNeighbours: KnnGraph,
  layout: Float32Array,
  layoutDims: number,
  pointCount = trueNeighbours.count,
  rows?: Int32Array,
): Steps<Float32Array> {
  const { k } = trueNeighbours;
  const low = yield* rows
    ? exactKnnOfRowsSteps(layout, pointCount, layoutDims, rows, k, 'euclidean')
    : exactKnnSteps(layout, pointCount, layoutDims, k, 'euclidean');
  const recall = new Float32Array(pointCount).fill(rows ? NaN : 0);
  for (let r = 0; r < trueNeighbours.count; r++) {
    const near = new Set(low.indices.subarray(r * k, (r + 1) * k));
    let shared = 0;
    for (let j = 0; j < k; j++) if (near.has(trueNeighbours.indices[r * k + j]!)) shared++;
    recall[rows ? rows[r]! : r] = k > 0 ? shared / k : 1;
  }
  return recall;
}

function distanceRow(data: VectorRows, dims: number, count: number, i: number, metric: Metric, out: Float64Array): void {
  let ni = 0;
  for (let t = 0; t < dims; t++) ni += data[i * dims + t]! ** 2;
  for (let j = 0; j < count; j++) {
    let s = 0;
    if (metric === 'cosine') {
      let nj = 0;
      for (let t = 0; t < dims; t++) {
        s += data[i * dims + t]! * data[j * dims + t]!;
        nj += data[j * dims + t]! ** 2;
      }
      out[j] = ni > 0 && nj > 0 ? 1 - s / Math.sqrt(ni * nj) : 1;
    } else {
      for (let t = 0; t < dims; t++) s += (data[i * dims + t]! - data[j * dims + t]!) ** 2;
      out[j] = s;
    }
  }
  out[i] = -Infinity; // a point is not its own neighbour
}

/**
 * Trustworthiness@k (Venna & Kaski; as scikit-learn): 1 − penalty for layout neighbours that are
 * not true neighbours, weighted by how far down the true ranking they are. With sampleRows set,
 * the sum runs over that many random points (an estimate for large N).
 */
export function* trustworthinessSteps(
  data: VectorRows,
  dims: number,
  layout: Float32Array,
  layoutDims: number,
  count: number,
  k: number,
  options: TrustOptions = {},
): Steps<number> {
  const metric = options.metric ?? 'cosine';
  const low = yield* within(exactKnnSteps(layout, count, layoutDims, k, 'euclidean'), 0, 0.2);
  const rows =
    options.sampleRows && options.sampleRows < count ? sampleIndices(count, options.sampleRows, options.seed) : Int32Array.from({ length: count }, (_, i) => i);
  const distances = new Float64Array(count);
  let penalty = 0;
  let done = 0;
  for (const i of rows) {
    yield 0.2 + (0.8 * done++) / rows.length;
    distanceRow(data, dims, count, i, metric, distances);
    for (let t = 0; t < k; t++) {
      const j = low.indices[i * k + t]!;
      const dj = distances[j]!;
      let rank = 0; // how many points are truly closer to i than j is
      for (let m = 0; m < count; m++) if (m !== i && (distances[m]! < dj || (distances[m] === dj && m < j))) rank++;
      if (rank >= k) penalty += rank + 1 - k;
    }
  }
  const n = rows.length;
  return 1 - (2 / (n * k * (2 * count - 3 * k - 1))) * penalty;
}

interface TrustOptions {
  metric?: Metric;
  sampleRows?: number;
  seed?: number;
}

export const trustworthiness = (
  data: VectorRows,
  dims: number,
  layout: Float32Array,
  layoutDims: number,
  count: number,
  k: number,
  options: TrustOptions = {},
): number => finish(trustworthinessSteps(data, dims, layout, layoutDims, count, k, options));

// The measurement a layout gets (the quality worker runs it): neighbour recall and trustworthiness.

export interface LayoutQualityRequest {
  /** names the vectors: their exact neighbour graph is reused while it stays the same */
  vectorsId: number;
  coords: Float32Array;
  layoutDims: 2 | 3;
  k: number;
}

export interface LayoutQualityResult {
  recall: Float32Array;
  meanRecall: number;
  recallRows: number;
  trustworthiness: number;
  trustRows: number;
}

/** Trustworthiness is estimated on this many sampled points (its cost is rows × N × D). */
export const TRUST_ROWS = 1000;
/** Above this many points, neighbour recall is measured on a sample of RECALL_ROWS points. */
export const RECALL_ALL_POINTS = 8000;
export const RECALL_ROWS = 2000;

export interface TrueNeighbours {
  vectorsId: number;
  k: number;
  graph: KnnGraph;
  rows?: Int32Array;
}

/** The measurement as steps; the exact full-dimension graph is reused while the vectors stay the same. */
export function* layoutQualitySteps(
  vectors: VectorRows,
  count: number,
  dims: number,
  request: LayoutQualityRequest,
  cached: { value: TrueNeighbours | null },
): Steps<LayoutQualityResult> {
  const { coords, layoutDims, k, vectorsId } = request;
  if (cached.value?.vectorsId !== vectorsId || cached.value.k !== k) {
    // of every point, or of a fixed sample when N is large
    const rows = count > RECALL_ALL_POINTS ? sampleIndices(count, RECALL_ROWS) : undefined;
    const graph = yield* rows ? exactKnnOfRowsSteps(vectors, count, dims, rows, k, 'cosine') : exactKnnSteps(vectors, count, dims, k, 'cosine');
    cached.value = { vectorsId, k, graph, rows };
  }
  const { graph, rows } = cached.value;
  const layout = new Float32Array(count * layoutDims);
  for (let i = 0; i < count; i++) for (let c = 0; c < layoutDims; c++) layout[i * layoutDims + c] = coords[i * 3 + c]!;
  const recall = yield* neighbourRecallSteps(graph, layout, layoutDims, count, rows);
  let mean = 0;
  let measured = 0;
  for (const r of recall) {
    if (Number.isNaN(r)) continue;
    mean += r;
    measured++;
  }
  mean /= Math.max(1, measured);
  const kk = Math.min(k, Math.max(1, Math.floor((count - 2) / 3)));
  const trustRows = Math.min(count, TRUST_ROWS);
  const trust = count > 3 ? yield* trustworthinessSteps(vectors, dims, layout, layoutDims, count, kk, { metric: 'cosine', sampleRows: trustRows }) : 1;
  return { recall, meanRecall: mean, recallRows: measured, trustworthiness: trust, trustRows };
}

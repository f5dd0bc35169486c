// Exact k-nearest-neighbour graphs (each point's k nearest others, nearest first), as steps that
// yield after each row so that a worker can cancel or pause them (see steps.ts).
import { finish, type Steps } from './steps';
import { normalizeRows } from './pooling';
import { createDotKernel } from './retrieval/simdDots';
import { rowNorms, type VectorRows } from './vectors';

export type Metric = 'cosine' | 'euclidean';

export interface KnnGraph {
  count: number;
  k: number;
  /** count × k neighbour indices, nearest first */
  indices: Int32Array;
  /** count × k distances: 1 − cosine, or Euclidean */
  distances: Float32Array;
}

/** A copy with every row scaled to unit length (zero rows stay zero). */
export const unitRows = (data: VectorRows, count: number, dims: number): Float32Array => normalizeRows(new Float32Array(data.subarray(0, count * dims)), dims);

/** Past this many multiply-adds (5,000 rows of 50 numbers: 1.3 billion) cosine neighbours are found with SIMD dot products. */
const SIMD_KNN_WORK = 100_000_000;

/** Rows held by the SIMD kernel (padded with zeros to dimensions in fours), or null where there is no SIMD or its memory cannot hold them. */
function loadedRows(rows: VectorRows, count: number, dims: number): { dotsOf(row: number, out: Float32Array): void } | null {
  const kernel = createDotKernel();
  if (!kernel) return null;
  const width = Math.ceil(dims / 4) * 4;
  const padded = new Float32Array(count * width);
  for (let i = 0; i < count; i++) padded.set(rows.subarray(i * dims, (i + 1) * dims), i * width);
  try {
    kernel.load(padded, count, width);
  } catch {
    return null; // the plain loop below needs no more memory
  }
  return { dotsOf: (row, out) => kernel.dots(padded.subarray(row * width, (row + 1) * width), out) };
}

/** Inserts (index, distance) into row's sorted list if it is closer than the current k-th. */
function offer(graph: KnnGraph, row: number, index: number, distance: number): void {
  const { k, indices, distances } = graph;
  const base = row * k;
  if (distance >= distances[base + k - 1]!) return;
  let pos = k - 1;
  while (pos > 0 && distances[base + pos - 1]! > distance) {
    distances[base + pos] = distances[base + pos - 1]!;
    indices[base + pos] = indices[base + pos - 1]!;
    pos--;
  }
  distances[base + pos] = distance;
  indices[base + pos] = index;
}

/**
 * Brute force over each pair once: O(N² · D). For cosine, rows are normalised first and the
 * distance is 1 − dot. k is clamped to count − 1.
 */
export function* exactKnnSteps(data: VectorRows, count: number, dims: number, k: number, metric: Metric = 'cosine'): Steps<KnnGraph> {
  const kk = Math.max(0, Math.min(k, count - 1));
  const graph: KnnGraph = { count, k: kk, indices: new Int32Array(count * kk).fill(-1), distances: new Float32Array(count * kk).fill(Infinity) };
  if (kk === 0) return graph;
  const rows = metric === 'cosine' ? unitRows(data, count, dims) : data;
  const pairs = (count * (count - 1)) / 2;
  let done = 0;
  const kernel = metric === 'cosine' && count * count * dims >= SIMD_KNN_WORK ? loadedRows(rows, count, dims) : null;
  if (kernel) {
    // each row's dot products with all rows at once in SIMD (twice the products of the pairs, a fraction of the time)
    const dots = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      kernel.dotsOf(i, dots);
      for (let j = i + 1; j < count; j++) {
        const d = Math.max(0, 1 - dots[j]!);
        offer(graph, i, j, d);
        offer(graph, j, i, d);
      }
      done += count - 1 - i;
      yield done / pairs;
    }
    return graph;
  }
  for (let i = 0; i < count; i++) {
    const a = i * dims;
    for (let j = i + 1; j < count; j++) {
      const b = j * dims;
      let d: number;
      if (metric === 'cosine') {
        let dot = 0;
        for (let t = 0; t < dims; t++) dot += rows[a + t]! * rows[b + t]!;
        d = Math.max(0, 1 - dot);
      } else {
        let s = 0;
        for (let t = 0; t < dims; t++) {
          const diff = rows[a + t]! - rows[b + t]!;
          s += diff * diff;
        }
        d = Math.sqrt(s);
      }
      offer(graph, i, j, d);
      offer(graph, j, i, d);
    }
    done += count - 1 - i;
    yield done / pairs;
  }
  return graph;
}

export const exactKnn = (data: VectorRows, count: number, dims: number, k: number, metric: Metric = 'cosine'): KnnGraph =>
  finish(exactKnnSteps(data, count, dims, k, metric));

/** The exact k nearest neighbours of the given rows only (each against all points): rows.length × k. */
export function* exactKnnOfRowsSteps(data: VectorRows, count: number, dims: number, rows: Int32Array, k: number, metric: Metric = 'cosine'): Steps<KnnGraph> {
  const kk = Math.max(0, Math.min(k, count - 1));
  const graph: KnnGraph = {
    count: rows.length,
    k: kk,
    indices: new Int32Array(rows.length * kk).fill(-1),
    distances: new Float32Array(rows.length * kk).fill(Infinity),
  };
  if (kk === 0) return graph;
  // lengths, not a unit copy of all rows: the rows asked about are few, the rows searched may be a million
  const norms = metric === 'cosine' ? rowNorms(data.subarray(0, count * dims), dims) : null;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const a = i * dims;
    for (let j = 0; j < count; j++) {
      if (j === i) continue;
      const b = j * dims;
      let s = 0;
      if (norms) {
        for (let t = 0; t < dims; t++) s += data[a + t]! * data[b + t]!;
        const lengths = norms[i]! * norms[j]!;
        offer(graph, r, j, lengths > 0 ? Math.max(0, 1 - s / lengths) : 1);
      } else {
        for (let t = 0; t < dims; t++) s += (data[a + t]! - data[b + t]!) ** 2;
        offer(graph, r, j, Math.sqrt(s));
      }
    }
    yield (r + 1) / rows.length;
  }
  return graph;
}

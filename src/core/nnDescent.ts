// Approximate kNN graphs by NN-descent (Dong, Moses & Li 2011) seeded with random-projection-tree
// leaves, as umap-learn does: "a neighbour of a neighbour is likely a neighbour". Costs about
// iterations · N · k² distance evaluations instead of N²/2, so it is the choice for large N. Runs as
// steps (see steps.ts) that yield every few hundred points, so that a worker can cancel or pause it.
import { exactKnnSteps, type KnnGraph, type Metric, unitRows } from './knn';
import { seededRandom } from './random';
import { buildRpTree, LEAF_SIZE } from './rpTree';
import { finish, type Steps } from './steps';
import { rowDot, type VectorRows } from './vectors';
import { createRowDotKernel } from './retrieval/simdDots';

const TREES = 4;
const MAX_ITERATIONS = 12;
const STOP_FRACTION = 0.001;
/** points between two yields */
const SLICE = 256;
/** the share of the progress bar the random-projection trees take */
const TREE_SHARE = 0.2;
/** below this, a call into WebAssembly per pair costs more than the JavaScript dot product saves */
const SIMD_MIN_DIMS = 64;

export function* nnDescentSteps(data: VectorRows, count: number, dims: number, k: number, metric: Metric = 'cosine', seed = 1): Steps<KnnGraph> {
  const kk = Math.max(0, Math.min(k, count - 1));
  if (count <= LEAF_SIZE * 4) return yield* exactKnnSteps(data, count, dims, kk, metric);
  const x = metric === 'cosine' ? unitRows(data, count, dims) : data;
  const random = seededRandom(seed);
  const indices = new Int32Array(count * kk).fill(-1);
  const distances = new Float32Array(count * kk).fill(Infinity);
  const isNew = new Uint8Array(count * kk);

  // the distance is most of the time: cosine's dot products in WebAssembly SIMD where there is room for
  // the rows, the query row set once for the run of pairs that share it; else four sums at once
  const kernel = metric === 'cosine' && dims % 4 === 0 && dims >= SIMD_MIN_DIMS ? createRowDotKernel(x, count, dims) : null;
  let queried = -1;
  const distance = (a: number, b: number): number => {
    let s = 0;
    const pa = a * dims;
    const pb = b * dims;
    if (kernel) {
      if (queried !== a) kernel.query(x, pa);
      queried = a;
      return Math.max(0, 1 - kernel.dot(b));
    }
    if (metric === 'cosine') return Math.max(0, 1 - rowDot(x, pa, x, pb, dims));
    for (let j = 0; j < dims; j++) {
      const d = x[pa + j]! - x[pb + j]!;
      s += d * d;
    }
    return Math.sqrt(s);
  };

  /** Adds b to a's list if closer than its k-th and not there yet; returns whether it did. */
  const offer = (a: number, b: number, d: number): boolean => {
    const base = a * kk;
    if (d >= distances[base + kk - 1]!) return false;
    for (let t = 0; t < kk; t++) if (indices[base + t] === b) return false;
    let pos = kk - 1;
    while (pos > 0 && distances[base + pos - 1]! > d) {
      distances[base + pos] = distances[base + pos - 1]!;
      indices[base + pos] = indices[base + pos - 1]!;
      isNew[base + pos] = isNew[base + pos - 1]!;
      pos--;
    }
    distances[base + pos] = d;
    indices[base + pos] = b;
    isNew[base + pos] = 1;
    return true;
  };

  const all = Int32Array.from({ length: count }, (_, i) => i);
  for (let t = 0; t < TREES; t++) {
    for (const leaf of buildRpTree(x, dims, all, random).leaves) {
      for (let i = 0; i < leaf.length; i++) {
        for (let j = i + 1; j < leaf.length; j++) {
          const d = distance(leaf[i]!, leaf[j]!);
          offer(leaf[i]!, leaf[j]!, d);
          offer(leaf[j]!, leaf[i]!, d);
        }
      }
    }
    yield (TREE_SHARE * (t + 1)) / TREES;
  }
  // any list still short gets random candidates
  for (let i = 0; i < count; i++) {
    for (let tries = 0; indices[i * kk + kk - 1] === -1 && tries < 4 * kk; tries++) {
      const j = Math.floor(random() * count);
      if (j !== i) offer(i, j, distance(i, j));
    }
  }

  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    // candidates: each point's new and old neighbours, plus the reverse edges
    const fresh: number[][] = Array.from({ length: count }, () => []);
    const old: number[][] = Array.from({ length: count }, () => []);
    for (let i = 0; i < count; i++) {
      for (let t = 0; t < kk; t++) {
        const j = indices[i * kk + t]!;
        if (j < 0) continue;
        if (isNew[i * kk + t]) {
          fresh[i]!.push(j);
          if (fresh[j]!.length < kk) fresh[j]!.push(i);
          isNew[i * kk + t] = 0;
        } else {
          old[i]!.push(j);
          if (old[j]!.length < kk) old[j]!.push(i);
        }
      }
    }
    let updates = 0;
    for (let i = 0; i < count; i++) {
      if (i % SLICE === SLICE - 1) yield TREE_SHARE + ((1 - TREE_SHARE) * (iteration + i / count)) / MAX_ITERATIONS;
      const f = fresh[i]!;
      const o = old[i]!;
      for (let a = 0; a < f.length; a++) {
        const p = f[a]!;
        for (let b = a + 1; b < f.length; b++) {
          const q = f[b]!;
          if (p === q) continue;
          const d = distance(p, q);
          if (offer(p, q, d)) updates++;
          if (offer(q, p, d)) updates++;
        }
        for (const q of o) {
          if (p === q) continue;
          const d = distance(p, q);
          if (offer(p, q, d)) updates++;
          if (offer(q, p, d)) updates++;
        }
      }
    }
    if (updates < STOP_FRACTION * count * kk) break;
  }
  return { count, k: kk, indices, distances };
}

export const nnDescent = (data: VectorRows, count: number, dims: number, k: number, metric: Metric = 'cosine', seed = 1): KnnGraph =>
  finish(nnDescentSteps(data, count, dims, k, metric, seed));

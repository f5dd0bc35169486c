// One layout run: PCA, or UMAP / t-SNE on a kNN graph of the (optionally PCA-reduced) vectors,
// advanced in time-boxed steps so that a worker can stream positions, pause and cancel.
import type { VectorRows } from './vectors';
import { exactKnnSteps, type KnnGraph, type Metric } from './knn';
import { nnDescentSteps } from './nnDescent';
import { explainedVarianceRatio, fitPca, type PcaModel, projectPca } from './pca';
import { TsneOptimizer, tsneAffinities } from './tsne';
import { advance, type Steps } from './steps';
import { sampleIndices } from './random';
import { LAYOUT_FIT_ROWS, TSNE_FIT_ROWS, placedCoords, placementSteps, rowsOf, type SampledPlacement } from './sampledLayout';
import { fuzzyGraph, UmapOptimizer } from './umap';

export type LayoutMethod = 'pca' | 'umap' | 'tsne';

export interface PcaParams {
  method: 'pca';
  dims: 2 | 3;
  /** which principal component (0-based) goes on x, y and z */
  axes: [number, number, number];
}

export interface UmapParams {
  method: 'umap';
  dims: 2 | 3;
  neighbours: number;
  minDist: number;
  epochs: number;
  metric: Metric;
  /** reduce to this many PCA dimensions first; null keeps the full vectors */
  preReduce: number | null;
  /** fitted on at most this many rows (a seeded sample); the others are placed by their nearest fitted rows */
  fitRows: number;
  seed: number;
}

export interface TsneParams {
  method: 'tsne';
  dims: 2 | 3;
  perplexity: number;
  learningRate: number | 'auto';
  iterations: number;
  preReduce: number | null;
  fitRows: number;
  seed: number;
}

export type LayoutParams = PcaParams | UmapParams | TsneParams;

export const DEFAULT_LAYOUT: { pca: PcaParams; umap: UmapParams; tsne: TsneParams } = {
  pca: { method: 'pca', dims: 3, axes: [0, 1, 2] },
  umap: { method: 'umap', dims: 3, neighbours: 15, minDist: 0.1, epochs: 300, metric: 'cosine', preReduce: 50, fitRows: LAYOUT_FIT_ROWS, seed: 42 },
  tsne: { method: 'tsne', dims: 3, perplexity: 30, learningRate: 'auto', iterations: 750, preReduce: 50, fitRows: TSNE_FIT_ROWS, seed: 42 },
};

/** Up to this many points the neighbour graph is exact; beyond, NN-descent approximates it. */
export const EXACT_KNN_POINTS = 8_000;
/** PCA is fitted on at most this many rows (a seeded sample) and then projects every row. */
export const PCA_FIT_ROWS = 4_000;
const PCA_AXES = 10;
/** the share of a UMAP or t-SNE progress bar that building the neighbour graph takes */
const KNN_SHARE = 0.2;
/** the share that placing the rows a sampled layout did not fit takes */
const PLACE_SHARE = 0.15;

export class LayoutInputError extends Error {}

export interface LayoutRun {
  readonly params: LayoutParams;
  /** warnings about parameters that were adjusted to fit the data */
  readonly notes: string[];
  readonly pca: PcaModel;
  readonly explained: number[];
  readonly done: boolean;
  /** UMAP and t-SNE over LAYOUT_FIT_ROWS: how many rows were fitted and how many placed */
  readonly sampled: { fitted: number; placed: number } | null;
  /** 0..1 */
  progress(): number;
  /** Advances for about budgetMs milliseconds. */
  step(budgetMs: number): void;
  /** count × 3 (2-D layouts have z = 0) */
  coords(): Float32Array;
}

function checkFinite(vectors: VectorRows, dims: number): void {
  for (let i = 0; i < vectors.length; i++) {
    if (!Number.isFinite(vectors[i]!)) {
      throw new LayoutInputError(`Chunk ${Math.floor(i / dims) + 1} has a vector with NaN or Infinity; remove or re-embed it before laying out.`);
    }
  }
}

export function sampleRows(vectors: VectorRows, count: number, dims: number, rows: number, seed: number): { data: VectorRows; count: number } {
  if (count <= rows) return { data: vectors, count };
  // a seeded random sample, not every (count / rows)th row: rows in a repeating order (a table written
  // cluster by cluster in turn) would give a stride only some of the clusters
  const picked = sampleIndices(count, rows, seed);
  const data = new Float32Array(rows * dims);
  picked.forEach((i, r) => data.set(vectors.subarray(i * dims, (i + 1) * dims), r * dims));
  return { data, count: rows };
}

function toXyz(data: VectorRows, count: number, dims: number, axes: readonly number[]): Float32Array {
  const out = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < axes.length && c < 3; c++) {
      const axis = axes[c]!;
      if (axis < dims) out[i * 3 + c] = data[i * dims + axis]!;
    }
  }
  return out;
}

/** Scales an initial layout so that its largest coordinate has the given magnitude. */
export function scaleTo(data: Float32Array, magnitude: number): Float32Array {
  let max = 0;
  for (const v of data) max = Math.max(max, Math.abs(v));
  return max > 0 ? data.map((v) => (v / max) * magnitude) : data;
}

export function startLayout(vectors: VectorRows, count: number, dims: number, params: LayoutParams): LayoutRun {
  checkFinite(vectors, dims);
  const notes: string[] = [];
  const components = Math.min(dims, Math.max(PCA_AXES, params.method === 'pca' ? 0 : (params.preReduce ?? 0)));
  const fitData = sampleRows(vectors, count, dims, PCA_FIT_ROWS, params.method === 'pca' ? 1 : params.seed);
  if (fitData.count < count) notes.push(`PCA was fitted on ${fitData.count.toLocaleString('en')} sampled rows and projects all ${count.toLocaleString('en')}.`);
  // large inputs: fewer power iterations (the top components converge first)
  const iterations = fitData.count * dims > 2_000_000 ? 8 : 24;
  const pca = fitPca(fitData.data, fitData.count, dims, { components, seed: 1, iterations });
  const explained = explainedVarianceRatio(pca);

  if (params.method === 'pca') {
    // project only onto the components shown on the axes (a component the data lacks gives 0)
    const axes = params.dims === 2 ? params.axes.slice(0, 2) : params.axes;
    const basis = new Float32Array(axes.length * dims);
    axes.forEach((a, c) => a < pca.components && basis.set(pca.basis.subarray(a * dims, (a + 1) * dims), c * dims));
    const coords = toXyz(projectPca({ ...pca, components: axes.length, basis }, vectors, count), count, axes.length, [0, 1, 2]);
    return { params, notes, pca, explained, done: true, sampled: null, progress: () => 1, step: () => {}, coords: () => coords };
  }
  const projected = projectPca(pca, vectors, count);

  // beyond what can be fitted here, a seeded sample is fitted and every other row placed (sampledLayout.ts)
  // layouts saved before fitRows existed fit the default
  const fitRows = Math.max(3, params.fitRows ?? DEFAULT_LAYOUT[params.method].fitRows);
  const fitted = count > fitRows ? sampleIndices(count, fitRows, params.seed) : null;
  const fitCount = fitted?.length ?? count;
  const label = params.method === 'umap' ? 'UMAP' : 't-SNE';
  if (fitted)
    notes.push(
      `${label} was fitted on ${fitCount.toLocaleString('en')} sampled points; the other ${(count - fitCount).toLocaleString('en')} were placed by their nearest fitted points.`,
    );
  // the neighbour graph is built on the PCA-reduced vectors when asked, else on the full ones
  const reduced = params.preReduce !== null && params.preReduce < dims;
  const space = reduced ? projectPca({ ...pca, components: params.preReduce! }, vectors, count) : vectors;
  const spaceDims = reduced ? Math.min(params.preReduce!, pca.components) : dims;
  const metric: Metric = params.method === 'umap' ? params.metric : 'euclidean';
  const allInitial = toXyz(projected, count, pca.components, [0, 1, params.dims === 2 ? Infinity : 2]);
  const fitSpace = fitted ? rowsOf(space, spaceDims, fitted) : space;
  const fitInitial = fitted ? rowsOf(allInitial, 3, fitted) : allInitial;
  const initial = new Float32Array(fitCount * params.dims);
  for (let i = 0; i < fitCount; i++) for (let c = 0; c < params.dims; c++) initial[i * params.dims + c] = fitInitial[i * 3 + c]!;

  let optimizer: UmapOptimizer | TsneOptimizer | null = null;
  let placement: SampledPlacement | null = null;
  const neighbours =
    params.method === 'umap'
      ? Math.min(params.neighbours, fitCount - 1)
      : Math.min(fitCount - 1, Math.max(1, Math.floor(3 * Math.min(params.perplexity, (fitCount - 1) / 3))));
  if (params.method === 'umap' && params.neighbours > fitCount - 1)
    notes.push(`Only ${fitCount} points: UMAP uses ${Math.max(0, fitCount - 1)} neighbours instead of ${params.neighbours}.`);
  if (params.method === 'tsne' && 3 * params.perplexity > fitCount - 1)
    notes.push(`Only ${fitCount} points: t-SNE perplexity lowered to ${Math.max(1, Math.floor((fitCount - 1) / 3))}.`);
  if (fitCount > EXACT_KNN_POINTS) notes.push(`Neighbour graph approximated by NN-descent (over ${EXACT_KNN_POINTS.toLocaleString('en')} points).`);
  const total = params.method === 'umap' ? params.epochs : params.iterations;
  let phase: 'knn' | 'place' | 'optimise' | 'done' = fitCount < 3 ? 'done' : 'knn';
  let finalCoords: Float32Array | null = fitCount < 3 ? allInitial.slice() : null;

  // the neighbour graph is built in steps too: pause and cancel reach it
  const knn: Steps<KnnGraph> =
    fitCount > EXACT_KNN_POINTS
      ? nnDescentSteps(fitSpace, fitCount, spaceDims, neighbours, metric, params.seed)
      : exactKnnSteps(fitSpace, fitCount, spaceDims, neighbours, metric);
  let graph: KnnGraph | null = null;
  let placing: Steps<SampledPlacement> | null = null;
  let knnProgress = 0;
  let placeProgress = 0;
  const start = (graph: KnnGraph) => {
    if (params.method === 'umap') {
      optimizer = new UmapOptimizer(fuzzyGraph(graph), scaleTo(initial, 10), fitCount, {
        dims: params.dims,
        minDist: params.minDist,
        epochs: params.epochs,
        seed: params.seed,
      });
    } else {
      const perplexity = Math.max(1, Math.min(params.perplexity, (fitCount - 1) / 3));
      const p = tsneAffinities(graph, perplexity);
      const init = scaleTo(initial, 1e-4 * 3); // about the scale scikit-learn's PCA init uses
      optimizer = new TsneOptimizer(p, init, fitCount, { dims: params.dims, perplexity, learningRate: params.learningRate, iterations: params.iterations });
    }
    phase = 'optimise';
  };
  /** every row's place now: the fitted rows' from the optimiser, the placed rows' from them */
  const current = (): Float32Array => {
    if (!optimizer) return allInitial.slice(); // a frame's coordinates are transferred away: never hand out our own
    const fittedCoords = toXyz(optimizer.embedding, fitCount, params.dims, [0, 1, 2]);
    return placement ? placedCoords(placement, fittedCoords, count) : fittedCoords;
  };

  return {
    params,
    notes,
    pca,
    explained,
    get done() {
      return phase === 'done';
    },
    sampled: fitted ? { fitted: fitCount, placed: count - fitCount } : null,
    progress: () => {
      if (phase === 'done') return 1;
      if (phase === 'knn') return KNN_SHARE * knnProgress;
      if (phase === 'place') return KNN_SHARE + PLACE_SHARE * placeProgress;
      return KNN_SHARE + (fitted ? PLACE_SHARE : 0) + (1 - KNN_SHARE - (fitted ? PLACE_SHARE : 0)) * (optimizer!.completed / total);
    },
    step(budgetMs: number) {
      const until = performance.now() + budgetMs;
      if (phase === 'knn') {
        const built = advance(knn, budgetMs);
        if (!built.done) {
          knnProgress = built.progress;
          return;
        }
        graph = built.value;
        if (fitted) {
          placing = placementSteps(space, count, spaceDims, fitted, fitSpace, graph, params.seed);
          phase = 'place';
        } else start(graph);
      }
      if (phase === 'place') {
        const found = advance(placing!, Math.max(1, until - performance.now()));
        if (!found.done) {
          placeProgress = found.progress;
          return;
        }
        placement = found.value;
        start(graph!);
      }
      while (phase === 'optimise' && performance.now() < until) {
        optimizer!.step(1);
        if (optimizer!.done) {
          phase = 'done';
          finalCoords = current();
        }
      }
    },
    coords: () => finalCoords ?? current(),
  };
}

// One layout run: PCA, or UMAP / t-SNE on a kNN graph of the (optionally PCA-reduced) vectors,
// advanced in time-boxed steps so that a worker can stream positions, pause and cancel.
import { exactKnnSteps, type KnnGraph, type Metric } from './knn';
import { nnDescentSteps } from './nnDescent';
import { explainedVarianceRatio, fitPca, type PcaModel, projectPca } from './pca';
import { TsneOptimizer, tsneAffinities } from './tsne';
import { advance, type Steps } from './steps';
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
  seed: number;
}

export interface TsneParams {
  method: 'tsne';
  dims: 2 | 3;
  perplexity: number;
  learningRate: number | 'auto';
  iterations: number;
  preReduce: number | null;
  seed: number;
}

export type LayoutParams = PcaParams | UmapParams | TsneParams;

export const DEFAULT_LAYOUT: { pca: PcaParams; umap: UmapParams; tsne: TsneParams } = {
  pca: { method: 'pca', dims: 3, axes: [0, 1, 2] },
  umap: { method: 'umap', dims: 3, neighbours: 15, minDist: 0.1, epochs: 300, metric: 'cosine', preReduce: 50, seed: 42 },
  tsne: { method: 'tsne', dims: 3, perplexity: 30, learningRate: 'auto', iterations: 750, preReduce: 50, seed: 42 },
};

/** Beyond this, exact kNN for UMAP/t-SNE would take minutes on this class of machine. */
export const MAX_NEIGHBOUR_LAYOUT_POINTS = 50_000;
/** Up to this many points the neighbour graph is exact; beyond, NN-descent approximates it. */
export const EXACT_KNN_POINTS = 8_000;
/** PCA is fitted on at most this many rows (a seeded sample) and then projects every row. */
export const PCA_FIT_ROWS = 4_000;
const PCA_AXES = 10;
/** the share of a UMAP or t-SNE progress bar that building the neighbour graph takes */
const KNN_SHARE = 0.2;

export class LayoutInputError extends Error {}

export interface LayoutRun {
  readonly params: LayoutParams;
  /** warnings about parameters that were adjusted to fit the data */
  readonly notes: string[];
  readonly pca: PcaModel;
  readonly explained: number[];
  readonly done: boolean;
  /** 0..1 */
  progress(): number;
  /** Advances for about budgetMs milliseconds. */
  step(budgetMs: number): void;
  /** count × 3 (2-D layouts have z = 0) */
  coords(): Float32Array;
}

function checkFinite(vectors: Float32Array, dims: number): void {
  for (let i = 0; i < vectors.length; i++) {
    if (!Number.isFinite(vectors[i]!)) {
      throw new LayoutInputError(`Chunk ${Math.floor(i / dims) + 1} has a vector with NaN or Infinity; remove or re-embed it before laying out.`);
    }
  }
}

export function sampleRows(vectors: Float32Array, count: number, dims: number, rows: number, seed: number): { data: Float32Array; count: number } {
  if (count <= rows) return { data: vectors, count };
  // evenly strided with a seeded offset: deterministic and spread over the whole corpus
  const stride = count / rows;
  const offset = (seed % 1000) / 1000;
  const data = new Float32Array(rows * dims);
  for (let r = 0; r < rows; r++) {
    const i = Math.min(count - 1, Math.floor((r + offset) * stride));
    data.set(vectors.subarray(i * dims, (i + 1) * dims), r * dims);
  }
  return { data, count: rows };
}

function toXyz(data: Float32Array, count: number, dims: number, axes: readonly number[]): Float32Array {
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

export function startLayout(vectors: Float32Array, count: number, dims: number, params: LayoutParams): LayoutRun {
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
    return { params, notes, pca, explained, done: true, progress: () => 1, step: () => {}, coords: () => coords };
  }
  const projected = projectPca(pca, vectors, count);

  if (count > MAX_NEIGHBOUR_LAYOUT_POINTS) {
    throw new LayoutInputError(
      `${params.method === 'umap' ? 'UMAP' : 't-SNE'} on ${count.toLocaleString('en')} points would take too long here (limit ${MAX_NEIGHBOUR_LAYOUT_POINTS.toLocaleString('en')}). Use PCA, or lay out a sample.`,
    );
  }
  // the neighbour graph is built on the PCA-reduced vectors when asked, else on the full ones
  const reduced = params.preReduce !== null && params.preReduce < dims;
  const space = reduced ? projectPca({ ...pca, components: params.preReduce! }, vectors, count) : vectors;
  const spaceDims = reduced ? Math.min(params.preReduce!, pca.components) : dims;
  const metric: Metric = params.method === 'umap' ? params.metric : 'euclidean';
  const init = toXyz(projected, count, pca.components, params.dims === 2 ? [0, 1] : [0, 1, 2]);
  const initial = new Float32Array(count * params.dims);
  for (let i = 0; i < count; i++) for (let c = 0; c < params.dims; c++) initial[i * params.dims + c] = init[i * 3 + c]!;

  let optimizer: UmapOptimizer | TsneOptimizer | null = null;
  const neighbours =
    params.method === 'umap'
      ? Math.min(params.neighbours, count - 1)
      : Math.min(count - 1, Math.max(1, Math.floor(3 * Math.min(params.perplexity, (count - 1) / 3))));
  if (params.method === 'umap' && params.neighbours > count - 1)
    notes.push(`Only ${count} points: UMAP uses ${Math.max(0, count - 1)} neighbours instead of ${params.neighbours}.`);
  if (params.method === 'tsne' && 3 * params.perplexity > count - 1)
    notes.push(`Only ${count} points: t-SNE perplexity lowered to ${Math.max(1, Math.floor((count - 1) / 3))}.`);
  if (count > EXACT_KNN_POINTS) notes.push(`Neighbour graph approximated by NN-descent (over ${EXACT_KNN_POINTS.toLocaleString('en')} points).`);
  const total = params.method === 'umap' ? params.epochs : params.iterations;
  let phase: 'knn' | 'optimise' | 'done' = count < 3 ? 'done' : 'knn';
  let finalCoords: Float32Array | null = count < 3 ? toXyz(initial, count, params.dims, [0, 1, 2]) : null;

  // the neighbour graph is built in steps too: pause and cancel reach it
  const knn: Steps<KnnGraph> =
    count > EXACT_KNN_POINTS
      ? nnDescentSteps(space, count, spaceDims, neighbours, metric, params.seed)
      : exactKnnSteps(space, count, spaceDims, neighbours, metric);
  let knnProgress = 0;
  const start = (graph: KnnGraph) => {
    if (params.method === 'umap') {
      optimizer = new UmapOptimizer(fuzzyGraph(graph), scaleTo(initial, 10), count, {
        dims: params.dims,
        minDist: params.minDist,
        epochs: params.epochs,
        seed: params.seed,
      });
    } else {
      const perplexity = Math.max(1, Math.min(params.perplexity, (count - 1) / 3));
      const p = tsneAffinities(graph, perplexity);
      const init = scaleTo(initial, 1e-4 * 3); // about the scale scikit-learn's PCA init uses
      optimizer = new TsneOptimizer(p, init, count, { dims: params.dims, perplexity, learningRate: params.learningRate, iterations: params.iterations });
    }
    phase = 'optimise';
  };

  return {
    params,
    notes,
    pca,
    explained,
    get done() {
      return phase === 'done';
    },
    progress: () => (phase === 'done' ? 1 : phase === 'knn' ? KNN_SHARE * knnProgress : KNN_SHARE + (1 - KNN_SHARE) * (optimizer!.completed / total)),
    step(budgetMs: number) {
      const until = performance.now() + budgetMs;
      if (phase === 'knn') {
        const built = advance(knn, budgetMs);
        if (!built.done) {
          knnProgress = built.progress;
          return;
        }
        start(built.value);
      }
      while (phase === 'optimise' && performance.now() < until) {
        optimizer!.step(1);
        if (optimizer!.done) {
          phase = 'done';
          finalCoords = toXyz(optimizer!.embedding, count, params.dims, [0, 1, 2]);
        }
      }
    },
    coords: () => finalCoords ?? (optimizer ? toXyz(optimizer.embedding, count, params.dims, [0, 1, 2]) : toXyz(initial, count, params.dims, [0, 1, 2])),
  };
}

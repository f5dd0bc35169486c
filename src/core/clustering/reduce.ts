// Reduce before clustering, as BERTopic and Latent Scope do: UMAP of the full vectors (cosine
// neighbours) to a few dimensions with min_dist 0, so that points of one topic pack tightly and
// topics pull apart; density and k-means then work in a space where distances mean something.
// The optimiser is UMAP's SGD (the layout's, umap.ts) written for any number of dimensions.
import { exactKnnSteps, type KnnGraph } from '../knn';
import { sampleRows, scaleTo, PCA_FIT_ROWS } from '../layoutRun';
import { nnDescentSteps } from '../nnDescent';
import { fitPca, projectPca } from '../pca';
import { type Steps, within } from '../steps';
import { edgeSchedule, fitAB, fuzzyGraph, type FuzzyGraph } from '../umap';
import { fastPow } from '../fastMath';

export interface ReduceOptions {
  components: number;
  neighbours: number;
  seed: number;
}

export const TOPIC_REDUCTION: ReduceOptions = { components: 5, neighbours: 15, seed: 42 };

/** The neighbour graph is exact up to this many points; above, NN-descent on a PCA projection */
const EXACT_GRAPH_POINTS = 4000;
/** dimensions of that projection: enough to keep neighbours, few enough for NN-descent to be quick */
const GRAPH_DIMS = 48;

/**
 * More epochs for small inputs, as umap-learn does (500 up to 10,000 points, then 200), but 100
 * from 2,000: clusters need topics apart, not a finished picture. The 5,000-point sample of
 * 20,000 × 512 clustered in 6.4 → 5.3 s (Node) at the same ARI (0.519 → 0.537 on 20 planted
 * clusters; 10,000 real Debian package descriptions 0.118 → 0.146).
 */
const epochsFor = (count: number) => (count > 2_000 ? 100 : 500);

/** Unit rows (count × dims) reduced to count × components by UMAP, with the neighbour graph it was built on; yields progress. */
export function* reduceSteps(
  x: Float32Array,
  count: number,
  dims: number,
  options: ReduceOptions = TOPIC_REDUCTION,
): Steps<{ y: Float32Array; graph: KnnGraph }> {
  const components = Math.min(options.components, dims);
  const neighbours = Math.min(options.neighbours, count - 1);
  const exact = count <= EXACT_GRAPH_POINTS;
  const fit = sampleRows(x, count, dims, PCA_FIT_ROWS, options.seed);
  // the projection starts the optimiser and, above EXACT_GRAPH_POINTS, carries the neighbour search
  const pcaComponents = Math.min(dims, exact ? components : Math.max(components, GRAPH_DIMS));
  const pca = fitPca(fit.data, fit.count, dims, { components: pcaComponents, seed: 1, iterations: 8 });
  const projected = projectPca(pca, x, count);
  yield 0.05;
  const graph: KnnGraph = yield* within(
    exact ? exactKnnSteps(x, count, dims, neighbours, 'cosine') : nnDescentSteps(projected, count, pca.components, neighbours, 'euclidean', options.seed),
    0.05,
    0.5,
  );
  // PCA's first axes as the start, as the layout does
  const initial = new Float32Array(count * components);
  for (let i = 0; i < count; i++) for (let c = 0; c < components; c++) initial[i * components + c] = projected[i * pca.components + c]!;
  const sgd = new Sgd(fuzzyGraph(graph), scaleTo(initial, 10), count, components, epochsFor(count), options.seed);
  while (!sgd.done) {
    sgd.step(5);
    yield 0.5 + (0.5 * sgd.epoch) / sgd.epochs;
  }
  return { y: sgd.y, graph };
}

/** UMAP's stochastic gradient descent with negative sampling, min_dist 0, in any number of dimensions. */
class Sgd {
  epoch = 0;
  private rng: number;
  private readonly a: number;
  private readonly b: number;
  private readonly epochsPerSample: Float32Array;
  private readonly nextSample: Float32Array;
  private readonly nextNegative: Float32Array;
  private readonly graph: FuzzyGraph;

  constructor(
    graph: FuzzyGraph,
    readonly y: Float32Array,
    private readonly count: number,
    private readonly dims: number,
    readonly epochs: number,
    seed: number,
  ) {
    ({ a: this.a, b: this.b } = fitAB(0));
    ({ graph: this.graph, epochsPerSample: this.epochsPerSample } = edgeSchedule(graph, epochs));
    this.nextSample = Float32Array.from(this.epochsPerSample);
    this.nextNegative = this.epochsPerSample.map((e) => e / NEGATIVES);
    this.rng = ((seed * 2654435761) >>> 0) | 1;
  }

  get done(): boolean {
    return this.epoch >= this.epochs;
  }

  step(epochs: number): void {
    const { y, a, b, dims, count, epochsPerSample, nextSample, nextNegative } = this;
    const { heads, tails } = this.graph;
    const grad = new Float64Array(dims);
    let rng = this.rng; // a local: a field written in the hot loop is slower
    for (let run = 0; run < epochs && !this.done; run++, this.epoch++) {
      const n = this.epoch;
      const alpha = 1 - n / this.epochs;
      for (let e = 0; e < heads.length; e++) {
        if (nextSample[e]! > n) continue;
        const i = heads[e]! * dims;
        const j = tails[e]! * dims;
        let d2 = 0;
        // products, not ** 2: V8 compiles ** to a pow call, which made this loop five times slower
        for (let c = 0; c < dims; c++) {
          const d = y[i + c]! - y[j + c]!;
          d2 += d * d;
        }
        if (d2 > 0) {
          const powB = fastPow(d2, b);
          const coefficient = (-2 * a * b * (powB / d2)) / (a * powB + 1);
          for (let c = 0; c < dims; c++) {
            const g = clip(coefficient * (y[i + c]! - y[j + c]!)) * alpha;
            y[i + c]! += g;
            y[j + c]! -= g;
          }
        }
        nextSample[e]! += epochsPerSample[e]!;
        const perNegative = epochsPerSample[e]! / NEGATIVES;
        const negatives = Math.floor((n - nextNegative[e]!) / perNegative);
        for (let s = 0; s < negatives; s++) {
          rng ^= rng << 13;
          rng ^= rng >>> 17;
          rng ^= rng << 5;
          const k = ((rng >>> 0) % count) * dims;
          if (k === i) continue;
          d2 = 0;
          for (let c = 0; c < dims; c++) {
            const d = (grad[c] = y[i + c]! - y[k + c]!);
            d2 += d * d;
          }
          const coefficient = d2 > 0 ? (2 * b) / ((0.001 + d2) * (a * fastPow(d2, b) + 1)) : 0;
          for (let c = 0; c < dims; c++) y[i + c]! += (coefficient > 0 ? clip(coefficient * grad[c]!) : 4) * alpha;
        }
        nextNegative[e]! += negatives * perNegative;
      }
    }
    this.rng = rng;
  }
}

const NEGATIVES = 5;

function clip(value: number): number {
  return value > 4 ? 4 : value < -4 ? -4 : value;
}

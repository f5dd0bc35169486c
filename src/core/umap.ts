// UMAP (McInnes et al.) on typed arrays: fuzzy simplicial set from a kNN graph, then SGD with
// negative sampling in 2 or 3 dimensions. The caller owns the schedule (step), so a worker can
// stream intermediate positions. Written here because umap-js keeps its optimiser state in plain
// JS arrays and spends ~10 s on 5k points; this one uses the same algorithm on Float32Arrays.
import type { KnnGraph } from './knn';
import { fastPow } from './fastMath';
import { seededRandom } from './random';

export interface UmapOptions {
  dims: 2 | 3;
  minDist: number;
  spread?: number;
  epochs: number;
  negativeSampleRate?: number;
  seed: number;
}

export interface FuzzyGraph {
  heads: Int32Array;
  tails: Int32Array;
  weights: Float32Array;
}

const SMOOTH_K_TOLERANCE = 1e-5;

/** Per-point rho (distance to the nearest neighbour) and sigma so that memberships sum to log2(k). */
export function smoothKnnDistances(graph: KnnGraph): { rho: Float32Array; sigma: Float32Array } {
  const { count, k, distances } = graph;
  const target = Math.log2(Math.max(2, k));
  const rho = new Float32Array(count);
  const sigma = new Float32Array(count);
  let meanDistance = 0;
  for (let i = 0; i < count * k; i++) meanDistance += distances[i]! / (count * k);
  for (let i = 0; i < count; i++) {
    const row = distances.subarray(i * k, (i + 1) * k);
    rho[i] = row.find((d) => d > 0) ?? 0;
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    for (let it = 0; it < 64; it++) {
      let sum = 0;
      for (let j = 0; j < k; j++) {
        const d = row[j]! - rho[i]!;
        sum += d > 0 ? Math.exp(-d / mid) : 1;
      }
      if (Math.abs(sum - target) < SMOOTH_K_TOLERANCE) break;
      if (sum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    // as umap-learn: keep sigma away from zero relative to the typical distance
    const rowMean = row.reduce((a, b) => a + b, 0) / Math.max(1, k);
    sigma[i] = Math.max(mid, 1e-3 * (rho[i]! > 0 ? rowMean : meanDistance));
  }
  return { rho, sigma };
}

/** The symmetric fuzzy union w = a + b − a·b of the directed membership graph. */
export function fuzzyGraph(graph: KnnGraph): FuzzyGraph {
  const { count, k, indices, distances } = graph;
  const { rho, sigma } = smoothKnnDistances(graph);
  const directed = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < k; j++) {
      const other = indices[i * k + j]!;
      if (other < 0 || other === i) continue;
      const d = distances[i * k + j]! - rho[i]!;
      directed.set(i * count + other, d <= 0 ? 1 : Math.exp(-d / sigma[i]!));
    }
  }
  const heads: number[] = [];
  const tails: number[] = [];
  const weights: number[] = [];
  for (const [key, w] of directed) {
    const i = Math.floor(key / count);
    const j = key - i * count;
    const reverse = directed.get(j * count + i);
    if (reverse !== undefined && j < i) continue; // the pair was emitted from the other side
    const combined = reverse === undefined ? w : w + reverse - w * reverse;
    heads.push(i, j);
    tails.push(j, i);
    weights.push(combined, combined);
  }
  return { heads: Int32Array.from(heads), tails: Int32Array.from(tails), weights: Float32Array.from(weights) };
}

/** a, b of the curve 1 / (1 + a·x^(2b)) that best fits the min_dist/spread target (least squares). */
const fittedCurves = new Map<string, { a: number; b: number }>();

/** The curve's a and b for a min_dist and spread; fitted once per pair (a grid search of ~70 ms). */
export function fitAB(minDist: number, spread = 1): { a: number; b: number } {
  const key = `${minDist} ${spread}`;
  let curve = fittedCurves.get(key);
  if (!curve) fittedCurves.set(key, (curve = fitCurve(minDist, spread)));
  return curve;
}

function fitCurve(minDist: number, spread: number): { a: number; b: number } {
  const xs = Array.from({ length: 300 }, (_, i) => ((i + 1) / 300) * spread * 3);
  const target = xs.map((x) => (x < minDist ? 1 : Math.exp(-(x - minDist) / spread)));
  const error = (a: number, b: number) => xs.reduce((s, x, i) => s + (1 / (1 + a * x ** (2 * b)) - target[i]!) ** 2, 0);
  let best = { a: 1.5, b: 0.9, e: Infinity };
  for (let la = -3; la <= 3; la += 0.1) {
    for (let b = 0.2; b <= 3; b += 0.05) {
      const e = error(Math.exp(la), b);
      if (e < best.e) best = { a: Math.exp(la), b, e };
    }
  }
  // refine around the best grid point
  let step = { a: best.a * 0.1, b: 0.025 };
  for (let it = 0; it < 60; it++) {
    let improved = false;
    for (const [da, db] of [
      [step.a, 0],
      [-step.a, 0],
      [0, step.b],
      [0, -step.b],
    ] as const) {
      const a = best.a + da;
      const b = best.b + db;
      if (a <= 0 || b <= 0) continue;
      const e = error(a, b);
      if (e < best.e) {
        best = { a, b, e };
        improved = true;
      }
    }
    if (!improved) step = { a: step.a / 2, b: step.b / 2 };
  }
  return { a: best.a, b: best.b };
}

/** The edges sampled at least once in `epochs`, and how many epochs apart each is sampled (the strongest every epoch). */
export function edgeSchedule(graph: FuzzyGraph, epochs: number): { graph: FuzzyGraph; epochsPerSample: Float32Array } {
  const maxWeight = graph.weights.reduce((m, w) => Math.max(m, w), 0);
  const keep: number[] = [];
  for (let e = 0; e < graph.weights.length; e++) if (graph.weights[e]! >= maxWeight / epochs) keep.push(e);
  const weights = Float32Array.from(keep, (e) => graph.weights[e]!);
  return {
    graph: { heads: Int32Array.from(keep, (e) => graph.heads[e]!), tails: Int32Array.from(keep, (e) => graph.tails[e]!), weights },
    epochsPerSample: Float32Array.from(weights, (w) => maxWeight / w),
  };
}

export class UmapOptimizer {
  private readonly y3: Float32Array;
  private rngState: number;
  readonly totalEpochs: number;
  epoch = 0;
  private readonly graph: FuzzyGraph;
  private readonly epochsPerSample: Float32Array;
  private readonly nextSample: Float32Array;
  private readonly epochsPerNegative: Float32Array;
  private readonly nextNegative: Float32Array;
  private readonly a: number;
  private readonly b: number;
  private readonly dims: number;
  private readonly count: number;

  /** initial: count × dims starting positions (e.g. a scaled PCA projection). */
  constructor(graph: FuzzyGraph, initial: Float32Array, count: number, options: UmapOptions) {
    this.dims = options.dims;
    this.count = count;
    this.totalEpochs = Math.max(1, options.epochs);
    this.y3 = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) for (let c = 0; c < this.dims; c++) this.y3[i * 3 + c] = initial[i * this.dims + c]!;
    // xorshift needs a non-zero state
    this.rngState = (Math.floor(seededRandom(options.seed)() * 0xffffffff) | 1) >>> 0;
    ({ a: this.a, b: this.b } = fitAB(options.minDist, options.spread ?? 1));
    ({ graph: this.graph, epochsPerSample: this.epochsPerSample } = edgeSchedule(graph, this.totalEpochs));
    this.nextSample = Float32Array.from(this.epochsPerSample);
    const negativeRate = options.negativeSampleRate ?? 5;
    this.epochsPerNegative = this.epochsPerSample.map((e) => e / negativeRate);
    this.nextNegative = Float32Array.from(this.epochsPerNegative);
  }

  get done(): boolean {
    return this.epoch >= this.totalEpochs;
  }

  get completed(): number {
    return this.epoch;
  }

  /** Runs up to `epochs` more epochs; returns how many ran. */
  step(epochs = 1): number {
    // Hot loop: positions are kept with stride 3 (2-D layouts keep z = 0, which no gradient
    // moves), unrolled, with an inline xorshift generator seeded from the options' seed.
    const { y3: y, a, b, count } = this;
    const { heads, tails } = this.graph;
    const { nextSample, epochsPerSample, nextNegative, epochsPerNegative } = this;
    const attract = -2 * a * b;
    const repel = 2 * b;
    const zStep = this.dims === 3 ? 1 : 0;
    let rng = this.rngState;
    let ran = 0;
    while (ran < epochs && !this.done) {
      const n = this.epoch;
      const alpha = 1 - n / this.totalEpochs;
      for (let e = 0; e < heads.length; e++) {
        if (nextSample[e]! > n) continue;
        const i = heads[e]! * 3;
        const j = tails[e]! * 3;
        let dx = y[i]! - y[j]!;
        let dy = y[i + 1]! - y[j + 1]!;
        let dz = y[i + 2]! - y[j + 2]!;
        let d2 = dx * dx + dy * dy + dz * dz;
        if (d2 > 0) {
          const powB = fastPow(d2, b); // d2^(b-1) = d2^b / d2: one pow per edge
          const coefficient = (attract * (powB / d2)) / (a * powB + 1);
          const gx = clip(coefficient * dx) * alpha;
          const gy = clip(coefficient * dy) * alpha;
          const gz = clip(coefficient * dz) * alpha;
          y[i]! += gx;
          y[i + 1]! += gy;
          y[i + 2]! += gz;
          y[j]! -= gx;
          y[j + 1]! -= gy;
          y[j + 2]! -= gz;
        }
        nextSample[e]! += epochsPerSample[e]!;
        const negatives = Math.floor((n - nextNegative[e]!) / epochsPerNegative[e]!);
        for (let s = 0; s < negatives; s++) {
          rng ^= rng << 13;
          rng ^= rng >>> 17;
          rng ^= rng << 5;
          const k = ((rng >>> 0) % count) * 3;
          if (k === i) continue;
          dx = y[i]! - y[k]!;
          dy = y[i + 1]! - y[k + 1]!;
          dz = y[i + 2]! - y[k + 2]!;
          d2 = dx * dx + dy * dy + dz * dz;
          if (d2 > 0) {
            const coefficient = repel / ((0.001 + d2) * (a * fastPow(d2, b) + 1));
            y[i]! += clip(coefficient * dx) * alpha;
            y[i + 1]! += clip(coefficient * dy) * alpha;
            y[i + 2]! += clip(coefficient * dz) * alpha * zStep;
          } else {
            y[i]! += 4 * alpha;
            y[i + 1]! += 4 * alpha;
            y[i + 2]! += 4 * alpha * zStep;
          }
        }
        nextNegative[e]! += negatives * epochsPerNegative[e]!;
      }
      this.epoch++;
      ran++;
    }
    this.rngState = rng;
    return ran;
  }

  /** count × dims positions */
  get embedding(): Float32Array {
    const out = new Float32Array(this.count * this.dims);
    for (let i = 0; i < this.count; i++) for (let c = 0; c < this.dims; c++) out[i * this.dims + c] = this.y3[i * 3 + c]!;
    return out;
  }
}

function clip(value: number): number {
  return value > 4 ? 4 : value < -4 ? -4 : value;
}

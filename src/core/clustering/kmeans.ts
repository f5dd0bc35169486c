// k-means in one of two geometries. Spherical (cosine): rows are unit vectors, centroids are kept at
// unit length, and a row joins the centroid it has the largest dot product with. Euclidean: for
// points already reduced to a few dimensions (UMAP's, before clustering), the nearest centroid. k is given, or picked by the
// modularity of k-means runs on a sample over the sample's nearest-neighbour graph (modularity.ts), and the full
// run then starts from that sample's centroids, so it converges in a few passes.
import type { VectorRows } from '../vectors';
import { normalizeRows } from '../pooling';
import { modularity, neighbourEdges } from './modularity';
import { sampleIndices } from '../random';
import { seededRandom } from '../random';
import { type Steps, within } from '../steps';

/** k is chosen on a sample of this many rows (its pairwise distances cost rows² · dims) */
const CHOICE_ROWS = 800;
export const MAX_AUTO_K = 16;
/**
 * Each sampled row's nearest rows in the graph whose modularity chooses k: as many as a cluster
 * holds on average at the finest k tried (rows / MAX_AUTO_K), and at least UMAP's 15. A fixed 15
 * let larger corpora fragment into 13–16 tight groups (for 5–8 topics); fewer than 15 let the
 * reduction's tears split a blob (3 planted clusters of 60 → 4–6). Across three reduction seeds of
 * bench:clusters' four corpora and three planted mixtures, this came within 0.9× the best reference
 * (0.95 ARI on the mixtures) in 21 of 21 runs; 15 alone in 14, rows / 16 alone in 19.
 */
const choiceNeighbours = (rows: number) => Math.max(15, Math.round(rows / MAX_AUTO_K));
/**
 * Partitions whose modularity is within this share of the best are taken as tied, and the finest of
 * them wins: modularity is known to merge small communities (its resolution limit), and its curve over
 * k bumps by 0.5–2 % between neighbouring k (k-means on a sample). Chosen on bench:clusters' corpora: the demo's ancient
 * Egypt and medieval Europe, 0.26 % apart at k = 10 and 11, no longer merge; at 1 % three clean
 * planted blobs split into four (the cluster worker's unit test).
 */
const NEAR_BEST = 0.003;

/** The space a choice of k is judged in when it is not the clustered one: the model's unit vectors, by cosine. */
export interface JudgeSpace {
  data: VectorRows;
  dims: number;
  metric: KMeansMetric;
}
const MAX_ITERATIONS = 40;
/** k-means++ seedings tried for each k on the sample */
const RESTARTS = 3;
/** rows between two yields */
const SLICE = 2048;

export interface KMeansResult {
  /** cluster of each row, 0..k−1 */
  labels: Int32Array;
  k: number;
  /** k × dims, unit length */
  centroids: Float32Array;
  /** the mean silhouette of the chosen k on the sample, in the judge's space when there is one (null when k was given or cannot be measured) */
  silhouette: number | null;
  /** the modularity that chose k, on the sample's neighbour graph (null when k was given) */
  modularity: number | null;
}

export type KMeansMetric = 'cosine' | 'euclidean';

const dot = (a: Float32Array, i: number, b: Float32Array, j: number, dims: number): number => {
  let s = 0;
  const ai = i * dims;
  const bj = j * dims;
  for (let d = 0; d < dims; d++) s += a[ai + d]! * b[bj + d]!;
  return s;
};

const squaredDistance = (a: Float32Array, i: number, b: Float32Array, j: number, dims: number): number => {
  let s = 0;
  const ai = i * dims;
  const bj = j * dims;
  for (let d = 0; d < dims; d++) {
    const diff = a[ai + d]! - b[bj + d]!;
    s += diff * diff;
  }
  return s;
};

/** How close row i of a is to row j of b: higher is closer (a dot product of unit rows, or a negated squared distance). */
const closeness = (metric: KMeansMetric) =>
  metric === 'cosine' ? dot : (a: Float32Array, i: number, b: Float32Array, j: number, dims: number) => -squaredDistance(a, i, b, j, dims);

/** The squared Euclidean distance, which for unit rows is 2 − 2·cosine. */
const squared = (metric: KMeansMetric) =>
  metric === 'cosine' ? (a: Float32Array, i: number, b: Float32Array, j: number, dims: number) => Math.max(0, 2 - 2 * dot(a, i, b, j, dims)) : squaredDistance;

/** k-means++ seeding: each next centre is drawn with probability proportional to its squared distance. */
export function seedCentroids(x: Float32Array, count: number, dims: number, k: number, random: () => number, metric: KMeansMetric = 'cosine'): Float32Array {
  const distance2 = squared(metric);
  const centroids = new Float32Array(k * dims);
  const nearest = new Float64Array(count).fill(Infinity);
  let pick = Math.floor(random() * count);
  for (let c = 0; c < k; c++) {
    centroids.set(x.subarray(pick * dims, (pick + 1) * dims), c * dims);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const d = distance2(x, i, centroids, c, dims);
      if (d < nearest[i]!) nearest[i] = d;
      total += nearest[i]!;
    }
    if (total <= 0)
      pick = Math.floor(random() * count); // every row sits on a centre already
    else {
      let target = random() * total;
      pick = count - 1;
      for (let i = 0; i < count; i++)
        if ((target -= nearest[i]!) <= 0) {
          pick = i;
          break;
        }
    }
  }
  return centroids;
}

/** Lloyd iterations from the given centroids until no row changes cluster. */
export function* lloydSteps(
  x: Float32Array,
  count: number,
  dims: number,
  centroids: Float32Array,
  metric: KMeansMetric = 'cosine',
  maxIterations = MAX_ITERATIONS,
): Steps<Int32Array> {
  const close = closeness(metric);
  const k = centroids.length / dims;
  const labels = new Int32Array(count).fill(-1);
  const sums = new Float64Array(k * dims);
  const sizes = new Int32Array(k);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = 0;
    for (let i = 0; i < count; i++) {
      let best = 0;
      let bestDot = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = close(x, i, centroids, c, dims);
        if (s > bestDot) {
          bestDot = s;
          best = c;
        }
      }
      if (labels[i] !== best) {
        labels[i] = best;
        changed++;
      }
      if (i % SLICE === SLICE - 1) yield (iteration + i / count) / maxIterations;
    }
    if (changed === 0) break;
    sums.fill(0);
    sizes.fill(0);
    for (let i = 0; i < count; i++) {
      const c = labels[i]!;
      sizes[c]!++;
      for (let d = 0; d < dims; d++) sums[c * dims + d]! += x[i * dims + d]!;
    }
    // an empty cluster keeps its centre (and stays empty, to be dropped at the end)
    for (let c = 0; c < k; c++) if (sizes[c]! > 0) for (let d = 0; d < dims; d++) centroids[c * dims + d] = sums[c * dims + d]! / sizes[c]!;
    if (metric === 'cosine') normalizeRows(centroids, dims);
    yield (iteration + 1) / maxIterations;
  }
  return labels;
}

/** Cluster ids renumbered 0..m−1, largest first, empty clusters dropped; noise (−1) stays −1. */
export function bySize(labels: Int32Array): { labels: Int32Array; order: number[] } {
  const sizes = new Map<number, number>();
  for (const l of labels) if (l >= 0) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  const order = [...sizes.keys()].sort((a, b) => sizes.get(b)! - sizes.get(a)! || a - b);
  const rename = new Map(order.map((old, i) => [old, i]));
  return { labels: labels.map((l) => (l >= 0 ? rename.get(l)! : -1)), order };
}

/** Mean silhouette from a full distance matrix of `count` rows. */
export function silhouette(distances: Float32Array, count: number, labels: Int32Array, k: number): number {
  const sizes = new Int32Array(k);
  for (const l of labels) sizes[l]!++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < count; i++) {
    sums.fill(0);
    for (let j = 0; j < count; j++) sums[labels[j]!]! += distances[i * count + j]!;
    const own = labels[i]!;
    if (sizes[own]! <= 1) continue; // a singleton's silhouette is 0
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    if (Number.isFinite(b) && Math.max(a, b) > 0) total += (b - a) / Math.max(a, b);
  }
  return total / count;
}

/** How tight a clustering is: the sum of each row's closeness to its centroid (higher is better). */
function cohesion(x: Float32Array, count: number, dims: number, centroids: Float32Array, labels: Int32Array, metric: KMeansMetric): number {
  const close = closeness(metric);
  let total = 0;
  for (let i = 0; i < count; i++) total += close(x, i, centroids, labels[i]!, dims);
  return total;
}

/** k-means from RESTARTS k-means++ seedings, the tightest kept (one seeding can land in a poor optimum). */
function* bestOfRestarts(
  x: Float32Array,
  count: number,
  dims: number,
  k: number,
  random: () => number,
  metric: KMeansMetric,
): Steps<{ centroids: Float32Array; labels: Int32Array }> {
  let best: { centroids: Float32Array; labels: Int32Array; score: number } | null = null;
  for (let r = 0; r < RESTARTS; r++) {
    const centroids = seedCentroids(x, count, dims, k, random, metric);
    const labels = yield* within(lloydSteps(x, count, dims, centroids, metric), r / RESTARTS, (r + 1) / RESTARTS);
    const score = cohesion(x, count, dims, centroids, labels, metric);
    if (!best || score > best.score) best = { centroids, labels, score };
  }
  return best!;
}

/** Pairwise distances of some rows of `data` (cosine distance of unit rows, or Euclidean). */
function* distancesOf(data: VectorRows, rows: Int32Array, dims: number, metric: KMeansMetric): Steps<Float32Array> {
  const n = rows.length;
  const picked = new Float32Array(n * dims);
  rows.forEach((r, i) => picked.set(data.subarray(r * dims, (r + 1) * dims), i * dims));
  const distances = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++)
      distances[i * n + j] = distances[j * n + i] =
        metric === 'cosine' ? Math.max(0, 1 - dot(picked, i, picked, j, dims)) : Math.sqrt(squaredDistance(picked, i, picked, j, dims));
    if (i % 64 === 0) yield i / n;
  }
  return distances;
}

interface Choice {
  k: number;
  centroids: Float32Array;
  silhouette: number;
  modularity: number;
}

/**
 * Picks k in [2, maxK]: k-means on a sample for each k, the partition with the highest modularity
 * over the sample's nearest-neighbour graph (in the clustered space) wins. Its silhouette is measured
 * in the judge's space (the model's vectors by cosine) when there is one, to report.
 */
function* chooseK(
  x: Float32Array,
  count: number,
  dims: number,
  maxK: number,
  random: () => number,
  seed: number,
  metric: KMeansMetric,
  judge: JudgeSpace | null,
): Steps<Choice> {
  const rows = sampleIndices(count, CHOICE_ROWS, seed);
  const n = rows.length;
  const sample = new Float32Array(n * dims);
  rows.forEach((r, i) => sample.set(x.subarray(r * dims, (r + 1) * dims), i * dims));
  const clustered = yield* within(distancesOf(x, rows, dims, metric), 0, 0.1);
  const edges = neighbourEdges(clustered, n, choiceNeighbours(n));
  const choices: (Omit<Choice, 'silhouette'> & { labels: Int32Array })[] = [];
  for (let k = 2; k <= maxK; k++) {
    const { centroids, labels } = yield* within(
      bestOfRestarts(sample, n, dims, k, random, metric),
      0.1 + (0.6 * (k - 2)) / (maxK - 1),
      0.1 + (0.6 * (k - 1)) / (maxK - 1),
    );
    const renamed = bySize(labels);
    const score = renamed.order.length < 2 ? -1 : modularity(edges, renamed.labels, renamed.order.length);
    choices.push({ k, centroids, modularity: score, labels: renamed.labels });
  }
  const top = Math.max(...choices.map((c) => c.modularity));
  const best = choices.filter((c) => c.modularity >= top - NEAR_BEST * Math.abs(top)).at(-1)!;
  const judged = judge ? yield* within(distancesOf(judge.data, rows, judge.dims, judge.metric), 0.7, 1) : clustered;
  const clusters = Math.max(...best.labels) + 1;
  const score = clusters < 2 ? -1 : silhouette(judged, n, best.labels, clusters);
  return { k: best.k, centroids: best.centroids, modularity: best.modularity, silhouette: score };
}

/** k-means (on unit rows for cosine); `k` null picks it by modularity. Fewer than four rows form one cluster. */
export function* kmeansSteps(
  x: Float32Array,
  count: number,
  dims: number,
  k: number | null,
  seed = 1,
  metric: KMeansMetric = 'cosine',
  judge: JudgeSpace | null = null,
): Steps<KMeansResult> {
  const random = seededRandom(seed);
  const maxK = Math.min(MAX_AUTO_K, Math.floor(count / 2));
  if (count === 0) return { labels: new Int32Array(0), k: 0, centroids: new Float32Array(0), silhouette: null, modularity: null };
  let centroids: Float32Array;
  let chosen: Choice | null = null;
  if (k === null && maxK >= 2) {
    chosen = yield* within(chooseK(x, count, dims, maxK, random, seed, metric, judge), 0, 0.5);
    centroids = chosen.centroids;
  } else {
    // the restarts run on a sample; the full run starts from the best of them
    const rows = sampleIndices(count, CHOICE_ROWS, seed);
    const sample = new Float32Array(rows.length * dims);
    rows.forEach((r, i) => sample.set(x.subarray(r * dims, (r + 1) * dims), i * dims));
    centroids = (yield* within(bestOfRestarts(sample, rows.length, dims, Math.max(1, Math.min(k ?? 1, rows.length)), random, metric), 0, 0.3)).centroids;
  }
  const labels = yield* within(lloydSteps(x, count, dims, centroids, metric), k === null ? 0.5 : 0.3, 1);
  const renamed = bySize(labels);
  const kept = new Float32Array(renamed.order.length * dims);
  renamed.order.forEach((old, i) => kept.set(centroids.subarray(old * dims, (old + 1) * dims), i * dims));
  return { labels: renamed.labels, k: renamed.order.length, centroids: kept, silhouette: chosen?.silhouette ?? null, modularity: chosen?.modularity ?? null };
}

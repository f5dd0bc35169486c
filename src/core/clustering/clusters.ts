// Clusters of the corpus: by default the vectors are first reduced by UMAP to a few dimensions
// (reduce.ts), then clustered there by k-means or HDBSCAN; or clustered on the full vectors
// (cosine). Each cluster is then named by its distinctive terms. Runs as steps, so a worker can
// report and cancel it.
import type { VectorRows } from '../vectors';
import { exactKnnSteps, type KnnGraph, unitRows } from '../knn';
import { nnDescentSteps } from '../nnDescent';
import { normalizeRows } from '../pooling';
import { sampleIndices, seededRandom } from '../random';
import { placedLabels, placementSteps, rowsOf } from '../sampledLayout';
import { type Steps, within } from '../steps';
import { hdbscanSteps } from './hdbscan';
import { bySize, kmeansSteps } from './kmeans';
import { NAME_CANDIDATES, NAME_TERMS } from './namesByMeaning';
import { reduceSteps, TOPIC_REDUCTION } from './reduce';
import { clusterTerms } from './terms';

export type ClusterMethod = 'kmeans' | 'hdbscan';

export interface ClusterSettings {
  method: ClusterMethod;
  /** k-means: the number of clusters, or null to pick it by modularity (kmeans.ts) */
  k: number | null;
  /** HDBSCAN: the fewest points a cluster may have (null: about 1% of the points, at least 5) */
  minClusterSize: number | null;
  /** reduce the vectors with UMAP to this many dimensions first; null clusters the full vectors */
  reduceTo: number | null;
  /** HDBSCAN's noise: left unclustered, or each point given to the cluster of its nearest neighbours */
  noise: 'unclustered' | 'nearest';
}

export const DEFAULT_CLUSTERING: ClusterSettings = {
  method: 'kmeans',
  k: null,
  minClusterSize: null,
  reduceTo: TOPIC_REDUCTION.components,
  noise: 'unclustered',
};

export interface ClusterSummary {
  id: number;
  size: number;
  /** its three most distinctive terms */
  terms: string[];
  /** c-TF-IDF's candidates, best first (terms are the first three), from which the model may pick others (namesByMeaning.ts) */
  candidates?: string[];
}

export interface Clustering {
  /** cluster of each chunk, 0 the largest; −1 unclustered (HDBSCAN's noise) */
  labels: Int32Array;
  clusters: ClusterSummary[];
  unclustered: number;
  method: ClusterMethod;
  /** k-means' mean silhouette of the chosen k, when it was picked */
  silhouette: number | null;
  /** the modularity that picked k-means' k over the neighbour graph of a sample of the points, when it was picked */
  modularity: number | null;
  /** the minimum cluster size HDBSCAN ran with */
  minClusterSize: number | null;
  /** the dimensions UMAP reduced the vectors to before clustering (null: the full vectors) */
  reducedDims: number | null;
  /** the points the clustering was fitted on, when it was a sample (the rest join their nearest sampled points' clusters) */
  fittedOn: number | null;
  /** what the user should know: why there are no clusters, or why another method ran */
  notes: string[];
}

/** HDBSCAN's neighbour graph is exact up to this many points, NN-descent above */
const EXACT_GRAPH_POINTS = 3000;
/** beyond this, HDBSCAN's graph and tree cost more than a user waits for: k-means runs instead */
export const HDBSCAN_MAX_POINTS = 50_000;
const GRAPH_K = 15;
/** above EXACT_GRAPH_POINTS, NN-descent's cost grows with k²: a sparser graph still links each dense region (20,000 × 512: 3 s at 6, 19 s at 15 in Node) */
const LARGE_GRAPH_K = 6;
/**
 * HDBSCAN's core distances are to the nearest other point: on sentence embeddings a larger
 * min_samples merged topics (demo corpus: ARI 0.71 at 2, 0.20 at 5; see the closing note of #13).
 */
const MIN_SAMPLES = 2;
/** below this many points the vectors are clustered as they are: UMAP's neighbourhoods need points */
const MIN_REDUCE_POINTS = 50;
/** above this many points UMAP's graph and epochs take longer than a user waits for a first colouring: a sample of this many is fitted */
export const MAX_REDUCE_POINTS = 5_000;
/** the same corpus is always fitted on the same sample */
const SAMPLE_SEED = 3;
/** Each cluster's size and name (the first of its words; the rest kept as candidates), and how many points are in none, from the labels (−1: unclustered). */
export function clusterSummary(labels: Int32Array, words: string[][]): Pick<Clustering, 'clusters' | 'unclustered'> {
  const sizes = new Map<number, number>();
  for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  const clusters = words.map((candidates, id) => ({
    id,
    size: sizes.get(id) ?? 0,
    terms: candidates.slice(0, NAME_TERMS),
    ...(candidates.length > NAME_TERMS && { candidates }),
  }));
  return { clusters, unclustered: sizes.get(-1) ?? 0 };
}

/** terms are counted on at most this many chunks, and as many as hold this many characters (a seeded uniform sample beyond) */
const TERM_TEXTS = 20_000;
const TERM_CHARACTERS = 3_000_000;
/** however the sample falls, a cluster keeps this many of its chunks (all, when it has fewer) */
const TERM_TEXTS_PER_CLUSTER = 50;

export const autoMinClusterSize = (count: number): number => Math.max(5, Math.min(100, Math.round(count / 100)));

function allAlike(x: Float32Array, count: number, dims: number): boolean {
  for (let i = 1; i < count; i++) for (let d = 0; d < dims; d++) if (Math.abs(x[i * dims + d]! - x[d]!) > 1e-6) return false;
  return true;
}

/**
 * Each cluster's distinctive terms, best first, as many as the model may choose names from (c-TF-IDF
 * on the chunk texts). Past TERM_TEXTS chunks or TERM_CHARACTERS characters, on a sample: counting
 * is most of naming's time (20,000 chunks of 460 characters took a second in Chromium).
 */
export function namesFor(texts: readonly string[], labels: Int32Array, clusters: number): string[][] {
  const rows = termRows(texts, labels, clusters);
  if (!rows) return clusterTerms(texts, labels, clusters, NAME_CANDIDATES);
  return clusterTerms(
    Array.from(rows, (r) => texts[r]!),
    Int32Array.from(rows, (r) => labels[r]!),
    clusters,
    NAME_CANDIDATES,
  );
}

/** The rows terms are counted on, or null for all. */
function termRows(texts: readonly string[], labels: Int32Array, clusters: number): number[] | null {
  const characters = texts.reduce((n, t) => n + t.length, 0);
  const share = Math.min(TERM_TEXTS / texts.length, TERM_CHARACTERS / Math.max(1, characters));
  if (share >= 1) return null;
  const random = seededRandom(7);
  const kept = new Int32Array(clusters);
  const rows: number[] = [];
  texts.forEach((_, row) => {
    const cluster = labels[row]!;
    if (random() >= share) return;
    rows.push(row);
    if (cluster >= 0) kept[cluster]!++;
  });
  // small clusters topped up from their first chunks not drawn
  const drawn = new Set(rows);
  texts.forEach((_, row) => {
    const cluster = labels[row]!;
    if (cluster < 0 || cluster >= clusters || kept[cluster]! >= TERM_TEXTS_PER_CLUSTER || drawn.has(row)) return;
    rows.push(row);
    kept[cluster]!++;
  });
  return rows.sort((a, b) => a - b);
}

export function* clusterSteps(vectors: VectorRows, count: number, dims: number, texts: readonly string[], settings: ClusterSettings): Steps<Clustering> {
  const notes: string[] = [];
  const sampled = settings.reduceTo !== null && count > MAX_REDUCE_POINTS;
  const {
    graph: _graph,
    labels,
    ...found
  } = sampled
    ? yield* sampledLabelSteps(vectors, count, dims, settings, notes)
    : yield* labelSteps(unitRows(vectors, count, dims), count, dims, settings, notes);
  const clusterCount = new Set(labels.filter((l) => l >= 0)).size;
  const names = namesFor(texts, labels, clusterCount);
  yield 1;
  return { labels, ...clusterSummary(labels, names), ...found, fittedOn: sampled ? Math.min(count, MAX_REDUCE_POINTS) : null, notes };
}

/** How the points were grouped, and the neighbour graph of the points that was built on the way (if any). */
interface Labelling extends Pick<Clustering, 'labels' | 'method' | 'silhouette' | 'modularity' | 'minClusterSize' | 'reducedDims'> {
  graph: KnnGraph | null;
}

/**
 * Past MAX_REDUCE_POINTS the reduction and clustering are fitted on a seeded sample of that many
 * points, and every other point joins the cluster its nearest sampled points are in (cosine, full
 * vectors: the placement sampled layouts use).
 */
function* sampledLabelSteps(vectors: VectorRows, count: number, dims: number, settings: ClusterSettings, notes: string[]): Steps<Labelling> {
  const fitted = sampleIndices(count, MAX_REDUCE_POINTS, SAMPLE_SEED);
  // only the sample is copied at unit length: the other rows are scaled one at a time as they are placed
  const fittedUnit = normalizeRows(rowsOf(vectors, dims, fitted), dims);
  // a minimum cluster size is the user's for the whole corpus: the sample's is as much smaller
  const share = fitted.length / count;
  const minClusterSize = settings.minClusterSize === null ? null : Math.max(2, Math.round(settings.minClusterSize * share));
  const fit = yield* within(labelSteps(fittedUnit, fitted.length, dims, { ...settings, minClusterSize }, notes), 0, 0.75);
  const graph = fit.graph ?? (yield* within(nnDescentSteps(fittedUnit, fitted.length, dims, LARGE_GRAPH_K, 'cosine'), 0.75, 0.8));
  // a vote needs the nearest sampled points less surely than a layout's placement: two trees and one round of the walk
  // look at about half as many candidates as three and three, at ARI 0.212 against 0.221 (10,000 Debian package descriptions, 32 clusters)
  const placement = yield* within(
    placementSteps(vectors, count, dims, fitted, fittedUnit, graph, SAMPLE_SEED, { trees: 2, rounds: 1, unitFitted: true }),
    0.8,
    0.95,
  );
  const n = (x: number) => x.toLocaleString('en');
  notes.push(
    `Clusters were fitted on a seeded sample of ${n(fitted.length)} of the ${n(count)} points; every other point joins the cluster of its nearest sampled points.`,
  );
  return {
    ...fit,
    labels: bySize(placedLabels(placement, fit.labels, count)).labels,
    minClusterSize: fit.minClusterSize === null ? null : (settings.minClusterSize ?? Math.round(fit.minClusterSize / share)),
  };
}

function* labelSteps(unit: Float32Array, count: number, dims: number, settings: ClusterSettings, notes: string[]): Steps<Labelling> {
  let method = settings.method;
  if (method === 'hdbscan' && count > HDBSCAN_MAX_POINTS) {
    notes.push(`HDBSCAN runs on up to ${HDBSCAN_MAX_POINTS.toLocaleString('en')} points; these ${count.toLocaleString('en')} were clustered with k-means.`);
    method = 'kmeans';
  }
  let labels: Int32Array;
  let silhouette: number | null = null;
  let modularity: number | null = null;
  let minClusterSize: number | null = null;
  const alike = count < 4 || allAlike(unit, count, dims);
  // UMAP needs a few neighbours to mean anything
  const reducible = count >= MIN_REDUCE_POINTS && count <= MAX_REDUCE_POINTS;
  const reducedDims = !alike && settings.reduceTo !== null && reducible ? Math.min(settings.reduceTo, dims) : null;
  const reduced = reducedDims === null ? null : yield* within(reduceSteps(unit, count, dims, { ...TOPIC_REDUCTION, components: reducedDims }), 0, 0.6);
  let graph = reduced?.graph ?? null;
  const x = reduced?.y ?? unit;
  const space = { x, dims: reducedDims ?? dims, metric: reducedDims === null ? ('cosine' as const) : ('euclidean' as const) };
  const from = reducedDims === null ? 0 : 0.6;
  if (alike) {
    // nothing to separate: every point in one group
    notes.push(
      count < 4
        ? `${count} ${count === 1 ? 'point forms' : 'points form'} one cluster: clusters need at least 4 points.`
        : 'All points are alike: one cluster.',
    );
    labels = new Int32Array(count);
  } else if (method === 'kmeans') {
    const result = yield* within(
      kmeansSteps(space.x, count, space.dims, settings.k, 1, space.metric, reducedDims === null ? null : { data: unit, dims, metric: 'cosine' }),
      from,
      0.9,
    );
    labels = result.labels;
    silhouette = result.silhouette;
    modularity = result.modularity;
  } else {
    minClusterSize = Math.max(2, settings.minClusterSize ?? autoMinClusterSize(count));
    const k = Math.min(count <= EXACT_GRAPH_POINTS || reducedDims !== null ? GRAPH_K : LARGE_GRAPH_K, count - 1);
    const exact = count <= EXACT_GRAPH_POINTS;
    const hdbscanGraph: KnnGraph = yield* within(
      exact ? exactKnnSteps(space.x, count, space.dims, k, space.metric) : nnDescentSteps(space.x, count, space.dims, k, space.metric),
      from,
      from + (0.9 - from) * 0.7,
    );
    graph ??= hdbscanGraph;
    const result = yield* within(hdbscanSteps(hdbscanGraph, { minClusterSize, minSamples: MIN_SAMPLES }), from + (0.9 - from) * 0.7, 0.9);
    labels = bySize(result.labels).labels;
    if (result.clusters === 0)
      notes.push(`HDBSCAN found no group of at least ${minClusterSize} points: all are unclustered. Try a smaller minimum cluster size.`);
    else if (settings.noise === 'nearest') labels = joinNearest(labels, hdbscanGraph);
  }
  return { labels, method, silhouette, modularity, minClusterSize, reducedDims, graph };
}

/** Noise points given to the cluster most of their neighbours are in, repeated so that runs of noise are reached from their edges. */
export function joinNearest(labels: Int32Array, graph: KnnGraph): Int32Array {
  const out = labels.slice();
  const { k, indices } = graph;
  for (let pass = 0; pass < 5; pass++) {
    let changed = 0;
    const before = out.slice();
    for (let i = 0; i < out.length; i++) {
      if (before[i]! >= 0) continue;
      const votes = new Map<number, number>();
      for (let j = 0; j < k; j++) {
        const other = indices[i * k + j]!;
        const label = other >= 0 ? before[other]! : -1;
        if (label >= 0) votes.set(label, (votes.get(label) ?? 0) + 1);
      }
      let best = -1;
      for (const [label, n] of votes) if (best < 0 || n > votes.get(best)! || (n === votes.get(best)! && label < best)) best = label;
      if (best >= 0) {
        out[i] = best;
        changed++;
      }
    }
    if (changed === 0) break;
  }
  return out;
}

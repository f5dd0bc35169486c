// Clusters of the corpus, on the full-dimension vectors (cosine): k-means or HDBSCAN, then each
// cluster named by its distinctive terms. Runs as steps, so a worker can report and cancel it.
import { exactKnnSteps, type KnnGraph, unitRows } from '../knn';
import { nnDescentSteps } from '../nnDescent';
import { seededRandom } from '../random';
import { type Steps, within } from '../steps';
import { hdbscanSteps } from './hdbscan';
import { bySize, kmeansSteps } from './kmeans';
import { clusterTerms } from './terms';

export type ClusterMethod = 'kmeans' | 'hdbscan';

export interface ClusterSettings {
  method: ClusterMethod;
  /** k-means: the number of clusters, or null to pick it by silhouette */
  k: number | null;
  /** HDBSCAN: the fewest points a cluster may have (null: about 1% of the points, at least 5) */
  minClusterSize: number | null;
}

export const DEFAULT_CLUSTERING: ClusterSettings = { method: 'kmeans', k: null, minClusterSize: null };

export interface ClusterSummary {
  id: number;
  size: number;
  /** its three most distinctive terms */
  terms: string[];
}

export interface Clustering {
  /** cluster of each chunk, 0 the largest; −1 unclustered (HDBSCAN's noise) */
  labels: Int32Array;
  clusters: ClusterSummary[];
  unclustered: number;
  method: ClusterMethod;
  /** k-means' mean silhouette of the chosen k, when it was picked */
  silhouette: number | null;
  /** the minimum cluster size HDBSCAN ran with */
  minClusterSize: number | null;
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
/** Each cluster's size and words, and how many points are in none, from the labels (−1: unclustered) and the clusters' words. */
export function clusterSummary(labels: Int32Array, names: string[][]): Pick<Clustering, 'clusters' | 'unclustered'> {
  const sizes = new Map<number, number>();
  for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  return { clusters: names.map((terms, id) => ({ id, size: sizes.get(id) ?? 0, terms })), unclustered: sizes.get(-1) ?? 0 };
}

/** terms are counted on at most this many chunks (a uniform sample beyond) */
const TERM_TEXTS = 20_000;

export const autoMinClusterSize = (count: number): number => Math.max(5, Math.min(100, Math.round(count / 100)));

function allAlike(x: Float32Array, count: number, dims: number): boolean {
  for (let i = 1; i < count; i++) for (let d = 0; d < dims; d++) if (Math.abs(x[i * dims + d]! - x[d]!) > 1e-6) return false;
  return true;
}

function namesFor(texts: readonly string[], labels: Int32Array, clusters: number): string[][] {
  if (texts.length <= TERM_TEXTS) return clusterTerms(texts, labels, clusters);
  const random = seededRandom(7);
  const rows = Array.from({ length: TERM_TEXTS }, () => Math.floor(random() * texts.length));
  return clusterTerms(
    rows.map((r) => texts[r]!),
    Int32Array.from(rows, (r) => labels[r]!),
    clusters,
  );
}

export function* clusterSteps(vectors: Float32Array, count: number, dims: number, texts: readonly string[], settings: ClusterSettings): Steps<Clustering> {
  const notes: string[] = [];
  const x = unitRows(vectors, count, dims);
  let method = settings.method;
  if (method === 'hdbscan' && count > HDBSCAN_MAX_POINTS) {
    notes.push(`HDBSCAN runs on up to ${HDBSCAN_MAX_POINTS.toLocaleString('en')} points; these ${count.toLocaleString('en')} were clustered with k-means.`);
    method = 'kmeans';
  }
  let labels: Int32Array;
  let silhouette: number | null = null;
  let minClusterSize: number | null = null;
  if (count < 4 || allAlike(x, count, dims)) {
    // nothing to separate: every point in one group
    notes.push(
      count < 4
        ? `${count} ${count === 1 ? 'point forms' : 'points form'} one cluster: clusters need at least 4 points.`
        : 'All points are alike: one cluster.',
    );
    labels = new Int32Array(count);
  } else if (method === 'kmeans') {
    const result = yield* within(kmeansSteps(x, count, dims, settings.k), 0, 0.9);
    labels = result.labels;
    silhouette = result.silhouette;
  } else {
    minClusterSize = Math.max(2, settings.minClusterSize ?? autoMinClusterSize(count));
    const k = Math.min(count <= EXACT_GRAPH_POINTS ? GRAPH_K : LARGE_GRAPH_K, count - 1);
    const graph: KnnGraph = yield* within(
      count <= EXACT_GRAPH_POINTS ? exactKnnSteps(x, count, dims, k, 'cosine') : nnDescentSteps(x, count, dims, k, 'cosine'),
      0,
      0.7,
    );
    const result = yield* within(hdbscanSteps(graph, { minClusterSize, minSamples: MIN_SAMPLES }), 0.7, 0.9);
    labels = bySize(result.labels).labels;
    if (result.clusters === 0)
      notes.push(`HDBSCAN found no group of at least ${minClusterSize} points: all are unclustered. Try a smaller minimum cluster size.`);
  }
  const clusterCount = new Set(labels.filter((l) => l >= 0)).size;
  const names = namesFor(texts, labels, clusterCount);
  yield 1;
  return {
    labels,
    ...clusterSummary(labels, names),
    method,
    silhouette,
    minClusterSize,
    notes,
  };
}

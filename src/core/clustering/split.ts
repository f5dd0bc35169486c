// Split one cluster in two: spherical k-means (k = 2) on its members' unit vectors, every other
// chunk left where it is; clusters renumbered largest first and every name computed again (a name
// is what sets a cluster apart from the others, so the neighbours' names can change too).
import type { VectorRows } from '../vectors';
import { unitRows } from '../knn';
import { type Steps, within } from '../steps';
import { type Clustering, clusterSummary, namesFor } from './clusters';
import { bySize, kmeansSteps } from './kmeans';

/** fewer members than this cannot make two clusters worth naming */
export const MIN_SPLIT_SIZE = 4;

export function* splitClusterSteps(
  vectors: VectorRows,
  dims: number,
  texts: readonly string[],
  labels: Int32Array,
  cluster: number,
): Steps<Pick<Clustering, 'labels' | 'clusters' | 'unclustered'>> {
  const members: number[] = [];
  labels.forEach((l, i) => l === cluster && members.push(i));
  if (members.length < MIN_SPLIT_SIZE) throw new Error(`that cluster has ${members.length} chunks: at least ${MIN_SPLIT_SIZE} can be split`);
  const picked = new Float32Array(members.length * dims);
  members.forEach((row, m) => picked.set(vectors.subarray(row * dims, (row + 1) * dims), m * dims));
  const halves = yield* within(kmeansSteps(unitRows(picked, members.length, dims), members.length, dims, 2), 0, 0.8);
  const next = labels.slice();
  const fresh = labels.reduce((most, l) => Math.max(most, l), -1) + 1;
  members.forEach((row, m) => halves.labels[m] === 1 && (next[row] = fresh));
  const ordered = bySize(next).labels;
  const names = namesFor(texts, ordered, new Set(ordered.filter((l) => l >= 0)).size);
  yield 1;
  return { labels: ordered, ...clusterSummary(ordered, names) };
}

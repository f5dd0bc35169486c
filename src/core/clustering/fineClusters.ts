// The level below the clusters, for labels that deepen as the camera comes closer: each cluster
// large enough is split again by spherical k-means on its members' unit vectors (k grows with its
// size), and each part named by what sets it apart from its siblings (c-TF-IDF among them, the
// parent's own name words left out, since every sibling shares them).
import type { VectorRows } from '../vectors';
import { unitRows } from '../knn';
import { type Steps, within } from '../steps';
import { kmeansSteps } from './kmeans';
import { clusterTerms } from './terms';

/** a cluster smaller than this stays whole at the finer level */
export const MIN_FINE_SPLIT = 16;
const MAX_PARTS = 5;
const FINE_TERMS = 2;
/** a word in more than this share of a cluster's chunks names none of its parts */
const SIBLING_EVERYWHERE = 0.8;

export interface FineClusters {
  /** per row: its finer cluster (−1 where it has no cluster) */
  labels: Int32Array;
  /** each finer cluster's parent cluster, size and name */
  clusters: { parent: number; size: number; terms: string[] }[];
}

/** parts a cluster of `size` chunks is split into: about one per ten, 2 to MAX_PARTS */
export const partsFor = (size: number): number => (size < MIN_FINE_SPLIT ? 1 : Math.max(2, Math.min(MAX_PARTS, Math.round(Math.sqrt(size / 10)))));

export function* fineClusterSteps(
  vectors: VectorRows,
  dims: number,
  texts: readonly string[],
  labels: Int32Array,
  names: readonly (readonly string[])[],
): Steps<FineClusters> {
  const fine = new Int32Array(labels.length).fill(-1);
  const clusters: FineClusters['clusters'] = [];
  const members = names.map(() => [] as number[]);
  labels.forEach((l, i) => l >= 0 && l < members.length && members[l]!.push(i));
  for (let parent = 0; parent < members.length; parent++) {
    const rows = members[parent]!;
    const parts = partsFor(rows.length);
    if (parts === 1) {
      rows.forEach((r) => (fine[r] = clusters.length));
      clusters.push({ parent, size: rows.length, terms: [...(names[parent] ?? [])] });
      continue;
    }
    const picked = new Float32Array(rows.length * dims);
    rows.forEach((row, m) => picked.set(vectors.subarray(row * dims, (row + 1) * dims), m * dims));
    const from = parent / members.length;
    const split = yield* within(kmeansSteps(unitRows(picked, rows.length, dims), rows.length, dims, parts, parent + 1), from, from + 0.8 / members.length);
    const parentWords = new Set((names[parent] ?? []).flatMap((n) => n.split(' ')));
    const candidates = clusterTerms(
      rows.map((r) => texts[r]!),
      split.labels,
      split.k,
      FINE_TERMS + parentWords.size + 2,
      // a word in every sibling is cut by its share among them, not of all chunks
      SIBLING_EVERYWHERE,
    );
    const first = clusters.length;
    for (let part = 0; part < split.k; part++) {
      const own = (candidates[part] ?? []).filter((t) => !t.split(' ').some((w) => parentWords.has(w))).slice(0, FINE_TERMS);
      clusters.push({ parent, size: 0, terms: own.length > 0 ? own : [...(names[parent] ?? [])] });
    }
    rows.forEach((r, m) => {
      fine[r] = first + split.labels[m]!;
      clusters[first + split.labels[m]!]!.size++;
    });
  }
  yield 1;
  return { labels: fine, clusters };
}

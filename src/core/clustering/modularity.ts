// Newman's modularity of a partition of a nearest-neighbour graph: how k is chosen. The mean
// silhouette, which Orrery used before, rewards the coarsest split that separates well: on real
// corpora one island (tkinter's docstrings, a section of Debian packages) against everything else
// scored best, and k = 2 named nothing (bench:clusters). Modularity weighs every cluster's edges
// against what its degrees would give at random, so merging two topics costs as much as cutting one.

/** Each row's `neighbours` nearest rows as undirected edges, each once, from a full distance matrix of `count` rows: [a0, b0, a1, b1, …]. */
export function neighbourEdges(distances: Float32Array, count: number, neighbours: number): Int32Array {
  const k = Math.min(neighbours, count - 1);
  const seen = new Set<number>();
  const order = Array.from({ length: count }, (_, j) => j);
  for (let i = 0; i < count; i++) {
    const row = distances.subarray(i * count, (i + 1) * count);
    const nearest = order.filter((j) => j !== i).sort((a, b) => row[a]! - row[b]! || a - b);
    for (let n = 0; n < k; n++) {
      const j = nearest[n]!;
      seen.add(Math.min(i, j) * count + Math.max(i, j));
    }
  }
  const edges = new Int32Array(seen.size * 2);
  let e = 0;
  for (const key of seen) {
    edges[e++] = Math.floor(key / count);
    edges[e++] = key % count;
  }
  return edges;
}

/**
 * Q = Σ over clusters of (the share of edges inside it) − (the share of edge ends in it)²: 0 for a
 * partition no better than chance, towards 1 for clusters with no edges between them.
 */
export function modularity(edges: Int32Array, labels: Int32Array, clusters: number): number {
  const pairs = edges.length / 2;
  if (pairs === 0) return 0;
  const inside = new Float64Array(clusters);
  const ends = new Float64Array(clusters);
  for (let e = 0; e < edges.length; e += 2) {
    const a = labels[edges[e]!]!;
    const b = labels[edges[e + 1]!]!;
    ends[a]!++;
    ends[b]!++;
    if (a === b) inside[a]!++;
  }
  let q = 0;
  for (let c = 0; c < clusters; c++) {
    const share = ends[c]! / (2 * pairs);
    q += inside[c]! / pairs - share * share;
  }
  return q;
}

// HDBSCAN (Campello, Moulavi & Sander 2013) over a k-nearest-neighbour graph: core distances,
// the minimum spanning tree of mutual reachability restricted to the graph's edges (as fast
// HDBSCAN implementations do: an exact all-pairs tree costs N² · D), the condensed tree for a
// minimum cluster size, and clusters chosen by excess of mass. Points in no chosen cluster are
// noise (−1). Parts of the graph that are not connected meet only at the root.
import type { KnnGraph } from '../knn';
import type { Steps } from '../steps';

export interface HdbscanOptions {
  minClusterSize: number;
  /** as in the hdbscan library, the point itself counted: its core distance is that to its (minSamples − 1)-th neighbour (≤ the graph's k + 1) */
  minSamples: number;
}

export interface HdbscanResult {
  /** cluster of each point (arbitrary ids ≥ 0, see bySize), −1 for noise */
  labels: Int32Array;
  clusters: number;
}

/** distance 0 (duplicates) would make λ infinite */
const MAX_LAMBDA = 1e12;
const lambdaOf = (distance: number): number => (distance > 1 / MAX_LAMBDA ? 1 / distance : MAX_LAMBDA);

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }
  find(a: number): number {
    let root = a;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[a] !== root) {
      const next = this.parent[a]!;
      this.parent[a] = root;
      a = next;
    }
    return root;
  }
  /** joins b's set into a's set under the id `into` (which must be its own root) */
  link(a: number, b: number, into: number): void {
    this.parent[a] = into;
    this.parent[b] = into;
  }
}

/** Single-linkage merges of the mutual-reachability graph: node count + i is the i-th merge. */
interface Dendrogram {
  left: Int32Array;
  right: Int32Array;
  distance: Float64Array;
  size: Int32Array;
}

function* singleLinkage(graph: KnnGraph, minSamples: number): Steps<Dendrogram> {
  const { count, k, indices, distances } = graph;
  const coreAt = Math.min(minSamples - 1, k) - 1;
  const core = new Float64Array(count);
  for (let i = 0; i < count; i++) core[i] = k > 0 && coreAt >= 0 ? distances[i * k + coreAt]! : 0;
  const edges: { a: number; b: number; w: number }[] = [];
  for (let i = 0; i < count; i++) {
    for (let n = 0; n < k; n++) {
      const j = indices[i * k + n]!;
      if (j < 0) continue;
      edges.push({ a: i, b: j, w: Math.max(core[i]!, core[j]!, distances[i * k + n]!) });
    }
  }
  edges.sort((x, y) => x.w - y.w);
  yield 0.5;
  const merges = Math.max(0, count - 1);
  const tree: Dendrogram = {
    left: new Int32Array(merges),
    right: new Int32Array(merges),
    distance: new Float64Array(merges),
    size: new Int32Array(count + merges).fill(1),
  };
  const sets = new UnionFind(count + merges);
  let made = 0;
  const merge = (a: number, b: number, w: number) => {
    const node = count + made;
    tree.left[made] = a;
    tree.right[made] = b;
    tree.distance[made] = w;
    tree.size[node] = tree.size[a]! + tree.size[b]!;
    sets.link(a, b, node);
    made++;
  };
  for (const { a, b, w } of edges) {
    const ra = sets.find(a);
    const rb = sets.find(b);
    if (ra !== rb) merge(ra, rb, w);
  }
  // unconnected parts of the graph join at an infinite distance (λ = 0, the root)
  const roots = [...new Set(Array.from({ length: count }, (_, i) => sets.find(i)))];
  let joined = roots[0]!;
  for (const r of roots.slice(1)) {
    merge(joined, r, Infinity);
    joined = count + made - 1;
  }
  return tree;
}

/** Every point (leaf) under a node. */
function leavesOf(tree: Dendrogram, count: number, node: number, out: number[]): void {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n < count) out.push(n);
    else stack.push(tree.left[n - count]!, tree.right[n - count]!);
  }
}

export function* hdbscanSteps(graph: KnnGraph, options: HdbscanOptions): Steps<HdbscanResult> {
  const { count } = graph;
  const minSize = Math.max(2, Math.round(options.minClusterSize));
  if (count < minSize * 2) return { labels: new Int32Array(count).fill(-1), clusters: 0 };
  const tree = yield* singleLinkage(graph, options.minSamples);
  // condensed tree: cluster 0 is the root; each cluster records its parent, birth λ and stability
  const parent: number[] = [-1];
  const birth: number[] = [0];
  const stability: number[] = [0];
  const leftFrom = new Int32Array(count); // the cluster each point falls out of
  const root = 2 * count - 2;
  const stack: [number, number][] = [[root, 0]];
  const fallen: number[] = [];
  while (stack.length > 0) {
    const [node, cluster] = stack.pop()!;
    if (node < count) {
      leftFrom[node] = cluster; // a lone point reached by a continuing chain of splits
      continue;
    }
    const m = node - count;
    const lambda = lambdaOf(tree.distance[m]!);
    const children = [tree.left[m]!, tree.right[m]!];
    const big = children.filter((c) => tree.size[c]! >= minSize);
    if (big.length === 2) {
      stability[cluster]! += (lambda - birth[cluster]!) * tree.size[node]!;
      for (const c of children) {
        parent.push(cluster);
        birth.push(lambda);
        stability.push(0);
        stack.push([c, parent.length - 1]);
      }
      continue;
    }
    for (const c of children) {
      if (tree.size[c]! >= minSize) {
        stack.push([c, cluster]);
        continue;
      }
      fallen.length = 0;
      leavesOf(tree, count, c, fallen);
      for (const p of fallen) leftFrom[p] = cluster;
      stability[cluster]! += (lambda - birth[cluster]!) * fallen.length;
    }
  }
  yield 0.8;
  // excess of mass, leaves up: a cluster is kept unless its children together are more stable
  const clusters = parent.length;
  const selected = new Uint8Array(clusters);
  const best = stability.slice();
  const childSum = new Float64Array(clusters);
  const hasChildren = new Uint8Array(clusters);
  for (let c = clusters - 1; c >= 1; c--) {
    if (!hasChildren[c] || best[c]! >= childSum[c]!) selected[c] = 1;
    else best[c] = childSum[c]!;
    childSum[parent[c]!]! += best[c]!;
    hasChildren[parent[c]!] = 1;
  }
  // a kept cluster's descendants are not kept
  for (let c = 1; c < clusters; c++) {
    for (let a = parent[c]!; a > 0; a = parent[a]!)
      if (selected[a]) {
        selected[c] = 0;
        break;
      }
  }
  const labels = new Int32Array(count).fill(-1);
  for (let p = 0; p < count; p++) {
    for (let c = leftFrom[p]!; c > 0; c = parent[c]!)
      if (selected[c]) {
        labels[p] = c;
        break;
      }
  }
  return { labels, clusters: selected.reduce((n, s) => n + s, 0) };
}

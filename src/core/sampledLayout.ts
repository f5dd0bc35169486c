// UMAP and t-SNE beyond what they can fit here: fitted on a seeded sample of rows, every other row
// is placed at the weighted mean of its nearest fitted rows (found once, before the optimisation, by
// descending random-projection trees over the sample and walking the sample's neighbour graph), so
// that each frame of the run moves the placed rows with their neighbours.
import type { KnnGraph } from './knn';
import { seededRandom } from './random';
import { rowDot, rowNorms, type VectorRows } from './vectors';
import { buildRpTree, leafOf, type RpTree } from './rpTree';
import type { Steps } from './steps';
import { createRowDotKernel, type RowDotKernel } from './retrieval/simdDots';

/** UMAP is fitted on at most this many rows by default (about a minute here), t-SNE on fewer (its neighbour graph is six times as wide). */
export const LAYOUT_FIT_ROWS = 50_000;
export const TSNE_FIT_ROWS = 20_000;
/** fitted rows each placed row hangs from */
export const PLACE_K = 8;
const TREES = 3;
/** rows between two yields */
const SLICE = 2_000;

export interface SampledPlacement {
  /** the fitted rows, increasing */
  fitted: Int32Array;
  /** every other row, increasing */
  placed: Int32Array;
  /** per placed row, PLACE_K positions in `fitted` and their weights (summing to 1) */
  neighbours: Int32Array;
  weights: Float32Array;
}

/** Rows not in `fitted` (increasing), increasing. */
export function rowsOutside(fitted: Int32Array, count: number): Int32Array {
  const out = new Int32Array(count - fitted.length);
  let f = 0;
  let o = 0;
  for (let r = 0; r < count; r++) {
    if (f < fitted.length && fitted[f] === r) f++;
    else out[o++] = r;
  }
  return out;
}

/** The given rows of a row-major matrix, in that order. */
export function rowsOf(data: VectorRows, dims: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * dims);
  rows.forEach((row, i) => out.set(data.subarray(row * dims, (row + 1) * dims), i * dims));
  return out;
}

/**
 * Finds each unfitted row's nearest fitted rows by cosine in `space` (count × dims: the vectors the
 * layout's graph was built on), with `fittedData` the fitted rows of it (rowsOf) and `graph` their
 * own neighbour graph (positions in fitted). Fewer `trees` and `rounds` of the walk find them
 * sooner, less surely (enough for a vote, not for a position). With `unitFitted`, the fitted rows
 * are the unit-length rows of `space`, and each row is scaled to unit length as it is placed (no
 * unit copy of all rows: at a million rows that is gigabytes).
 */
export function* placementSteps(
  space: VectorRows,
  count: number,
  dims: number,
  fitted: Int32Array,
  fittedData: VectorRows,
  graph: KnnGraph,
  seed: number,
  { trees: treeCount = TREES, rounds = 3, unitFitted = false } = {},
): Steps<SampledPlacement> {
  const m = fitted.length;
  const fittedNorms = rowNorms(fittedData, dims);
  const random = seededRandom(seed);
  const all = Int32Array.from({ length: m }, (_, p) => p);
  const trees: RpTree[] = Array.from({ length: treeCount }, () => buildRpTree(fittedData, dims, all, random));
  yield 0.1;

  const placed = rowsOutside(fitted, count);
  const neighbours = new Int32Array(placed.length * PLACE_K);
  const weights = new Float32Array(placed.length * PLACE_K);
  const search = new NearestFitted(fittedData, m, dims, fittedNorms);
  const scratch = unitFitted ? new Float32Array(dims) : null;
  for (let o = 0; o < placed.length; o++) {
    if (o % SLICE === SLICE - 1) yield 0.1 + (0.9 * o) / placed.length;
    const [row, at] = scratch ? [unitRowInto(space, placed[o]!, dims, scratch), 0] : [space, placed[o]! * dims];
    search.start(row, at);
    for (const tree of trees) search.considerAll(leafOf(tree, row, at));
    // the neighbours of the best so far, until they bring nothing closer (at most `rounds` rounds)
    for (let round = 0; round < rounds && search.walk(graph); round++);
    search.weigh(neighbours, weights, o * PLACE_K);
  }
  return { fitted, placed, neighbours, weights };
}

function unitRowInto(data: VectorRows, row: number, dims: number, out: Float32Array): Float32Array {
  let norm = 0;
  for (let j = row * dims; j < (row + 1) * dims; j++) norm += data[j]! * data[j]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < dims; j++) out[j] = data[row * dims + j]! * scale;
  return out;
}

/** Every row's position (count × 3): the fitted rows' from `fittedCoords` (m × 3), the others' from their fitted neighbours. */
export function placedCoords(placement: SampledPlacement, fittedCoords: Float32Array, count: number): Float32Array {
  const out = new Float32Array(count * 3);
  placement.fitted.forEach((row, p) => out.set(fittedCoords.subarray(p * 3, p * 3 + 3), row * 3));
  const { placed, neighbours, weights } = placement;
  for (let o = 0; o < placed.length; o++) {
    let x = 0;
    let y = 0;
    let z = 0;
    for (let t = 0; t < PLACE_K; t++) {
      const p = neighbours[o * PLACE_K + t]! * 3;
      const w = weights[o * PLACE_K + t]!;
      x += w * fittedCoords[p]!;
      y += w * fittedCoords[p + 1]!;
      z += w * fittedCoords[p + 2]!;
    }
    const r = placed[o]! * 3;
    out[r] = x;
    out[r + 1] = y;
    out[r + 2] = z;
  }
  return out;
}

/** Every row's label: the fitted rows' own, each other row's the one its fitted neighbours' weights favour most (−1, unclustered, is a label too). */
export function placedLabels(placement: SampledPlacement, fittedLabels: Int32Array, count: number): Int32Array {
  const out = new Int32Array(count);
  placement.fitted.forEach((row, p) => (out[row] = fittedLabels[p]!));
  const { placed, neighbours, weights } = placement;
  const votes = new Map<number, number>();
  for (let o = 0; o < placed.length; o++) {
    votes.clear();
    for (let t = 0; t < PLACE_K; t++) {
      const label = fittedLabels[neighbours[o * PLACE_K + t]!]!;
      votes.set(label, (votes.get(label) ?? 0) + weights[o * PLACE_K + t]!);
    }
    let best = -1;
    let most = -Infinity;
    for (const [label, weight] of votes) if (weight > most || (weight === most && label < best)) [best, most] = [label, weight];
    out[placed[o]!] = best;
  }
  return out;
}

/** The PLACE_K fitted rows nearest (cosine) one row at a time; each fitted row is measured once per row. */
class NearestFitted {
  private readonly seen: Int32Array;
  private readonly bestIndex = new Int32Array(PLACE_K);
  private readonly bestSimilarity = new Float64Array(PLACE_K);
  private readonly kernel: RowDotKernel | null;
  private row = -1;
  private space: VectorRows = new Float32Array(0);
  private at = 0;
  private norm = 1;

  constructor(
    private readonly fittedData: VectorRows,
    count: number,
    private readonly dims: number,
    private readonly fittedNorms: Float32Array,
  ) {
    this.seen = new Int32Array(count).fill(-1);
    // most of a placement's time is its dot products: SIMD where there is SIMD
    this.kernel = createRowDotKernel(fittedData, count, dims);
  }

  start(space: VectorRows, at: number): void {
    const { dims } = this;
    this.row++;
    this.space = space;
    this.at = at;
    let norm = 0;
    for (let j = 0; j < dims; j++) norm += space[at + j]! * space[at + j]!;
    this.norm = Math.sqrt(norm) || 1;
    this.kernel?.query(space, at);
    this.bestIndex.fill(-1);
    this.bestSimilarity.fill(-Infinity);
  }

  /** True when fitted row p is among the nearest so far. */
  consider(p: number): boolean {
    const { seen, bestIndex, bestSimilarity } = this;
    if (seen[p] === this.row) return false;
    seen[p] = this.row;
    const dot = this.kernel ? this.kernel.dot(p) : rowDot(this.space, this.at, this.fittedData, p * this.dims, this.dims);
    const similarity = dot / (this.norm * (this.fittedNorms[p]! || 1));
    if (similarity <= bestSimilarity[PLACE_K - 1]!) return false;
    let pos = PLACE_K - 1;
    for (; pos > 0 && bestSimilarity[pos - 1]! < similarity; pos--) {
      bestSimilarity[pos] = bestSimilarity[pos - 1]!;
      bestIndex[pos] = bestIndex[pos - 1]!;
    }
    bestSimilarity[pos] = similarity;
    bestIndex[pos] = p;
    return true;
  }

  considerAll(rows: Int32Array): void {
    for (let i = 0; i < rows.length; i++) this.consider(rows[i]!);
  }

  /** Considers the graph neighbours of the nearest so far; true when that brought one nearer. */
  walk(graph: KnnGraph): boolean {
    const best = Int32Array.from(this.bestIndex);
    let improved = false;
    for (let b = 0; b < PLACE_K; b++) {
      const p = best[b]!;
      if (p < 0) continue;
      for (let t = 0; t < graph.k; t++) if (this.consider(graph.indices[p * graph.k + t]!)) improved = true;
    }
    return improved;
  }

  /** The nearest and their weights into the outputs at `at`: sharper weights for closer rows, as a query is placed (placement.ts). */
  weigh(neighbours: Int32Array, weights: Float32Array, at: number): void {
    const { bestIndex, bestSimilarity } = this;
    let total = 0;
    for (let t = 0; t < PLACE_K; t++) {
      const w = bestIndex[t]! < 0 ? 0 : Math.exp((bestSimilarity[t]! - bestSimilarity[0]!) * 20);
      neighbours[at + t] = Math.max(0, bestIndex[t]!);
      weights[at + t] = w;
      total += w;
    }
    for (let t = at; t < at + PLACE_K; t++) weights[t] = weights[t]! / total;
  }
}

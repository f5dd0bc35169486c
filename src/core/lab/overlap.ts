// What a second space changed for each chunk: the Jaccard index of its k true neighbours (full
// dimensions) in space A and in space B — 1 the same neighbourhood, 0 none kept.
import type { ChunkMatch } from './matchChunks';

/** Multiply-adds an exact neighbour search may take (a few seconds); beyond, NN-descent approximates the neighbours (npm run bench:lab measures its recall). */
export const EXACT_NEIGHBOUR_WORK = 2e9;

/** Bytes both spaces' vectors may take as held (float32, or float16 where it keeps ranks): beyond, space B is refused. */
export const LAB_VECTOR_BUDGET = 1024 * 2 ** 20;

/** A space's size; `bytes` a number as it is held (4 as float32, the default; 2 as float16). */
export interface SpaceSize {
  count: number;
  dims: number;
  bytes?: 2 | 4;
}

/** Why two spaces of these sizes do not fit the budget, or null when they do. */
export function labBudgetProblem(a: SpaceSize, b: SpaceSize, budget = LAB_VECTOR_BUDGET): string | null {
  const mib = (bytes: number) => `${Math.ceil(bytes / 2 ** 20).toLocaleString('en')} MiB`;
  const bytesA = a.count * a.dims * (a.bytes ?? 4);
  const bytesB = b.count * b.dims * (b.bytes ?? 4);
  if (bytesA + bytesB <= budget) return null;
  const held = b.bytes === 2 ? ' as float16' : '';
  return `space B's vectors (${b.count.toLocaleString('en')} × ${b.dims}) would take ${mib(bytesB)}${held} beside A's ${mib(bytesA)}, over the lab's ${mib(budget)} for both: keep fewer of B's dimensions, or compare on a smaller corpus`;
}

/** Exact neighbours of every row cost count²·dims/2 multiply-adds: affordable, or approximated. */
export const exactNeighboursAffordable = (count: number, dims: number) => (count * count * dims) / 2 <= EXACT_NEIGHBOUR_WORK;

/**
 * Per row of A, |N_A ∩ N_B| / |N_A ∪ N_B| of its k neighbours in both (rows × k indices, each row's
 * own neighbours, self excluded). With `match` (another chunking), a row's list in B is that of the
 * chunk of B matched to it, read back as rows of A (B's chunks without a match, or within the row
 * itself, left out); absent, row i of A is row i of B.
 */
export function neighbourJaccard(neighboursA: Int32Array, neighboursB: Int32Array, count: number, k: number, match?: ChunkMatch): Float32Array {
  const jaccard = new Float32Array(count);
  const inA = new Set<number>();
  for (let i = 0; i < count; i++) {
    inA.clear();
    for (let j = 0; j < k; j++) inA.add(neighboursA[i * k + j]!);
    const rowInB = match ? match.rowOfAInB[i]! : i;
    if (rowInB < 0) continue;
    let shared = 0;
    let sizeB = 0;
    const seenB = new Set<number>();
    for (let j = 0; j < k; j++) {
      const raw = neighboursB[rowInB * k + j]!;
      const row = match ? match.rowOfBInA[raw]! : raw;
      if (row < 0 || row === i || seenB.has(row)) continue;
      seenB.add(row);
      sizeB++;
      if (inA.has(row)) shared++;
    }
    const union = inA.size + sizeB - shared;
    jaccard[i] = union === 0 ? 1 : shared / union;
  }
  return jaccard;
}

/** The rows whose neighbourhoods changed the most (lowest Jaccard first, ties by row). */
export function changedMost(jaccard: Float32Array, limit: number): number[] {
  return Array.from(jaccard.keys())
    .sort((x, y) => jaccard[x]! - jaccard[y]! || x - y)
    .slice(0, limit);
}

export const meanOf = (values: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length ? sum / values.length : 0;
};

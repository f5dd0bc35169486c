// What a second space changed for each chunk: the Jaccard index of its k true neighbours (full
// dimensions) in space A and in space B — 1 the same neighbourhood, 0 none kept.

/**
 * Per row, |N_A ∩ N_B| / |N_A ∪ N_B| of two neighbour lists (count × k indices, each row's own
 * neighbours, self excluded). `rowOfBInA` maps a row of B to its row in A (−1: none; absent: the same row).
 */
export function neighbourJaccard(neighboursA: Int32Array, neighboursB: Int32Array, count: number, k: number, rowOfBInA?: Int32Array): Float32Array {
  const jaccard = new Float32Array(count);
  const inA = new Set<number>();
  for (let i = 0; i < count; i++) {
    inA.clear();
    for (let j = 0; j < k; j++) inA.add(neighboursA[i * k + j]!);
    let shared = 0;
    let sizeB = 0;
    const seenB = new Set<number>();
    for (let j = 0; j < k; j++) {
      const raw = neighboursB[i * k + j]!;
      const row = rowOfBInA ? rowOfBInA[raw]! : raw;
      if (row < 0 || seenB.has(row)) continue;
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

// Scores to rankings: the top k of a score array, and where any one row ranks in it. Ties keep
// the lower index first, so every ranking is deterministic.

export interface Ranked {
  index: number;
  /** 1-based */
  rank: number;
  score: number;
}

const before = (scores: Float32Array, a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);

/** The k best rows of `scores` (NaN and -Infinity never), best first; rows with `skip` set are left out. */
export function topK(scores: Float32Array, k: number, skip?: (index: number) => boolean): Ranked[] {
  const heap: number[] = []; // a min-heap of the best rows so far: heap[0] is the worst of them
  const worse = (a: number, b: number) => before(scores, b, a);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  if (k <= 0) return [];
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!(s > -Infinity) || skip?.(i)) continue;
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0;) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c]!, heap[p]!)) break;
        [heap[c], heap[p]] = [heap[p]!, heap[c]!];
        c = p;
      }
    } else if (before(scores, i, heap[0]!)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(scores, a, b) ? -1 : 1)).map((index, r) => ({ index, rank: r + 1, score: scores[index]! }));
}

/** Where row `index` ranks among all rows of `scores` (1-based); Infinity for a row no retriever scored. */
export function rankOf(scores: Float32Array, index: number): number {
  if (!(scores[index]! > -Infinity)) return Infinity;
  let rank = 1;
  for (let j = 0; j < scores.length; j++) if (j !== index && before(scores, j, index)) rank++;
  return rank;
}

// The retrieval path: one line from the query to each hit, in rank order. Colour says which
// retrievers have the hit in their own top k; brightness and width say how it scored against the
// other hits; the ranks just below the cut are drawn faint and labelled with their rank.
import type { FoundBy } from '../core/retrieval/retrieve';

export const FOUND_BY_COLOR: Record<FoundBy, [number, number, number]> = {
  both: [1.0, 0.88, 0.4],
  dense: [0.3, 0.79, 0.94],
  bm25: [0.97, 0.59, 0.12],
  neither: [0.7, 0.7, 0.75],
};

export interface PathLine {
  index: number;
  rank: number;
  color: [number, number, number];
  /** screen pixels */
  width: number;
  opacity: number;
  faint: boolean;
}

interface PathHit {
  index: number;
  rank: number;
  score: number;
  beyondCut: boolean;
  foundBy: FoundBy;
}

/** Lines for the hits within the cut (strong) and beyond it (faint), best first. */
export function pathLines(hits: readonly PathHit[]): PathLine[] {
  const kept = hits.filter((h) => !h.beyondCut);
  const scores = kept.map((h) => h.score);
  const top = Math.max(...scores);
  const bottom = Math.min(...scores);
  return hits.map((hit) => {
    // 1 for the best score within the cut, 0 for the worst (all alike: 1)
    const strength = hit.beyondCut ? 0 : top > bottom ? (hit.score - bottom) / (top - bottom) : 1;
    const [r, g, b] = FOUND_BY_COLOR[hit.foundBy];
    const light = hit.beyondCut ? 0.45 : 0.55 + 0.45 * strength;
    return {
      index: hit.index,
      rank: hit.rank,
      color: [r * light, g * light, b * light],
      width: hit.beyondCut ? 1 : 1.5 + 2.5 * strength,
      opacity: hit.beyondCut ? 0.45 : 1,
      faint: hit.beyondCut,
    };
  });
}

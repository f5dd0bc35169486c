// The index's answer against exact search over the same rows: recall@k, the chunks the
// approximate search missed with the rank exact search gives them, and the right answers it lost.

export interface IndexedHit {
  id: string;
  /** the workspace row holding this id, null when it was not loaded (a sample) */
  row: number | null;
  distance: number;
  /** 1-based rank under exact search, null when the row is not loaded */
  exactRank: number | null;
}

export interface ExactHit {
  row: number;
  id: string;
  rank: number;
  distance: number;
}

export interface GoldInIndex {
  row: number;
  id: string;
  exactRank: number;
  inIndex: boolean;
  /** exact search has it in the top k, the index does not */
  lost: boolean;
}

export interface IndexComparison {
  k: number;
  /** share of exact search's top k the index returned; null when only a sample is loaded */
  recall: number | null;
  index: IndexedHit[];
  exact: ExactHit[];
  /** exact top-k rows the index did not return */
  missed: ExactHit[];
  gold: GoldInIndex[];
}

/** recall@k of an approximate answer: the share of the exact top k it holds. */
export function recallAtK(approximate: readonly string[], exact: readonly string[]): number {
  if (exact.length === 0) return 1;
  const found = new Set(approximate);
  return exact.filter((id) => found.has(id)).length / exact.length;
}

export interface ComparisonInput {
  k: number;
  indexHits: { id: string; distance: number }[];
  exact: { row: number; distance: number }[];
  /** the chunk id of a workspace row */
  idOf: (row: number) => string;
  /** the workspace row of a chunk id, if loaded */
  rowOf: (id: string) => number | undefined;
  /** exact ranks of the rows asked about (index hits, gold) */
  exactRanks: ReadonlyMap<number, number>;
  gold: readonly number[];
  /** the whole collection is loaded, so exact search over it is the truth */
  complete: boolean;
}

export function compareIndex(input: ComparisonInput): IndexComparison {
  const { k, idOf, rowOf, exactRanks, complete } = input;
  const exact: ExactHit[] = input.exact.slice(0, k).map((hit, i) => ({ row: hit.row, id: idOf(hit.row), rank: i + 1, distance: hit.distance }));
  const index: IndexedHit[] = input.indexHits.slice(0, k).map(({ id, distance }) => {
    const row = rowOf(id) ?? null;
    return { id, row, distance, exactRank: row === null ? null : (exactRanks.get(row) ?? null) };
  });
  const returned = new Set(index.map((h) => h.id));
  const missed = exact.filter((h) => !returned.has(h.id));
  const gold = input.gold.map((row) => {
    const id = idOf(row);
    const exactRank = exactRanks.get(row) ?? Number.POSITIVE_INFINITY;
    const inIndex = returned.has(id);
    return { row, id, exactRank, inIndex, lost: complete && !inIndex && exactRank <= k };
  });
  const recall = complete
    ? recallAtK(
        [...returned],
        exact.map((h) => h.id),
      )
    : null;
  return { k, recall, index, exact, missed, gold };
}

import { describe, expect, it } from 'vitest';
import { compareIndex, recallAtK } from './indexRecall';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const rowOf = (id: string) => (ids.includes(id) ? ids.indexOf(id) : undefined);
const idOf = (row: number) => ids[row]!;

describe('recallAtK', () => {
  it('is the share of the exact top k the approximate answer holds', () => {
    expect(recallAtK(['a', 'b', 'x'], ['a', 'b', 'c'])).toBeCloseTo(2 / 3);
    expect(recallAtK(['c', 'b', 'a'], ['a', 'b', 'c'])).toBe(1);
    expect(recallAtK([], [])).toBe(1);
  });
});

describe('compareIndex', () => {
  const exact = [0, 1, 2, 3].map((row, i) => ({ row, distance: i / 10 }));
  // exact ranks of every row: a 1, b 2, c 3, d 4, e 5, f 6
  const exactRanks = new Map(ids.map((_, row) => [row, row + 1]));

  it('finds the chunks the index missed, with their exact rank, and the gold it lost', () => {
    const comparison = compareIndex({
      k: 3,
      indexHits: [
        { id: 'a', distance: 0 },
        { id: 'c', distance: 0.2 },
        { id: 'e', distance: 0.4 },
      ],
      exact,
      idOf,
      rowOf,
      exactRanks,
      gold: [1, 4, 5],
      complete: true,
    });
    expect(comparison.recall).toBeCloseTo(2 / 3);
    expect(comparison.missed.map((h) => [h.id, h.rank])).toEqual([['b', 2]]);
    expect(comparison.index.map((h) => h.exactRank)).toEqual([1, 3, 5]);
    expect(comparison.gold.map((g) => [g.id, g.inIndex, g.lost])).toEqual([
      ['b', false, true],
      ['e', true, false],
      ['f', false, false],
    ]);
  });

  it('gives no recall for a sample, and marks index hits that were not loaded', () => {
    const comparison = compareIndex({
      k: 2,
      indexHits: [
        { id: 'zz', distance: 0 },
        { id: 'a', distance: 0.1 },
      ],
      exact,
      idOf,
      rowOf,
      exactRanks,
      gold: [1],
      complete: false,
    });
    expect(comparison.recall).toBeNull();
    expect(comparison.index[0]).toEqual({ id: 'zz', row: null, distance: 0, exactRank: null });
    expect(comparison.gold[0]!.lost).toBe(false);
  });
});

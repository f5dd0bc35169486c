import { describe, expect, it } from 'vitest';
import { finish } from '../steps';
import { averagePrecision, averageRanks, bestThreshold, measurePairs, spearman } from './pairMeasures';
import type { PairItem } from './pairs';

const vectors = (rows: number[][]) => Float32Array.from(rows.flat());

describe('pair measures', () => {
  it('ranks ties by their average, and Spearman follows', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 10);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 10);
    // ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): 4.5 / √(4.5 · 5)
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 10);
  });

  it('finds the best threshold and the average precision by hand', () => {
    expect(bestThreshold([0.9, 0.8, 0.7, 0.6], [1, 1, 0, 0])).toEqual({ accuracy: 1, threshold: 0.75 });
    // one negative above a positive: best is to call only the top one similar, or the top three
    expect(bestThreshold([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0]).accuracy).toBe(0.75);
    // positives at ranks 1 and 3: (1/1 + 2/3) / 2
    expect(averagePrecision([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0])).toBeCloseTo(5 / 6, 10);
    // tied scores are one step: the tie of a positive and a negative counts at precision 1/2
    expect(averagePrecision([0.5, 0.5], [1, 0])).toBeCloseTo(0.5, 10);
  });

  it('counts triplets the space gets right, worst first by margin', () => {
    const texts = vectors([
      [1, 0],
      [1, 0.1],
      [0, 1],
    ]);
    const items: PairItem[] = [
      { line: 2, first: 0, second: 1, negative: 2 },
      { line: 3, first: 2, second: 1, negative: 0 },
      { line: 4, first: 1, second: 2, negative: 0 },
    ];
    const result = finish(measurePairs('triplets', items, texts, 2));
    expect(result.measures.tripletAccuracy).toBeCloseTo(2 / 3, 10);
    expect(result.wrongness[2]).toBeGreaterThan(0);
    expect(result.wrongness[0]).toBeLessThan(0);
  });

  it('ranks each positive among all the texts but its anchor (recall@k)', () => {
    const texts = vectors([
      [1, 0],
      [0.9, 0.1],
      [0, 1],
      [0.95, 0.05],
    ]);
    // text 3 lies nearer to the anchor than its positive: rank 2
    const result = finish(measurePairs('pairs', [{ line: 2, first: 0, second: 1 }], texts, 2));
    expect(result.measures).toMatchObject({ recall1: 0, recall5: 1, recall10: 1 });
    expect(result.wrongness[0]).toBe(1);
  });

  it('scores texts with a class pair by pair, and by each text’s nearest other', () => {
    const texts = vectors([
      [1, 0],
      [0.9, 0.2],
      [0, 1],
      [0.2, 0.9],
    ]);
    const items: PairItem[] = ['a', 'a', 'b', 'b'].map((group, i) => ({ line: i + 2, first: i, second: i, group }));
    const result = finish(measurePairs('classes', items, texts, 2));
    expect(result.measures).toMatchObject({ accuracy: 1, averagePrecision: 1, nearestNeighbourAccuracy: 1 });
    expect(Math.max(...result.wrongness)).toBeLessThan(0);
  });
});

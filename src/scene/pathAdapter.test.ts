import { describe, expect, it } from 'vitest';
import { FOUND_BY_COLOR, pathLines } from './pathAdapter';

describe('pathLines', () => {
  it('draws the best hit widest and brightest, colours by retriever, and the ranks below the cut faint', () => {
    const lines = pathLines([
      { index: 4, rank: 1, score: 0.9, beyondCut: false, foundBy: 'both' },
      { index: 2, rank: 2, score: 0.7, beyondCut: false, foundBy: 'dense' },
      { index: 9, rank: 3, score: 0.5, beyondCut: false, foundBy: 'bm25' },
      { index: 1, rank: 4, score: 0.45, beyondCut: true, foundBy: 'neither' },
    ]);
    expect(lines.map((l) => l.rank)).toEqual([1, 2, 3, 4]);
    expect(lines.map((l) => l.width)).toEqual([4, 2.75, 1.5, 1]);
    expect(lines[0]!.color).toEqual(FOUND_BY_COLOR.both);
    expect(lines[2]!.color).toEqual(FOUND_BY_COLOR.bm25.map((c) => c * 0.55));
    expect(lines.map((l) => l.faint)).toEqual([false, false, false, true]);
    expect(lines[3]!.opacity).toBeLessThan(1);
  });
});

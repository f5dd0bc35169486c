import { describe, expect, it } from 'vitest';
import { changedMost, neighbourJaccard } from './overlap';

describe('neighbourJaccard', () => {
  it('is 1 for the same neighbours in any order, 0 for none shared, |∩|/|∪| between', () => {
    const a = Int32Array.from([1, 2, 3, 4, 0, 2, 3, 4, 0, 1, 3, 4]);
    const b = Int32Array.from([4, 3, 2, 1, 5, 6, 7, 8, 0, 1, 7, 8]);
    const jaccard = neighbourJaccard(a, b, 3, 4);
    [1, 0, 2 / 6].forEach((expected, i) => expect(jaccard[i]).toBeCloseTo(expected));
  });

  it('reads B through a row map (another chunking): rows A lacks count as not shared', () => {
    const a = Int32Array.from([1, 2]);
    const b = Int32Array.from([11, 12]);
    const rowOfBInA = new Int32Array(13).fill(-1);
    rowOfBInA[11] = 1;
    expect(neighbourJaccard(a, b, 1, 2, rowOfBInA)[0]).toBeCloseTo(1 / 2);
  });
});

describe('changedMost', () => {
  it('lists the lowest overlaps first', () => {
    expect(changedMost(Float32Array.from([0.5, 0.1, 1, 0.1, 0.3]), 3)).toEqual([1, 3, 4]);
  });
});

import { describe, expect, it } from 'vitest';
import { matchChunks, matchedPairs } from './matchChunks';

const spans = (rows: [number, number, number][]) => ({
  sourceIds: Int32Array.from(rows.map((r) => r[0])),
  starts: Int32Array.from(rows.map((r) => r[1])),
  ends: Int32Array.from(rows.map((r) => r[2])),
});

describe('matching two chunkings by the characters they cover', () => {
  it('pairs each chunk with the one of the other chunking that shares most of its characters, within its source', () => {
    // A: paragraphs of 100 characters; B: windows of 60 with 20 overlapping, and a second source
    const a = spans([
      [0, 0, 100],
      [0, 100, 200],
      [1, 0, 50],
    ]);
    const b = spans([
      [0, 0, 60],
      [0, 40, 100],
      [0, 80, 140],
      [0, 120, 180],
      [0, 160, 200],
      [1, 10, 40],
    ]);
    const { rowOfBInA, rowOfAInB } = matchChunks(a, b);
    // [80, 140) shares 20 with A's first paragraph and 40 with its second
    expect(Array.from(rowOfBInA)).toEqual([0, 0, 1, 1, 1, 2]);
    // A's first paragraph: [0, 60) and [40, 100) share 60 each, the first found is kept
    expect(Array.from(rowOfAInB)).toEqual([0, 3, 5]);
    expect(Array.from(matchedPairs({ rowOfBInA, rowOfAInB }))).toEqual([0, 0, 0, 1, 1, 2, 1, 3, 1, 4, 2, 5]);
  });

  it('leaves a chunk of a source the other chunking lacks unmatched', () => {
    const { rowOfBInA } = matchChunks(spans([[0, 0, 10]]), spans([[3, 0, 10]]));
    expect(Array.from(rowOfBInA)).toEqual([-1]);
  });

  it('finds the right chunk among many, when an earlier one is long', () => {
    const a = spans([[0, 0, 1000], ...Array.from({ length: 50 }, (_, i): [number, number, number] => [0, 1000 + i * 10, 1010 + i * 10])]);
    const b = spans([[0, 1205, 1215]]);
    expect(Array.from(matchChunks(a, b).rowOfBInA)).toEqual([21]);
  });
});

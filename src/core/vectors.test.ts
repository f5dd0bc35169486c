import { describe, expect, it } from 'vitest';
import { cosineTopK } from './retrieval/dense';
import { cosine, rowNorms } from './vectors';

describe('cosineTopK', () => {
  const dims = 3;
  const matrix = new Float32Array([1, 0, 0, 0, 1, 0, 1, 1, 0, -1, 0, 0, 0, 0, 0, 2, 0.1, 0]);
  const norms = rowNorms(matrix, dims);

  it('ranks rows by cosine similarity, best first, with 1-based ranks', () => {
    const hits = cosineTopK(matrix, dims, norms, new Float32Array([1, 0, 0]), 3);
    expect(hits.map((h) => h.index)).toEqual([0, 5, 2]);
    expect(hits.map((h) => h.rank)).toEqual([1, 2, 3]);
    expect(hits[0]!.score).toBeCloseTo(1);
    expect(hits[1]!.score).toBeCloseTo(cosine(new Float32Array([2, 0.1, 0]), new Float32Array([1, 0, 0])));
    expect(hits[2]!.score).toBeCloseTo(Math.SQRT1_2);
  });

  it('leaves out the excluded row and scores zero vectors as 0', () => {
    const hits = cosineTopK(matrix, dims, norms, new Float32Array([1, 0, 0]), 10, 0);
    expect(hits).toHaveLength(5);
    expect(hits.map((h) => h.index)).not.toContain(0);
    expect(hits.find((h) => h.index === 4)!.score).toBe(0);
    expect(hits.at(-1)!.index).toBe(3);
  });

  it('agrees with a brute-force sort on random data', () => {
    const n = 500;
    const d = 16;
    const data = Float32Array.from({ length: n * d }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);
    const q = Float32Array.from({ length: d }, (_, i) => Math.cos(i));
    const hits = cosineTopK(data, d, rowNorms(data, d), q, 10);
    const all = Array.from({ length: n }, (_, i) => cosine(data.subarray(i * d, i * d + d), q)).map((s, i) => [s, i] as const);
    all.sort((a, b) => b[0] - a[0]);
    expect(hits.map((h) => h.index)).toEqual(all.slice(0, 10).map((x) => x[1]));
  });
});

import { describe, expect, it } from 'vitest';
import { exactKnn } from './knn';

describe('exactKnn', () => {
  const points = new Float32Array([0, 0, 1, 0, 3, 0, 0, 2, 10, 10]);

  it('finds each point’s nearest others by Euclidean distance, nearest first', () => {
    const g = exactKnn(points, 5, 2, 2, 'euclidean');
    expect(Array.from(g.indices.subarray(0, 2))).toEqual([1, 3]);
    expect(Array.from(g.distances.subarray(0, 2))).toEqual([1, 2]);
    expect(Array.from(g.indices.subarray(4, 6))).toEqual([1, 0]);
    expect(g.indices.subarray(8, 10)).toContain(2);
  });

  it('uses 1 − cosine for the cosine metric and ignores vector length', () => {
    const g = exactKnn(new Float32Array([1, 0, 5, 0.1, 0, 1, -1, 0]), 4, 2, 1, 'cosine');
    expect(g.indices[0]).toBe(1);
    expect(g.distances[0]).toBeCloseTo(1 - 5 / Math.hypot(5, 0.1), 6);
    expect(g.indices[3]).toBe(2);
  });

  it('clamps k to the number of other points', () => {
    const g = exactKnn(points, 2, 2, 15, 'euclidean');
    expect(g.k).toBe(1);
    expect(Array.from(g.indices)).toEqual([1, 0]);
    expect(exactKnn(points, 1, 2, 15).k).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { exactKnn, exactKnnOfRowsSteps, type KnnGraph } from './knn';
import { seededRandom } from './random';
import { finish } from './steps';

/** The rows' neighbours in `some` (rows.length × k) are theirs in the whole graph `all`: the same indices, the same distances. */
function expectRowsOf(all: KnnGraph, some: KnnGraph, rows: Int32Array): void {
  const { k } = all;
  rows.forEach((row, r) => {
    expect(Array.from(some.indices.subarray(r * k, r * k + k))).toEqual(Array.from(all.indices.subarray(row * k, row * k + k)));
    some.distances.subarray(r * k, r * k + k).forEach((d, t) => expect(d).toBeCloseTo(all.distances[row * k + t]!, 5));
  });
}

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

  it('the neighbours of some rows are those of the whole graph, whatever the rows’ lengths, and leave the rows as they were', () => {
    const random = seededRandom(5);
    const data = Float32Array.from({ length: 60 * 8 }, (_, k) => (random() - 0.5) * (1 + (Math.floor(k / 8) % 7)));
    const before = data.slice();
    const all = exactKnn(data, 60, 8, 5, 'cosine');
    const rows = Int32Array.from([3, 17, 59]);
    expectRowsOf(all, finish(exactKnnOfRowsSteps(data, 60, 8, rows, 5, 'cosine')), rows);
    expect(data).toEqual(before);
  });

  it('a graph big enough for SIMD dot products (1,500 rows of 50) has the neighbours and distances of the plain loop', () => {
    const random = seededRandom(9);
    const data = Float32Array.from({ length: 1_500 * 50 }, () => random() - 0.5);
    const graph = exactKnn(data, 1_500, 50, 8, 'cosine');
    const rows = Int32Array.from([0, 700, 1_499]);
    expectRowsOf(graph, finish(exactKnnOfRowsSteps(data, 1_500, 50, rows, 8, 'cosine')), rows);
  });
});

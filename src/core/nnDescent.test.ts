import { describe, expect, it } from 'vitest';
import { exactKnn } from './knn';
import { nnDescent } from './nnDescent';
import { gaussianClusters } from './syntheticData';

function recall(approx: Int32Array, exact: Int32Array, count: number, k: number): number {
  let hits = 0;
  for (let i = 0; i < count; i++) {
    const truth = new Set(exact.subarray(i * k, (i + 1) * k));
    for (let t = 0; t < k; t++) if (truth.has(approx[i * k + t]!)) hits++;
  }
  return hits / (count * k);
}

describe('nnDescent', () => {
  const { data, count } = gaussianClusters(20, 100, 16, 5, 1);

  for (const metric of ['cosine', 'euclidean'] as const) {
    it(`finds over 95% of the exact ${metric} neighbours`, () => {
      const approx = nnDescent(data, count, 16, 15, metric, 3);
      const exact = exactKnn(data, count, 16, 15, metric);
      expect(recall(approx.indices, exact.indices, count, 15)).toBeGreaterThan(0.95);
      for (let i = 0; i < count; i++) {
        expect(approx.indices.subarray(i * 15, (i + 1) * 15)).not.toContain(i);
        for (let t = 1; t < 15; t++) expect(approx.distances[i * 15 + t]).toBeGreaterThanOrEqual(approx.distances[i * 15 + t - 1]!);
      }
    });
  }

  it('with rows of 64 numbers and more (dot products in WebAssembly SIMD) finds the same share and the same distances', () => {
    const wide = gaussianClusters(20, 100, 96, 5, 1);
    const approx = nnDescent(wide.data, wide.count, 96, 15, 'cosine', 3);
    const exact = exactKnn(wide.data, wide.count, 96, 15, 'cosine');
    expect(recall(approx.indices, exact.indices, wide.count, 15)).toBeGreaterThan(0.95);
    // where both have a row's first neighbour, its distance is the exact one to float precision
    for (let i = 0; i < wide.count; i++)
      if (approx.indices[i * 15] === exact.indices[i * 15]) expect(approx.distances[i * 15]).toBeCloseTo(exact.distances[i * 15]!, 5);
  });

  it('is deterministic for a seed and copes with identical points', () => {
    expect(Array.from(nnDescent(data, count, 16, 10, 'cosine', 9).indices)).toEqual(Array.from(nnDescent(data, count, 16, 10, 'cosine', 9).indices));
    const same = new Float32Array(500 * 4).fill(1);
    const g = nnDescent(same, 500, 4, 5, 'euclidean');
    expect(Array.from(g.indices).every((j) => j >= 0)).toBe(true);
  });
});

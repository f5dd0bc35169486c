// Golden outputs: seeded PCA, UMAP, t-SNE and NN-descent on small fixed inputs, compared with
// numbers recorded from this implementation. A change of result (not only nondeterminism) fails
// here; if a change is meant, check the quality tests still pass and record the new numbers.
// Tolerances: the arithmetic is deterministic in one JavaScript engine; they leave room for
// another engine's last-bit differences in Math.exp and Math.pow.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, type LayoutParams, startLayout } from './layoutRun';
import { nnDescent } from './nnDescent';
import { gaussianClusters } from './syntheticData';

const { data, count } = gaussianClusters(4, 30, 16, 11, 0.3);

function layout(params: LayoutParams): Float32Array {
  const run = startLayout(data, count, 16, params);
  while (!run.done) run.step(1000);
  return run.coords();
}

function expectGolden(coords: Float32Array, lead: number[], absSum: number, digits: number): void {
  expect(coords).toHaveLength(count * 3);
  Array.from(coords.slice(0, lead.length)).forEach((x, i) => expect(x).toBeCloseTo(lead[i]!, digits));
  const sum = coords.reduce((a, x) => a + Math.abs(x), 0);
  expect(Math.abs(sum - absSum) / absSum).toBeLessThan(1e-4);
}

describe('golden outputs', () => {
  it('PCA 3-D of 120 × 16 clustered points', () => {
    expectGolden(layout(DEFAULT_LAYOUT.pca), [-2.344106, 3.242085, -0.4818699, -0.7432482, -0.3868778, 2.272834], 617.08976, 4);
  });

  it('UMAP 3-D, seed 42, 100 epochs, exact neighbours of the full vectors', () => {
    expectGolden(layout({ ...DEFAULT_LAYOUT.umap, epochs: 100, preReduce: null }), [-9.094615, 6.32473, -8.614073, 0.4445179, 2.42064, 7.158671], 1718.4473, 3);
  });

  it('t-SNE 3-D, perplexity 10, 250 iterations (Barnes-Hut)', () => {
    expectGolden(
      layout({ ...DEFAULT_LAYOUT.tsne, iterations: 250, perplexity: 10, preReduce: null }),
      [-1.412985, -3.151155, 6.725634, -3.24874, -4.723011, -5.48402],
      1303.3573,
      3,
    );
  });

  it('NN-descent graph of 300 × 8 points, k 6, seed 3', () => {
    const big = gaussianClusters(5, 60, 8, 13, 0.4);
    const graph = nnDescent(big.data, big.count, 8, 6, 'euclidean', 3);
    expect(Array.from(graph.indices.slice(0, 12))).toEqual([240, 105, 35, 220, 160, 25, 221, 281, 146, 236, 231, 276]);
    let checksum = 0;
    for (const index of graph.indices) checksum = (checksum * 31 + index) % 1_000_003;
    expect(checksum).toBe(175024);
    expect(graph.distances.reduce((a, x) => a + x, 0)).toBeCloseTo(1755.9049, 2);
  });
});

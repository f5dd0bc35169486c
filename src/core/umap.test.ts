import { UMAP } from 'umap-js';
import { describe, expect, it } from 'vitest';
import { exactKnn } from './knn';
import { fitPca, projectPca } from './pca';
import { trustworthiness } from './quality';
import { seededRandom } from './random';
import { gaussianClusters } from './syntheticData';
import { fitAB, fuzzyGraph, smoothKnnDistances, UmapOptimizer } from './umap';

/** Fraction of points whose nearest layout neighbour has their label. */
function labelPurity(layout: Float32Array, dims: number, labels: Int32Array): number {
  const g = exactKnn(layout, labels.length, dims, 1, 'euclidean');
  let same = 0;
  for (let i = 0; i < labels.length; i++) if (labels[g.indices[i]!] === labels[i]) same++;
  return same / labels.length;
}

function runUmap(data: Float32Array, count: number, dims: number, seed: number) {
  const knn = exactKnn(data, count, dims, 15, 'euclidean');
  const pca = fitPca(data, count, dims, { components: 3 });
  const init = projectPca(pca, data, count);
  const umap = new UmapOptimizer(fuzzyGraph(knn), init, count, { dims: 3, minDist: 0.1, epochs: 300, seed });
  while (!umap.done) umap.step(50);
  return umap.embedding;
}

describe('UMAP', () => {
  it('fits the a, b curve parameters umap-learn uses for min_dist 0.1', () => {
    const { a, b } = fitAB(0.1, 1);
    expect(a).toBeCloseTo(1.577, 1);
    expect(b).toBeCloseTo(0.895, 1);
  });

  it('calibrates each point’s memberships to sum to log2(k)', () => {
    const { data, count } = gaussianClusters(2, 30, 5, 1);
    const knn = exactKnn(data, count, 5, 10, 'euclidean');
    const { rho, sigma } = smoothKnnDistances(knn);
    for (const i of [0, 17, 59]) {
      let sum = 0;
      for (let j = 0; j < 10; j++) sum += Math.exp(-Math.max(0, knn.distances[i * 10 + j]! - rho[i]!) / sigma[i]!);
      expect(sum).toBeCloseTo(Math.log2(10), 3);
    }
  });

  it('builds a symmetric fuzzy graph', () => {
    const { data, count } = gaussianClusters(2, 20, 4, 2);
    const g = fuzzyGraph(exactKnn(data, count, 4, 5, 'euclidean'));
    const weight = new Map<string, number>();
    for (let e = 0; e < g.heads.length; e++) weight.set(`${g.heads[e]}-${g.tails[e]}`, g.weights[e]!);
    for (const [key, w] of weight) {
      const [i, j] = key.split('-');
      expect(weight.get(`${j}-${i}`)).toBe(w);
      expect(w).toBeGreaterThan(0);
      expect(w).toBeLessThanOrEqual(1);
    }
  });

  it('separates clusters and keeps neighbourhoods at least as well as umap-js', () => {
    const { data, labels, count } = gaussianClusters(5, 60, 20, 3, 0.6);
    const ours = runUmap(data, count, 20, 42);
    expect(labelPurity(ours, 3, labels)).toBeGreaterThan(0.97);
    const reference = new UMAP({ nComponents: 3, nNeighbors: 15, minDist: 0.1, nEpochs: 300, random: seededRandom(42) });
    const rows = Array.from({ length: count }, (_, i) => Array.from(data.subarray(i * 20, (i + 1) * 20)));
    const theirs = Float32Array.from(reference.fit(rows).flat());
    const trustOurs = trustworthiness(data, 20, ours, 3, count, 10, { metric: 'euclidean' });
    const trustTheirs = trustworthiness(data, 20, theirs, 3, count, 10, { metric: 'euclidean' });
    expect(trustOurs).toBeGreaterThan(trustTheirs - 0.01);
  });

  it('is reproducible: the same seed gives the same layout', () => {
    const { data, count } = gaussianClusters(3, 30, 8, 4);
    expect(Array.from(runUmap(data, count, 8, 7))).toEqual(Array.from(runUmap(data, count, 8, 7)));
  });
});

import { describe, expect, it } from 'vitest';
import { exactKnn } from './knn';
import { fitPca, projectPca } from './pca';
import { trustworthiness } from './quality';
import { SpaceTree } from './spaceTree';
import { gaussianClusters } from './syntheticData';
import { TsneOptimizer, tsneAffinities } from './tsne';

function runTsne(data: Float32Array, count: number, dims: number, outDims: 2 | 3, iterations = 500) {
  const perplexity = 15;
  const p = tsneAffinities(exactKnn(data, count, dims, 3 * perplexity, 'euclidean'), perplexity);
  const pca = fitPca(data, count, dims, { components: outDims });
  const init = projectPca(pca, data, count);
  const scale = 1e-4 / Math.sqrt(pca.variances[0]!);
  const tsne = new TsneOptimizer(
    p,
    init.map((v) => v * scale),
    count,
    { dims: outDims, perplexity, learningRate: 'auto', iterations },
  );
  while (!tsne.done) tsne.step(100);
  return tsne.embedding;
}

describe('Barnes-Hut tree', () => {
  it('matches the exact repulsive force when theta is 0', () => {
    const { data, count } = gaussianClusters(3, 20, 3, 9, 1);
    const tree = new SpaceTree(3, 8);
    tree.build(data, count);
    const force = new Float64Array(3);
    const sumQ = tree.repulsion(5, data, 0, force);
    const exact = new Float64Array(3);
    let exactQ = 0;
    for (let j = 0; j < count; j++) {
      if (j === 5) continue;
      let d2 = 0;
      for (let c = 0; c < 3; c++) d2 += (data[15 + c]! - data[j * 3 + c]!) ** 2;
      const q = 1 / (1 + d2);
      exactQ += q;
      for (let c = 0; c < 3; c++) exact[c]! += q * q * (data[15 + c]! - data[j * 3 + c]!);
    }
    expect(sumQ).toBeCloseTo(exactQ, 8);
    for (let c = 0; c < 3; c++) expect(force[c]).toBeCloseTo(exact[c]!, 8);
  });

  it('stays within a few percent of the exact force at theta 0.5', () => {
    const { data, count } = gaussianClusters(4, 100, 3, 10, 2);
    const tree = new SpaceTree(3, 8);
    tree.build(data, count);
    const approx = new Float64Array(3);
    const exact = new Float64Array(3);
    const zApprox = tree.repulsion(0, data, 0.5, approx);
    const zExact = tree.repulsion(0, data, 0, exact);
    expect(Math.abs(zApprox - zExact) / zExact).toBeLessThan(0.05);
  });

  it('copes with duplicate points', () => {
    const same = new Float32Array(30).fill(1);
    const tree = new SpaceTree(2, 4);
    tree.build(same, 15);
    const force = new Float64Array(2);
    expect(tree.repulsion(3, same, 0.5, force)).toBeCloseTo(14);
    expect(Array.from(force)).toEqual([0, 0]);
  });
});

describe('t-SNE', () => {
  it('symmetric affinities sum to one', () => {
    const { data, count } = gaussianClusters(3, 30, 6, 5);
    const p = tsneAffinities(exactKnn(data, count, 6, 30, 'euclidean'), 10);
    expect(p.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });

  for (const dims of [2, 3] as const) {
    it(`separates clusters in ${dims}-D with high trustworthiness`, () => {
      const { data, labels, count } = gaussianClusters(5, 60, 20, 6, 0.6);
      const y = runTsne(data, count, 20, dims);
      expect(Array.from(y).every(Number.isFinite)).toBe(true);
      const knn = exactKnn(y, count, dims, 1, 'euclidean');
      let same = 0;
      for (let i = 0; i < count; i++) if (labels[knn.indices[i]!] === labels[i]) same++;
      expect(same / count).toBeGreaterThan(0.97);
      expect(trustworthiness(data, 20, y, dims, count, 10, { metric: 'euclidean' })).toBeGreaterThan(0.9);
    });
  }

  it('is deterministic given its initial positions', () => {
    const { data, count } = gaussianClusters(3, 20, 5, 8);
    expect(Array.from(runTsne(data, count, 5, 3, 120))).toEqual(Array.from(runTsne(data, count, 5, 3, 120)));
  });
});

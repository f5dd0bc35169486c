import { describe, expect, it } from 'vitest';
import { exactKnn, unitRows } from '../knn';
import { finish } from '../steps';
import { gaussianClusters } from '../syntheticData';
import { adjustedRandIndex, normalizedMutualInformation } from './agreement';
import { clusterSteps, type ClusterSettings, clusterSummary, DEFAULT_CLUSTERING, HDBSCAN_MAX_POINTS, namesFor } from './clusters';
import { seededRandom } from '../random';
import { hdbscanSteps } from './hdbscan';
import { kmeansSteps } from './kmeans';

/** clustering on the full vectors, as before the reduction step */
const FULL: ClusterSettings = { ...DEFAULT_CLUSTERING, reduceTo: null };
const texts = (count: number) => Array.from({ length: count }, (_, i) => `chunk ${i}`);
const run = (data: Float32Array, count: number, dims: number, settings: ClusterSettings) => finish(clusterSteps(data, count, dims, texts(count), settings));

describe('k-means', () => {
  it('finds five separated clusters and picks k = 5 by modularity', () => {
    const { data, labels, count } = gaussianClusters(5, 80, 32, 3);
    const result = run(data, count, 32, { ...FULL, method: 'kmeans', k: null, minClusterSize: null });
    expect(result.clusters).toHaveLength(5);
    expect(adjustedRandIndex(result.labels, labels)).toBeGreaterThan(0.99);
    expect(result.silhouette).toBeGreaterThan(0.5);
    // largest first, sizes add up
    expect(result.clusters.reduce((n, c) => n + c.size, 0)).toBe(count);
  });

  it('keeps a given k', () => {
    const { data, count } = gaussianClusters(5, 40, 16, 4);
    const result = finish(kmeansSteps(unitRows(data, count, 16), count, 16, 3));
    expect(result.k).toBe(3);
    expect(new Set(result.labels).size).toBe(3);
  });
});

describe('HDBSCAN', () => {
  it('finds four dense clusters and leaves scattered points unclustered', () => {
    const dims = 16;
    const { data: dense, labels: truth, count: denseCount } = gaussianClusters(4, 60, dims, 5, 0.1);
    // 30 points scattered far from every cluster
    const noise = gaussianClusters(30, 1, dims, 99, 0);
    const data = new Float32Array((denseCount + 30) * dims);
    data.set(dense);
    data.set(noise.data, denseCount * dims);
    const result = run(data, denseCount + 30, dims, { ...FULL, method: 'hdbscan', k: null, minClusterSize: 10 });
    expect(result.clusters).toHaveLength(4);
    expect(adjustedRandIndex(result.labels.subarray(0, denseCount), truth)).toBeGreaterThan(0.98);
    const noiseLabels = [...result.labels.subarray(denseCount)];
    expect(noiseLabels.filter((l) => l === -1).length).toBeGreaterThanOrEqual(10);
    expect(result.unclustered).toBe(result.labels.filter((l) => l === -1).length);
  });

  it('separates nested clusters at different densities', () => {
    // two tight groups close together and one loose group far away
    const dims = 8;
    const a = gaussianClusters(2, 50, dims, 11, 0.05);
    const b = gaussianClusters(1, 60, dims, 12, 0.4);
    const data = new Float32Array((100 + 60) * dims);
    data.set(a.data);
    data.set(b.data, 100 * dims);
    const graph = exactKnn(unitRows(data, 160, dims), 160, dims, 15, 'cosine');
    const result = finish(hdbscanSteps(graph, { minClusterSize: 15, minSamples: 6 }));
    expect(result.clusters).toBe(3);
  });
});

describe('clusters on bad input', () => {
  it('one, two or three points form one cluster, and say why', () => {
    for (const count of [1, 2, 3]) {
      const result = run(
        new Float32Array(count * 4).map((_, i) => i),
        count,
        4,
        { ...FULL, method: 'kmeans', k: null, minClusterSize: null },
      );
      expect(result.clusters).toHaveLength(1);
      expect(result.notes[0]).toMatch(/at least 4 points/);
    }
  });

  it('identical points form one cluster', () => {
    const data = new Float32Array(50 * 8).fill(0.3);
    for (const method of ['kmeans', 'hdbscan'] as const) {
      const result = run(data, 50, 8, { ...FULL, method, k: null, minClusterSize: null });
      expect(result.clusters).toEqual([{ id: 0, size: 50, terms: ['chunk'] }]);
      expect(result.notes).toEqual(['All points are alike: one cluster.']);
    }
  });

  it('no cluster as large as the minimum: all unclustered, and a note', () => {
    const { data, count } = gaussianClusters(6, 8, 8, 21);
    const result = run(data, count, 8, { ...FULL, method: 'hdbscan', k: null, minClusterSize: 30 });
    expect(result.clusters).toHaveLength(0);
    expect(result.unclustered).toBe(count);
    expect(result.notes[0]).toMatch(/no group of at least 30/);
  });

  it('200,000 points are clustered by k-means (k by modularity on a sample)', () => {
    const { data, labels, count } = gaussianClusters(8, 25_000, 16, 31, 0.2);
    const result = run(data, count, 16, { ...FULL, method: 'kmeans', k: null, minClusterSize: null });
    expect(result.clusters).toHaveLength(8);
    expect(adjustedRandIndex(result.labels, labels)).toBeGreaterThan(0.99);
  });

  it('HDBSCAN past its limit says so and runs k-means', () => {
    const count = HDBSCAN_MAX_POINTS + 1;
    const dims = 2;
    const { data } = gaussianClusters(3, Math.ceil(count / 3), dims, 2);
    const result = run(data.subarray(0, count * dims), count, dims, { ...FULL, method: 'hdbscan', k: 3, minClusterSize: null });
    expect(result.method).toBe('kmeans');
    expect(result.clusters).toHaveLength(3);
    expect(result.notes[0]).toMatch(/HDBSCAN runs on up to 50,000 points/);
  });
});

describe('the default: UMAP to 5 dimensions, then k-means', () => {
  it('finds six planted clusters in 64 dimensions, picks k by modularity and says it reduced', () => {
    const { data, labels, count } = gaussianClusters(6, 60, 64, 8, 0.3);
    const result = run(data, count, 64, DEFAULT_CLUSTERING);
    expect(result.reducedDims).toBe(5);
    expect(result.clusters).toHaveLength(6);
    expect(adjustedRandIndex(result.labels, labels)).toBeGreaterThan(0.95);
  });

  it('past 5,000 points is fitted on a seeded sample of 5,000, and every other point joins the cluster of its nearest sampled points', () => {
    const { data, labels, count } = gaussianClusters(6, 1_500, 64, 8, 0.3);
    const result = run(data, count, 64, DEFAULT_CLUSTERING);
    expect([result.fittedOn, result.reducedDims]).toEqual([5_000, 5]);
    expect(result.clusters).toHaveLength(6);
    expect(result.clusters.reduce((sum, c) => sum + c.size, 0)).toBe(count);
    expect(adjustedRandIndex(result.labels, labels)).toBeGreaterThan(0.95);
    expect(result.notes).toContain(
      'Clusters were fitted on a seeded sample of 5,000 of the 9,000 points; every other point joins the cluster of its nearest sampled points.',
    );
    // HDBSCAN's minimum cluster size is the corpus's: 1,300 of 9,000 points finds the six clusters of 1,500; 1,600 finds none
    const hdbscan = (minClusterSize: number) => run(data, count, 64, { ...DEFAULT_CLUSTERING, method: 'hdbscan', minClusterSize });
    const found = hdbscan(1_300);
    expect([found.clusters.length, found.minClusterSize]).toEqual([6, 1_300]);
    expect(hdbscan(1_600).clusters.filter((c) => c.size > 0)).toHaveLength(0);
  });

  it('a sampled clustering is one of directions: rows of any length are placed as their unit rows are, and the vectors are left as they were', () => {
    const { data, count } = gaussianClusters(6, 900, 64, 8, 0.3);
    // each row stretched by its own factor, 0.2 to 5
    const scaled = data.map((x, k) => x * (0.2 + (4.8 * ((Math.floor(k / 64) * 7919) % 13)) / 12));
    const before = scaled.slice();
    expect(Array.from(run(scaled, count, 64, DEFAULT_CLUSTERING).labels)).toEqual(
      Array.from(run(unitRows(data, count, 64), count, 64, DEFAULT_CLUSTERING).labels),
    );
    expect(scaled).toEqual(before);
  });

  it('a handful of points is clustered without the reduction', () => {
    const { data, count } = gaussianClusters(3, 10, 16, 2);
    expect(run(data, count, 16, DEFAULT_CLUSTERING).reducedDims).toBeNull();
  });
});

describe('normalised mutual information', () => {
  it('equals scikit-learn’s on a small example, and is 1 for the same partition', () => {
    // sklearn.metrics.normalized_mutual_info_score([0,0,1,1,2,2,2], [0,0,1,2,2,2,1])
    expect(normalizedMutualInformation([0, 0, 1, 1, 2, 2, 2], [0, 0, 1, 2, 2, 2, 1])).toBeCloseTo(0.5636355530993448, 10);
    expect(normalizedMutualInformation([0, 0, 1, 1], [7, 7, 3, 3])).toBeCloseTo(1, 12);
  });
});

describe('adjusted Rand index', () => {
  it('is 1 for the same partition under other names, near 0 for an unrelated one', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 9, 9])).toBe(1);
    const a = Array.from({ length: 3000 }, (_, i) => i % 3);
    const b = Array.from({ length: 3000 }, (_, i) => Math.floor(i / 1000));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.01);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeLessThan(0);
  });
});

describe('a clustering summed up', () => {
  it('counts each cluster, names it, and counts the unclustered (a cluster with no point keeps size 0)', () => {
    expect(clusterSummary(Int32Array.from([0, 1, -1, 0, 0, -1]), [['star'], ['bread'], ['empty']])).toEqual({
      clusters: [
        { id: 0, size: 3, terms: ['star'] },
        { id: 1, size: 1, terms: ['bread'] },
        { id: 2, size: 0, terms: ['empty'] },
      ],
      unclustered: 2,
    });
  });
});

describe('names of many long chunks', () => {
  it('counts terms on a sample past 3,000,000 characters, and names each cluster as all the chunks would, small ones too', () => {
    const random = seededRandom(5);
    const topics = ['galaxy', 'volcano', 'harvest', 'symphony'];
    const filler = (n: number) => Array.from({ length: n }, () => `f${Math.floor(random() * 3000).toString(36)}q`).join(' ');
    // 24,000 chunks of about 400 characters in four topics, and a cluster of 12 about glaciers
    const labels = Int32Array.from({ length: 24_012 }, (_, i) => (i < 24_000 ? i % 4 : 4));
    const chunks = Array.from(labels, (l) => `${l < 4 ? topics[l] : 'glacier'} ${filler(40)} ${l < 4 ? topics[l] : 'moraine'} ${filler(30)}`);
    const names = namesFor(chunks, labels, 5);
    expect(names.map((n) => n[0])).toEqual(['galaxy', 'volcano', 'harvest', 'symphony', 'glacier']);
    expect(names[4]).toContain('moraine');
  });
});

import { describe, expect, it } from 'vitest';
import { fitPca, projectPca } from './pca';
import { DEFAULT_LAYOUT } from './layoutRun';
import { PLACEMENT_ROWS, placeByNeighbours, placeByProjection, placeRows, shouldPlace } from './placement';
import { gaussianClusters } from './syntheticData';
import { rowNorms } from './vectors';

describe('placement', () => {
  const { data, count } = gaussianClusters(3, 20, 6, 2);

  it('projection puts an existing point exactly where the layout has it, on the chosen axes', () => {
    const pca = fitPca(data, count, 6, { components: 4 });
    const all = projectPca(pca, data, count);
    const placed = placeByProjection(pca, [1, 0, 3], data.subarray(6 * 5, 6 * 6));
    expect(placed[0]).toBeCloseTo(all[5 * 4 + 1]!, 5);
    expect(placed[1]).toBeCloseTo(all[5 * 4]!, 5);
    expect(placed[2]).toBeCloseTo(all[5 * 4 + 3]!, 5);
  });

  it('neighbour placement lands next to the most similar chunks', () => {
    const coords = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) coords[i * 3] = i % 3; // x = cluster label
    const query = Float32Array.from(data.subarray(6 * 4, 6 * 5)); // a member of cluster 1
    const placed = placeByNeighbours(data, 6, rowNorms(data, 6), coords, query, 5);
    expect(placed[0]).toBeCloseTo(1, 3);
  });

  it(`past ${PLACEMENT_ROWS.toLocaleString('en')} rows, among an even spread of them: still next to its own cluster`, () => {
    const big = gaussianClusters(3, 100_000, 6, 4);
    const coords = new Float32Array(big.count * 3);
    for (let i = 0; i < big.count; i++) coords[i * 3] = big.labels[i]!;
    for (const row of [4, 150_001, 299_999]) {
      const query = Float32Array.from(big.data.subarray(6 * row, 6 * (row + 1)));
      const placed = placeByNeighbours(big.data, 6, rowNorms(big.data, 6), coords, query, 5);
      expect(placed[0]).toBeCloseTo(big.labels[row]!, 3);
    }
  });

  it('places appended rows next to their neighbours and keeps the laid-out ones', () => {
    const coords = new Float32Array(40 * 3);
    for (let i = 0; i < 40; i++) coords[i * 3 + 1] = i % 3;
    const all = placeRows(data, 6, rowNorms(data, 6), coords, 40, count, DEFAULT_LAYOUT.umap, null);
    expect(all).toHaveLength(count * 3);
    expect(Array.from(all.subarray(0, 120))).toEqual(Array.from(coords));
    for (let i = 40; i < count; i++) expect(all[i * 3 + 1]).toBeCloseTo(i % 3, 2);
  });

  it('places a few rows, lays out again when there are many', () => {
    expect(shouldPlace(10, 5000, 512)).toBe(true);
    expect(shouldPlace(5000, 5000, 512)).toBe(false);
    expect(shouldPlace(10, 0, 512)).toBe(false);
  });
});

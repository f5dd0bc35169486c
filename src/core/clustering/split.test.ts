import { describe, expect, it } from 'vitest';
import { finish } from '../steps';
import { seededRandom } from '../random';
import { MIN_SPLIT_SIZE, splitClusterSteps } from './split';

/** Three tight groups in 8-d; the first two were merged into cluster 0, the third is cluster 1. */
function merged() {
  const random = seededRandom(5);
  const dims = 8;
  const centres = [0, 3, 6];
  const rows = 30;
  const vectors = new Float32Array(rows * dims);
  const group = (i: number) => Math.floor(i / 10);
  for (let i = 0; i < rows; i++) {
    vectors[i * dims + centres[group(i)]!] = 1;
    for (let d = 0; d < dims; d++) vectors[i * dims + d]! += (random() - 0.5) * 0.1;
  }
  const texts = Array.from({ length: rows }, (_, i) => ['comet orbit telescope', 'bread dough yeast', 'violin string bow'][group(i)]!);
  const labels = Int32Array.from({ length: rows }, (_, i) => (group(i) < 2 ? 0 : 1));
  return { vectors, dims, texts, labels, group };
}

describe('splitting a cluster', () => {
  it('splits the merged cluster along its two groups, leaves the other alone and names all three again', () => {
    const { vectors, dims, texts, labels, group } = merged();
    const split = finish(splitClusterSteps(vectors, dims, texts, labels, 0));
    expect(split.clusters).toHaveLength(3);
    expect(split.clusters.reduce((n, c) => n + c.size, 0)).toBe(30);
    // each group is one cluster, and the untouched group still has its chunks together
    for (const g of [0, 1, 2]) {
      const inGroup = new Set(Array.from(split.labels).filter((_, i) => group(i) === g));
      expect(inGroup.size).toBe(1);
    }
    const names = split.clusters.map((c) => c.terms.join(' '));
    expect(names.some((n) => /comet|orbit|telescope/.test(n))).toBe(true);
    expect(names.some((n) => /bread|dough|yeast/.test(n))).toBe(true);
  });

  it('refuses a cluster too small to split', () => {
    const { vectors, dims, texts, group } = merged();
    const labels = Int32Array.from({ length: 30 }, (_, i) => (i < MIN_SPLIT_SIZE - 1 ? 2 : group(i) < 2 ? 0 : 1));
    expect(() => finish(splitClusterSteps(vectors, dims, texts, labels, 2))).toThrow(`that cluster has ${MIN_SPLIT_SIZE - 1} chunks`);
  });
});

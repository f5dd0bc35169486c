import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, LayoutInputError, type LayoutParams, sampleRows, startLayout } from './layoutRun';
import { gaussianClusters } from './syntheticData';

function finish(vectors: Float32Array, count: number, dims: number, params: LayoutParams) {
  const run = startLayout(vectors, count, dims, params);
  let steps = 0;
  while (!run.done && steps++ < 10_000) run.step(20);
  return run;
}

describe('startLayout', () => {
  const { data, count } = gaussianClusters(4, 25, 16, 1, 0.3);

  for (const method of ['pca', 'umap', 'tsne'] as const) {
    for (const dims of [2, 3] as const) {
      it(`${method} ${dims}-D gives finite N×3 coordinates${dims === 2 ? ' with z = 0' : ''}`, () => {
        const run = finish(data, count, 16, { ...DEFAULT_LAYOUT[method], dims } as LayoutParams);
        const coords = run.coords();
        expect(coords).toHaveLength(count * 3);
        expect(Array.from(coords).every(Number.isFinite)).toBe(true);
        if (dims === 2) for (let i = 0; i < count; i++) expect(coords[i * 3 + 2]).toBe(0);
        expect(run.progress()).toBe(1);
      });
    }
  }

  it('streams: progress grows and coordinates change between steps', () => {
    const run = startLayout(data, count, 16, { ...DEFAULT_LAYOUT.umap, epochs: 200 });
    // each frame is transferred to the page: the next one must not share its buffer
    expect(run.coords().buffer).not.toBe(run.coords().buffer);
    run.step(1);
    const first = run.coords();
    const progress = run.progress();
    run.step(5);
    expect(run.progress()).toBeGreaterThan(progress);
    expect(Array.from(run.coords())).not.toEqual(Array.from(first));
  });

  it('puts the chosen principal components on the axes', () => {
    const a = finish(data, count, 16, { method: 'pca', dims: 3, axes: [0, 1, 2] }).coords();
    const b = finish(data, count, 16, { method: 'pca', dims: 3, axes: [2, 0, 1] }).coords();
    for (let i = 0; i < count; i++) {
      expect(b[i * 3]).toBeCloseTo(a[i * 3 + 2]!, 4);
      expect(b[i * 3 + 1]).toBeCloseTo(a[i * 3]!, 4);
    }
  });

  it('same seed, same layout', () => {
    const params = { ...DEFAULT_LAYOUT.tsne, iterations: 200 };
    expect(Array.from(finish(data, count, 16, params).coords())).toEqual(Array.from(finish(data, count, 16, params).coords()));
  });

  it('handles 1, 2 and 5 points, and says when it lowered neighbours or perplexity', () => {
    for (const n of [1, 2, 5]) {
      for (const method of ['pca', 'umap', 'tsne'] as const) {
        const run = finish(data.subarray(0, n * 16), n, 16, DEFAULT_LAYOUT[method]);
        expect(Array.from(run.coords()).every(Number.isFinite)).toBe(true);
      }
    }
    expect(startLayout(data.subarray(0, 80), 5, 16, DEFAULT_LAYOUT.umap).notes.join()).toMatch(/4 neighbours/);
    expect(startLayout(data.subarray(0, 80), 5, 16, DEFAULT_LAYOUT.tsne).notes.join()).toMatch(/perplexity lowered/);
  });

  it('handles duplicate and all-identical vectors', () => {
    const same = new Float32Array(40 * 8).fill(0.25);
    for (const method of ['pca', 'umap', 'tsne'] as const) {
      expect(Array.from(finish(same, 40, 8, DEFAULT_LAYOUT[method]).coords()).every(Number.isFinite)).toBe(true);
    }
    const dup = new Float32Array(data.subarray(0, 40 * 16));
    dup.copyWithin(16 * 20, 0, 16 * 20);
    expect(Array.from(finish(dup, 40, 16, DEFAULT_LAYOUT.umap).coords()).every(Number.isFinite)).toBe(true);
  });

  it('refuses NaN with a message naming the chunk', () => {
    const bad = Float32Array.from(data);
    bad[16 * 7 + 3] = NaN;
    expect(() => startLayout(bad, count, 16, DEFAULT_LAYOUT.pca)).toThrow(LayoutInputError);
    expect(() => startLayout(bad, count, 16, DEFAULT_LAYOUT.pca)).toThrow(/Chunk 8/);
  });

  it('runs PCA on 200,000 points, fitted on a sample and projecting all', () => {
    const n = 200_000;
    const big = new Float32Array(n * 4).map((_, i) => Math.sin(i));
    const run = startLayout(big, n, 4, DEFAULT_LAYOUT.pca);
    expect(run.coords()).toHaveLength(n * 3);
    expect(run.notes.join()).toMatch(/sampled rows/);
  });

  for (const method of ['umap', 'tsne'] as const) {
    it(`${method} beyond the rows it can fit: fits a sample, places the others beside their own cluster, and says so`, () => {
      const clusters = gaussianClusters(6, 500, 24, 3, 0.2);
      const run = startLayout(
        clusters.data,
        clusters.count,
        24,
        method === 'umap' ? { ...DEFAULT_LAYOUT.umap, epochs: 150, fitRows: 600 } : { ...DEFAULT_LAYOUT.tsne, iterations: 300, fitRows: 600 },
      );
      expect(run.sampled).toEqual({ fitted: 600, placed: 2_400 });
      expect(run.notes.join()).toMatch(/fitted on 600 sampled points; the other 2,400 were placed/);
      let steps = 0;
      let framesMoved = 0;
      let before = run.coords();
      while (!run.done && steps++ < 10_000) {
        run.step(20);
        const now = run.coords();
        if (now.some((v, i) => v !== before[i])) framesMoved++;
        before = now;
      }
      const coords = run.coords();
      expect(coords).toHaveLength(clusters.count * 3);
      expect(Array.from(coords).every(Number.isFinite)).toBe(true);
      expect(framesMoved).toBeGreaterThan(3);
      // each point's nearest other point in the picture is of its own cluster
      let same = 0;
      for (let i = 0; i < clusters.count; i++) {
        let best = -1;
        let bestDistance = Infinity;
        for (let j = 0; j < clusters.count; j++) {
          if (j === i) continue;
          const d = (coords[i * 3]! - coords[j * 3]!) ** 2 + (coords[i * 3 + 1]! - coords[j * 3 + 1]!) ** 2 + (coords[i * 3 + 2]! - coords[j * 3 + 2]!) ** 2;
          if (d < bestDistance) [best, bestDistance] = [j, d];
        }
        if (clusters.labels[best] === clusters.labels[i]) same++;
      }
      expect(same / clusters.count).toBeGreaterThan(0.95);
    });
  }
});

describe('sampleRows', () => {
  it('samples rows written in a repeating order from every part of the cycle (a stride would hit a few)', () => {
    // 100,000 rows of one number, cluster i % 100 in turn, as a table written cluster by cluster in turn
    const rows = Float32Array.from({ length: 100_000 }, (_, i) => i % 100);
    const { data, count } = sampleRows(rows, 100_000, 1, 4_000, 1);
    expect(count).toBe(4_000);
    expect(new Set(data).size).toBe(100);
    // the same seed, the same rows
    expect(sampleRows(rows, 100_000, 1, 4_000, 1).data).toEqual(data);
  });
});

import { describe, expect, it } from 'vitest';
import { rowNorms } from '../vectors';
import { gaussianClusters } from '../syntheticData';
import { denseScores, RESCORED } from './dense';
import { denseScan, INT8_SCAN_BYTES } from './indexCache';
import { createInt8DotKernel } from './int8Dots';
import { topK } from './ranking';

describe('the int8 kernel', () => {
  it('estimates each dot product within 1% of the lengths’ product', () => {
    const dims = 64;
    const count = 300;
    const vectors = Float32Array.from({ length: count * dims }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 5)));
    const query = Float32Array.from({ length: dims }, (_, j) => Math.cos(j * 0.3) - 0.2);
    const kernel = createInt8DotKernel()!;
    kernel.load(vectors, count, dims);
    expect(kernel.bytes).toBe(count * dims + count * 4);
    const estimate = new Float32Array(count);
    kernel.dots(query, estimate);
    const exact = denseScores(vectors, dims, new Float32Array(count).fill(1), query, 'dot');
    const norms = rowNorms(vectors, dims);
    const queryNorm = Math.hypot(...query);
    for (let i = 0; i < count; i++) expect(Math.abs(estimate[i]! - exact[i]!)).toBeLessThan(0.01 * norms[i]! * queryNorm);
    expect(() => kernel.load(new Float32Array(24), 2, 12)).toThrow(/sixteens/);
  });

  it('with its top rows rescored, ranks as the float search does and scores the top exactly', () => {
    const dims = 48;
    const { data, count } = gaussianClusters(40, 500, dims, 5, 0.6);
    const norms = rowNorms(data, dims);
    const kernel = createInt8DotKernel()!;
    kernel.load(data, count, dims);
    const approximate = Object.assign((q: Float32Array, out: Float32Array) => kernel.dots(q, out), { approximate: true });
    for (let r = 0; r < 20; r++) {
      const query = data.slice(r * 997 * dims, (r * 997 + 1) * dims).map((x, j) => x + Math.sin(j + r) * 0.4);
      for (const metric of ['cosine', 'dot', 'euclidean'] as const) {
        const exact = topK(denseScores(data, dims, norms, query, metric), 10);
        const scanned = topK(denseScores(data, dims, norms, query, metric, approximate), 10);
        expect(scanned).toEqual(exact);
      }
    }
    expect(RESCORED).toBeGreaterThanOrEqual(100);
  });

  it('is how vectors past 128 MiB are scanned, in dimensions of sixteens', () => {
    expect(denseScan(INT8_SCAN_BYTES + 4, 384)).toBe('int8');
    expect(denseScan(INT8_SCAN_BYTES + 4, 100)).toBe('float32');
    expect(denseScan(1_000_000, 384)).toBe('float32');
  });
});

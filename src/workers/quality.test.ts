import { describe, expect, it } from 'vitest';
import { gaussianClusters } from '../core/syntheticData';
import { measureQuality } from './quality';

describe('measureQuality', () => {
  const { data, count, labels } = gaussianClusters(3, 30, 10, 3, 0.2);
  const request = (coords: Float32Array) => ({ type: 'quality' as const, id: 1, corpusKey: 'a', vectors: data, count, dims: 10, coords, layoutDims: 3 as const, k: 5 });

  it('scores a layout that keeps clusters above a scrambled one', () => {
    const faithful = new Float32Array(count * 3);
    const scrambled = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      for (let c = 0; c < 3; c++) faithful[i * 3 + c] = data[i * 10 + c]!;
      scrambled[i * 3] = Math.sin(i * 7.1) * 5;
      scrambled[i * 3 + 1] = Math.cos(i * 3.3) * 5;
      scrambled[i * 3 + 2] = labels[(i * 7) % count]!;
    }
    const good = measureQuality(request(faithful));
    const bad = measureQuality(request(scrambled));
    expect(good.recall).toHaveLength(count);
    expect(good.meanRecall).toBeGreaterThan(bad.meanRecall + 0.2);
    expect(good.trustworthiness).toBeGreaterThan(bad.trustworthiness);
    expect(good.trustworthiness).toBeLessThanOrEqual(1);
  });

  it('measures recall on a sample of a large corpus and leaves the rest unmeasured', () => {
    const big = gaussianClusters(10, 900, 8, 4, 0.3);
    const coords = new Float32Array(big.count * 3);
    for (let i = 0; i < big.count; i++) for (let c = 0; c < 3; c++) coords[i * 3 + c] = big.data[i * 8 + c]!;
    const result = measureQuality({ type: 'quality', id: 2, corpusKey: 'big', vectors: big.data, count: big.count, dims: 8, coords, layoutDims: 3, k: 10 });
    expect(result.recallRows).toBe(2000);
    expect(Array.from(result.recall).filter((r) => !Number.isNaN(r))).toHaveLength(2000);
    expect(result.meanRecall).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { gaussianClusters } from '../syntheticData';
import { storageOf } from '../vectors';
import { float16Keeps, heldForLab, KEEPS_RANKS } from './halfPrecision';

describe('space B held as float16 where that keeps its ranks', () => {
  it('holds well-spread vectors as float16: their top 10 neighbours are kept', () => {
    const dims = 64;
    const { data, count } = gaussianClusters(20, 100, dims, 7, 0.5);
    const half = float16Keeps(data, count, dims);
    expect(half).toMatchObject({ queries: 50, among: 2_000 });
    expect(half.keeps).toBeGreaterThanOrEqual(KEEPS_RANKS);
    const held = heldForLab(data, count, dims, true);
    expect(storageOf(held.vectors)).toBe('float16');
    expect(held.vectors.byteLength).toBe(data.byteLength / 2);
    expect(held.half).toEqual(half);
  });

  it('keeps float32 where the rows differ by less than float16 can tell, and says how much it would keep', () => {
    const dims = 32;
    const count = 600;
    const random = seededRandom(3);
    const base = Array.from({ length: dims }, () => 1 + random());
    // every row the same direction but for changes of 1e-4: float16 (steps of 1e-3 near 1) rounds most of them away
    const data = Float32Array.from({ length: count * dims }, (_, i) => base[i % dims]! + 1e-4 * (random() - 0.5));
    const held = heldForLab(data, count, dims, true);
    expect(held.half!.keeps).toBeLessThan(KEEPS_RANKS);
    expect(held.vectors).toBe(data);
  });
});

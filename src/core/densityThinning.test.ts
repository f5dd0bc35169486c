import { describe, expect, it } from 'vitest';
import { densityLevels, drawOrder, levelCap, NEVER } from './densityThinning';
import { seededRandom } from './random';

/** 10,000 points piled inside one small spot, then 200 spread through the cube. */
function pileAndSpread(): Float32Array {
  const random = seededRandom(3);
  const positions = new Float32Array(10_200 * 3);
  for (let i = 0; i < 10_000; i++) for (let c = 0; c < 3; c++) positions[i * 3 + c] = 2.05 + 0.05 * random();
  for (let i = 10_000; i < 10_200; i++) for (let c = 0; c < 3; c++) positions[i * 3 + c] = -9 + 18 * random();
  return positions;
}

const drawnUnder = (levels: Uint32Array, cap: number) => {
  const { order, below } = drawOrder(levels);
  return Array.from(order.subarray(0, below[Math.min(cap, below.length - 1)]));
};

describe('densityLevels', () => {
  it('ranks the points of each voxel 0, 1, 2 … once each', () => {
    const { level } = densityLevels(pileAndSpread(), 10);
    const pile = Array.from(level.subarray(0, 10_000)).sort((a, b) => a - b);
    expect(pile).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it('keeps every point of a sparse region while thinning the pile to the cap', () => {
    const { level } = densityLevels(pileAndSpread(), 10);
    const drawn = drawnUnder(level, 5);
    const spread = drawn.filter((i) => i >= 10_000);
    const pile = drawn.filter((i) => i < 10_000);
    // the 200 spread points fall in (almost all) voxels of their own
    expect(spread.length).toBeGreaterThan(195);
    expect(pile).toHaveLength(5);
    // the pile's survivors are a random sample of it, not its first rows
    expect(Math.max(...pile)).toBeGreaterThan(100);
  });

  it('gives a flat (2-D) layout a finer grid than a 3-D one', () => {
    const flat = new Float32Array([0, 0, 0, 1, 1, 0, -1, 2, 0]);
    const deep = new Float32Array([0, 0, 0, 1, 1, 1, -1, 2, 0]);
    expect(densityLevels(flat, 10).cell).toBeLessThan(densityLevels(deep, 10).cell);
  });

  it('is the same for the same seed', () => {
    const positions = pileAndSpread();
    expect(densityLevels(positions, 10, 7).level).toEqual(densityLevels(positions, 10, 7).level);
  });
});

describe('drawOrder', () => {
  it('puts lower levels first and never-drawn rows last, and counts the rows below each cap', () => {
    const level = Uint32Array.from([2, 0, NEVER, 1, 0, 2, NEVER]);
    const { order, below } = drawOrder(level);
    expect(Array.from(below)).toEqual([0, 2, 3, 5]);
    expect(Array.from(order.subarray(0, 2)).sort()).toEqual([1, 4]);
    expect(order[2]).toBe(3);
    expect(Array.from(order.subarray(3, 5)).sort()).toEqual([0, 5]);
    expect(Array.from(order.subarray(5)).sort()).toEqual([2, 6]);
  });
});

describe('levelCap', () => {
  it('keeps at least one point per voxel far away and grows as the voxels grow on screen', () => {
    expect(levelCap(0.01, false)).toBe(1);
    expect(levelCap(4, false)).toBeLessThan(levelCap(8, false));
    expect(levelCap(80, false)).toBeGreaterThan(1_000);
    // with no depth, a pixel looks through one cell only: more points per cell
    expect(levelCap(8, true)).toBeGreaterThan(levelCap(8, false));
  });
});

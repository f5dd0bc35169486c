import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { chooseDistinct, loadPlan } from './sampling';

const covered = (plan: ReturnType<typeof loadPlan>) => plan.requests.flatMap((r) => Array.from({ length: r.limit }, (_, i) => r.offset + i));

describe('loadPlan', () => {
  it('reads every row, in pages, when the collection fits the limit', () => {
    const plan = loadPlan(2_345, 50_000, 1000, seededRandom(1));
    expect(plan.sampled).toBe(false);
    expect(plan.requests).toEqual([
      { offset: 0, limit: 1000 },
      { offset: 1000, limit: 1000 },
      { offset: 2000, limit: 345 },
    ]);
    expect(covered(plan)).toEqual(Array.from({ length: 2_345 }, (_, i) => i));
  });

  it('samples about the limit of distinct rows, in order, within the collection', () => {
    const plan = loadPlan(1_000_000, 50_000, 1000, seededRandom(7));
    expect(plan.sampled).toBe(true);
    const rows = covered(plan);
    expect(rows.length).toBe(plan.rows);
    expect(Math.abs(rows.length - 50_000)).toBeLessThanOrEqual(20);
    expect(rows.every((r, i) => r >= 0 && r < 1_000_000 && (i === 0 || r > rows[i - 1]!))).toBe(true);
    expect(plan.requests.every((r) => r.limit <= 1000)).toBe(true);
  });

  it('gives every part of the collection the same chance', () => {
    const total = 10_000;
    const hits = new Array<number>(10).fill(0);
    for (let seed = 1; seed <= 200; seed++) for (const row of covered(loadPlan(total, 1_000, 500, seededRandom(seed)))) hits[Math.floor(row / 1000)]!++;
    // each tenth of the rows holds a tenth of the sample: 200 runs × 100 rows each
    for (const h of hits) expect(Math.abs(h - 20_000) / 20_000).toBeLessThan(0.06);
  });

  it('reads the last, partial block of a sample within the collection', () => {
    const plan = loadPlan(1_005, 1_000, 100, seededRandom(3), 10);
    expect(covered(plan).every((r) => r < 1_005)).toBe(true);
  });
});

describe('chooseDistinct', () => {
  it('chooses distinct values in range, ascending', () => {
    const chosen = chooseDistinct(100, 40, seededRandom(5));
    expect(new Set(chosen).size).toBe(40);
    expect(chosen.every((x, i) => x >= 0 && x < 100 && (i === 0 || x > chosen[i - 1]!))).toBe(true);
    expect(chooseDistinct(5, 5, seededRandom(1))).toEqual([0, 1, 2, 3, 4]);
  });
});

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { comparePaired } from './pairedComparison';

describe('comparePaired', () => {
  it('counts wins, losses and ties per query', () => {
    const result = comparePaired([1, 0.5, 0.2, 0], [1, 1, 0.1, 0]);
    expect(result).toMatchObject({ won: [1], lost: [2], tied: [0, 3] });
    expect(result.delta).toBeCloseTo(0.4 / 4);
  });

  it('calls a consistent gain significant and its interval holds the mean', () => {
    const random = seededRandom(3);
    const a = Array.from({ length: 60 }, () => random() * 0.6);
    const b = a.map((x) => x + 0.2 + (random() - 0.5) * 0.1);
    const result = comparePaired(a, b);
    expect(result.significant).toBe(true);
    expect(result.low).toBeGreaterThan(0.1);
    expect(result.low).toBeLessThanOrEqual(result.delta);
    expect(result.high).toBeGreaterThanOrEqual(result.delta);
  });

  it('does not call a difference of noise significant', () => {
    const random = seededRandom(5);
    const a = Array.from({ length: 60 }, () => random());
    const b = Array.from({ length: 60 }, () => random());
    const result = comparePaired(a, b);
    expect(result.low).toBeLessThan(0);
    expect(result.high).toBeGreaterThan(0);
    expect(result.significant).toBe(false);
  });

  it('needs the same queries on both sides', () => {
    expect(() => comparePaired([1], [1, 0])).toThrow(/same queries/);
  });
});

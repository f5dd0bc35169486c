import { describe, expect, it } from 'vitest';
import { fastExp2, fastLog2, fastPow } from './fastMath';

describe('fastPow', () => {
  it('is within 1e-4 relative error of Math.pow over the range UMAP uses', () => {
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = 10 ** (-6 + (i / 20_000) * 10);
      for (const p of [0.79, 0.895, 1.5]) worst = Math.max(worst, Math.abs(fastPow(x, p) / x ** p - 1));
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('agrees with log2 and exp2 at exact powers of two', () => {
    expect(fastLog2(8)).toBe(3);
    expect(fastLog2(0.25)).toBe(-2);
    expect(fastExp2(5)).toBe(32);
    expect(fastExp2(-3)).toBe(0.125);
  });
});

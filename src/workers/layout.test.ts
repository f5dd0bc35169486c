import { describe, expect, it } from 'vitest';
import { computeLayout } from './layout';

describe('computeLayout', () => {
  it('returns N×3 coordinates and the PCA basis used to place queries', () => {
    const vectors = Float32Array.from({ length: 50 * 8 }, (_, i) => Math.sin(i * 0.37) + (i % 8 === 0 ? i / 40 : 0));
    const result = computeLayout({ type: 'layout', id: 7, method: 'pca', vectors, count: 50, dims: 8 });
    expect(result.id).toBe(7);
    expect(result.coords).toHaveLength(150);
    expect(result.pca.basis).toHaveLength(24);
    expect(Array.from(result.coords).every(Number.isFinite)).toBe(true);
  });

  it('pads vectors of fewer than three dimensions with zeros', () => {
    const result = computeLayout({ type: 'layout', id: 1, method: 'pca', vectors: new Float32Array([0, 1, 1, 0, 2, 2]), count: 3, dims: 2 });
    expect(result.coords).toHaveLength(9);
    expect(result.coords[2]).toBe(0);
  });
});

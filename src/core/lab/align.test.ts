import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { alignLayouts } from './align';

function cloud(count: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: count * 3 }, () => random() * 10 - 5);
}

/** B = s · R · A + t with R a rotation about z by `angle` followed by a mirror in x. */
function moved(a: Float32Array, angle: number, scale: number, shift: [number, number, number]): Float32Array {
  const b = new Float32Array(a.length);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  for (let r = 0; r < a.length / 3; r++) {
    const [x, y, z] = [a[3 * r]!, a[3 * r + 1]!, a[3 * r + 2]!];
    b[3 * r] = -(scale * (c * x - s * y)) + shift[0];
    b[3 * r + 1] = scale * (s * x + c * y) + shift[1];
    b[3 * r + 2] = scale * z + shift[2];
  }
  return b;
}

describe('alignLayouts', () => {
  it('undoes a rotation, a mirror, a scale and a shift', () => {
    const a = cloud(200, 1);
    const b = moved(a, 1.1, 3.5, [40, -7, 2]);
    const { coords, residual, scale } = alignLayouts(a, b, 3);
    expect(residual).toBeLessThan(1e-4);
    expect(scale).toBeCloseTo(1 / 3.5, 4);
    for (let i = 0; i < a.length; i++) expect(coords[i]).toBeCloseTo(a[i]!, 3);
  });

  it('says two unrelated pictures are unrelated', () => {
    const { residual } = alignLayouts(cloud(300, 1), cloud(300, 2), 3);
    expect(residual).toBeGreaterThan(0.9);
  });

  it('aligns flat (2-D) layouts kept in 3-D and moves rows only B has', () => {
    const a = cloud(50, 3).map((v, i) => (i % 3 === 2 ? 0 : v));
    const b = moved(a, -0.4, 2, [1, 1, 0]);
    const extra = Float32Array.from([...b, b[0]!, b[1]!, 0]);
    const pairs = Int32Array.from({ length: 100 }, (_, i) => i >> 1);
    const { coords, residual } = alignLayouts(a, extra, 3, pairs);
    expect(residual).toBeLessThan(1e-4);
    expect(coords).toHaveLength(51 * 3);
    expect(coords[150]).toBeCloseTo(a[0]!, 3);
    expect(coords[151]).toBeCloseTo(a[1]!, 3);
  });

  it('refuses layouts with nothing in common', () => {
    expect(() => alignLayouts(cloud(3, 1), cloud(3, 2), 3, new Int32Array(0))).toThrow(/share no item/);
  });
});

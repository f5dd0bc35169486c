import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { ScreenIndex } from './screenIndex';
import { nearestOnScreen, type Viewport } from './screenPick';

// a perspective camera at z = 30 looking at the origin (column-major projection × view)
function perspective(width: number, height: number): Viewport {
  const f = 1 / Math.tan((50 * Math.PI) / 360);
  const aspect = width / height;
  const [near, far] = [0.1, 1000];
  const p = [f / aspect, 0, 0, 0, 0, f, 0, 0, 0, 0, (far + near) / (near - far), -1, 0, 0, (2 * far * near) / (near - far), 0];
  // times the view: a translation by -30 along z
  const m = [...p];
  for (let r = 0; r < 4; r++) m[12 + r] = p[12 + r]! - 30 * p[8 + r]!;
  return { matrix: m, width, height };
}

describe('ScreenIndex', () => {
  const random = seededRandom(9);
  const count = 20_000;
  // points in front of and behind the camera, some identical (ties)
  const positions = Float32Array.from({ length: count * 3 }, (_, i) => (i % 3 === 2 ? random() * 70 - 35 : random() * 40 - 20));
  positions.copyWithin(300, 0, 30);
  const view = perspective(900, 600);

  it('answers every hover as projecting all points does, hidden points and points behind the camera left out', () => {
    const visible = Uint8Array.from({ length: count }, (_, i) => (i % 7 === 0 ? 0 : 1));
    for (const mask of [null, visible]) {
      const index = new ScreenIndex(positions, count, view, mask);
      let found = 0;
      for (let k = 0; k < 2_000; k++) {
        const [x, y] = [random() * 940 - 20, random() * 640 - 20];
        const expected = nearestOnScreen(positions, count, view, x, y, 8, mask);
        expect(index.nearest(x, y, 8)).toBe(expected);
        if (expected !== null) found++;
      }
      expect(found).toBeGreaterThan(1_000);
    }
  });

  it('knows when the camera or the canvas moved', () => {
    const index = new ScreenIndex(positions, count, view);
    expect(index.fits(perspective(900, 600))).toBe(true);
    expect(index.fits(perspective(901, 600))).toBe(false);
    const turned = { ...view, matrix: Array.from(view.matrix, (v, k) => (k === 0 ? v * 1.01 : v)) };
    expect(index.fits(turned)).toBe(false);
  });
});

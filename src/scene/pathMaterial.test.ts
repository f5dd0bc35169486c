import { describe, expect, it } from 'vitest';
import type * as THREE from 'three';
import { createPathGeometry, MAX_PATH_LINES, setPathSegments } from './pathMaterial';

const segment = (i: number) => ({ from: [0, 0, 0], to: [i, i + 1, i + 2], width: 1 + i, color: [1, 0.5, 0] as const, opacity: 1, dashed: i % 2 === 1 });

describe('path ribbons', () => {
  it('writes each line as six vertices into buffers made once, and draws only those', () => {
    const geometry = createPathGeometry();
    const buffer = (geometry.getAttribute('end') as THREE.BufferAttribute).array;
    setPathSegments(geometry, [segment(1), segment(2)]);
    expect(geometry.drawRange.count).toBe(12);
    const end = geometry.getAttribute('end') as THREE.BufferAttribute;
    expect([end.getX(6), end.getY(6), end.getZ(6)]).toEqual([2, 3, 4]);
    expect((geometry.getAttribute('dashed') as THREE.BufferAttribute).getX(0)).toBe(1);
    setPathSegments(geometry, []);
    expect(geometry.drawRange.count).toBe(0);
    expect((geometry.getAttribute('end') as THREE.BufferAttribute).array).toBe(buffer);
  });

  it(`draws at most ${MAX_PATH_LINES} lines`, () => {
    const geometry = createPathGeometry();
    setPathSegments(
      geometry,
      Array.from({ length: MAX_PATH_LINES + 5 }, (_, i) => segment(i)),
    );
    expect(geometry.drawRange.count).toBe(MAX_PATH_LINES * 6);
  });
});

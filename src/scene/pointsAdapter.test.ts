import { describe, expect, it } from 'vitest';
import { BASE_SIZE, frameFor, pointStyles, SCENE_RADIUS, sourceColor, toScene } from './pointsAdapter';

describe('frameFor / toScene', () => {
  it('centres the layout and puts the farthest point on the scene radius', () => {
    const coords = new Float32Array([0, 0, 0, 2, 0, 0, 4, 0, 0]);
    const scene = toScene(coords, frameFor(coords));
    expect(Array.from(scene)).toEqual([-SCENE_RADIUS, 0, 0, 0, 0, 0, SCENE_RADIUS, 0, 0]);
  });

  it('leaves a single point at the origin', () => {
    const coords = new Float32Array([5, 5, 5]);
    expect(Array.from(toScene(coords, frameFor(coords)))).toEqual([0, 0, 0]);
  });
});

describe('pointStyles', () => {
  const ids = new Int32Array([0, 1, 0, 1]);
  it('dims non-results while a query is shown, enlarges results and whitens the selection', () => {
    const colors = new Float32Array(12);
    const sizes = new Float32Array(4);
    pointStyles(ids, { results: [1], selected: 3, neighbours: [], hovered: null }, colors, sizes);
    expect(colors[0]).toBeCloseTo(sourceColor(0)[0] * 0.4);
    expect(colors[3]).toBeCloseTo(sourceColor(1)[0]);
    expect(sizes[1]).toBeCloseTo(BASE_SIZE * 2);
    expect(Array.from(colors.subarray(9, 12))).toEqual([1, 1, 1]);
    expect(sizes[0]).toBeCloseTo(BASE_SIZE);
  });
});

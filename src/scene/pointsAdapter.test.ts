import { describe, expect, it } from 'vitest';
import { BASE_SIZE, frameFor, interpolate, pointStyles, recallColor, SCENE_RADIUS, sourceColor, toScene } from './pointsAdapter';

describe('frameFor / toScene', () => {
  it('centres the layout and puts the farthest point on the scene radius', () => {
    const coords = new Float32Array([0, 0, 0, 2, 0, 0, 4, 0, 0]);
    const scene = toScene(coords, frameFor(coords));
    expect(Array.from(scene)).toEqual([-SCENE_RADIUS, 0, 0, 0, 0, 0, SCENE_RADIUS, 0, 0]);
  });

  it('lets a far outlier fall outside rather than shrink the rest', () => {
    const coords = new Float32Array(3 * 100);
    for (let i = 0; i < 99; i++) coords[i * 3] = (i % 2 ? 1 : -1) * (1 + (i % 5));
    coords[99 * 3] = 1000;
    const scene = toScene(coords, frameFor(coords));
    expect(Math.max(...Array.from(scene.subarray(0, 99 * 3)).map(Math.abs))).toBeGreaterThan(SCENE_RADIUS / 2);
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

describe('recall colours and interpolation', () => {
  it('colours low recall red and full recall green', () => {
    const [r0, g0] = recallColor(0);
    const [r1, g1] = recallColor(1);
    expect(r0).toBeGreaterThan(g0);
    expect(g1).toBeGreaterThan(r1);
  });

  it('uses recall colours instead of source colours when asked', () => {
    const colors = new Float32Array(6);
    pointStyles(new Int32Array([0, 0]), { recall: new Float32Array([0, 1]), results: [], selected: null, neighbours: [], hovered: null }, colors, new Float32Array(2));
    expect(Array.from(colors.subarray(0, 3))).toEqual(Array.from(Float32Array.from(recallColor(0))));
  });

  it('interpolates from start to end', () => {
    const out = new Float32Array(2);
    interpolate(new Float32Array([0, 10]), new Float32Array([10, 10]), 0, out);
    expect(Array.from(out)).toEqual([0, 10]);
    interpolate(new Float32Array([0, 10]), new Float32Array([10, 10]), 1, out);
    expect(Array.from(out)).toEqual([10, 10]);
  });
});

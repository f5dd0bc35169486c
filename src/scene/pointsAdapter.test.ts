import { describe, expect, it } from 'vitest';
import { groupColour, NO_GROUP, scaleColour } from '../core/colouring';
import { DIM_ALPHA, packStyle, unpackStyle, frameFor, interpolate, pointStyles, recallColor, SCENE_RADIUS, toScene } from './pointsAdapter';

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

const buffers = (count: number) => ({ colors: new Uint8Array(count * 3), styles: new Float32Array(count) });
const byte = (c: readonly number[]) => c.map((x) => Math.round(x * 255));
const alphas = (out: { styles: Float32Array }) => Array.from(out.styles, (s) => Math.round(unpackStyle(s).alpha * 100) / 100);

describe('pointStyles', () => {
  const groups = { kind: 'groups' as const, groupOf: new Int32Array([0, 1, 0, -1]) };
  it('dims non-results while a query is shown and enlarges results', () => {
    const out = buffers(4);
    pointStyles(4, { colours: groups, results: [1], selected: 3, neighbours: [] }, out);
    expect(out.colors[0]).toBe(byte(groupColour(0))[0]);
    expect(Array.from(out.colors.subarray(9, 12))).toEqual(byte(NO_GROUP));
    expect(alphas(out)).toEqual([DIM_ALPHA, 1, DIM_ALPHA, 1]);
    expect(unpackStyle(out.styles[1]!).large).toBe(true);
    expect(unpackStyle(out.styles[0]!).large).toBe(false);
  });

  it('hides toggled-off groups and, when asked, everything but the chosen points, which are outlined', () => {
    const out = buffers(4);
    pointStyles(4, { colours: groups, results: [], selected: null, neighbours: [], hidden: new Set([0]) }, out);
    expect(alphas(out)).toEqual([0, 1, 0, 1]);
    pointStyles(4, { colours: groups, results: [], selected: null, neighbours: [], chosen: Uint8Array.from([0, 1, 1, 0]), onlyChosen: true }, out);
    expect(alphas(out)).toEqual([0, 1, 1, 0]);
    expect(Array.from(out.styles, (s) => unpackStyle(s).outlined)).toEqual([false, true, true, false]);
  });

  it('a search keeps its matches bright and dims the rest', () => {
    const out = buffers(4);
    pointStyles(4, { colours: groups, results: [], selected: null, neighbours: [], search: Uint8Array.from([0, 0, 1, 0]) }, out);
    expect(alphas(out)).toEqual([DIM_ALPHA, DIM_ALPHA, 1, DIM_ALPHA]);
  });

  it('colours a numeric column on its scale and retrieval by rank, gold missed apart', () => {
    const out = buffers(3);
    pointStyles(
      3,
      { colours: { kind: 'numeric', values: Float64Array.from([0, 10, NaN]), min: 0, max: 10 }, results: [], selected: null, neighbours: [] },
      out,
    );
    expect(Array.from(out.colors.subarray(3, 6))).toEqual(byte(scaleColour(1)));
    expect(Array.from(out.colors.subarray(6, 9))).toEqual(byte(NO_GROUP));
    pointStyles(3, { colours: { kind: 'retrieval', gold: [2] }, results: [1, 0], selected: null, neighbours: [] }, out);
    expect(out.colors[4]!).toBeGreaterThan(out.colors[1]!); // rank 1 brighter than rank 2
    expect(out.colors[6]).toBe(255); // gold not returned: magenta
  });
});

describe('recall colours and interpolation', () => {
  it('colours low recall red and full recall green', () => {
    const [r0, g0] = recallColor(0);
    const [r1, g1] = recallColor(1);
    expect(r0).toBeGreaterThan(g0);
    expect(g1).toBeGreaterThan(r1);
  });

  it('uses recall colours when asked', () => {
    const out = buffers(2);
    pointStyles(2, { colours: { kind: 'recall', recall: new Float32Array([0, 1]) }, results: [], selected: null, neighbours: [] }, out);
    expect(Array.from(out.colors.subarray(0, 3))).toEqual(byte(recallColor(0)));
  });

  it('packs alpha, size and outline into one number and back', () => {
    for (const alpha of [0, DIM_ALPHA, 1])
      for (const large of [false, true])
        for (const outlined of [false, true]) {
          const back = unpackStyle(packStyle(alpha, large, outlined));
          expect(back.alpha).toBeCloseTo(alpha, 6);
          expect([back.large, back.outlined]).toEqual([large, outlined]);
        }
  });

  it('interpolates from start to end', () => {
    const out = new Float32Array(2);
    interpolate(new Float32Array([0, 10]), new Float32Array([10, 10]), 0, out);
    expect(Array.from(out)).toEqual([0, 10]);
    interpolate(new Float32Array([0, 10]), new Float32Array([10, 10]), 1, out);
    expect(Array.from(out)).toEqual([10, 10]);
  });
});

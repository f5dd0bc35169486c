// Drawing a million points at far zoom: where they pile up, only some of them are drawn, so the
// picture keeps its shapes (sparse regions and outliers stay whole, dense cores are thinned) instead
// of turning into one flat blob. Space is cut into voxels; each point gets its rank among its voxel's
// points in a seeded random order. Drawing every point of rank < cap keeps at most `cap` per voxel,
// and the cap follows the zoom: a few points for each pixel of a voxel's face.
import { seededRandom } from './random';

/** voxels across the layout in 3-D, and cells across it in a flat (2-D) layout */
const CELLS_3D = 64;
const CELLS_2D = 256;
/**
 * How many points a voxel may show per pixel of its projected face: in 3-D a pixel looks through
 * several voxels of a cluster, so a quarter; a flat layout has one cell under each pixel.
 */
const POINTS_PER_PIXEL_3D = 0.25;
const POINTS_PER_PIXEL_2D = 1;
/** a row that is never drawn (hidden by a filter or a legend toggle) */
export const NEVER = 0xffffffff;

export interface DensityLevels {
  /** each row's rank within its voxel (0 for the first drawn) */
  level: Uint32Array;
  /** the voxel's edge, in the positions' units */
  cell: number;
  /** a layout with no depth, cut into square cells */
  flat: boolean;
}

/**
 * Ranks every point within its voxel of a cube of half-width `radius` about the origin (points
 * outside are counted in the edge voxels). A layout with no depth (every z equal) gets a finer 2-D grid.
 */
export function densityLevels(positions: Float32Array, radius: number, seed = 1): DensityLevels {
  const count = positions.length / 3;
  let flat = true;
  for (let i = 1; i < count && flat; i++) flat = positions[i * 3 + 2] === positions[2];
  const cells = flat ? CELLS_2D : CELLS_3D;
  const cell = (2 * radius) / cells;
  const voxel = (value: number) => Math.min(cells - 1, Math.max(0, Math.floor((value + radius) / cell)));
  const voxelOf = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const x = voxel(positions[i * 3]!);
    const y = voxel(positions[i * 3 + 1]!);
    const z = flat ? 0 : voxel(positions[i * 3 + 2]!);
    voxelOf[i] = (z * cells + y) * cells + x;
  }
  // visiting the rows in a seeded random order makes each voxel's first points a random sample of it
  const visit = new Uint32Array(count);
  for (let i = 0; i < count; i++) visit[i] = i;
  const random = seededRandom(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = visit[i]!;
    visit[i] = visit[j]!;
    visit[j] = t;
  }
  const seen = new Uint32Array(flat ? cells * cells : cells * cells * cells);
  const level = new Uint32Array(count);
  for (const i of visit) level[i] = seen[voxelOf[i]!]!++;
  return { level, cell, flat };
}

/**
 * The rows in drawing order, grouped by level (rows of `level[i] === NEVER` last), and for each
 * cap c the number of rows below it: drawing `order[0 .. below[c])` draws every row of level < c.
 * `below[c]` for c = 0 … highest level + 1.
 */
export function drawOrder(level: Uint32Array, out: Uint32Array = new Uint32Array(level.length)): { order: Uint32Array; below: Uint32Array } {
  let top = 0;
  for (const l of level) if (l !== NEVER && l + 1 > top) top = l + 1;
  const below = new Uint32Array(top + 1);
  for (const l of level) if (l !== NEVER) below[l + 1]!++;
  for (let c = 1; c <= top; c++) below[c]! += below[c - 1]!;
  const next = below.slice(0, top);
  let hidden = below[top]!;
  for (let i = 0; i < level.length; i++) {
    const l = level[i]!;
    out[l === NEVER ? hidden++ : next[l]!++] = i;
  }
  return { order: out, below };
}

/**
 * The cap for a view in which a voxel's edge spans `cellPixels` pixels: at least 1 (every occupied
 * voxel keeps a point), and past every level once a voxel's face has room for all its points.
 */
export function levelCap(cellPixels: number, flat: boolean): number {
  return Math.max(1, Math.floor((flat ? POINTS_PER_PIXEL_2D : POINTS_PER_PIXEL_3D) * cellPixels * cellPixels));
}

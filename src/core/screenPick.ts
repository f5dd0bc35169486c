// Which points are under the pointer or inside a drawn outline: each point is projected with the
// camera's view-projection matrix (column-major, as three.js stores it) into CSS pixels. One pass
// over the positions, no allocation: fast enough for hover at 200,000 points (see bench:render).

export interface Viewport {
  /** 16 numbers, column-major: projection × view */
  matrix: ArrayLike<number>;
  width: number;
  height: number;
}

/**
 * Point i's place on screen into out[0], out[1] (CSS pixels, y downwards) and its depth (clip w)
 * into out[2]; false when it is behind the camera.
 */
export function project(positions: Float32Array, i: number, view: Viewport, out: Float64Array): boolean {
  const m = view.matrix;
  const px = positions[i * 3]!;
  const py = positions[i * 3 + 1]!;
  const pz = positions[i * 3 + 2]!;
  const w = m[3]! * px + m[7]! * py + m[11]! * pz + m[15]!;
  if (w <= 0) return false;
  out[0] = ((m[0]! * px + m[4]! * py + m[8]! * pz + m[12]!) / w + 1) * (view.width / 2);
  out[1] = (1 - (m[1]! * px + m[5]! * py + m[9]! * pz + m[13]!) / w) * (view.height / 2);
  out[2] = w;
  return true;
}

const at = new Float64Array(3);

/** The point whose projection is nearest (x, y) within radius pixels (the nearer to the camera on a tie), or null. */
export function nearestOnScreen(
  positions: Float32Array,
  count: number,
  view: Viewport,
  x: number,
  y: number,
  radius: number,
  visible?: Uint8Array | null,
): number | null {
  let best: number | null = null;
  let bestDistance = radius * radius;
  let bestDepth = Infinity;
  for (let i = 0; i < count; i++) {
    if ((visible && !visible[i]) || !project(positions, i, view, at)) continue;
    const d = (at[0]! - x) ** 2 + (at[1]! - y) ** 2;
    if (d < bestDistance || (d === bestDistance && at[2]! < bestDepth)) {
      bestDistance = d;
      bestDepth = at[2]!;
      best = i;
    }
  }
  return best;
}

/** Whether (x, y) lies inside the polygon (even-odd rule). */
export function insidePolygon(polygon: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The points whose projection falls inside the polygon (screen pixels), in index order. */
export function pointsInPolygon(
  positions: Float32Array,
  count: number,
  view: Viewport,
  polygon: readonly (readonly [number, number])[],
  visible?: Uint8Array | null,
): number[] {
  if (polygon.length < 3) return [];
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of polygon) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    if ((visible && !visible[i]) || !project(positions, i, view, at)) continue;
    const [sx, sy] = [at[0]!, at[1]!];
    if (sx < minX || sx > maxX || sy < minY || sy > maxY) continue;
    if (insidePolygon(polygon, sx, sy)) out.push(i);
  }
  return out;
}

/** A box dragged from one corner to the other, as a polygon. */
export const boxPolygon = (a: readonly [number, number], b: readonly [number, number]): [number, number][] => [
  [a[0], a[1]],
  [b[0], a[1]],
  [b[0], b[1]],
  [a[0], b[1]],
];

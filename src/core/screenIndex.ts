// Hover at a million points: while the camera holds still, every point is projected once and
// bucketed into a grid of screen cells; each hover then projects again only the points in the cells
// around the pointer. The answer is nearestOnScreen's (the nearest projection within the radius, the
// nearer to the camera on a tie, then the lower index).
import { project, type Viewport } from './screenPick';

const at = new Float64Array(3);

export class ScreenIndex {
  /** point indices grouped by cell; cell c holds order[cellStart[c] .. cellStart[c + 1]) */
  private readonly order: Int32Array;
  private readonly cellStart: Int32Array;
  /** each point's cell, −1 when off the grid (kept for the next index to reuse) */
  private readonly cellOf: Int32Array;
  private readonly columns: number;
  private readonly rows: number;
  private readonly view: Viewport;

  constructor(
    private readonly positions: Float32Array,
    count: number,
    view: Viewport,
    visible?: Uint8Array | null,
    /** the index this one replaces: its buffers are reused (touching fresh memory costs more than projecting) */
    previous?: ScreenIndex | null,
    private readonly cell = 32,
  ) {
    this.view = { ...view, matrix: Float64Array.from(view.matrix) };
    // a margin of one cell around the canvas: a pointer at its edge still finds points just outside
    const columns = Math.max(1, Math.ceil(view.width / cell) + 2);
    const rows = Math.max(1, Math.ceil(view.height / cell) + 2);
    // locals in the loops, not fields: V8 keeps them in registers
    const reuse = previous && previous.cellOf.length === count ? previous : null;
    const cellOf = reuse?.cellOf ?? new Int32Array(count);
    const counts = new Int32Array(columns * rows + 1);
    for (let i = 0; i < count; i++) {
      cellOf[i] = -1;
      if ((visible && !visible[i]) || !project(positions, i, view, at)) continue;
      const column = Math.floor(at[0]! / cell) + 1;
      const row = Math.floor(at[1]! / cell) + 1;
      if (column < 0 || row < 0 || column >= columns || row >= rows) continue;
      const c = row * columns + column;
      cellOf[i] = c;
      counts[c + 1]!++;
    }
    for (let c = 1; c < counts.length; c++) counts[c]! += counts[c - 1]!;
    const cellStart = counts.slice();
    const order = reuse?.order ?? new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const c = cellOf[i]!;
      if (c >= 0) order[counts[c]!++] = i;
    }
    this.columns = columns;
    this.rows = rows;
    this.cellOf = cellOf;
    this.cellStart = cellStart;
    this.order = order;
  }

  /** Whether this index was built for the same camera and canvas. */
  fits(view: Viewport): boolean {
    if (view.width !== this.view.width || view.height !== this.view.height) return false;
    for (let k = 0; k < 16; k++) if (view.matrix[k] !== this.view.matrix[k]) return false;
    return true;
  }

  nearest(x: number, y: number, radius: number): number | null {
    let best: number | null = null;
    let bestDistance = radius * radius;
    let bestDepth = Infinity;
    const lowColumn = Math.max(0, Math.floor((x - radius) / this.cell) + 1);
    const highColumn = Math.min(this.columns - 1, Math.floor((x + radius) / this.cell) + 1);
    const lowRow = Math.max(0, Math.floor((y - radius) / this.cell) + 1);
    const highRow = Math.min(this.rows - 1, Math.floor((y + radius) / this.cell) + 1);
    for (let row = lowRow; row <= highRow; row++) {
      for (let column = lowColumn; column <= highColumn; column++) {
        const c = row * this.columns + column;
        for (let k = this.cellStart[c]!; k < this.cellStart[c + 1]!; k++) {
          const i = this.order[k]!;
          project(this.positions, i, this.view, at);
          const d = (at[0]! - x) ** 2 + (at[1]! - y) ** 2;
          const depth = at[2]!;
          if (d < bestDistance || (d === bestDistance && (depth < bestDepth || (depth === bestDepth && best !== null && i < best)))) {
            bestDistance = d;
            bestDepth = depth;
            best = i;
          }
        }
      }
    }
    return best;
  }
}

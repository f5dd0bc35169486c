// Hover at a million points: while the camera holds still, every point is projected once and
// bucketed into a grid of screen cells; each hover then looks only at the cells around the pointer.
// The answer is nearestOnScreen's (the nearest projection within the radius, the nearer to the
// camera on a tie, then the lower index).
import { project, type Viewport } from './screenPick';

const at = new Float64Array(3);

export class ScreenIndex {
  // in double precision, as nearestOnScreen compares them
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private readonly depth: Float64Array;
  /** point indices grouped by cell; cell c holds order[cellStart[c] .. cellStart[c + 1]) */
  private readonly order: Int32Array;
  private readonly cellStart: Int32Array;
  private readonly columns: number;
  private readonly rows: number;
  readonly matrix: Float64Array;

  constructor(
    positions: Float32Array,
    count: number,
    readonly view: Viewport,
    visible?: Uint8Array | null,
    private readonly cell = 32,
  ) {
    this.matrix = Float64Array.from(view.matrix);
    // a margin of one cell around the canvas: a pointer at its edge still finds points just outside
    this.columns = Math.max(1, Math.ceil(view.width / cell) + 2);
    this.rows = Math.max(1, Math.ceil(view.height / cell) + 2);
    this.x = new Float64Array(count);
    this.y = new Float64Array(count);
    this.depth = new Float64Array(count);
    const cellOf = new Int32Array(count).fill(-1);
    const counts = new Int32Array(this.columns * this.rows + 1);
    for (let i = 0; i < count; i++) {
      if ((visible && !visible[i]) || !project(positions, i, view, at)) continue;
      const column = Math.floor(at[0]! / cell) + 1;
      const row = Math.floor(at[1]! / cell) + 1;
      if (column < 0 || row < 0 || column >= this.columns || row >= this.rows) continue;
      this.x[i] = at[0]!;
      this.y[i] = at[1]!;
      this.depth[i] = at[2]!;
      cellOf[i] = row * this.columns + column;
      counts[cellOf[i]! + 1]!++;
    }
    for (let c = 1; c < counts.length; c++) counts[c]! += counts[c - 1]!;
    this.cellStart = counts.slice();
    this.order = new Int32Array(counts[counts.length - 1]!);
    for (let i = 0; i < count; i++) if (cellOf[i]! >= 0) this.order[counts[cellOf[i]!]!++] = i;
  }

  /** Whether this index was built for the same camera and canvas. */
  fits(view: Viewport): boolean {
    if (view.width !== this.view.width || view.height !== this.view.height) return false;
    for (let k = 0; k < 16; k++) if (view.matrix[k] !== this.matrix[k]) return false;
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
          const d = (this.x[i]! - x) ** 2 + (this.y[i]! - y) ** 2;
          const depth = this.depth[i]!;
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

// A Barnes-Hut tree (quadtree in 2-D, octree in 3-D) in flat typed arrays, rebuilt each iteration.
// Per node: centre of mass, cell centre and half-width, point count, first child (-1 for a leaf).

const MAX_DEPTH = 40;

export class SpaceTree {
  readonly dims: number;
  private readonly fanout: number;
  nodeCount = 0;
  private centre: Float64Array;
  private half: Float64Array;
  private mass: Int32Array;
  private com: Float64Array;
  private child: Int32Array;
  private point: Int32Array;
  private stack = new Int32Array(1024);

  constructor(dims: 2 | 3, capacity: number) {
    this.dims = dims;
    this.fanout = 1 << dims;
    this.centre = new Float64Array(capacity * dims);
    this.half = new Float64Array(capacity);
    this.mass = new Int32Array(capacity);
    this.com = new Float64Array(capacity * dims);
    this.child = new Int32Array(capacity);
    this.point = new Int32Array(capacity);
  }

  private grow(): void {
    const capacity = this.half.length * 2;
    const resize = <T extends Float64Array | Int32Array>(a: T, per: number): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity * per);
      b.set(a);
      return b;
    };
    this.centre = resize(this.centre, this.dims);
    this.half = resize(this.half, 1);
    this.mass = resize(this.mass, 1);
    this.com = resize(this.com, this.dims);
    this.child = resize(this.child, 1);
    this.point = resize(this.point, 1);
  }

  private newNode(half: number): number {
    if (this.nodeCount >= this.half.length) this.grow();
    const n = this.nodeCount++;
    this.half[n] = half;
    this.mass[n] = 0;
    this.child[n] = -1;
    this.point[n] = -1;
    for (let c = 0; c < this.dims; c++) this.com[n * this.dims + c] = 0;
    return n;
  }

  private subdivide(n: number): void {
    const { dims } = this;
    const half = this.half[n]! / 2;
    const first = this.nodeCount;
    for (let q = 0; q < this.fanout; q++) {
      const m = this.newNode(half);
      for (let c = 0; c < dims; c++) this.centre[m * dims + c] = this.centre[n * dims + c]! + ((q >> c) & 1 ? half : -half);
    }
    this.child[n] = first;
  }

  private childFor(n: number, y: Float32Array, p: number): number {
    let q = 0;
    for (let c = 0; c < this.dims; c++) if (y[p * this.dims + c]! > this.centre[n * this.dims + c]!) q |= 1 << c;
    return this.child[n]! + q;
  }

  build(y: Float32Array, count: number): void {
    const { dims } = this;
    this.nodeCount = 0;
    const lo = new Float64Array(dims).fill(Infinity);
    const hi = new Float64Array(dims).fill(-Infinity);
    for (let i = 0; i < count; i++) {
      for (let c = 0; c < dims; c++) {
        lo[c] = Math.min(lo[c]!, y[i * dims + c]!);
        hi[c] = Math.max(hi[c]!, y[i * dims + c]!);
      }
    }
    let half = 0;
    for (let c = 0; c < dims; c++) half = Math.max(half, (hi[c]! - lo[c]!) / 2);
    const root = this.newNode(half * (1 + 1e-6) + 1e-9);
    for (let c = 0; c < dims; c++) this.centre[root * dims + c] = (lo[c]! + hi[c]!) / 2;
    for (let i = 0; i < count; i++) this.insert(i, y);
  }

  private insert(p: number, y: Float32Array): void {
    const { dims } = this;
    let n = 0;
    for (let depth = 0; ; depth++) {
      // every node on the path gains the point's mass
      const m = this.mass[n]!;
      for (let c = 0; c < dims; c++) this.com[n * dims + c] = (this.com[n * dims + c]! * m + y[p * dims + c]!) / (m + 1);
      this.mass[n] = m + 1;
      if (this.child[n] === -1) {
        if (m === 0 || depth >= MAX_DEPTH) {
          if (m === 0) this.point[n] = p;
          return; // an empty leaf takes the point; at max depth duplicates share the leaf
        }
        // an occupied leaf splits and pushes its point one level down
        const resident = this.point[n]!;
        this.point[n] = -1;
        this.subdivide(n);
        const target = this.childFor(n, y, resident);
        this.mass[target] = 1;
        this.point[target] = resident;
        for (let c = 0; c < dims; c++) this.com[target * dims + c] = y[resident * dims + c]!;
      }
      n = this.childFor(n, y, p);
    }
  }

  /**
   * Barnes-Hut repulsion on point p: adds Σ q²·(y_p − y_j) into `force` and returns Σ q,
   * with q = 1 / (1 + |y_p − y_j|²); a cell counts as one body when its width < theta · distance.
   */
  repulsion(p: number, y: Float32Array, theta: number, force: Float64Array): number {
    const { dims, fanout, com, half, mass, child } = this;
    // the leaf that holds p (with any exact duplicates of it) does not repel p by p itself
    let own = 0;
    while (child[own] !== -1) own = this.childFor(own, y, p);
    const px = y[p * dims]!;
    const py = y[p * dims + 1]!;
    const pz = dims === 3 ? y[p * dims + 2]! : 0;
    const theta2 = theta * theta;
    let fx = 0;
    let fy = 0;
    let fz = 0;
    let sumQ = 0;
    let stack = this.stack;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const n = stack[--top]!;
      const m = mass[n]!;
      const dx = px - com[n * dims]!;
      const dy = py - com[n * dims + 1]!;
      const dz = dims === 3 ? pz - com[n * dims + 2]! : 0;
      const d2 = dx * dx + dy * dy + dz * dz;
      const first = child[n]!;
      const width = 2 * half[n]!;
      if (first === -1 || width * width < theta2 * d2) {
        const bodies = n === own ? m - 1 : m;
        if (bodies <= 0) continue;
        const q = 1 / (1 + d2);
        sumQ += bodies * q;
        const w = bodies * q * q;
        fx += w * dx;
        fy += w * dy;
        fz += w * dz;
      } else {
        if (top + fanout > stack.length) {
          const bigger = new Int32Array(stack.length * 2);
          bigger.set(stack);
          this.stack = stack = bigger;
        }
        // empty cells are never pushed: most of an octree's are
        for (let q = first; q < first + fanout; q++) if (mass[q]! > 0) stack[top++] = q;
      }
    }
    force[0]! += fx;
    force[1]! += fy;
    if (dims === 3) force[2]! += fz;
    return sumQ;
  }
}

// A Barnes-Hut tree (quadtree in 2-D, octree in 3-D) in flat typed arrays, rebuilt each iteration.
// Each node stores its bounds (centre, half-width), point count and centre of mass.

const MAX_DEPTH = 40;

export class SpaceTree {
  readonly dims: number;
  private readonly fanout: number;
  nodeCount = 0;
  centre: Float64Array;
  half: Float64Array;
  mass: Int32Array;
  com: Float64Array;
  /** first child index, -1 for a leaf */
  child: Int32Array;
  /** the point a leaf holds, -1 when empty or internal */
  point: Int32Array;

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

  private newNode(centre: ArrayLike<number>, half: number): number {
    if (this.nodeCount >= this.half.length) this.grow();
    const n = this.nodeCount++;
    for (let c = 0; c < this.dims; c++) {
      this.centre[n * this.dims + c] = centre[c]!;
      this.com[n * this.dims + c] = 0;
    }
    this.half[n] = half;
    this.mass[n] = 0;
    this.child[n] = -1;
    this.point[n] = -1;
    return n;
  }

  private subdivide(n: number): void {
    const { dims } = this;
    const half = this.half[n]! / 2;
    const first = this.nodeCount;
    const centre = new Float64Array(dims);
    for (let q = 0; q < this.fanout; q++) {
      for (let c = 0; c < dims; c++) centre[c] = this.centre[n * dims + c]! + ((q >> c) & 1 ? half : -half);
      this.newNode(centre, half);
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
    const centre = new Float64Array(dims);
    for (let c = 0; c < dims; c++) {
      centre[c] = (lo[c]! + hi[c]!) / 2;
      half = Math.max(half, (hi[c]! - lo[c]!) / 2);
    }
    this.newNode(centre, half * (1 + 1e-6) + 1e-9);
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
   * with q = 1 / (1 + |y_p − y_j|²); a cell counts as one body when half-width/distance < theta.
   */
  repulsion(p: number, y: Float32Array, theta: number, force: Float64Array): number {
    const { dims } = this;
    let sumQ = 0;
    // the leaf that holds p (with any exact duplicates of it)
    let own = 0;
    while (this.child[own] !== -1) own = this.childFor(own, y, p);
    const stack: number[] = [0];
    while (stack.length > 0) {
      const n = stack.pop()!;
      const mass = this.mass[n]!;
      if (mass === 0) continue;
      let d2 = 0;
      for (let c = 0; c < dims; c++) d2 += (y[p * dims + c]! - this.com[n * dims + c]!) ** 2;
      const isLeaf = this.child[n] === -1;
      if (isLeaf || (2 * this.half[n]!) ** 2 < theta * theta * d2) {
        const bodies = n === own ? mass - 1 : mass;
        if (bodies <= 0) continue;
        const q = 1 / (1 + d2);
        sumQ += bodies * q;
        const m = bodies * q * q;
        for (let c = 0; c < dims; c++) force[c]! += m * (y[p * dims + c]! - this.com[n * dims + c]!);
      } else {
        const first = this.child[n]!;
        for (let q = 0; q < this.fanout; q++) stack.push(first + q);
      }
    }
    return sumQ;
  }
}

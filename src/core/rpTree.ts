// Random-projection trees: each node splits its points by the hyperplane halfway between two of them,
// down to leaves of a few dozen nearby points. NN-descent starts from their leaves (as umap-learn
// does); a sampled layout descends them to find where a row it did not fit belongs.
import type { VectorRows } from './vectors';

/** A tree over some rows of a row-major matrix. Node n splits by normals[n]·x > offsets[n]; a child below 0 is leaf ~child. */
export interface RpTree {
  dims: number;
  normals: Float32Array[];
  offsets: number[];
  /** [left, right] per node */
  children: number[];
  leaves: Int32Array[];
}

export const LEAF_SIZE = 30;

export function buildRpTree(x: VectorRows, dims: number, rows: Int32Array, random: () => number, leafSize = LEAF_SIZE): RpTree {
  const tree: RpTree = { dims, normals: [], offsets: [], children: [], leaves: [] };
  const grow = (part: Int32Array): number => {
    if (part.length <= leafSize) return ~(tree.leaves.push(part) - 1);
    const node = tree.normals.length;
    const [normal, offset] = splitPlane(x, dims, part, random);
    tree.normals.push(normal);
    tree.offsets.push(offset);
    tree.children.push(0, 0);
    let left: number[] = [];
    let right: number[] = [];
    for (const r of part) (side(normal, offset, x, r * dims) > 0 ? left : right).push(r);
    if (left.length === 0 || right.length === 0) {
      // identical points: halves at random, and a plane that sends every row left
      const shuffled = Array.from(part).sort(() => random() - 0.5);
      [left, right] = [shuffled.slice(0, part.length >> 1), shuffled.slice(part.length >> 1)];
      tree.normals[node] = new Float32Array(dims);
      tree.offsets[node] = -1;
    }
    tree.children[2 * node] = grow(Int32Array.from(left));
    tree.children[2 * node + 1] = grow(Int32Array.from(right));
    return node;
  };
  if (rows.length <= leafSize) tree.leaves.push(rows);
  else grow(rows);
  return tree;
}

function splitPlane(x: VectorRows, dims: number, rows: Int32Array, random: () => number): [Float32Array, number] {
  const a = rows[Math.floor(random() * rows.length)]!;
  let b = rows[Math.floor(random() * rows.length)]!;
  for (let tries = 0; b === a && tries < 5; tries++) b = rows[Math.floor(random() * rows.length)]!;
  const normal = new Float32Array(dims);
  let offset = 0;
  for (let j = 0; j < dims; j++) {
    normal[j] = x[a * dims + j]! - x[b * dims + j]!;
    offset += (normal[j]! * (x[a * dims + j]! + x[b * dims + j]!)) / 2;
  }
  return [normal, offset];
}

function side(normal: Float32Array, offset: number, x: VectorRows, at: number): number {
  let s = -offset;
  for (let j = 0; j < normal.length; j++) s += normal[j]! * x[at + j]!;
  return s;
}

/** The leaf the point at x[at .. at + dims) falls in. */
export function leafOf(tree: RpTree, x: VectorRows, at: number): Int32Array {
  if (tree.normals.length === 0) return tree.leaves[0]!;
  let node = 0;
  while (node >= 0) node = tree.children[2 * node + (side(tree.normals[node]!, tree.offsets[node]!, x, at) > 0 ? 0 : 1)]!;
  return tree.leaves[~node]!;
}

// Vector math in the full embedding space: norms, cosine similarity and top-k search.

export function rowNorms(matrix: Float32Array, dims: number): Float32Array {
  const count = matrix.length / dims;
  const norms = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let s = 0;
    for (let j = 0; j < dims; j++) s += matrix[i * dims + j]! ** 2;
    norms[i] = Math.sqrt(s);
  }
  return norms;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

export function rowOf(matrix: Float32Array, dims: number, index: number): Float32Array {
  return matrix.subarray(index * dims, (index + 1) * dims);
}

/**
 * A zeroed N×D buffer; in shared memory when `shared` (a cross-origin isolated page), so that
 * workers can read the same vectors without a copy.
 */
export function allocateVectors(length: number, shared: boolean): Float32Array {
  return shared ? new Float32Array(new SharedArrayBuffer(length * 4)) : new Float32Array(length);
}

export const isShared = (array: Float32Array): boolean => typeof SharedArrayBuffer !== 'undefined' && array.buffer instanceof SharedArrayBuffer;

/** Vectors from two sources, described for a message: "vectors.tsv holds", "the workspace's have". */
export interface VectorSource {
  subject: string;
  dims: number;
  /** what the incoming side makes: 'vectors' unless said */
  noun?: string;
}

/** Vectors of different sizes cannot share one space: throws an Error that names both sides and what to do. */
export function assertSameSpace(incoming: VectorSource, existing: VectorSource, advice: string): void {
  if (incoming.dims === existing.dims) return;
  throw new Error(
    `${incoming.subject} ${incoming.dims}-d ${incoming.noun ?? 'vectors'}, but ${existing.subject} ${existing.dims} dimensions: they cannot share one space. ${advice}`,
  );
}

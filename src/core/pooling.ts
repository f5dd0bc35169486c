// Turns a model's token outputs into one vector per input, as a catalogue entry says.

export type Pooling = 'mean' | 'cls' | 'model';

/** hidden: batch × tokens × dims; mask: batch × tokens (1 = real token). */
export function poolTokens(
  hidden: Float32Array,
  mask: ArrayLike<number | bigint>,
  batch: number,
  tokens: number,
  dims: number,
  pooling: Exclude<Pooling, 'model'>,
): Float32Array {
  const out = new Float32Array(batch * dims);
  for (let b = 0; b < batch; b++) {
    if (pooling === 'cls') {
      out.set(hidden.subarray(b * tokens * dims, b * tokens * dims + dims), b * dims);
      continue;
    }
    let count = 0;
    for (let t = 0; t < tokens; t++) {
      if (Number(mask[b * tokens + t]) === 0) continue;
      count++;
      const base = (b * tokens + t) * dims;
      for (let j = 0; j < dims; j++) out[b * dims + j]! += hidden[base + j]!;
    }
    if (count > 0) for (let j = 0; j < dims; j++) out[b * dims + j]! /= count;
  }
  return out;
}

/** L2-normalises each row in place; zero rows stay zero. */
export function normalizeRows(matrix: Float32Array, dims: number): Float32Array {
  for (let i = 0; i < matrix.length; i += dims) {
    let s = 0;
    for (let j = 0; j < dims; j++) s += matrix[i + j]! ** 2;
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < dims; j++) matrix[i + j]! *= inv;
  }
  return matrix;
}

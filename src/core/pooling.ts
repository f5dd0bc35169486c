// Turns a model's token outputs into one vector per input, as a catalogue entry says.

/** 'model': the model pools itself; the others pool its token outputs (mean, the first token, the element-wise max, the last real token) */
export type Pooling = 'mean' | 'cls' | 'max' | 'last' | 'model';
export const TOKEN_POOLINGS: Exclude<Pooling, 'model'>[] = ['mean', 'cls', 'max', 'last'];

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
    if (pooling === 'last' || pooling === 'max') {
      poolOne(hidden, mask, b, tokens, dims, pooling, out.subarray(b * dims, (b + 1) * dims));
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

/** The last real token's vector (padding is on the right), or the element-wise max over real tokens. */
function poolOne(
  hidden: Float32Array,
  mask: ArrayLike<number | bigint>,
  b: number,
  tokens: number,
  dims: number,
  pooling: 'last' | 'max',
  out: Float32Array,
): void {
  let seen = false;
  for (let t = 0; t < tokens; t++) {
    if (Number(mask[b * tokens + t]) === 0) continue;
    const row = hidden.subarray((b * tokens + t) * dims, (b * tokens + t + 1) * dims);
    if (pooling === 'last' || !seen) out.set(row);
    else for (let j = 0; j < dims; j++) if (row[j]! > out[j]!) out[j] = row[j]!;
    seen = true;
  }
}

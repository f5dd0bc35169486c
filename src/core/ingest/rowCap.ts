// One file may bring at most a million rows: the scene, the layouts and retrieval are built and
// measured for that. A bigger file is not refused: a seeded sample of rows is kept, each with its own
// row number, metadata and vector, and the note says so.
import { sampleIndices } from '../random';

export const MAX_FILE_ROWS = 1_000_000;
/** the same file always keeps the same rows */
const SAMPLE_SEED = 1;

/** The rows a file of `total` rows keeps, in file order: null when it keeps them all. */
export function rowsKept(total: number, cap = MAX_FILE_ROWS): Int32Array | null {
  return total > cap ? sampleIndices(total, cap, SAMPLE_SEED) : null;
}

export function sampledNote(total: number, kept: number): string {
  const n = (x: number) => x.toLocaleString('en');
  return `${n(total)} rows, more than the ${n(kept)} one file may bring: a seeded sample of ${n(kept)} rows is kept, each with its own row number, metadata and vector; the other ${n(total - kept)} are not loaded`;
}

/** The kept rows' vectors, `dims` numbers each, in one buffer. */
export function gatherVectors(data: Float32Array, dims: number, kept: Int32Array): Float32Array {
  const out = new Float32Array(kept.length * dims);
  kept.forEach((row, i) => out.set(data.subarray(row * dims, (row + 1) * dims), i * dims));
  return out;
}

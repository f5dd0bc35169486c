// One file may bring at most a million rows: the scene, the layouts and retrieval are built and
// measured for that. A bigger file is not refused: a seeded sample of rows is kept, each with its own
// row number, metadata and vector, and the note says so.
import { sampleIndices } from '../random';

export const MAX_FILE_ROWS = 1_000_000;
/** The vectors one file may bring, at four bytes a number: past it a seeded sample that fits is kept. */
export const MAX_FILE_VECTOR_BYTES = 512 * 2 ** 20;
/** the same file always keeps the same rows */
const SAMPLE_SEED = 1;

/** The rows a file of `total` rows keeps, in file order: null when it keeps them all. */
export function rowsKept(total: number, cap = MAX_FILE_ROWS): Int32Array | null {
  return total > cap ? sampleIndices(total, cap, SAMPLE_SEED) : null;
}

/** How many rows of vectors of `dims` numbers one file may bring. */
export function rowCapFor(dims: number, rows = MAX_FILE_ROWS, vectorBytes = MAX_FILE_VECTOR_BYTES): number {
  return dims > 0 ? Math.max(1, Math.min(rows, Math.floor(vectorBytes / (dims * 4)))) : rows;
}

const size = (bytes: number) =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${Math.round(bytes / 2 ** 10)} KB`;

/** Says which rows were kept and why: too many rows, or (given `dims`) too many vectors for memory. */
export function sampledNote(total: number, kept: number, dims?: number): string {
  const n = (x: number) => x.toLocaleString('en');
  const why =
    dims === undefined
      ? `${n(total)} rows, more than the ${n(kept)} one file may bring`
      : `${n(total)} vectors of ${dims} numbers (${size(total * dims * 4)} as float32), more than the ${size(kept * dims * 4)} of vectors one file may bring (${n(kept)} rows)`;
  return `${why}: a seeded sample of ${n(kept)} rows is kept, each with its own row number, metadata and vector; the other ${n(total - kept)} are not loaded`;
}

/** The kept rows' vectors, `dims` numbers each, in one buffer. */
export function gatherVectors(data: Float32Array, dims: number, kept: Int32Array): Float32Array {
  const out = new Float32Array(kept.length * dims);
  kept.forEach((row, i) => out.set(data.subarray(row * dims, (row + 1) * dims), i * dims));
  return out;
}

// One file may bring at most a million rows: the scene, the layouts and retrieval are built and
// measured for that. A bigger file is not refused: a seeded sample of rows is kept, each with its own
// row number, metadata and vector, and the note says so.
import { sampleIndices } from '../random';
import { FLOAT32_VECTOR_BYTES, holdsFloat16, type VectorRows, type VectorStorage } from '../vectors';

export const MAX_FILE_ROWS = 1_000_000;
/** The vectors one file may bring as float32 (four bytes a number); past it they are held as float16 where JavaScript can. */
export const MAX_FILE_VECTOR_BYTES = FLOAT32_VECTOR_BYTES;
/** The vectors one file may bring as float16 (two bytes a number): a million rows of 384 numbers. */
export const MAX_FILE_FLOAT16_BYTES = 768 * 2 ** 20;

/** Bytes of vectors one file may bring as float32 and as float16 (0: no Float16Array here); past both a seeded sample that fits is kept. */
export interface VectorBudget {
  float32: number;
  float16: number;
}

export const fileBudget = (): VectorBudget => ({ float32: MAX_FILE_VECTOR_BYTES, float16: holdsFloat16() ? MAX_FILE_FLOAT16_BYTES : 0 });

/** How `rows` vectors of `dims` numbers are held: as float16 past the float32 budget, where there is one. */
export const fileStorage = (rows: number, dims: number, budget: VectorBudget): VectorStorage =>
  rows * dims * 4 > budget.float32 && budget.float16 > 0 ? 'float16' : 'float32';
/** the same file always keeps the same rows */
const SAMPLE_SEED = 1;

/** The rows a file of `total` rows keeps, in file order: null when it keeps them all. */
export function rowsKept(total: number, cap = MAX_FILE_ROWS): Int32Array | null {
  return total > cap ? sampleIndices(total, cap, SAMPLE_SEED) : null;
}

/** How many rows of vectors of `dims` numbers one file may bring. */
export function rowCapFor(dims: number, rows = MAX_FILE_ROWS, budget = fileBudget()): number {
  if (dims <= 0) return rows;
  const fit = Math.max(Math.floor(budget.float32 / (dims * 4)), Math.floor(budget.float16 / (dims * 2)));
  return Math.max(1, Math.min(rows, fit));
}

const size = (bytes: number) =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${Math.round(bytes / 2 ** 10)} KB`;

/** Says which rows were kept and why: too many rows, or (given `dims`) too many vectors for memory, held as `storage`. */
export function sampledNote(total: number, kept: number, dims?: number, storage: VectorStorage = 'float32'): string {
  const n = (x: number) => x.toLocaleString('en');
  const bytes = storage === 'float16' ? 2 : 4;
  const why =
    dims === undefined
      ? `${n(total)} rows, more than the ${n(kept)} one file may bring`
      : `${n(total)} vectors of ${dims} numbers (${size(total * dims * bytes)} as ${storage}), more than the ${size(kept * dims * bytes)} of vectors one file may bring (${n(kept)} rows)`;
  return `${why}: a seeded sample of ${n(kept)} rows is kept, each with its own row number, metadata and vector; the other ${n(total - kept)} are not loaded`;
}

/** Says that a file's vectors are held as float16, and what that saves. */
export function heldAsFloat16(rows: number, dims: number): string {
  return `${rows.toLocaleString('en')} vectors of ${dims} numbers are held as float16 (${size(rows * dims * 2)}, half of the ${size(rows * dims * 4)} they take as float32)`;
}

/** The kept rows' vectors, `dims` numbers each, in one buffer. */
export function gatherVectors(data: VectorRows, dims: number, kept: Int32Array): VectorRows {
  const out = data instanceof Float32Array ? new Float32Array(kept.length * dims) : new Float16Array(kept.length * dims);
  kept.forEach((row, i) => out.set(data.subarray(row * dims, (row + 1) * dims), i * dims));
  return out;
}

// Space B held as float16 where that keeps its ranks: half the memory of float32, so two spaces of
// 50,000 × 768 fit where they would not. Whether it keeps them is measured, not assumed: the top 10
// neighbours of sampled chunks among a seeded sample of the space, with the numbers as they are and
// as float16 rounds them.
import { sampleIndices } from '../random';
import { cosineTopK } from '../retrieval/dense';
import { holdsFloat16, rowNorms, type VectorRows } from '../vectors';

/** Float16 is kept when it keeps at least this share of each sampled top 10. */
export const KEEPS_RANKS = 0.99;
/** chunks whose top 10 is compared, among this many: about 0.2 s at 768 numbers a row, on the page's thread */
const QUERIES = 50;
const AMONG = 2_000;
const K = 10;

export interface HalfPrecision {
  /** share of each sampled top 10 that float16 keeps, on average */
  keeps: number;
  /** the chunks compared and the rows they were ranked among */
  queries: number;
  among: number;
}

/** The k rows most cosine-similar to row q of `rows` (itself left out), as a set. */
const topOf = (rows: Float32Array, norms: Float32Array, dims: number, q: number): Set<number> =>
  new Set(cosineTopK(rows, dims, norms, rows.subarray(q * dims, (q + 1) * dims), K, q).map((hit) => hit.index));

/** How much of each top 10 float16 keeps, on a seeded sample of `count` rows of `dims`. */
export function float16Keeps(vectors: Float32Array, count: number, dims: number, seed = 1): HalfPrecision {
  const among = Math.min(count, AMONG);
  const picked = sampleIndices(count, among, seed);
  const rows = new Float32Array(among * dims);
  picked.forEach((row, i) => rows.set(vectors.subarray(row * dims, (row + 1) * dims), i * dims));
  const rounded = rows.map(Math.f16round);
  const [norms, roundedNorms] = [rowNorms(rows, dims), rowNorms(rounded, dims)];
  const queries = Math.min(QUERIES, among - 1);
  let kept = 0;
  for (let q = 0; q < queries; q++) {
    const exact = topOf(rows, norms, dims, q);
    for (const row of topOf(rounded, roundedNorms, dims, q)) if (exact.has(row)) kept++;
  }
  return { keeps: queries > 0 ? kept / (queries * Math.min(K, among - 1)) : 1, queries, among };
}

/** B's vectors as held: float16 where this JavaScript has it and it keeps the ranks, else as they are. */
export function heldForLab(vectors: Float32Array, count: number, dims: number, float16 = holdsFloat16()): { vectors: VectorRows; half: HalfPrecision | null } {
  if (!float16 || count < 2) return { vectors, half: null };
  const half = float16Keeps(vectors, count, dims);
  return { vectors: half.keeps >= KEEPS_RANKS ? new Float16Array(vectors) : vectors, half };
}

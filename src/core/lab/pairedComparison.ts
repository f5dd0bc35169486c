// Two spaces answering the same queries: which queries each wins, and whether the difference in a
// measure (MRR) is more than chance — a paired bootstrap over queries, seeded.
import { seededRandom } from '../random';

export interface PairedComparison {
  /** query indices where B scores higher, lower, the same */
  won: number[];
  lost: number[];
  tied: number[];
  /** mean of B − A */
  delta: number;
  /** 95% bootstrap interval of the mean difference */
  low: number;
  high: number;
  /** the interval excludes 0 */
  significant: boolean;
}

const TIE = 1e-9;

/** Compares per-query scores of A and B (same queries, same order). */
export function comparePaired(a: ArrayLike<number>, b: ArrayLike<number>, resamples = 2000, seed = 7): PairedComparison {
  if (a.length !== b.length) throw new Error(`${a.length} scores in A against ${b.length} in B: the same queries are needed`);
  const n = a.length;
  const diffs = Float64Array.from({ length: n }, (_, i) => b[i]! - a[i]!);
  const won: number[] = [];
  const lost: number[] = [];
  const tied: number[] = [];
  diffs.forEach((d, i) => (d > TIE ? won : d < -TIE ? lost : tied).push(i));
  const delta = n ? diffs.reduce((s, d) => s + d, 0) / n : 0;
  if (n === 0) return { won, lost, tied, delta, low: 0, high: 0, significant: false };
  const random = seededRandom(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += diffs[Math.floor(random() * n)]!;
    means[r] = sum / n;
  }
  means.sort();
  const low = means[Math.floor(0.025 * (resamples - 1))]!;
  const high = means[Math.ceil(0.975 * (resamples - 1))]!;
  return { won, lost, tied, delta, low, high, significant: low > 0 || high < 0 };
}

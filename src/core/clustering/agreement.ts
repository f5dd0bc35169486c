// The adjusted Rand index: agreement of two partitions of the same points, 1 when identical and
// about 0 for a random one (Hubert & Arabie 1985). Noise (−1) counts as one more group.

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** How many points each pair of groups shares (keyed "a\u0000b"), and each partition's group sizes. */
function contingency(a: ArrayLike<number>, b: ArrayLike<number>) {
  const n = a.length;
  if (n !== b.length) throw new Error(`partitions of ${n} and ${b.length} points`);
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}\u0000${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + 1);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1);
  }
  return { n, table, rows, cols };
}

export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { n, table, rows, cols } = contingency(a, b);
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let sumRows = 0;
  for (const v of rows.values()) sumRows += pairs(v);
  let sumCols = 0;
  for (const v of cols.values()) sumCols += pairs(v);
  const expected = (sumRows * sumCols) / Math.max(1, pairs(n));
  const max = (sumRows + sumCols) / 2;
  // both partitions trivial (all one group, or all singletons): they agree
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Normalised mutual information (arithmetic mean of the entropies, scikit-learn's default): 1 when the partitions are the same, 0 when independent. */
export function normalizedMutualInformation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { n, table: joint, rows, cols } = contingency(a, b);
  const entropy = (counts: Map<number, number>) => [...counts.values()].reduce((h, c) => h - (c / n) * Math.log(c / n), 0);
  let mutual = 0;
  for (const [key, c] of joint) {
    const [x, y] = key.split('\u0000').map(Number) as [number, number];
    mutual += (c / n) * Math.log((c * n) / (rows.get(x)! * cols.get(y)!));
  }
  const mean = (entropy(rows) + entropy(cols)) / 2;
  // both partitions a single group: they agree
  return mean === 0 ? 1 : Math.max(0, mutual / mean);
}

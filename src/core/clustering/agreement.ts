// The adjusted Rand index: agreement of two partitions of the same points, 1 when identical and
// about 0 for a random one (Hubert & Arabie 1985). Noise (−1) counts as one more group.

const pairs = (n: number): number => (n * (n - 1)) / 2;

export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
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

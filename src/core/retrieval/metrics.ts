// Retrieval metrics from the ranks of a query's relevant chunks (1-based; Infinity when a
// retriever does not return them), with binary relevance.

export interface QueryScores {
  hit1: number;
  hit3: number;
  hit5: number;
  hit10: number;
  /** reciprocal rank of the first relevant chunk */
  rr: number;
  ndcg10: number;
}

export type MetricName = keyof QueryScores;
export const METRICS: MetricName[] = ['hit1', 'hit3', 'hit5', 'hit10', 'rr', 'ndcg10'];

export function queryScores(relevantRanks: number[]): QueryScores {
  const first = Math.min(Infinity, ...relevantRanks);
  const hit = (k: number) => (first <= k ? 1 : 0);
  let dcg = 0;
  for (const rank of relevantRanks) if (rank <= 10) dcg += 1 / Math.log2(rank + 1);
  let ideal = 0;
  for (let i = 1; i <= Math.min(10, relevantRanks.length); i++) ideal += 1 / Math.log2(i + 1);
  return { hit1: hit(1), hit3: hit(3), hit5: hit(5), hit10: hit(10), rr: Number.isFinite(first) ? 1 / first : 0, ndcg10: ideal > 0 ? dcg / ideal : 0 };
}

/** The mean of each metric over queries (MRR is the mean reciprocal rank). */
export function meanScores(rows: QueryScores[]): QueryScores {
  const mean = { hit1: 0, hit3: 0, hit5: 0, hit10: 0, rr: 0, ndcg10: 0 };
  for (const row of rows) for (const m of METRICS) mean[m] += row[m] / rows.length;
  return mean;
}

// Retrieval metrics from the ranks of a query's relevant chunks (1-based; Infinity when a
// retriever does not return them). Relevance is binary unless grades are given (BEIR's qrels): then
// nDCG gains are the grades, as trec_eval and BEIR count them.

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

/** `grades`, parallel to the ranks, weigh each relevant chunk in nDCG (all 1 when absent). */
export function queryScores(relevantRanks: number[], grades?: readonly number[]): QueryScores {
  const first = Math.min(Infinity, ...relevantRanks);
  const hit = (k: number) => (first <= k ? 1 : 0);
  const gain = (i: number) => grades?.[i] ?? 1;
  let dcg = 0;
  relevantRanks.forEach((rank, i) => rank <= 10 && (dcg += gain(i) / Math.log2(rank + 1)));
  const best = relevantRanks.map((_, i) => gain(i)).sort((a, b) => b - a);
  let ideal = 0;
  for (let i = 1; i <= Math.min(10, best.length); i++) ideal += best[i - 1]! / Math.log2(i + 1);
  return { hit1: hit(1), hit3: hit(3), hit5: hit(5), hit10: hit(10), rr: Number.isFinite(first) ? 1 / first : 0, ndcg10: ideal > 0 ? dcg / ideal : 0 };
}

/** The mean of each metric over queries (MRR is the mean reciprocal rank). */
export function meanScores(rows: QueryScores[]): QueryScores {
  const mean = { hit1: 0, hit3: 0, hit5: 0, hit10: 0, rr: 0, ndcg10: 0 };
  for (const row of rows) for (const m of METRICS) mean[m] += row[m] / rows.length;
  return mean;
}

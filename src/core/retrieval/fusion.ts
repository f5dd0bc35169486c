// Hybrid retrieval by Reciprocal Rank Fusion (Cormack, Clarke & Büttcher 2009):
// fused(d) = Σ_r w_r / (k + rank_r(d)) over the retrievers whose candidates hold d (k = 60).
// And MMR re-ranking (Carbonell & Goldstein 1998): each next pick maximises
// λ · sim(q, d) − (1 − λ) · max over picked s of sim(d, s).
import type { Ranked } from './ranking';

export const RRF_K = 60;

/** Fused scores of every chunk from each retriever's ranked candidates; chunks in none get -Infinity. */
export function reciprocalRankFusion(count: number, lists: { hits: Ranked[]; weight: number }[], k = RRF_K): Float32Array {
  const fused = new Float32Array(count).fill(-Infinity);
  for (const { hits, weight } of lists) {
    for (const hit of hits) {
      const add = weight / (k + hit.rank);
      fused[hit.index] = fused[hit.index] === -Infinity ? add : fused[hit.index]! + add;
    }
  }
  return fused;
}

/**
 * Re-orders `candidates` (best first) by MMR: `relevance(i)` is a candidate's similarity to the
 * query, `similarity(i, j)` between two candidates. λ = 1 keeps the order of relevance.
 */
export function mmr(
  candidates: number[],
  relevance: (index: number) => number,
  similarity: (a: number, b: number) => number,
  lambda: number,
  k: number,
): number[] {
  const picked: number[] = [];
  const left = [...candidates];
  const closest = new Map<number, number>(left.map((i) => [i, -Infinity]));
  while (picked.length < k && left.length > 0) {
    let best = 0;
    let bestValue = -Infinity;
    left.forEach((i, at) => {
      const redundancy = picked.length === 0 ? 0 : closest.get(i)!;
      const value = lambda * relevance(i) - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = at;
      }
    });
    const [chosen] = left.splice(best, 1);
    picked.push(chosen!);
    for (const i of left) closest.set(i, Math.max(closest.get(i)!, similarity(i, chosen!)));
  }
  return picked;
}

// Names for clusters: class-based TF-IDF (as BERTopic does). All chunks of a cluster form one
// document; a term scores high when it is frequent in its cluster and rare across clusters:
// w(t, c) = tf(t, c) / |c| · log(1 + A / f(t)), A the mean number of terms per cluster and f(t)
// the term's frequency over all clusters.
import { TermCounts } from './termCounts';

/** a word in more than this share of all chunks says nothing about any one cluster (BERTopic's reduce-frequent-words, as a cut) */
const EVERYWHERE = 0.4;
/** a two-word phrase is a candidate when it occurs this often in its cluster */
const MIN_PHRASE_COUNT = 3;
/** a word found in a phrase this often (of all its occurrences in the cluster) is named by the phrase */
const PHRASE_SHARE = 0.6;

/**
 * The `top` most distinctive terms of each cluster (labels 0..clusters−1; −1, noise, is not named
 * but counts towards the terms' overall frequency): class-based TF-IDF with square-rooted term
 * frequencies, without words found in most chunks; a two-word phrase stands in for its words when
 * it is distinctive and frequent in the cluster. `everywhereShare` moves that cut: siblings of one
 * cluster (fineClusters.ts) are each half or a third of it, so their own words pass it.
 */
export function clusterTerms(texts: readonly string[], labels: Int32Array, clusters: number, top = 3, everywhereShare = EVERYWHERE): string[][] {
  const terms = new TermCounts(texts, labels, clusters, MIN_PHRASE_COUNT);
  const { totals, overall, chunksWith } = terms;
  const meanTerms = totals.reduce((a, b) => a + b, 0) / Math.max(1, clusters);
  // with a handful of chunks every word is in many, and one cluster has nothing to tell apart from
  const everywhere = texts.length >= 10 && clusters > 1 ? everywhereShare * texts.length : Infinity;
  return terms.perCluster.map((counts, c) => {
    const scored = [...counts]
      .filter(([t, n]) => chunksWith[t]! <= everywhere && (!terms.isPair(t) || n >= MIN_PHRASE_COUNT))
      // how much of the term's use is in this cluster: a word common to two topics names neither well
      .map(([t, n]) => [t, Math.sqrt(n / Math.max(1, totals[c]!)) * Math.log(1 + meanTerms / overall[t]!) * (n / overall[t]!)] as const)
      // ties go to the alphabetically first term, so names do not depend on the order of chunks
      .sort((a, b) => b[1] - a[1] || (terms.texts[a[0]]! < terms.texts[b[0]]! ? -1 : 1));
    const name: number[] = [];
    const wordsOf = (t: number) => terms.pairs[t] ?? [t];
    for (const [t] of scored) {
      if (name.length === top) break;
      // a word that mostly occurs in one phrase is named by the phrase
      const phrase = terms.isPair(t)
        ? t
        : scored.find(([p]) => terms.isPair(p) && wordsOf(p).includes(t) && counts.get(p)! >= PHRASE_SHARE * counts.get(t)!)?.[0];
      const chosen = phrase ?? t;
      // a phrase and its own words say the same thing once
      const words = wordsOf(chosen);
      if (name.some((n) => wordsOf(n).some((w) => words.includes(w)))) continue;
      name.push(chosen);
    }
    return name.map((t) => terms.texts[t]!);
  });
}

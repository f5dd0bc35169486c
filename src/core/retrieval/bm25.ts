// Okapi BM25 over chunk texts (the Lucene form of idf, which is never negative):
// score(q, d) = Σ_t idf(t) · tf(t, d) · (k1 + 1) / (tf(t, d) + k1 · (1 − b + b · |d| / avgdl)),
// idf(t) = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5)). Postings in typed arrays: one pass per query term.
import { searchTokens } from './searchTokens';

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

export interface Bm25Index {
  count: number;
  terms: Map<string, number>;
  /** postings of term t: docs[starts[t] .. starts[t + 1]) with their term frequencies */
  starts: Int32Array;
  docs: Int32Array;
  freqs: Float32Array;
  lengths: Float32Array;
  averageLength: number;
}

export function buildBm25(texts: readonly string[]): Bm25Index {
  const terms = new Map<string, number>();
  const perDoc: Map<number, number>[] = [];
  const lengths = new Float32Array(texts.length);
  const documentFrequency: number[] = [];
  texts.forEach((text, d) => {
    const counts = new Map<number, number>();
    const tokens = searchTokens(text);
    for (const token of tokens) {
      let t = terms.get(token);
      if (t === undefined) {
        terms.set(token, (t = terms.size));
        documentFrequency.push(0);
      }
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    for (const t of counts.keys()) documentFrequency[t]!++;
    lengths[d] = tokens.length;
    perDoc.push(counts);
  });
  const starts = new Int32Array(terms.size + 1);
  for (let t = 0; t < terms.size; t++) starts[t + 1] = starts[t]! + documentFrequency[t]!;
  const docs = new Int32Array(starts[terms.size]!);
  const freqs = new Float32Array(docs.length);
  const filled = starts.slice(0, terms.size);
  perDoc.forEach((counts, d) => {
    for (const [t, f] of counts) {
      const at = filled[t]!++;
      docs[at] = d;
      freqs[at] = f;
    }
  });
  const total = lengths.reduce((a, x) => a + x, 0);
  return { count: texts.length, terms, starts, docs, freqs, lengths, averageLength: texts.length > 0 ? total / texts.length : 0 };
}

/** BM25 scores of every chunk for a query; chunks sharing no term with it get -Infinity (not retrieved). */
export function bm25Scores(index: Bm25Index, query: string, params: Bm25Params = DEFAULT_BM25): Float32Array {
  const scores = new Float32Array(index.count).fill(-Infinity);
  const { k1, b } = params;
  const norm = index.averageLength > 0 ? b / index.averageLength : 0;
  // a term repeated in the query counts once per occurrence, as in Lucene
  for (const token of searchTokens(query)) {
    const t = index.terms.get(token);
    if (t === undefined) continue;
    const from = index.starts[t]!;
    const to = index.starts[t + 1]!;
    const idf = Math.log(1 + (index.count - (to - from) + 0.5) / (to - from + 0.5));
    for (let p = from; p < to; p++) {
      const d = index.docs[p]!;
      const f = index.freqs[p]!;
      const s = (idf * f * (k1 + 1)) / (f + k1 * (1 - b + norm * index.lengths[d]!));
      scores[d] = scores[d] === -Infinity ? s : scores[d]! + s;
    }
  }
  return scores;
}

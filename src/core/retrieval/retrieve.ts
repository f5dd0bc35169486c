// One retrieval as it really happens, and why: dense, BM25 and hybrid (RRF) rankings of every
// chunk, the final list (optionally re-ranked by MMR, cut at top k and a minimum score) with a few
// ranks beyond the cut, and for any chunk (a gold one) its rank and score under each retriever and
// the chunks that outranked it. Everything in the full vector space and on the chunk texts.
import type { VectorRows } from '../vectors';
import { type Bm25Index, type Bm25Params, bm25Scores, DEFAULT_BM25 } from './bm25';
import { type DenseMetric, type Dots, denseScores } from './dense';
import { mmr, reciprocalRankFusion } from './fusion';
import { type Ranked, rankOf, topK } from './ranking';
import { type DenseReading, queryTrust } from '../languageCoverage';

export type RetrieverName = 'dense' | 'bm25' | 'hybrid';
export const RETRIEVERS: RetrieverName[] = ['dense', 'bm25', 'hybrid'];

export interface RetrievalSettings {
  /** the retriever whose list is the answer */
  retriever: RetrieverName;
  metric: DenseMetric;
  bm25: Bm25Params;
  /** Reciprocal Rank Fusion weights of the hybrid retriever */
  weights: { dense: number; bm25: number };
  /** MMR re-ranking of the answer; λ = 1 is relevance alone */
  mmr: { on: boolean; lambda: number };
  topK: number;
  /** hits whose score (in the answering retriever's scale) is below this are cut; null: none */
  minScore: number | null;
}

export const DEFAULT_RETRIEVAL: RetrievalSettings = {
  retriever: 'dense',
  metric: 'cosine',
  bm25: DEFAULT_BM25,
  weights: { dense: 1, bm25: 1 },
  mmr: { on: false, lambda: 0.7 },
  topK: 5,
  minScore: null,
};

/** Ranks beyond the cut that are shown faintly, to see what just missed it. */
export const BEYOND_CUT = 3;
/** Candidates each retriever gives to fusion and MMR. */
export const CANDIDATES = 100;

export interface CorpusIndex {
  vectors: VectorRows;
  dims: number;
  norms: Float32Array;
  bm25: Bm25Index;
  /** the rows' dot products with a query by a faster kernel (WebAssembly SIMD), when there is one */
  dots?: Dots;
}

export interface Standing {
  rank: number;
  score: number;
}

/** Which retrievers have a hit in their own top k. */
export type FoundBy = 'dense' | 'bm25' | 'both' | 'neither';

export interface RetrievedHit {
  index: number;
  /** rank in the answer, 1-based; ranks above topK (or below the minimum score) are beyond the cut */
  rank: number;
  /** the answering retriever's score */
  score: number;
  beyondCut: boolean;
  dense: Standing;
  bm25: Standing;
  hybrid: Standing;
  /** which retrievers have it in their own top k */
  foundBy: FoundBy;
}

/** Every chunk's score under each retriever for one query. */
export interface QueryScoring {
  dense: Float32Array;
  bm25: Float32Array;
  hybrid: Float32Array;
}

/** `reading`: what the model reads; dense search weighs less in hybrid where it cannot read the text (languageCoverage.ts). */
/** `allowed` (1 per row that may be returned) filters by metadata before ranking, as a vector database's filter does. */
/** No `vector` (no model makes vectors of this space): dense search retrieves nothing and the query is ranked by its keywords. */
export function scoreQuery(
  index: CorpusIndex,
  vector: Float32Array | null,
  text: string,
  settings: RetrievalSettings,
  reading?: DenseReading,
  allowed?: Uint8Array | null,
): QueryScoring {
  const dense = vector
    ? denseScores(index.vectors, index.dims, index.norms, vector, settings.metric, index.dots)
    : new Float32Array(index.norms.length).fill(-Infinity);
  const bm25 = bm25Scores(index.bm25, text, settings.bm25);
  if (allowed)
    for (let i = 0; i < dense.length; i++)
      if (!allowed[i]) {
        dense[i] = -Infinity;
        bm25[i] = -Infinity;
      }
  return fuseScores(dense, bm25, settings.weights, vector ? queryTrust(reading, text) : 0);
}

/** The hybrid ranking from the two others; `trust` scales dense search's weight (what the model can read of the text). */
export function fuseScores(dense: Float32Array, bm25: Float32Array, weights: RetrievalSettings['weights'], trust = 1): QueryScoring {
  const hybrid = reciprocalRankFusion(dense.length, [
    { hits: topK(dense, CANDIDATES), weight: weights.dense * trust },
    { hits: topK(bm25, CANDIDATES), weight: weights.bm25 },
  ]);
  return { dense, bm25, hybrid };
}

const standing = (scores: Float32Array, index: number): Standing => ({ rank: rankOf(scores, index), score: scores[index]! });

/** Cosine similarity of two chunks (for MMR's redundancy). */
function chunkCosine(index: CorpusIndex, a: number, b: number): number {
  const { vectors, dims, norms } = index;
  let dot = 0;
  for (let j = 0; j < dims; j++) dot += vectors[a * dims + j]! * vectors[b * dims + j]!;
  const n = norms[a]! * norms[b]!;
  return n > 0 ? dot / n : 0;
}

/** The answer's order: the retriever's ranking, or MMR over its candidates (relevance: dense similarity). */
export function answerOrder(index: CorpusIndex, scoring: QueryScoring, settings: RetrievalSettings, length: number): number[] {
  const own = scoring[settings.retriever];
  if (!settings.mmr.on) return topK(own, length).map((h) => h.index);
  const candidates = topK(own, Math.max(CANDIDATES, length)).map((h) => h.index);
  return mmr(
    candidates,
    (i) => scoring.dense[i]!,
    (a, b) => chunkCosine(index, a, b),
    settings.mmr.lambda,
    length,
  );
}

/** The answer to a query: top k and the next few beyond the cut, each with its standing under every retriever. */
export function retrieve(index: CorpusIndex, scoring: QueryScoring, settings: RetrievalSettings): RetrievedHit[] {
  const order = answerOrder(index, scoring, settings, settings.topK + BEYOND_CUT);
  const own = scoring[settings.retriever];
  const inTop = (scores: Float32Array) => new Set(topK(scores, settings.topK).map((h) => h.index));
  const denseTop = inTop(scoring.dense);
  const bm25Top = inTop(scoring.bm25);
  let kept = 0;
  return order.map((i, at) => {
    const score = own[i]!;
    const cut = at >= settings.topK || kept >= settings.topK || (settings.minScore !== null && score < settings.minScore);
    if (!cut) kept++;
    const byDense = denseTop.has(i);
    const byBm25 = bm25Top.has(i);
    return {
      index: i,
      rank: at + 1,
      score,
      beyondCut: cut,
      dense: standing(scoring.dense, i),
      bm25: standing(scoring.bm25, i),
      hybrid: standing(scoring.hybrid, i),
      foundBy: byDense && byBm25 ? 'both' : byDense ? 'dense' : byBm25 ? 'bm25' : 'neither',
    };
  });
}

export interface GoldStanding {
  index: number;
  dense: Standing;
  bm25: Standing;
  hybrid: Standing;
  /** its rank in the answer (MMR included), Infinity when it is not among the candidates */
  answerRank: number;
  /** cosine similarity to the query in the full space, whatever the metric (NaN: the query has no vector) */
  similarity: number;
  /** the chunks ranked above it by the answering retriever (the first few) */
  outrankedBy: Ranked[];
}

/** Why a gold chunk was (or was not) returned: its standing under each retriever and what beat it. */
export function explainGold(
  index: CorpusIndex,
  scoring: QueryScoring,
  settings: RetrievalSettings,
  gold: number,
  vector: Float32Array | null,
  show = 5,
): GoldStanding {
  const own = scoring[settings.retriever];
  const order = answerOrder(index, scoring, settings, Math.max(CANDIDATES, settings.topK));
  const answerRank = order.indexOf(gold) + 1 || Infinity;
  const cosine = vector
    ? denseScores(index.vectors.subarray(gold * index.dims, (gold + 1) * index.dims), index.dims, index.norms.subarray(gold, gold + 1), vector, 'cosine')[0]!
    : NaN;
  const above = Number.isFinite(answerRank) ? order.slice(0, answerRank - 1) : order;
  return {
    index: gold,
    dense: standing(scoring.dense, gold),
    bm25: standing(scoring.bm25, gold),
    hybrid: standing(scoring.hybrid, gold),
    answerRank,
    similarity: cosine,
    outrankedBy: above.slice(0, show).map((i, at) => ({ index: i, rank: at + 1, score: own[i]! })),
  };
}

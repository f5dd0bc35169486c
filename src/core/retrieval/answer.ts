// One query under every retriever, and a query set evaluated under each: what the retrieval worker
// answers, as plain functions over a corpus index (indexCache.ts).
import { denseScores } from './dense';
import { meanScores, type QueryScores, queryScores } from './metrics';
import { applyVariant, isFull, type VectorVariant, variantName } from './quantize';
import { type Ranked, rankOf, topK } from './ranking';
import {
  answerOrder,
  type CorpusIndex,
  explainGold,
  type GoldStanding,
  type RetrievalSettings,
  retrieve,
  type RetrievedHit,
  RETRIEVERS,
  type RetrieverName,
  scoreQuery,
} from './retrieve';
import type { Steps } from '../steps';
import type { DenseReading } from '../languageCoverage';

export interface QueryAnswer {
  /** the answer: top k, then a few beyond the cut */
  hits: RetrievedHit[];
  /** each retriever's own top k */
  byRetriever: Record<RetrieverName, Ranked[]>;
  gold: GoldStanding[];
  /** with a vector variant: each hit's rank with the full float vectors */
  fullRanks: number[] | null;
  elapsedMs: number;
}

export interface QueryRequest {
  /** null: no model makes vectors of this space, so the query is ranked by its keywords alone */
  vector: Float32Array | null;
  text: string;
  settings: RetrievalSettings;
  variant: VectorVariant;
  /** chunks marked as the right answers: why each did or did not come back */
  gold: number[];
  /** what the model reads of the corpus (hybrid leans on BM25 where it cannot) */
  reading?: DenseReading;
  /** the rows the metadata filters keep (absent: all) */
  allowed?: Uint8Array | null;
}

/** `variantOf` gives the corpus as the request's variant stores it. */
export function answerQuery(full: CorpusIndex, variantOf: (variant: VectorVariant) => CorpusIndex, request: QueryRequest): QueryAnswer {
  const started = performance.now();
  const index = request.vector ? variantOf(request.variant) : full;
  const vector = request.vector && applyVariant(request.vector, full.dims, request.variant).vectors;
  const scoring = scoreQuery(index, vector, request.text, request.settings, request.reading, request.allowed);
  const hits = retrieve(index, scoring, request.settings);
  const byRetriever = Object.fromEntries(RETRIEVERS.map((r) => [r, topK(scoring[r], request.settings.topK)])) as QueryAnswer['byRetriever'];
  const gold = request.gold.filter((g) => g >= 0 && g < full.norms.length).map((g) => explainGold(index, scoring, request.settings, g, vector));
  let fullRanks: number[] | null = null;
  if (index !== full) {
    const fullScoring = scoreQuery(full, request.vector, request.text, request.settings, request.reading, request.allowed);
    const order = answerOrder(full, fullScoring, request.settings, 100);
    fullRanks = hits.map((h) => order.indexOf(h.index) + 1 || rankOf(fullScoring[request.settings.retriever], h.index));
  }
  return { hits, byRetriever, gold, fullRanks, elapsedMs: performance.now() - started };
}

export interface EvaluationRow {
  /** "dense", "bm25", "hybrid", a variant's dense row such as "dense · int8", or PIPELINE_ROW */
  name: string;
  /** null for the ranking the query set itself carries */
  retriever: RetrieverName | null;
  variant: VectorVariant;
  mean: QueryScores;
  /** per query: the ranks of its relevant chunks */
  ranks: number[][];
  perQuery: QueryScores[];
}

export interface Evaluation {
  rows: EvaluationRow[];
  /** per query, the answering retriever's top k (hubs and orphans are counted from these) */
  answers: Int32Array[];
  /** per query, the best dense score (cosine with the default metric) */
  bestScores: Float32Array;
  elapsedMs: number;
}

export interface QuerySetRequest {
  texts: string[];
  /** Q × dims */
  vectors: Float32Array;
  relevant: number[][];
  /** per query, its relevant rows' grades (null: binary) */
  grades?: (number[] | null)[];
  /** per query, the rows the user's own pipeline returned, best first (null: none given) */
  retrieved?: (number[] | null)[];
  settings: RetrievalSettings;
  variants: VectorVariant[];
  reading?: DenseReading;
}

/** The row of the ranking a query set carries (Ragas' retrieved contexts). */
export const PIPELINE_ROW = 'retrieved in the file';

const FULL: VectorVariant = { type: 'float', dims: null, layerNorm: false };

/** Every query of a set under each retriever (and dense under each variant), one query a step. */
export function* evaluationSteps(full: CorpusIndex, variantOf: (variant: VectorVariant) => CorpusIndex, request: QuerySetRequest): Steps<Evaluation> {
  const started = performance.now();
  const { settings, relevant } = request;
  const count = relevant.length;
  const variants = request.variants.filter((v) => !isFull(v, full.dims));
  const row = (name: string, retriever: RetrieverName | null, variant: VectorVariant): EvaluationRow => ({
    name,
    retriever,
    variant,
    mean: meanScores([]),
    ranks: [],
    perQuery: [],
  });
  const rows = [
    ...RETRIEVERS.map((retriever) => row(retriever, retriever, FULL)),
    ...variants.map((variant) => row(`dense · ${variantName(variant)}`, 'dense', variant)),
  ];
  const pipeline = request.retrieved?.some(Boolean) ? row(PIPELINE_ROW, null, FULL) : null;
  const answers: Int32Array[] = [];
  const bestScores = new Float32Array(count);
  const variantIndexes = variants.map(variantOf);
  for (let q = 0; q < count; q++) {
    const vector = request.vectors.subarray(q * full.dims, (q + 1) * full.dims);
    const scoring = scoreQuery(full, vector, request.texts[q]!, settings, request.reading);
    const order = answerOrder(full, scoring, settings, Math.max(settings.topK, 100));
    answers.push(Int32Array.from(order.slice(0, settings.topK)));
    bestScores[q] = scoring.dense.reduce((a, x) => Math.max(a, x), -Infinity);
    RETRIEVERS.forEach((retriever, r) => {
      // the answering retriever's ranks follow its answer (MMR included)
      const ranks = relevant[q]!.map((i) =>
        retriever === settings.retriever ? order.indexOf(i) + 1 || rankOf(scoring[retriever], i) : rankOf(scoring[retriever], i),
      );
      rows[r]!.ranks.push(ranks);
    });
    variants.forEach((variant, v) => {
      const index = variantIndexes[v]!;
      const scores = denseScores(index.vectors, index.dims, index.norms, applyVariant(vector, full.dims, variant).vectors, settings.metric, index.dots);
      rows[RETRIEVERS.length + v]!.ranks.push(relevant[q]!.map((i) => rankOf(scores, i)));
    });
    const retrieved = request.retrieved?.[q] ?? [];
    pipeline?.ranks.push(relevant[q]!.map((i) => retrieved.indexOf(i) + 1 || Number.POSITIVE_INFINITY));
    yield (q + 1) / count;
  }
  if (pipeline) rows.push(pipeline);
  for (const r of rows) {
    r.perQuery = r.ranks.map((ranks, q) => queryScores(ranks, request.grades?.[q] ?? undefined));
    r.mean = meanScores(r.perQuery);
  }
  return { rows, answers, bestScores, elapsedMs: performance.now() - started };
}

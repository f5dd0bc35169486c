import type { DenseMetric } from '../core/retrieval/dense';
import type { QueryScores } from '../core/retrieval/metrics';
import type { EvaluationQuery } from '../core/retrieval/querySet';
import type { VectorVariant } from '../core/retrieval/quantize';
import type { Ranked } from '../core/retrieval/ranking';
import type { GoldStanding, RetrievalSettings, RetrievedHit, RetrieverName } from '../core/retrieval/retrieve';
import type { VectorsCall } from './heldVectors';
import type { WorkerInbox, WorkerOutbox } from './rpc';

/** The corpus a request is about: the vectors and chunk texts the worker holds. */
export interface CorpusRef {
  vectorsId: number;
  textsId: number;
}

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

export interface EvaluationRow {
  /** "dense", "bm25", "hybrid", or a variant's dense row such as "dense · int8" */
  name: string;
  retriever: RetrieverName;
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

export type RetrieveCalls = {
  vectors: VectorsCall;
  /** hold the chunk texts of a corpus version; the BM25 index is built on first use */
  texts: { params: { textsId: number; texts: string[] }; result: { held: number } };
  query: {
    params: CorpusRef & { vector: Float32Array; text: string; settings: RetrievalSettings; variant: VectorVariant; gold: number[] };
    result: QueryAnswer;
  };
  /** every query of a set under each retriever (and dense under each variant); `vectors` is Q × dims */
  evaluate: {
    params: CorpusRef & { texts: string[]; vectors: Float32Array; relevant: number[][]; settings: RetrievalSettings; variants: VectorVariant[] };
    result: Evaluation;
  };
  /** parse a query set file and match its expectations to the held chunks (`ids`: each chunk's id) */
  'query-set': { params: { textsId: number; name: string; text: string; ids: string[] }; result: { queries: EvaluationQuery[]; notes: string[] } };
  /**
   * exact dense search over rows [start, end) under `metric`: the top k and the exact ranks of
   * `rows` (what an approximate index is measured against)
   */
  exact: {
    params: { vectorsId: number; vector: Float32Array; metric: DenseMetric; k: number; start: number; end: number; rows: number[] };
    result: { top: Ranked[]; ranks: number[]; elapsedMs: number };
  };
  /** pairs of chunks whose cosine similarity is at least `threshold` */
  duplicates: { params: CorpusRef & { threshold: number; limit: number }; result: { pairs: [number, number, number][]; checked: number } };
};

export type RetrieveProgress = { type: 'progress'; id: number; done: number; total: number };

export type RetrieveInbox = WorkerInbox<RetrieveCalls>;
export type RetrieveOutbox = WorkerOutbox<RetrieveCalls, RetrieveProgress>;

import type { WorkerInbox, WorkerOutbox } from './rpc';
import type { Evaluation, QueryAnswer, QueryRequest, QuerySetRequest } from '../core/retrieval/answer';
import type { DenseMetric } from '../core/retrieval/dense';
import type { EvaluationQuery } from '../core/retrieval/querySet';
import type { Ranked } from '../core/retrieval/ranking';
import type { TuningRequest, TuningResult } from '../core/retrieval/tuning';
import type { TextsCall, VectorsCall } from './held';

/** The corpus a request is about: the vectors and chunk texts the worker holds. */
export interface CorpusRef {
  vectorsId: number;
  textsId: number;
}

export type RetrieveCalls = {
  vectors: VectorsCall;
  /** hold the chunk texts of a corpus version; the BM25 index is built on first use */
  texts: TextsCall;
  query: {
    params: CorpusRef & QueryRequest;
    result: QueryAnswer;
  };
  /** every query of a set under each retriever (and dense under each variant); `vectors` is Q × dims */
  evaluate: {
    params: CorpusRef & QuerySetRequest;
    result: Evaluation;
  };
  /** search retrieval settings on a training split of a query set, measured on the held-out rest */
  tune: { params: CorpusRef & TuningRequest; result: TuningResult };
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

// The retrieval worker's handlers: it holds each space's vectors and chunk texts (once per version)
// with an index cache per space, and answers queries, query sets, exact searches and near-duplicate searches with core's
// functions, the long ones in steps between turns of the message loop (progress, cancel).
import { duplicatePairsSteps } from '../core/duplicates';
import { tuningSteps } from '../core/retrieval/tuning';
import { answerQuery, evaluationSteps } from '../core/retrieval/answer';
import { denseScores } from '../core/retrieval/dense';
import { IndexCache } from '../core/retrieval/indexCache';
import { parseQuerySet, resolveQuerySet } from '../core/retrieval/querySet';
import { rankOf, topK } from '../core/retrieval/ranking';
import type { VectorVariant } from '../core/retrieval/quantize';
import type { DotKernel } from '../core/retrieval/simdDots';
import { runSteps, type Steps } from '../core/steps';
import { HeldTexts, HeldVectors, nextTurn } from './held';
import { type CallContext, type Handlers, transferring } from './host';
import type { CorpusRef, RetrieveCalls, RetrieveProgress } from './retrieve.protocol';

const STEP_MS = 30;

export function retrieveHandlers(yieldTurn = nextTurn, makeKernel?: () => DotKernel | null): Handlers<RetrieveCalls, RetrieveProgress> {
  const vectors = new HeldVectors();
  const texts = new HeldTexts();
  // a space's norms, kernel, BM25 index and variants stay while another space is queried
  const caches = new Map<string, IndexCache>();
  const cacheOf = (space: string) => {
    let cache = caches.get(space);
    if (!cache) caches.set(space, (cache = new IndexCache(makeKernel)));
    return cache;
  };
  const index = (ref: CorpusRef) => {
    const held = vectors.get(ref.vectorsId);
    const cache = cacheOf(held.space);
    const full = cache.corpusIndex(held.vectors, held.dims, texts.get(ref.textsId));
    return { full, variant: (variant: VectorVariant) => cache.variantIndex(full, variant) };
  };
  /** Runs steps between turns of the message loop, posting progress, until done or cancelled. */
  const run = <T>(steps: Steps<T>, call: CallContext<RetrieveProgress>) =>
    runSteps(steps, {
      sliceMs: STEP_MS,
      yieldTurn,
      cancelled: () => call.signal.aborted,
      onProgress: (progress) => call.emit({ type: 'progress', done: Math.round(progress * 1000), total: 1000 }),
    });

  /**
   * Once a space's vectors and texts are both here, its index (norms, kernel, BM25) is built in a
   * later turn of the message loop, so that the first query finds it made (BM25 over a million
   * chunks takes seconds).
   */
  const prepare = (space: string) =>
    setTimeout(() => {
      const held = vectors.of(space);
      const words = texts.of(space)?.texts;
      try {
        if (held && words?.length === held.count) cacheOf(space).corpusIndex(held.vectors, held.dims, words);
      } catch {
        // the first query builds it again and says what went wrong
      }
    }, 0);

  return {
    vectors: (request) => (prepare(request.space), vectors.hold(request)),
    texts: (request) => (prepare(request.space), texts.hold(request)),
    query: (request) => {
      const { full, variant } = index(request);
      return answerQuery(full, variant, request);
    },
    exact: (request) => {
      const started = performance.now();
      const held = vectors.get(request.vectorsId);
      const { norms, dots, dims } = cacheOf(held.space).denseIndex(held.vectors, held.dims);
      const { start, end } = request;
      if (start < 0 || end > norms.length || start >= end) throw new Error(`rows ${start}–${end} are not held here`);
      const whole = start === 0 && end === norms.length;
      const rows = held.vectors.subarray(start * dims, end * dims);
      // exact means every rank exact: an int8 scan is exact only at the top
      const scores = denseScores(rows, dims, norms.subarray(start, end), request.vector, request.metric, whole && !dots?.approximate ? dots : undefined);
      const top = topK(scores, request.k).map((hit) => ({ ...hit, index: hit.index + start }));
      const ranks = request.rows.map((row) => (row >= start && row < end ? rankOf(scores, row - start) : Number.POSITIVE_INFINITY));
      return { top, ranks, elapsedMs: performance.now() - started };
    },
    'query-set': (request) => {
      const { rows, notes } = parseQuerySet(request.name, request.text);
      const resolved = resolveQuerySet(rows, request.ids, texts.get(request.textsId));
      return { queries: resolved.queries, notes: [...notes, ...resolved.notes] };
    },
    evaluate: async (request, call) => {
      const { full, variant } = index(request);
      const result = await run(evaluationSteps(full, variant, request), call);
      return transferring(result, [...result.answers.map((a) => a.buffer), result.bestScores.buffer]);
    },
    tune: (request, call) => run(tuningSteps(index(request).full, request), call),
    duplicates: (request, call) => {
      const held = vectors.get(request.vectorsId);
      return run(duplicatePairsSteps(held.vectors, held.count, held.dims, request.threshold, request.limit), call);
    },
  };
}

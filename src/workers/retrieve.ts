// The retrieval worker's work as plain functions: it holds the corpus vectors and chunk texts
// (once per corpus version), builds the BM25 index on first use, answers queries under every
// retriever, evaluates query sets in steps (progress, cancel), and finds near-duplicate chunks.
import { exactKnnSteps } from '../core/knn';
import { nnDescentSteps } from '../core/nnDescent';
import { type Bm25Index, buildBm25 } from '../core/retrieval/bm25';
import { denseScores, type Dots } from '../core/retrieval/dense';
import { meanScores, queryScores } from '../core/retrieval/metrics';
import { parseQuerySet, resolveQuerySet } from '../core/retrieval/querySet';
import { applyVariant, isFull, type VectorVariant, variantName } from '../core/retrieval/quantize';
import { rankOf, topK } from '../core/retrieval/ranking';
import { createDotKernel, type DotKernel } from '../core/retrieval/simdDots';
import { answerOrder, type CorpusIndex, explainGold, RETRIEVERS, retrieve, scoreQuery } from '../core/retrieval/retrieve';
import { runSteps, type Steps } from '../core/steps';
import { rowNorms } from '../core/vectors';
import { HeldVectors } from './heldVectors';
import type { CorpusRef, Evaluation, EvaluationRow, QueryAnswer, RetrieveCalls, RetrieveInbox, RetrieveOutbox } from './retrieve.protocol';
import { type CallRequest, errorMessage } from './rpc';

const STEP_MS = 30;
const EXACT_DUPLICATE_SEARCH = 8000;
/** A what-if's vectors get a SIMD kernel (a copy in its memory) up to this size; larger ones use the JavaScript loop. */
const VARIANT_KERNEL_BYTES = 256 * 2 ** 20;

type Request<K extends keyof RetrieveCalls> = Extract<CallRequest<RetrieveCalls>, { type: K }>;

export class RetrieveHost {
  private readonly vectors = new HeldVectors();
  private texts: { textsId: number; texts: string[]; bm25: Bm25Index | null } | null = null;
  private norms: { vectorsId: number; norms: Float32Array; dots?: Dots } | null = null;
  /** dense search's dot products in WebAssembly SIMD (null where it is missing) */
  private readonly kernel: DotKernel | null = createDotKernel();
  private readonly variants = new Map<string, { vectors: Float32Array; dims: number; norms: Float32Array; dots?: Dots }>();
  private readonly cancelled = new Set<number>();

  constructor(
    private readonly post: (message: RetrieveOutbox, transfer?: Transferable[]) => void,
    private readonly yieldTurn: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
  ) {}

  async handle(request: RetrieveInbox): Promise<void> {
    if (request.type === 'cancel') {
      this.cancelled.add(request.id);
      return;
    }
    const { id } = request;
    try {
      if (request.type === 'vectors') this.post({ type: 'result', id, result: this.vectors.hold(request) });
      else if (request.type === 'texts') {
        this.texts = { textsId: request.textsId, texts: request.texts, bm25: null };
        this.post({ type: 'result', id, result: { held: request.textsId } });
      } else if (request.type === 'query') {
        const answer = this.query(request);
        this.post({ type: 'result', id, result: answer });
      } else if (request.type === 'exact') {
        this.post({ type: 'result', id, result: this.exact(request) });
      } else if (request.type === 'query-set') {
        if (this.texts?.textsId !== request.textsId) throw new Error(`texts ${request.textsId} are not held here`);
        const { rows, notes } = parseQuerySet(request.name, request.text);
        const resolved = resolveQuerySet(rows, request.ids, this.texts.texts);
        this.post({ type: 'result', id, result: { queries: resolved.queries, notes: [...notes, ...resolved.notes] } });
      } else if (request.type === 'evaluate') {
        const result = await this.run(id, this.evaluate(request));
        this.post({ type: 'result', id, result }, [...result.answers.map((a) => a.buffer), result.bestScores.buffer]);
      } else {
        this.post({ type: 'result', id, result: await this.run(id, this.duplicates(request)) });
      }
    } catch (error) {
      this.post(errorMessage(id, error));
    } finally {
      this.cancelled.delete(id);
    }
  }

  /** Runs steps between turns of the message loop, posting progress, until done or cancelled. */
  private run<T>(id: number, steps: Steps<T>): Promise<T> {
    return runSteps(steps, {
      sliceMs: STEP_MS,
      yieldTurn: this.yieldTurn,
      cancelled: () => this.cancelled.has(id),
      onProgress: (progress) => this.post({ type: 'progress', id, done: Math.round(progress * 1000), total: 1000 }),
    });
  }

  /** The held vectors with their norms and SIMD kernel (made once per corpus version). */
  private held(vectorsId: number): { vectors: Float32Array; dims: number; norms: Float32Array; dots?: Dots } {
    const { vectors, dims } = this.vectors.get(vectorsId);
    if (this.norms?.vectorsId !== vectorsId) {
      const { kernel } = this;
      const simd = kernel !== null && dims % 4 === 0 && dims > 0;
      if (simd) kernel.load(vectors, vectors.length / dims, dims);
      this.norms = { vectorsId, norms: rowNorms(vectors, dims), dots: simd ? (query, out) => kernel.dots(query, out) : undefined };
      this.variants.clear();
    }
    return { vectors, dims, norms: this.norms.norms, dots: this.norms.dots };
  }

  private index(ref: CorpusRef): CorpusIndex {
    const held = this.held(ref.vectorsId);
    if (this.texts?.textsId !== ref.textsId) throw new Error(`texts ${ref.textsId} are not held here`);
    this.texts.bm25 ??= buildBm25(this.texts.texts);
    return { ...held, bm25: this.texts.bm25 };
  }

  private exact(request: Request<'exact'>): RetrieveCalls['exact']['result'] {
    const started = performance.now();
    const { vectors, dims, norms, dots } = this.held(request.vectorsId);
    const { start, end } = request;
    if (start < 0 || end > norms.length || start >= end) throw new Error(`rows ${start}–${end} are not held here`);
    const whole = start === 0 && end === norms.length;
    const scores = denseScores(
      vectors.subarray(start * dims, end * dims),
      dims,
      norms.subarray(start, end),
      request.vector,
      request.metric,
      whole ? dots : undefined,
    );
    const top = topK(scores, request.k).map((hit) => ({ ...hit, index: hit.index + start }));
    const ranks = request.rows.map((row) => (row >= start && row < end ? rankOf(scores, row - start) : Number.POSITIVE_INFINITY));
    return { top, ranks, elapsedMs: performance.now() - started };
  }

  /** The corpus as a variant stores it (cached while the vectors stay the same). */
  private variantIndex(index: CorpusIndex, variant: VectorVariant): CorpusIndex {
    if (isFull(variant, index.dims)) return index;
    const key = variantName(variant);
    let stored = this.variants.get(key);
    if (!stored) {
      const applied = applyVariant(index.vectors, index.dims, variant);
      // a kernel of its own (a copy of the variant's vectors) while that copy stays small
      const kernel = applied.dims % 4 === 0 && applied.vectors.byteLength <= VARIANT_KERNEL_BYTES ? createDotKernel() : null;
      kernel?.load(applied.vectors, applied.vectors.length / applied.dims, applied.dims);
      stored = { ...applied, norms: rowNorms(applied.vectors, applied.dims), dots: kernel ? (query, out) => kernel.dots(query, out) : undefined };
      this.variants.set(key, stored);
    }
    return { ...index, ...stored };
  }

  private query(request: Request<'query'>): QueryAnswer {
    const started = performance.now();
    const full = this.index(request);
    const index = this.variantIndex(full, request.variant);
    const vector = applyVariant(request.vector, full.dims, request.variant).vectors;
    const scoring = scoreQuery(index, vector, request.text, request.settings);
    const hits = retrieve(index, scoring, request.settings);
    const byRetriever = Object.fromEntries(RETRIEVERS.map((r) => [r, topK(scoring[r], request.settings.topK)])) as QueryAnswer['byRetriever'];
    const gold = request.gold.filter((g) => g >= 0 && g < full.norms.length).map((g) => explainGold(index, scoring, request.settings, g, vector));
    let fullRanks: number[] | null = null;
    if (index !== full) {
      const fullScoring = scoreQuery(full, request.vector, request.text, request.settings);
      const order = answerOrder(full, fullScoring, request.settings, 100);
      fullRanks = hits.map((h) => order.indexOf(h.index) + 1 || rankOf(fullScoring[request.settings.retriever], h.index));
    }
    return { hits, byRetriever, gold, fullRanks, elapsedMs: performance.now() - started };
  }

  private *evaluate(request: Request<'evaluate'>): Steps<Evaluation> {
    const started = performance.now();
    const full = this.index(request);
    const { settings, relevant } = request;
    const count = relevant.length;
    const variants = request.variants.filter((v) => !isFull(v, full.dims));
    const rows: EvaluationRow[] = [
      ...RETRIEVERS.map((retriever) => ({
        name: retriever,
        retriever,
        variant: { type: 'float', dims: null, layerNorm: false } as VectorVariant,
        mean: meanScores([]),
        ranks: [],
        perQuery: [],
      })),
      ...variants.map((variant) => ({
        name: `dense · ${variantName(variant)}`,
        retriever: 'dense' as const,
        variant,
        mean: meanScores([]),
        ranks: [],
        perQuery: [],
      })),
    ];
    const answers: Int32Array[] = [];
    const bestScores = new Float32Array(count);
    const variantIndexes = variants.map((v) => this.variantIndex(full, v));
    for (let q = 0; q < count; q++) {
      const vector = request.vectors.subarray(q * full.dims, (q + 1) * full.dims);
      const scoring = scoreQuery(full, vector, request.texts[q]!, settings);
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
      yield (q + 1) / count;
    }
    for (const row of rows) {
      row.perQuery = row.ranks.map(queryScores);
      row.mean = meanScores(row.perQuery);
    }
    return { rows, answers, bestScores, elapsedMs: performance.now() - started };
  }

  private *duplicates(request: Request<'duplicates'>): Steps<{ pairs: [number, number, number][]; checked: number }> {
    const { vectors, count, dims } = this.vectors.get(request.vectorsId);
    const k = Math.min(3, count - 1);
    const graph = yield* count <= EXACT_DUPLICATE_SEARCH
      ? exactKnnSteps(vectors, count, dims, k, 'cosine')
      : nnDescentSteps(vectors, count, dims, k, 'cosine', 1);
    const pairs: [number, number, number][] = [];
    const seen = new Set<number>();
    for (let i = 0; i < count; i++) {
      for (let t = 0; t < graph.k; t++) {
        const j = graph.indices[i * graph.k + t]!;
        const similarity = 1 - graph.distances[i * graph.k + t]!;
        const [a, b] = i < j ? [i, j] : [j, i];
        // a pair is in either list, or both
        if (j < 0 || similarity < request.threshold || seen.has(a * count + b)) continue;
        seen.add(a * count + b);
        pairs.push([a, b, similarity]);
      }
    }
    pairs.sort((a, b) => b[2] - a[2]);
    return { pairs: pairs.slice(0, request.limit), checked: count };
  }
}

// The embed worker's handlers: texts in; the caches (memory, then IndexedDB), then the model's
// workers in batches (modelPool.ts); vectors, token counts and progress out. What it needs of the
// browser (the model pool, IndexedDB, the GPU probe) is passed in, so Node tests run it with fakes.
import { embedInBatches } from '../core/batching';
import { EmbeddingCache, embedThroughCache, type PersistentVectors } from '../core/embeddingCache';
import { type Backend, embeddingKey, type ModelSource, type SpeedSample, truncateVectors, vectorsId, withPrefix } from '../core/models';
import type { DownloadListener } from './embedder';
import type { EmbedCalls, EmbedEvent } from './embed.protocol';
import { type Handlers, transferring } from './host';
import type { Model, ModelWorkers } from './modelPool';

export interface EmbedServices {
  getModel(source: ModelSource, onDownload?: DownloadListener): Promise<Model>;
  isLoaded(source: ModelSource): boolean;
  setModelWorkers(workers: ModelWorkers): void;
  candidateBackends(source: ModelSource): Promise<Backend[]>;
  speedTest(modelFor: (backend: Backend) => Promise<Model>, backends: Backend[]): Promise<SpeedSample[]>;
  persistent: PersistentVectors;
  clearPersistent(): Promise<void>;
  /** a turn of the message loop between batches, so that a cancel gets in */
  yieldTurn(): Promise<void>;
}

/** Vectors queued for the persistent store are written in transactions of at least this many. */
const WRITE_BATCH = 512;

/** Token counts of texts: those known from embedding them now, the rest counted by the model's tokenizer. */
async function tokenCounts(texts: string[], known: Map<string, number>, model: Model): Promise<Int32Array> {
  const unknown = texts.filter((text) => !known.has(text));
  const counts = unknown.length > 0 ? await model.countTokens(unknown) : new Int32Array(0);
  unknown.forEach((text, i) => known.set(text, counts[i]!));
  return Int32Array.from(texts, (text) => known.get(text)!);
}

export function embedHandlers(services: EmbedServices): Handlers<EmbedCalls, EmbedEvent> {
  let batchSize = 16;
  const cache = new EmbeddingCache();
  const unsaved: [string, Float32Array][] = [];
  /** Queues vectors for IndexedDB, written in large transactions: one per batch costs the model time. */
  const save = (entries: [string, Float32Array][], flush: boolean) => {
    unsaved.push(...entries);
    if (unsaved.length > 0 && (flush || unsaved.length >= WRITE_BATCH)) void services.persistent.putMany(unsaved.splice(0));
  };
  const engine = (model: Model) => ({ backend: model.backend, dtype: model.dtype, threads: model.threads });

  return {
    configure: (request) => {
      if (request.threads || request.workers) services.setModelWorkers({ threads: request.threads, workers: request.workers });
      if (request.batchSize) batchSize = Math.max(1, Math.floor(request.batchSize));
      return { batchSize };
    },
    'clear-cache': async () => {
      cache.clear();
      await services.clearPersistent().catch(() => {});
      return {};
    },
    'speed-test': async (request) => {
      const { source } = request;
      const speed = await services.speedTest((backend) => services.getModel({ ...source, backend }), await services.candidateBackends(source));
      batchSize = speed[0]!.batchSize;
      return { speed };
    },
    load: async (request, call) => {
      const { source } = request;
      if (!services.isLoaded(source)) call.emit({ type: 'status', message: `Loading model ${source.model.label}` });
      const model = await services.getModel(source, (file, loaded, total) => call.emit({ type: 'download', file, loaded, total }));
      await model.ready;
      return { dims: Math.min(source.dims ?? model.dims, model.dims), ...engine(model) };
    },
    embed: async (request, call) => {
      const { source } = request;
      const entry = source.model;
      if (!services.isLoaded(source)) call.emit({ type: 'status', message: `Loading model ${entry.label}` });
      const model = await services.getModel(source, (file, loaded, total) => call.emit({ type: 'download', file, loaded, total }));
      const prefixed = request.texts.map((t) => withPrefix(entry, request.purpose, t));
      const keyOf = (text: string) => embeddingKey(vectorsId(source), model.dtype, text);
      // exact token counts of the texts embedded now; cached texts and those cut short are counted in full
      const counted = new Map<string, number>();
      const embedBatch = async (batch: string[]) => {
        const { vectors, tokensSeen } = await model.embed(batch, source.pooling);
        // cached as they come: a cancelled run resumes where it stopped; after a reload, from the last IndexedDB write
        const d = model.dims;
        const entries = batch.map((text, i): [string, Float32Array] => [keyOf(text), vectors.slice(i * d, (i + 1) * d)]);
        for (const [key, vector] of entries) cache.set(key, vector);
        save(entries, false);
        batch.forEach((text, i) => tokensSeen[i]! < entry.maxTokens && counted.set(text, tokensSeen[i]!));
        return vectors;
      };
      try {
        const {
          vectors: full,
          dims: fullDims,
          computed,
        } = await embedThroughCache(
          prefixed,
          keyOf,
          cache,
          async (missing) => {
            const out = await embedInBatches(missing, embedBatch, {
              batchSize,
              dims: model.dims,
              concurrency: model.workers,
              onProgress: (done, total) => call.emit({ type: 'progress', done, total }),
              isCancelled: () => call.signal.aborted,
              yieldBetweenBatches: services.yieldTurn,
            });
            return { vectors: out, dims: model.dims };
          },
          services.persistent,
        );
        // Matryoshka: the cache holds full vectors, the cut is made on the way out
        const dims = source.dims && source.dims < fullDims ? source.dims : fullDims;
        const vectors = truncateVectors(full, fullDims, dims, entry.matryoshkaLayerNorm);
        // token counts show the user which chunks (and queries) the model cuts short
        const tokens = await tokenCounts(prefixed, counted, model);
        const truncated = tokens.reduce((n, t) => n + (t > entry.maxTokens ? 1 : 0), 0);
        return transferring({ vectors, dims: dims || model.dims, tokens, truncated, computed, ...engine(model) }, [vectors.buffer, tokens.buffer]);
      } finally {
        save([], true);
      }
    },
  };
}

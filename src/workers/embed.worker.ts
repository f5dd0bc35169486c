/// <reference lib="webworker" />
// Thin shim: messages in; the caches (memory, then IndexedDB), then embedInBatches over the
// loaded model; progress out.
import { CancelledError, embedInBatches } from '../core/batching';
import { EmbeddingCache, embedThroughCache } from '../core/embeddingCache';
import { embeddingKey, truncateVectors, withPrefix } from '../core/models';
import type { EmbedEvent, EmbedRequest } from './embed.protocol';
import { candidateBackends, getEmbedder, isLoaded } from './embedder';
import { speedTest } from './speedTest';
import { clearStore, persistentVectors, STORES } from './idb';
import { setThreads } from './transformersEnv';

declare const self: DedicatedWorkerGlobalScope;

let batchSize = 16;
const cancelled = new Set<number>();
const cache = new EmbeddingCache();
const post = (event: EmbedEvent, transfer: Transferable[] = []) => self.postMessage(event, transfer);
const empty = { vectors: new Float32Array(0), dims: 0, tokens: new Int32Array(0), truncated: 0, computed: 0 };

self.onmessage = async (message: MessageEvent<EmbedRequest>) => {
  const request = message.data;
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  if (request.type === 'configure' || request.type === 'clear-cache') {
    if (request.type === 'configure') {
      if (request.threads) setThreads(request.threads);
      if (request.batchSize) batchSize = Math.max(1, Math.floor(request.batchSize));
    } else {
      cache.clear();
      await clearStore(STORES.embeddings).catch(() => {});
    }
    post({ type: 'result', id: request.id, ...empty, backend: 'wasm', dtype: '', threads: request.type === 'configure' ? (request.threads ?? 0) : 0 });
    return;
  }
  if (request.type === 'speed-test') {
    try {
      const speed = await speedTest((backend) => getEmbedder({ ...request.source, backend }), await candidateBackends(request.source));
      batchSize = speed[0]!.batchSize;
      const best = await getEmbedder({ ...request.source, backend: speed[0]!.backend });
      post({ type: 'result', id: request.id, ...empty, dims: best.dims, backend: best.backend, dtype: best.dtype, threads: best.threads, speed });
    } catch (error) {
      post({ type: 'error', id: request.id, message: String((error as Error)?.message ?? error), cancelled: false });
    }
    return;
  }
  const { id, source } = request;
  const { model } = source;
  try {
    if (!isLoaded(source)) post({ type: 'status', id, message: `Loading model ${model.label}` });
    const embedder = await getEmbedder(source, (file, loaded, total) => post({ type: 'download', id, file, loaded, total }));
    const loadedResult = { backend: embedder.backend, dtype: embedder.dtype, threads: embedder.threads };
    if (request.type === 'load') {
      post({ type: 'result', id, ...empty, dims: Math.min(source.dims ?? embedder.dims, embedder.dims), ...loadedResult });
      return;
    }
    const prefixed = request.texts.map((t) => withPrefix(model, request.purpose, t));
    const keyOf = (text: string) => embeddingKey(model.id, embedder.dtype, text);
    const { vectors: full, dims: fullDims, computed } = await embedThroughCache(
      prefixed,
      keyOf,
      cache,
      async (missing) => {
        const out = await embedInBatches(
          missing,
          async (batch) => {
            const vectors = await embedder.embed(batch);
            // stored batch by batch: a cancelled run resumes where it stopped, a reload too
            const d = embedder.dims;
            const entries = batch.map((text, i): [string, Float32Array] => [keyOf(text), vectors.slice(i * d, (i + 1) * d)]);
            for (const [key, vector] of entries) cache.set(key, vector);
            void persistentVectors.putMany(entries);
            return vectors;
          },
          {
            batchSize,
            dims: embedder.dims,
            onProgress: (done, total) => post({ type: 'progress', id, done, total }),
            isCancelled: () => cancelled.has(id),
            // inference resolves through microtasks only: a macrotask turn lets 'cancel' messages in
            yieldBetweenBatches: () => new Promise((resolve) => setTimeout(resolve, 0)),
          },
        );
        return { vectors: out, dims: embedder.dims };
      },
      persistentVectors,
    );
    // Matryoshka: the cache holds full vectors, the cut is made on the way out
    const keep = source.dims && source.dims < fullDims ? source.dims : fullDims;
    const vectors = truncateVectors(full, fullDims, keep, model.matryoshkaLayerNorm);
    const dims = keep;
    // token counts show the user which chunks the model cuts short
    const tokens = request.purpose === 'passage' ? Int32Array.from(prefixed, (t) => embedder.countTokens(t)) : new Int32Array(0);
    const truncated = tokens.reduce((n, t) => n + (t > model.maxTokens ? 1 : 0), 0);
    post({ type: 'result', id, vectors, dims: dims || embedder.dims, tokens, truncated, computed, ...loadedResult }, [vectors.buffer, tokens.buffer]);
  } catch (error) {
    const wasCancelled = error instanceof CancelledError;
    post({ type: 'error', id, message: wasCancelled ? 'cancelled' : String((error as Error)?.message ?? error), cancelled: wasCancelled });
  } finally {
    cancelled.delete(id);
  }
};

/// <reference lib="webworker" />
// Thin shim: messages in; the cache, then embedInBatches over the loaded model; progress out.
import { CancelledError, embedInBatches } from '../core/batching';
import { EmbeddingCache, embedThroughCache } from '../core/embeddingCache';
import { embeddingKey, withPrefix } from '../core/models';
import type { EmbedEvent, EmbedRequest } from './embed.protocol';
import { getEmbedder, isLoaded, setThreads } from './embedder';

declare const self: DedicatedWorkerGlobalScope;

const BATCH_SIZE = 16;
const cancelled = new Set<number>();
const cache = new EmbeddingCache();
const post = (event: EmbedEvent, transfer: Transferable[] = []) => self.postMessage(event, transfer);

self.onmessage = async (message: MessageEvent<EmbedRequest>) => {
  const request = message.data;
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  if (request.type === 'configure') {
    setThreads(request.threads);
    post({ type: 'result', id: request.id, vectors: new Float32Array(0), dims: 0, backend: 'wasm', dtype: '', truncated: 0, computed: 0, threads: request.threads });
    return;
  }
  const { id, source } = request;
  const { model } = source;
  try {
    if (!isLoaded(source)) post({ type: 'status', id, message: `Loading model ${model.label}` });
    const embedder = await getEmbedder(source, (file, loaded, total) => post({ type: 'download', id, file, loaded, total }));
    if (request.type === 'load') {
      post({ type: 'result', id, vectors: new Float32Array(0), dims: embedder.dims, backend: embedder.backend, dtype: embedder.dtype, truncated: 0, computed: 0, threads: embedder.threads });
      return;
    }
    let truncated = 0;
    const prefixed = request.texts.map((t) => withPrefix(model, request.purpose, t));
    const keyOf = (text: string) => embeddingKey(model.id, embedder.dtype, text);
    const { vectors, dims, computed } = await embedThroughCache(
      prefixed,
      keyOf,
      cache,
      async (missing) => {
        const out = await embedInBatches(
          missing,
          async (batch) => {
            const result = await embedder.embed(batch);
            truncated += result.truncated;
            // cached batch by batch: a cancelled run resumes where it stopped
            const d = embedder.dims;
            batch.forEach((text, i) => cache.set(keyOf(text), result.vectors.slice(i * d, (i + 1) * d)));
            return result.vectors;
          },
          {
            batchSize: BATCH_SIZE,
            dims: embedder.dims,
            onProgress: (done, total) => post({ type: 'progress', id, done, total }),
            isCancelled: () => cancelled.has(id),
            // inference resolves through microtasks only: a macrotask turn lets 'cancel' messages in
            yieldBetweenBatches: () => new Promise((resolve) => setTimeout(resolve, 0)),
          },
        );
        return { vectors: out, dims: embedder.dims };
      },
    );
    post({ type: 'result', id, vectors, dims: dims || embedder.dims, backend: embedder.backend, dtype: embedder.dtype, truncated, computed, threads: embedder.threads }, [vectors.buffer]);
  } catch (error) {
    const wasCancelled = error instanceof CancelledError;
    post({ type: 'error', id, message: wasCancelled ? 'cancelled' : String((error as Error)?.message ?? error), cancelled: wasCancelled });
  } finally {
    cancelled.delete(id);
  }
};

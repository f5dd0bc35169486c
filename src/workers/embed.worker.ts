/// <reference lib="webworker" />
// Thin shim: messages in; the caches (memory, then IndexedDB), then embedInBatches over the
// model's workers (modelPool.ts); progress out.
import { embedInBatches } from '../core/batching';
import { EmbeddingCache, embedThroughCache } from '../core/embeddingCache';
import { embeddingKey, truncateVectors, withPrefix } from '../core/models';
import type { EmbedCalls, EmbedInbox, EmbedOutbox } from './embed.protocol';
import { candidateBackends } from './gpu';
import { clearStore, persistentVectors, STORES } from './idb';
import { getModel, isLoaded, type Model, setLayout } from './modelPool';
import { errorMessage, type ResultMessage } from './rpc';
import { speedTest } from './speedTest';

declare const self: DedicatedWorkerGlobalScope;

let batchSize = 16;
const cancelled = new Set<number>();
const cache = new EmbeddingCache();
const post = (message: EmbedOutbox, transfer: Transferable[] = []) => self.postMessage(message, transfer);
const unsaved: [string, Float32Array][] = [];
/** Queues vectors for IndexedDB, written in large transactions: one per batch costs the model time. */
function save(entries: [string, Float32Array][], flush: boolean): void {
  unsaved.push(...entries);
  if (unsaved.length > 0 && (flush || unsaved.length >= 512)) void persistentVectors.putMany(unsaved.splice(0));
}

/** A macrotask turn, so that 'cancel' messages get in (setTimeout would be clamped to 4 ms). */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Token counts of texts: those known from embedding them now, the rest counted by the model's tokenizer. */
async function tokenCounts(texts: string[], known: Map<string, number>, model: Model): Promise<Int32Array> {
  const unknown = texts.filter((text) => !known.has(text));
  const counts = unknown.length > 0 ? await model.countTokens(unknown) : new Int32Array(0);
  unknown.forEach((text, i) => known.set(text, counts[i]!));
  return Int32Array.from(texts, (text) => known.get(text)!);
}

const reply = <K extends keyof EmbedCalls>(id: number, _call: K, result: EmbedCalls[K]['result'], transfer: Transferable[] = []) =>
  post({ type: 'result', id, result } satisfies ResultMessage<EmbedCalls, K>, transfer);

self.onmessage = async (message: MessageEvent<EmbedInbox>) => {
  const request = message.data;
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  if (request.type === 'configure') {
    if (request.threads || request.workers) setLayout({ threads: request.threads, workers: request.workers });
    if (request.batchSize) batchSize = Math.max(1, Math.floor(request.batchSize));
    reply(request.id, 'configure', { batchSize });
    return;
  }
  if (request.type === 'clear-cache') {
    cache.clear();
    await clearStore(STORES.embeddings).catch(() => {});
    reply(request.id, 'clear-cache', {});
    return;
  }
  if (request.type === 'speed-test') {
    try {
      const speed = await speedTest((backend) => getModel({ ...request.source, backend }), await candidateBackends(request.source));
      batchSize = speed[0]!.batchSize;
      reply(request.id, 'speed-test', { speed });
    } catch (error) {
      post(errorMessage(request.id, error));
    }
    return;
  }
  const { id, source } = request;
  const { model } = source;
  try {
    if (!isLoaded(source)) post({ type: 'status', id, message: `Loading model ${model.label}` });
    const embedder = await getModel(source, (file, loaded, total) => post({ type: 'download', id, file, loaded, total }));
    const engine = () => ({ backend: embedder.backend, dtype: embedder.dtype, threads: embedder.threads });
    if (request.type === 'load') {
      await embedder.ready;
      reply(id, 'load', { dims: Math.min(source.dims ?? embedder.dims, embedder.dims), ...engine() });
      return;
    }
    const prefixed = request.texts.map((t) => withPrefix(model, request.purpose, t));
    const keyOf = (text: string) => embeddingKey(model.id, embedder.dtype, text);
    // exact token counts of the texts embedded now; cached texts and those cut short are counted in full
    const counted = new Map<string, number>();
    const {
      vectors: full,
      dims: fullDims,
      computed,
    } = await embedThroughCache(
      prefixed,
      keyOf,
      cache,
      async (missing) => {
        const out = await embedInBatches(
          missing,
          async (batch) => {
            const { vectors, tokensSeen } = await embedder.embed(batch);
            // cached as they come: a cancelled run resumes where it stopped; after a reload, from the last IndexedDB write
            const d = embedder.dims;
            const entries = batch.map((text, i): [string, Float32Array] => [keyOf(text), vectors.slice(i * d, (i + 1) * d)]);
            for (const [key, vector] of entries) cache.set(key, vector);
            save(entries, false);
            batch.forEach((text, i) => tokensSeen[i]! < model.maxTokens && counted.set(text, tokensSeen[i]!));
            return vectors;
          },
          {
            batchSize,
            dims: embedder.dims,
            concurrency: embedder.workers,
            onProgress: (done, total) => post({ type: 'progress', id, done, total }),
            isCancelled: () => cancelled.has(id),
            // inference resolves through microtasks only
            yieldBetweenBatches: yieldToMessages,
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
    // token counts show the user which chunks (and queries) the model cuts short
    const tokens = await tokenCounts(prefixed, counted, embedder);
    const truncated = tokens.reduce((n, t) => n + (t > model.maxTokens ? 1 : 0), 0);
    reply(id, 'embed', { vectors, dims: dims || embedder.dims, tokens, truncated, computed, ...engine() }, [vectors.buffer, tokens.buffer]);
  } catch (error) {
    post(errorMessage(id, error));
  } finally {
    save([], true);
    cancelled.delete(id);
  }
};

/// <reference lib="webworker" />
// One model (its own ONNX Runtime and threads): batches in, vectors out. Every request names the
// model, so a worker started again after a crash loads it again. Batches are short: a cancelled one
// simply finishes.
import type { DownloadEvent } from './embed.protocol';
import { type DownloadListener, type Embedder, loadEmbedder } from './embedder';
import { type CallContext, type Handlers, serve, transferring } from './host';
import type { ModelCalls, ModelOf } from './model.protocol';
import { setThreads } from './transformersEnv';

let embedder: Promise<Embedder> | null = null;
/** A buffer of its own, so that it can be transferred. */
const owned = (array: Float32Array) => (array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? array : array.slice());

function ensureLoaded(request: ModelOf, onDownload?: DownloadListener): Promise<Embedder> {
  if (request.threads) setThreads(request.threads);
  embedder ??= loadEmbedder(request.source, request.runtime, onDownload);
  // a failed load is forgotten so that the next request retries
  embedder.catch(() => (embedder = null));
  return embedder;
}

/** Loads the model if needed, reporting its download to the call that started it. */
const loaded = (request: ModelOf, call: CallContext<DownloadEvent>) =>
  ensureLoaded(request, (file, loaded, total) => call.emit({ type: 'download', file, loaded, total }));

const handlers: Handlers<ModelCalls, DownloadEvent> = {
  load: async (request, call) => {
    const { backend, dtype, dims, threads } = await loaded(request, call);
    return { backend, dtype, dims, threads };
  },
  embed: async (request, call) => {
    const { vectors, tokensSeen } = await (await loaded(request, call)).embed(request.texts, request.pooling);
    const own = owned(vectors);
    return transferring({ vectors: own, tokens: tokensSeen }, [own.buffer, tokensSeen.buffer]);
  },
  'count-tokens': async (request, call) => {
    const model = await loaded(request, call);
    const tokens = Int32Array.from(request.texts, (text) => model.countTokens(text));
    return transferring({ tokens }, [tokens.buffer]);
  },
};

serve<ModelCalls, DownloadEvent>(handlers);

/// <reference lib="webworker" />
// Thin shim over one model (its own ONNX Runtime and threads): batches in, vectors out. Every
// request names the model, so a worker started again after a crash loads it again.
import { type DownloadListener, type Embedder, loadEmbedder } from './embedder';
import type { ModelCalls, ModelInbox, ModelOutbox } from './model.protocol';
import { errorMessage, type ResultMessage } from './rpc';
import { setThreads } from './transformersEnv';

declare const self: DedicatedWorkerGlobalScope;

let embedder: Promise<Embedder> | null = null;
const post = (message: ModelOutbox, transfer: Transferable[] = []) => self.postMessage(message, transfer);
const reply = <K extends keyof ModelCalls>(id: number, _call: K, result: ModelCalls[K]['result'], transfer: Transferable[] = []) =>
  post({ type: 'result', id, result } satisfies ResultMessage<ModelCalls, K>, transfer);
/** A buffer of its own, so that it can be transferred. */
const owned = (array: Float32Array) => (array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? array : array.slice());

function ensureLoaded(request: Exclude<ModelInbox, { type: 'cancel' }>, onDownload?: DownloadListener): Promise<Embedder> {
  if (request.threads) setThreads(request.threads);
  embedder ??= loadEmbedder(request.source, request.runtime, onDownload);
  // a failed load is forgotten so that the next request retries
  embedder.catch(() => (embedder = null));
  return embedder;
}

self.onmessage = async (message: MessageEvent<ModelInbox>) => {
  const request = message.data;
  if (request.type === 'cancel') return; // batches are short; a cancelled one simply finishes
  const { id } = request;
  try {
    const model = await ensureLoaded(request, (file, loaded, total) => post({ type: 'download', id, file, loaded, total }));
    if (request.type === 'load') {
      const { backend, dtype, dims, threads } = model;
      reply(id, 'load', { backend, dtype, dims, threads });
    } else if (request.type === 'embed') {
      const { vectors, tokensSeen } = await model.embed(request.texts);
      const own = owned(vectors);
      reply(id, 'embed', { vectors: own, tokens: tokensSeen }, [own.buffer, tokensSeen.buffer]);
    } else {
      const tokens = Int32Array.from(request.texts, (text) => model.countTokens(text));
      reply(id, 'count-tokens', { tokens }, [tokens.buffer]);
    }
  } catch (error) {
    post(errorMessage(id, error));
  }
};

/// <reference lib="webworker" />
// Thin shim over one model (its own ONNX Runtime and threads): batches in, vectors out. Every
// request names the model, so a worker started again after a crash loads it again.
import { type DownloadListener, type Embedder, loadEmbedder } from './embedder';
import type { ModelEvent, ModelRequest } from './model.protocol';
import { setThreads } from './transformersEnv';

declare const self: DedicatedWorkerGlobalScope;

let embedder: Promise<Embedder> | null = null;
const post = (event: ModelEvent, transfer: Transferable[] = []) => self.postMessage(event, transfer);
/** A buffer of its own, so that it can be transferred. */
const owned = (array: Float32Array) => (array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? array : array.slice());

function ensureLoaded(request: Exclude<ModelRequest, { type: 'cancel' }>, onDownload?: DownloadListener): Promise<Embedder> {
  if (request.threads) setThreads(request.threads);
  embedder ??= loadEmbedder(request.source, request.runtime, onDownload);
  // a failed load is forgotten so that the next request retries
  embedder.catch(() => (embedder = null));
  return embedder;
}

self.onmessage = async (message: MessageEvent<ModelRequest>) => {
  const request = message.data;
  if (request.type === 'cancel') return; // batches are short; a cancelled one simply finishes
  const { id } = request;
  try {
    const model = await ensureLoaded(request, (file, loaded, total) => post({ type: 'download', id, file, loaded, total }));
    if (request.type === 'load') {
      const { backend, dtype, dims, threads } = model;
      post({ type: 'result', id, loaded: { backend, dtype, dims, threads } });
    } else if (request.type === 'embed') {
      const { vectors, tokensSeen } = await model.embed(request.texts);
      const own = owned(vectors);
      post({ type: 'result', id, vectors: own, tokens: tokensSeen }, [own.buffer, tokensSeen.buffer]);
    } else {
      const tokens = Int32Array.from(request.texts, (text) => model.countTokens(text));
      post({ type: 'result', id, tokens }, [tokens.buffer]);
    }
  } catch (error) {
    post({ type: 'error', id, message: String((error as Error)?.message ?? error), cancelled: false });
  }
};

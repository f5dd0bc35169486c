/// <reference lib="webworker" />
// Thin shim: messages in, embedInBatches over the loaded model, progress and results out.
import { CancelledError, embedInBatches } from '../core/batching';
import { MODEL_CATALOGUE, withPrefix } from '../core/models';
import type { EmbedEvent, EmbedRequest } from './embed.protocol';
import { getEmbedder, isLoading } from './embedder';

declare const self: DedicatedWorkerGlobalScope;

const BATCH_SIZE = 16;
const cancelled = new Set<number>();
const post = (event: EmbedEvent, transfer: Transferable[] = []) => self.postMessage(event, transfer);

self.onmessage = async (message: MessageEvent<EmbedRequest>) => {
  const request = message.data;
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  const { id, texts, purpose } = request;
  try {
    const model = MODEL_CATALOGUE.find((m) => m.id === request.modelId);
    if (!model) throw new Error(`unknown model ${request.modelId}`);
    if (isLoading(model.id)) post({ type: 'status', id, message: `Loading model ${model.label}` });
    const embedder = await getEmbedder(model);
    let truncated = 0;
    const vectors = await embedInBatches(
      texts.map((t) => withPrefix(model, purpose, t)),
      async (batch) => {
        const out = await embedder.embed(batch);
        truncated += out.truncated;
        return out.vectors;
      },
      {
        batchSize: BATCH_SIZE,
        dims: model.dims,
        onProgress: (done, total) => post({ type: 'progress', id, done, total }),
        isCancelled: () => cancelled.has(id),
        // inference resolves through microtasks only: a macrotask turn lets 'cancel' messages in
        yieldBetweenBatches: () => new Promise((resolve) => setTimeout(resolve, 0)),
      },
    );
    post({ type: 'result', id, vectors, dims: model.dims, backend: embedder.backend, truncated }, [vectors.buffer]);
  } catch (error) {
    const wasCancelled = error instanceof CancelledError;
    post({ type: 'error', id, message: wasCancelled ? 'cancelled' : String((error as Error)?.message ?? error), cancelled: wasCancelled });
  } finally {
    cancelled.delete(id);
  }
};

// The model, loaded in one or more model workers that take batches in turn. On WASM a small model
// runs faster as one single-threaded copy per core, each on its own batch, than as one copy whose
// ONNX Runtime splits each operator over threads: the graph's small operators and the tokenizer
// run on one thread, and one worker tokenizes while another multiplies.
import { type Backend, type Dtype, type ModelEntry, type ModelSource, wasmCopies } from '../core/models';
import type { Pooling } from '../core/pooling';
import type { DownloadEvent } from './embed.protocol';
import type { DownloadListener, EmbeddedBatch } from './embedder';
import { candidateBackends, webGpuAdapter } from './gpu';
import type { ModelCalls } from './model.protocol';
import { WorkerClient } from './rpc';
import modelWorkerUrl from './model.worker.ts?worker&url';
import { startWorker } from './startWorker';

export interface Model {
  model: ModelEntry;
  backend: Backend;
  dtype: Dtype;
  dims: number;
  /** model workers (batches in flight at once), and the WASM threads of those loaded so far */
  workers: number;
  threads: number;
  /** every model worker loaded (the first serves batches meanwhile) */
  ready: Promise<void>;
  /** `pooling` absent: the catalogue's */
  embed(texts: string[], pooling?: Pooling): Promise<EmbeddedBatch>;
  /** tokens of each text as the model sees it (special tokens included), before truncation */
  countTokens(texts: string[]): Promise<Int32Array>;
}

/** Model workers, and WASM threads in each (absent: chosen for the model and this machine). */
export interface ModelWorkers {
  workers?: number;
  threads?: number;
}

let chosenWorkers: ModelWorkers = {};
/** Sets the model workers and their threads for models loaded from now on (the benchmark compares them). */
export function setModelWorkers(workers: ModelWorkers): void {
  chosenWorkers = workers;
}

function workersFor(source: ModelSource & { backend: Backend }): { workers: number; threads?: number } {
  // WebGPU does the work on the GPU: one copy
  if (source.backend === 'webgpu') return { workers: 1, threads: chosenWorkers.threads };
  const copies = wasmCopies(source.model, source.dtype, navigator.hardwareConcurrency || 1);
  const workers = Math.max(1, Math.floor(chosenWorkers.workers ?? copies));
  return { workers, threads: chosenWorkers.threads ?? (workers > 1 ? 1 : undefined) };
}

type Client = WorkerClient<ModelCalls, DownloadEvent>;
const newClient = (): Client => new WorkerClient(() => startWorker(modelWorkerUrl, 'model'), 'model');

/** Hands each batch to an idle worker, or waits for one. */
class Dispatcher {
  private readonly idle: Client[] = [];
  private readonly waiting: ((client: Client) => void)[] = [];

  add(client: Client): void {
    const next = this.waiting.shift();
    if (next) next(client);
    else this.idle.push(client);
  }

  async use<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = this.idle.pop() ?? (await new Promise<Client>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(client);
    } finally {
      this.add(client);
    }
  }
}

async function open(source: ModelSource & { backend: Backend }, onDownload: DownloadListener): Promise<Model> {
  const { workers, threads } = workersFor(source);
  // the build that can drive WebGPU wherever there is an adapter, else the smaller, faster plain one
  const runtime = (await webGpuAdapter()) === 'none' ? 'wasm-only' : 'webgpu';
  const load = (client: Client, what: typeof source, listener: DownloadListener) =>
    client.request('load', { source: what, threads, runtime }, { onEvent: (event) => listener(event.file, event.loaded, event.total) });
  const first = newClient();
  const loaded = await load(first, source, onDownload).catch((error: unknown) => {
    first.close();
    throw error;
  });
  // every request names the model as the first copy resolved it (auto precision made explicit)
  const held = { ...source, dtype: loaded.dtype };
  const dispatcher = new Dispatcher();
  dispatcher.add(first);
  const model: Model = {
    model: source.model,
    backend: loaded.backend,
    dtype: loaded.dtype,
    dims: loaded.dims,
    workers,
    threads: loaded.threads,
    ready: Promise.resolve(),
    embed: (texts, pooling) =>
      dispatcher.use(async (client) => {
        const { vectors, tokens } = await client.request('embed', { source: held, threads, runtime, texts, pooling });
        return { vectors, tokensSeen: tokens };
      }),
    countTokens: async (texts) => (await first.request('count-tokens', { source: held, threads, runtime, texts })).tokens,
  };
  // the other copies load in the background, from the browser's cache, and join as they come
  const others = Array.from({ length: workers - 1 }, async () => {
    const client = newClient();
    try {
      const copy = await load(client, held, () => {});
      model.threads += copy.threads;
      dispatcher.add(client);
    } catch (error) {
      client.close();
      model.workers--;
      console.warn('a copy of the model failed to load; carrying on with fewer', error);
    }
  });
  model.ready = Promise.all(others).then(() => {});
  return model;
}

const models = new Map<string, Promise<Model>>();
const keyOf = (source: ModelSource) => `${source.remoteHost ?? 'hub'} ${source.model.id} ${source.dtype ?? 'auto'} ${source.backend ?? 'auto'}`;

export function isLoaded(source: ModelSource): boolean {
  return models.has(keyOf(source));
}

/**
 * One load per model, host, precision and backend. Left to the app, the backend is the first
 * candidate that loads (WebGPU failing means WASM), shared with an explicit choice of the same.
 */
export function getModel(source: ModelSource, onDownload: DownloadListener = () => {}): Promise<Model> {
  const key = keyOf(source);
  let pending = models.get(key);
  if (pending) return pending;
  const { backend } = source;
  pending = backend
    ? open({ ...source, backend }, onDownload)
    : (async () => {
        const backends = await candidateBackends(source);
        for (const candidate of backends.slice(0, -1)) {
          try {
            return await getModel({ ...source, backend: candidate }, onDownload);
          } catch (error) {
            console.warn(`${candidate} failed, trying the next backend`, error);
          }
        }
        return getModel({ ...source, backend: backends.at(-1)! }, onDownload);
      })();
  // a failed load is forgotten so that the next request retries
  pending.catch(() => models.delete(key));
  models.set(key, pending);
  return pending;
}

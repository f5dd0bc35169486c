// Loads a catalogue model with transformers.js once, on the best backend this browser has,
// and embeds a batch of texts into one Float32Array.
import { AutoModel, AutoTokenizer, env, type PreTrainedModel, type PreTrainedTokenizer, type Tensor } from '@huggingface/transformers';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { ModelEntry } from '../core/models';
import { normalizeRows, poolTokens } from '../core/pooling';
import type { Backend, ModelSource } from './embed.protocol';

export interface Embedder {
  model: ModelEntry;
  backend: Backend;
  threads: number;
  dtype: 'fp32' | 'q8';
  /** the model's output dimension, learnt from a first embedding */
  dims: number;
  embed(texts: string[]): Promise<{ vectors: Float32Array; truncated: number }>;
}

export type DownloadListener = (file: string, loaded: number, total: number) => void;

export const HUB = 'https://huggingface.co/';

let configured = false;
let threads: number | null = null;

/** Overrides the WASM thread count for models loaded after this call. */
export function setThreads(count: number): void {
  threads = Math.max(1, Math.floor(count));
  if (configured) env.backends.onnx.wasm!.numThreads = threads;
}

/** Everything from the app's own origin: the ONNX Runtime wasm files and the built-in models. */
function configureEnvironment(source: ModelSource): void {
  // built-in models come from this origin; others from the Hub or the chosen mirror
  env.allowRemoteModels = !source.model.builtIn;
  env.allowLocalModels = source.model.builtIn;
  env.remoteHost = source.remoteHost ?? HUB;
  if (configured) return;
  configured = true;
  // a path, not a URL: transformers.js treats http(s) URLs as remote and skips its local lookup
  env.localModelPath = `${import.meta.env.BASE_URL}models/`;
  const wasm = env.backends.onnx.wasm!;
  // env.backends.onnx is a shallow copy of ONNX Runtime's env: mutate the shared wasm object
  wasm.wasmPaths = { mjs: new URL(ortMjsUrl, self.location.href).href, wasm: new URL(ortWasmUrl, self.location.href).href };
  wasm.numThreads = threads ?? (self.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1);
}

async function webGpuAvailable(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

interface ProgressInfo {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

async function load(model: ModelEntry, backend: Backend, onDownload: DownloadListener): Promise<Embedder> {
  const progress_callback = (info: ProgressInfo) => {
    if (info.status === 'progress' && info.file) onDownload(info.file, info.loaded ?? 0, info.total ?? 0);
  };
  const dtype = backend === 'webgpu' ? 'fp32' : 'q8';
  const tokenizer: PreTrainedTokenizer = await AutoTokenizer.from_pretrained(model.id, { progress_callback });
  const network: PreTrainedModel = await AutoModel.from_pretrained(model.id, { device: backend, dtype, progress_callback });
  const embedder: Embedder = {
    model,
    backend,
    threads: env.backends.onnx.wasm!.numThreads ?? 1,
    dtype,
    dims: model.dims,
    async embed(texts) {
      const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: model.maxTokens });
      const [batch, tokens] = (inputs.input_ids as Tensor).dims as [number, number];
      const mask = (inputs.attention_mask as Tensor).data as BigInt64Array;
      // a row that fills the whole window may have been cut: count those that really were
      let truncated = 0;
      for (let b = 0; b < batch; b++) {
        if (tokens === model.maxTokens && mask[b * tokens + tokens - 1] === 1n && tokenizer.encode(texts[b]!).length > model.maxTokens) truncated++;
      }
      const output = (await network(inputs)) as Record<string, Tensor>;
      let vectors: Float32Array;
      let dims: number;
      const hidden = output.last_hidden_state as Tensor | undefined;
      if (model.pooling === 'model' || !hidden) {
        // the model pools itself
        const pooled = (output.sentence_embedding ?? output.pooler_output) as Tensor | undefined;
        if (!pooled) throw new Error(`${model.id} returns neither sentence_embedding nor last_hidden_state`);
        vectors = pooled.data as Float32Array;
        dims = pooled.dims.at(-1)!;
      } else {
        const [, length, width] = hidden.dims as [number, number, number];
        vectors = poolTokens(hidden.data as Float32Array, mask, batch, length, width, model.pooling);
        dims = width;
      }
      if (embedder.dims && dims !== embedder.dims) throw new Error(`${model.id} returned ${dims} dimensions; the catalogue says ${embedder.dims}`);
      if (model.normalize) normalizeRows(vectors, dims);
      return { vectors, truncated };
    },
  };
  // a first embedding checks that the model runs and learns its dimension
  const probe = await embedder.embed(['probe']);
  embedder.dims = probe.vectors.length;
  return embedder;
}

const loaded = new Map<string, Promise<Embedder>>();

const keyOf = (source: ModelSource) => `${source.remoteHost ?? HUB} ${source.model.id}`;

export function isLoaded(source: ModelSource): boolean {
  return loaded.has(keyOf(source));
}

/** One load per model and host; WebGPU first when there is an adapter, WASM otherwise or if WebGPU fails. */
export function getEmbedder(source: ModelSource, onDownload: DownloadListener = () => {}): Promise<Embedder> {
  const key = keyOf(source);
  let pending = loaded.get(key);
  if (!pending) {
    configureEnvironment(source);
    const { model } = source;
    pending = (async () => {
      if (await webGpuAvailable()) {
        try {
          return await load(model, 'webgpu', onDownload);
        } catch (error) {
          console.warn('WebGPU failed, falling back to WASM', error);
        }
      }
      try {
        return await load(model, 'wasm', onDownload);
      } catch (error) {
        const where = model.builtIn ? 'this app' : (source.remoteHost ?? HUB);
        throw new Error(`Could not load the model ${model.id} from ${where}: ${(error as Error).message}`);
      }
    })();
    // a failed load is forgotten so that the next request retries
    pending.catch(() => loaded.delete(key));
    loaded.set(key, pending);
  }
  return pending;
}

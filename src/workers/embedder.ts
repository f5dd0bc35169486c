// Loads a catalogue model with transformers.js once, on the best backend this browser has,
// and embeds a batch of texts into one Float32Array.
import { AutoModel, AutoTokenizer, env, type PreTrainedModel, type PreTrainedTokenizer, type Tensor } from '@huggingface/transformers';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { ModelEntry } from '../core/models';
import { normalizeRows, poolTokens } from '../core/pooling';
import type { Backend } from './embed.protocol';

export interface Embedder {
  model: ModelEntry;
  backend: Backend;
  embed(texts: string[]): Promise<{ vectors: Float32Array; truncated: number }>;
}

let configured = false;

/** Everything from the app's own origin: the ONNX Runtime wasm files and the built-in models. */
function configureEnvironment(): void {
  if (configured) return;
  configured = true;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // a path, not a URL: transformers.js treats http(s) URLs as remote and skips its local lookup
  env.localModelPath = `${import.meta.env.BASE_URL}models/`;
  const wasm = env.backends.onnx.wasm!;
  // env.backends.onnx is a shallow copy of ONNX Runtime's env: mutate the shared wasm object
  wasm.wasmPaths = { mjs: new URL(ortMjsUrl, self.location.href).href, wasm: new URL(ortWasmUrl, self.location.href).href };
  wasm.numThreads = self.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
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

async function load(model: ModelEntry, backend: Backend): Promise<Embedder> {
  const tokenizer: PreTrainedTokenizer = await AutoTokenizer.from_pretrained(model.id);
  const network: PreTrainedModel = await AutoModel.from_pretrained(model.id, {
    device: backend,
    dtype: backend === 'webgpu' ? 'fp32' : 'q8',
  });
  return {
    model,
    backend,
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
      if (model.pooling === 'model') {
        vectors = (output.sentence_embedding as Tensor).data as Float32Array;
      } else {
        const hidden = output.last_hidden_state as Tensor;
        const [, length, dims] = hidden.dims as [number, number, number];
        vectors = poolTokens(hidden.data as Float32Array, mask, batch, length, dims, model.pooling);
      }
      if (model.normalize) normalizeRows(vectors, model.dims);
      return { vectors, truncated };
    },
  };
}

const loaded = new Map<string, Promise<Embedder>>();

export function isLoading(modelId: string): boolean {
  return !loaded.has(modelId);
}

/** One load per model; WebGPU first when there is an adapter, WASM otherwise or if WebGPU fails. */
export function getEmbedder(model: ModelEntry): Promise<Embedder> {
  configureEnvironment();
  let pending = loaded.get(model.id);
  if (!pending) {
    pending = (async () => {
      if (await webGpuAvailable()) {
        try {
          return await load(model, 'webgpu');
        } catch (error) {
          console.warn('WebGPU failed, falling back to WASM', error);
        }
      }
      return load(model, 'wasm');
    })();
    // a failed load is forgotten so that the next request retries
    pending.catch(() => loaded.delete(model.id));
    loaded.set(model.id, pending);
  }
  return pending;
}

// Loads a catalogue model with transformers.js on a given backend, and embeds a batch of texts
// into one Float32Array. Runs in a model worker (see modelPool.ts).
import { AutoModel, AutoTokenizer, env, type PreTrainedModel, type PreTrainedTokenizer, type Tensor } from '@huggingface/transformers';
import type { Dtype, ModelEntry } from '../core/models';
import { normalizeRows, type Pooling, poolTokens } from '../core/pooling';
import type { Backend, ModelSource } from '../core/models';
import { configureEnvironment, forgetLocalFiles, HUB, type RuntimeBuild, selectRuntimeBuild } from './transformersEnv';

export interface Embedder {
  model: ModelEntry;
  backend: Backend;
  threads: number;
  dtype: Dtype;
  /** the model's output dimension, learnt from a first embedding */
  dims: number;
  /** `pooling` absent: the catalogue's */
  embed(texts: string[], pooling?: Pooling): Promise<EmbeddedBatch>;
  /** tokens of each text as the model sees it (special tokens included), before truncation */
  countTokens(text: string): number;
}

export interface EmbeddedBatch {
  vectors: Float32Array;
  /** tokens of each text that the model saw: its full count, unless it was cut at model.maxTokens */
  tokensSeen: Int32Array;
}

export type DownloadListener = (file: string, loaded: number, total: number) => void;

interface ProgressInfo {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

async function load(model: ModelEntry, backend: Backend, requested: Dtype | undefined, onDownload: DownloadListener): Promise<Embedder> {
  const progress_callback = (info: ProgressInfo) => {
    if (info.status === 'progress' && info.file) onDownload(info.file, info.loaded ?? 0, info.total ?? 0);
  };
  const dtype: Dtype = requested ?? (backend === 'webgpu' ? 'fp32' : 'q8');
  if (!model.dtypes.includes(dtype)) throw new Error(`${model.label} has no ${dtype} weights (it has ${model.dtypes.join(', ')})`);
  const tokenizer: PreTrainedTokenizer = await AutoTokenizer.from_pretrained(model.id, { progress_callback });
  const network: PreTrainedModel = await AutoModel.from_pretrained(model.id, { device: backend, dtype, progress_callback });
  const embedder: Embedder = {
    model,
    backend,
    threads: env.backends.onnx.wasm!.numThreads ?? 1,
    dtype,
    dims: model.dims,
    async embed(texts, pooling = model.pooling) {
      const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: model.maxTokens });
      const [batch] = (inputs.input_ids as Tensor).dims as [number, number];
      const mask = (inputs.attention_mask as Tensor).data as BigInt64Array;
      const output = (await network(inputs)) as Record<string, Tensor>;
      let vectors: Float32Array;
      let dims: number;
      const hidden = output.last_hidden_state as Tensor | undefined;
      if (pooling === 'model' || !hidden) {
        // the model pools itself
        const pooled = (output.sentence_embedding ?? output.pooler_output) as Tensor | undefined;
        if (!pooled) throw new Error(`${model.id} returns neither sentence_embedding nor last_hidden_state`);
        if (pooling !== 'model' && pooling !== model.pooling)
          throw new Error(`${model.id} pools its tokens itself: it has no token outputs to pool by ${pooling}`);
        vectors = pooled.data as Float32Array;
        dims = pooled.dims.at(-1)!;
      } else {
        const [, length, width] = hidden.dims as [number, number, number];
        vectors = poolTokens(hidden.data as Float32Array, mask, batch, length, width, pooling);
        dims = width;
      }
      if (embedder.dims && dims !== embedder.dims) throw new Error(`${model.id} returned ${dims} dimensions; the catalogue says ${embedder.dims}`);
      if (model.normalize) normalizeRows(vectors, dims);
      const length = mask.length / batch;
      const tokensSeen = new Int32Array(batch);
      for (let row = 0; row < batch; row++) {
        for (let t = row * length; t < (row + 1) * length; t++) tokensSeen[row]! += Number(mask[t]);
      }
      return { vectors, tokensSeen };
    },
    countTokens: (text) => tokenizer.encode(text).length,
  };
  // a first embedding checks that the model runs and learns its dimension
  embedder.dims = (await embedder.embed(['probe'])).vectors.length;
  return embedder;
}

/** Loads a model on the backend the source names, on the given ONNX Runtime build (see modelPool.ts). */
export async function loadEmbedder(
  source: ModelSource & { backend: Backend },
  runtime: RuntimeBuild,
  onDownload: DownloadListener = () => {},
): Promise<Embedder> {
  configureEnvironment(source);
  const { model, backend } = source;
  await selectRuntimeBuild(runtime);
  if (backend === 'webgpu' && runtime === 'wasm-only') throw new Error('this browser has no WebGPU adapter: choose WASM');
  try {
    return await load(model, backend, source.dtype, onDownload);
  } catch (error) {
    const where = model.builtIn ? 'this app' : (source.remoteHost ?? HUB);
    throw new Error(`Could not load the model ${model.id} from ${where}: ${(error as Error).message}`, { cause: error });
  } finally {
    forgetLocalFiles();
  }
}

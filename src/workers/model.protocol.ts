import type { Backend, Dtype, ModelSource } from '../core/models';
import type { Pooling } from '../core/pooling';
import type { DownloadEvent } from './embed.protocol';
import type { WorkerInbox, WorkerOutbox } from './rpc';
import type { RuntimeBuild } from './transformersEnv';

/** What a model worker loaded. */
export interface LoadedModel {
  backend: Backend;
  dtype: Dtype;
  dims: number;
  /** WASM threads of this worker's ONNX Runtime */
  threads: number;
}

/** The model a worker holds, its WASM threads and ONNX Runtime build: every request names them,
 * so that a worker started again after a crash loads the model again. */
export interface ModelOf {
  source: ModelSource & { backend: Backend };
  threads?: number;
  /** chosen once by the embed worker, which has asked for a WebGPU adapter already */
  runtime: RuntimeBuild;
}

export type ModelCalls = {
  /** load (download if needed) and probe the model */
  load: { params: ModelOf; result: LoadedModel };
  /** vectors, and the tokens of each text that the model saw */
  embed: { params: ModelOf & { texts: string[]; pooling?: Pooling }; result: { vectors: Float32Array; tokens: Int32Array } };
  /** tokens of each text as the model sees it, before truncation */
  'count-tokens': { params: ModelOf & { texts: string[] }; result: { tokens: Int32Array } };
};

export type ModelInbox = WorkerInbox<ModelCalls>;
export type ModelOutbox = WorkerOutbox<ModelCalls, DownloadEvent>;

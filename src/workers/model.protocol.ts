import type { Dtype } from '../core/models';
import type { Backend, DownloadEvent, ModelSource } from './embed.protocol';
import type { CancelMessage, ErrorEvent } from './rpc';
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
interface ModelOf {
  source: ModelSource & { backend: Backend };
  threads?: number;
  /** chosen once by the embed worker, which has asked for a WebGPU adapter already */
  runtime: RuntimeBuild;
}

export type ModelRequest =
  /** load (download if needed) and probe the model */
  | ({ type: 'load'; id: number } & ModelOf)
  | ({ type: 'embed'; id: number; texts: string[] } & ModelOf)
  /** tokens of each text as the model sees it, before truncation */
  | ({ type: 'count-tokens'; id: number; texts: string[] } & ModelOf)
  | CancelMessage;

export type ModelEvent =
  | DownloadEvent
  | {
      type: 'result';
      id: number;
      loaded?: LoadedModel;
      vectors?: Float32Array;
      /** per text: tokens seen by the model (embed) or in full (count-tokens) */
      tokens?: Int32Array;
    }
  | ErrorEvent;

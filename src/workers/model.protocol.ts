import type { Dtype } from '../core/models';
import type { Backend, DownloadEvent, ModelSource } from './embed.protocol';
import type { CancelMessage, ErrorEvent } from './rpc';

/** What a model worker loaded. */
export interface LoadedModel {
  backend: Backend;
  dtype: Dtype;
  dims: number;
  /** WASM threads of this worker's ONNX Runtime */
  threads: number;
}

/** The model a worker holds, and its WASM threads: every request names it, so that a worker
 * started again after a crash loads it again. */
interface ModelOf {
  source: ModelSource & { backend: Backend };
  threads?: number;
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

import type { PcaModel } from '../core/pca';
import type { CancelMessage, ErrorEvent } from './rpc';

export type LayoutMethod = 'pca';

export type LayoutRequest =
  | { type: 'layout'; id: number; method: LayoutMethod; vectors: Float32Array; count: number; dims: number }
  | CancelMessage;

export type LayoutEvent =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'result'; id: number; coords: Float32Array; pca: PcaModel }
  | ErrorEvent;

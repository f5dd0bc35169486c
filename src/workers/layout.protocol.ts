import type { LayoutParams } from '../core/layoutRun';
import type { PcaModel } from '../core/pca';
import type { CancelMessage, ErrorEvent } from './rpc';

export type LayoutRequest =
  | { type: 'layout'; id: number; params: LayoutParams; vectors: Float32Array; count: number; dims: number }
  | { type: 'pause'; id: number }
  | { type: 'resume'; id: number }
  | CancelMessage;

export type LayoutEvent =
  /** intermediate positions of a progressive run (count × 3) */
  | { type: 'frame'; id: number; coords: Float32Array; progress: number }
  | { type: 'result'; id: number; coords: Float32Array; pca: PcaModel; explained: number[]; notes: string[]; elapsedMs: number }
  | ErrorEvent;

import type { CancelMessage, ErrorEvent } from './rpc';

export type QualityRequest =
  | {
      type: 'quality';
      id: number;
      /** identifies the vectors, so that their neighbour graph is built once */
      corpusKey: string;
      vectors: Float32Array;
      count: number;
      dims: number;
      coords: Float32Array;
      layoutDims: 2 | 3;
      k: number;
    }
  | CancelMessage;

export type QualityEvent =
  | { type: 'result'; id: number; recall: Float32Array; meanRecall: number; recallRows: number; trustworthiness: number; trustRows: number }
  | ErrorEvent;

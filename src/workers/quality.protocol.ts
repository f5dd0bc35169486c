import type { VectorsCall } from './heldVectors';
import type { WorkerInbox, WorkerOutbox } from './rpc';

export interface QualityParams {
  /** the held vectors the layout was made from (their neighbour graph is built once) */
  vectorsId: number;
  coords: Float32Array;
  layoutDims: 2 | 3;
  k: number;
}

export interface QualityResult {
  recall: Float32Array;
  meanRecall: number;
  recallRows: number;
  trustworthiness: number;
  trustRows: number;
}

export type QualityCalls = {
  vectors: VectorsCall;
  /** how faithful a layout of the held vectors is; a newer request drops this one */
  quality: { params: QualityParams; result: QualityResult };
};

export type QualityInbox = WorkerInbox<QualityCalls>;
export type QualityOutbox = WorkerOutbox<QualityCalls>;

import type { PairResult } from '../core/lab/pairMeasures';
import type { PairFormat, PairItem } from '../core/lab/pairs';
import type { LayoutQualityRequest, LayoutQualityResult } from '../core/quality';
import type { VectorsCall } from './held';
import type { WorkerInbox, WorkerOutbox } from './rpc';

export type QualityCalls = {
  vectors: VectorsCall;
  /** how faithful a layout of the held vectors is; a newer request drops this one */
  quality: { params: LayoutQualityRequest & { space: string }; result: LayoutQualityResult };
  /** each held row's k nearest others in the full vectors (cosine), nearest first: count × k indices; exact when affordable, else NN-descent */
  neighbours: { params: { space: string; vectorsId: number; k: number }; result: { indices: Int32Array; k: number; exact: boolean } };
  /** how one space's vectors of a labelled-pairs file's texts (count × dims) agree with its labels */
  pairs: { params: { space: string; format: PairFormat; items: PairItem[]; vectors: Float32Array; dims: number }; result: PairResult };
};

export type QualityInbox = WorkerInbox<QualityCalls>;
export type QualityOutbox = WorkerOutbox<QualityCalls>;

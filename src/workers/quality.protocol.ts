import type { LayoutQualityRequest, LayoutQualityResult } from '../core/quality';
import type { VectorsCall } from './held';
import type { WorkerInbox, WorkerOutbox } from './rpc';

export type QualityCalls = {
  vectors: VectorsCall;
  /** how faithful a layout of the held vectors is; a newer request drops this one */
  quality: { params: LayoutQualityRequest & { space: string }; result: LayoutQualityResult };
};

export type QualityInbox = WorkerInbox<QualityCalls>;
export type QualityOutbox = WorkerOutbox<QualityCalls>;

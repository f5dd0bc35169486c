import type { LayoutParams } from '../core/layoutRun';
import type { PcaModel } from '../core/pca';
import type { Projection } from '../core/snapshot/reduce';
import type { VectorsCall } from './held';
import type { WorkerInbox, WorkerOutbox } from './rpc';

export interface LayoutResult {
  coords: Float32Array;
  pca: PcaModel;
  explained: number[];
  notes: string[];
  /** a UMAP or t-SNE fitted on a sample: how many rows were fitted, how many placed */
  sampled: { fitted: number; placed: number } | null;
  elapsedMs: number;
}

export type LayoutCalls = {
  /** hold these vectors for the layouts that name them */
  vectors: VectorsCall;
  /** lay out the held vectors, streaming frames */
  layout: { params: { space: string; vectorsId: number; params: LayoutParams }; result: LayoutResult };
  /** the held vectors reduced by PCA, with the projection (for a share link) */
  reduce: { params: { vectorsId: number; components: number }; result: { data: Float32Array; dims: number; projection: Projection } };
};

/** Intermediate positions of a progressive run (count × 3). */
export type LayoutFrame = { type: 'frame'; id: number; coords: Float32Array; progress: number };
/**
 * Pauses or resumes the run in progress; `shown`: the page has drawn the last frame. The next frame
 * waits for it, so a page that takes a second to draw a million points is not sent ten a second.
 */
export type LayoutNote = { type: 'pause' | 'resume' | 'shown' };

export type LayoutInbox = WorkerInbox<LayoutCalls, LayoutNote>;
export type LayoutOutbox = WorkerOutbox<LayoutCalls, LayoutFrame>;

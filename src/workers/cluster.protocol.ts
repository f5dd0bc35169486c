import type { ClusterSettings, Clustering } from '../core/clustering/clusters';
import type { TextsCall, VectorsCall } from './held';
import type { WorkerInbox, WorkerOutbox } from './rpc';

export type ClusterCalls = {
  vectors: VectorsCall;
  texts: TextsCall;
  /** clusters of the held vectors, named from the held texts */
  cluster: { params: { space: string; vectorsId: number; textsId: number; settings: ClusterSettings }; result: Clustering };
};

export type ClusterProgress = { type: 'progress'; id: number; done: number; total: number };
export type ClusterInbox = WorkerInbox<ClusterCalls>;
export type ClusterOutbox = WorkerOutbox<ClusterCalls, ClusterProgress>;

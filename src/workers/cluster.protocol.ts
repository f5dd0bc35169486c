import type { ClusterSettings, Clustering } from '../core/clustering/clusters';
import type { FineClusters } from '../core/clustering/fineClusters';
import type { TextsCall, VectorsCall } from './held';
import type { WorkerInbox, WorkerOutbox } from './rpc';

export type ClusterCalls = {
  vectors: VectorsCall;
  texts: TextsCall;
  /** clusters of the held vectors, named from the held texts */
  cluster: { params: { space: string; vectorsId: number; textsId: number; settings: ClusterSettings }; result: Clustering };
  /** one cluster of `labels` split in two, every cluster named again */
  split: {
    params: { space: string; vectorsId: number; textsId: number; labels: Int32Array; cluster: number };
    result: Pick<Clustering, 'labels' | 'clusters' | 'unclustered'>;
  };
  /** the level below `labels`' clusters (`names` are theirs), for labels that deepen with zoom */
  fine: { params: { space: string; vectorsId: number; textsId: number; labels: Int32Array; names: string[][] }; result: FineClusters };
};

export type ClusterProgress = { type: 'progress'; id: number; done: number; total: number };
export type ClusterInbox = WorkerInbox<ClusterCalls>;
export type ClusterOutbox = WorkerOutbox<ClusterCalls, ClusterProgress>;

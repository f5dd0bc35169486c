// Clusters follow the corpus: each commit of new vectors (workspace/commit.ts), or a change of
// method, clusters them again in the cluster worker, which holds the vectors and texts (vectorSync.ts). A newer corpus
// or run cancels the one in progress. Clustering does not hold up the status line: it has its own
// progress in the "Colour and clusters" panel, with "Stop clustering".
import { CancelledError } from '../core/batching';
import { type ClusterSettings, clusterSummary } from '../core/clustering/clusters';
import { WorkerStopped } from '../workers/rpc';
import { workspace } from './workspace/data';
import { useOrreryStore } from './store';
import { shareTexts, shareVectors } from './vectorSync';
import { clusterClient } from './workers';

const store = useOrreryStore;
let running: AbortController | null = null;

/** Clusters the committed corpus with the current settings; never rejects. */
export async function runClusters(): Promise<void> {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const { corpusVersion, clusterSettings: settings } = store.getState();
  const count = workspace.table.texts.length;
  const { vectors, dims } = workspace;
  if (count === 0 || dims === 0 || vectors.length !== count * dims) {
    store.setState({ clusterProgress: null });
    return;
  }
  store.setState({ clusterProgress: 0 });
  try {
    const vectorsId = await shareVectors(clusterClient, vectors, count, dims, controller.signal);
    const textsId = await shareTexts(clusterClient, workspace.table.texts, controller.signal);
    const result = await clusterClient.request(
      'cluster',
      { vectorsId, textsId, settings },
      { signal: controller.signal, onEvent: (e) => running === controller && store.setState({ clusterProgress: e.done / e.total }) },
    );
    if (store.getState().corpusVersion !== corpusVersion) return;
    workspace.clusterLabels = result.labels;
    const { labels: _, clusters, unclustered, ...run } = result;
    store.setState((s) => ({
      clusters,
      unclustered,
      clusterRun: run,
      clusterVersion: s.clusterVersion + 1,
      clusterCorpusVersion: corpusVersion,
      hiddenGroups: s.colourMode === 'cluster' ? [] : s.hiddenGroups,
    }));
    for (const note of run.notes) store.getState().notify('info', note);
  } catch (error) {
    if (error instanceof CancelledError) return;
    const why = error instanceof WorkerStopped ? `because ${error.message}. The next run starts a new worker` : `(${(error as Error).message})`;
    store.getState().notify('error', `Clustering stopped ${why}. The points keep their colours by source until it runs again.`);
  } finally {
    if (running === controller) {
      running = null;
      store.setState({ clusterProgress: null });
    }
  }
}

export function cancelClusters(): void {
  running?.abort();
}

export function setClusterSettings(change: Partial<ClusterSettings>): Promise<void> {
  store.setState((s) => ({ clusterSettings: { ...s.clusterSettings, ...change } }));
  return runClusters();
}

/** Shows clusters that came with the data (a shared view's) instead of clustering again. */
export function applyClusters(labels: Int32Array, names: string[][], note: string): void {
  running?.abort();
  workspace.clusterLabels = labels;
  const { clusters, unclustered } = clusterSummary(labels, names);
  store.setState((s) => ({
    clusters,
    unclustered,
    clusterRun: { method: 'kmeans', silhouette: null, minClusterSize: null, notes: [note] },
    clusterVersion: s.clusterVersion + 1,
    clusterCorpusVersion: s.corpusVersion,
  }));
}

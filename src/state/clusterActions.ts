// Clusters follow a space's data: each commit of new vectors (workspace/commit.ts), or a change of
// method, clusters them again in the cluster worker, which holds each space's vectors and texts
// (vectorSync.ts). A newer version or run of a space cancels its run in progress. Clustering does
// not hold up the status line: the active space's run has its own progress in the "Colour and
// clusters" panel, with "Stop clustering".
import { CancelledError } from '../core/batching';
import { type ClusterSettings, clusterSummary } from '../core/clustering/clusters';
import { WorkerStopped } from '../workers/rpc';
import { nameClustersByMeaning } from './clusterNames';
import { type Space, type SpaceId, spaceOf } from './workspace/data';
import { setSpaceState, spacePatch } from './workspace/spaces';
import { useOrreryStore } from './store';
import { shareTexts, shareVectors } from './vectorSync';
import { viewChanged } from './viewChanged';
import { clusterClient } from './workers';

const store = useOrreryStore;
/** each space's run in progress */
const running = new Map<SpaceId, AbortController>();
const isActive = (id: SpaceId) => store.getState().activeSpace === id;
/** legend entries hidden in a restored workspace, kept through the clustering that follows the restore (same data, same seeded clusters) */
let hiddenAfterRestore: number[] | null = null;

/** The next clustering of the active space keeps these legend entries hidden instead of starting over. */
export function keepHiddenClusters(groups: number[]): void {
  hiddenAfterRestore = groups;
}

/** Clusters a space's committed data (the active space's unless named) with the current settings; never rejects. */
export async function runClusters(id: SpaceId = store.getState().activeSpace): Promise<void> {
  running.get(id)?.abort();
  const controller = new AbortController();
  running.set(id, controller);
  const isMine = () => running.get(id) === controller;
  const progress = (value: number | null) => isMine() && isActive(id) && store.setState({ clusterProgress: value });
  const space = spaceOf(id);
  const { clusterSettings: settings } = store.getState();
  const { version, vectors, dims, table } = space;
  const count = table.texts.length;
  try {
    if (count === 0 || dims === 0 || vectors.length !== count * dims) return;
    progress(0);
    const vectorsId = await shareVectors(clusterClient, id, vectors, count, dims, controller.signal);
    const textsId = await shareTexts(clusterClient, id, table.texts, controller.signal);
    const result = await clusterClient.request(
      'cluster',
      { space: id, vectorsId, textsId, settings },
      { signal: controller.signal, onEvent: (e) => progress(e.done / e.total) },
    );
    if (space.version !== version || !store.getState().spaces[id]) return;
    space.clusterLabels = result.labels;
    const { labels: _, clusters, unclustered, ...run } = result;
    const kept = isActive(id) ? hiddenAfterRestore : null;
    if (isActive(id)) hiddenAfterRestore = null;
    store.setState((s) => ({
      ...spacePatch(s, id, {
        clusters,
        unclustered,
        clusterRun: run,
        clusterVersion: s.spaces[id]!.clusterVersion + 1,
        clusterSpaceVersion: version,
        fineClusters: null,
      }),
      hiddenGroups: s.colourMode === 'cluster' && id === s.activeSpace ? (kept ?? []) : s.hiddenGroups,
    }));
    if (isActive(id)) for (const note of run.notes) store.getState().notify('info', note);
    await nameClustersByMeaning(id, controller.signal);
    await findFineClusters(id, controller.signal);
  } catch (error) {
    if (error instanceof CancelledError) return;
    const why = error instanceof WorkerStopped ? `because ${error.message}. The next run starts a new worker` : `(${(error as Error).message})`;
    store.getState().notify('error', `Clustering stopped ${why}. The points keep their colours by source until it runs again.`);
  } finally {
    progress(null);
    if (isMine()) running.delete(id);
  }
}

/** Stops the active space's clustering. */
export function cancelClusters(): void {
  running.get(store.getState().activeSpace)?.abort();
}

export function setClusterSettings(change: Partial<ClusterSettings>): Promise<void> {
  store.setState((s) => ({ clusterSettings: { ...s.clusterSettings, ...change } }));
  viewChanged();
  return runClusters();
}

/** Splits one of the active space's clusters in two (the others stay); every cluster is named again. */
export async function splitCluster(cluster: number): Promise<void> {
  const id = store.getState().activeSpace;
  running.get(id)?.abort();
  const controller = new AbortController();
  running.set(id, controller);
  const space = spaceOf(id);
  const { version, vectors, dims, table, clusterLabels } = space;
  const before = store.getState().spaces[id]!.clusters.find((c) => c.id === cluster);
  try {
    if (!clusterLabels || !before) return;
    store.setState({ clusterProgress: 0 });
    const vectorsId = await shareVectors(clusterClient, id, vectors, table.texts.length, dims, controller.signal);
    const textsId = await shareTexts(clusterClient, id, table.texts, controller.signal);
    const result = await clusterClient.request(
      'split',
      { space: id, vectorsId, textsId, labels: clusterLabels.slice(), cluster },
      { signal: controller.signal, onEvent: (e) => store.setState({ clusterProgress: e.done / e.total }) },
    );
    if (space.version !== version) return;
    space.clusterLabels = result.labels;
    const note = `“${before.terms.join(' · ')}” (${before.size} chunks) was split in two; every cluster is named again.`;
    setSpaceState(id, (s) => ({
      clusters: result.clusters,
      unclustered: result.unclustered,
      clusterRun: s.clusterRun && { ...s.clusterRun, notes: [...s.clusterRun.notes, note] },
      clusterVersion: s.clusterVersion + 1,
      fineClusters: null,
    }));
    store.getState().notify('info', note);
    await nameClustersByMeaning(id, controller.signal);
    await findFineClusters(id, controller.signal);
  } catch (error) {
    if (!(error instanceof CancelledError)) store.getState().notify('error', `The cluster could not be split: ${(error as Error).message}.`);
  } finally {
    store.setState({ clusterProgress: null });
    if (running.get(id) === controller) running.delete(id);
  }
}

/** Shows clusters that came with a space's data (a shared view's) instead of clustering again. */
export function applyClusters(space: Space, labels: Int32Array, names: string[][], note: string): void {
  running.get(space.id)?.abort();
  space.clusterLabels = labels;
  const { clusters, unclustered } = clusterSummary(labels, names);
  setSpaceState(space.id, (before) => ({
    clusters,
    unclustered,
    clusterRun: { method: 'kmeans', silhouette: null, modularity: null, minClusterSize: null, reducedDims: null, notes: [note] },
    clusterVersion: before.clusterVersion + 1,
    clusterSpaceVersion: space.version,
    fineClusters: null,
  }));
  void findFineClusters(space.id, new AbortController().signal);
}

/** The level below a space's clusters, for labels that deepen with zoom; quietly (no progress), and a newer clustering wins. */
async function findFineClusters(id: SpaceId, signal: AbortSignal): Promise<void> {
  const space = spaceOf(id);
  const { version, vectors, dims, table, clusterLabels } = space;
  const state = store.getState().spaces[id];
  if (!state || state.clusters.length === 0 || clusterLabels.length !== table.texts.length) return;
  const { clusterVersion, clusters } = state;
  try {
    const vectorsId = await shareVectors(clusterClient, id, vectors, table.texts.length, dims, signal);
    const textsId = await shareTexts(clusterClient, id, table.texts, signal);
    const fine = await clusterClient.request(
      'fine',
      { space: id, vectorsId, textsId, labels: clusterLabels.slice(), names: clusters.map((c) => c.terms) },
      { signal },
    );
    if (space.version === version && store.getState().spaces[id]?.clusterVersion === clusterVersion) setSpaceState(id, { fineClusters: fine });
  } catch {
    // without the finer level the labels keep one depth
  }
}

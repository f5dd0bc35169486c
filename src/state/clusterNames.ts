// Cluster names chosen by meaning (core/clustering/namesByMeaning.ts): after each clustering of
// the first space, c-TF-IDF's candidates are embedded by the model that made its vectors and the
// names closest to each cluster's centroid replace the word-count names. Quietly: the status line
// is not touched (a few dozen words take well under a second), and a newer clustering or corpus
// wins. Skipped where the model cannot read the corpus (its vectors there say nothing) or where the
// vectors came from elsewhere (imported: no model made them).
import { clusterCentroids, NAME_TERMS, namesByMeaning } from '../core/clustering/namesByMeaning';
import { READABLE_ENOUGH } from '../core/languageCoverage';
import { denseReading } from './languageCoverage';
import { useOrreryStore as store } from './store';
import { embed } from './embedding';
import { FIRST_SPACE, type SpaceId, spaceOf } from './workspace/data';
import { setSpaceState } from './workspace/spaces';

/** Renames a space's clusters by meaning where its model reads the corpus; never rejects. */
export async function nameClustersByMeaning(id: SpaceId, signal: AbortSignal): Promise<void> {
  const state = store.getState();
  const reading = denseReading();
  if (id !== FIRST_SPACE || state.importedCount > 0 || !reading || reading.corpus < READABLE_ENOUGH) return;
  const space = spaceOf(id);
  const { version, vectors, dims, clusterLabels } = space;
  const { clusters, clusterVersion } = state.spaces[id]!;
  const candidates = clusters.map((c) => c.candidates ?? c.terms);
  if (!clusterLabels || candidates.every((words) => words.length <= NAME_TERMS)) return;
  try {
    const embedded = await embed(candidates.flat(), 'passage', signal, state.modelSource, { quiet: true });
    const now = store.getState().spaces[id];
    if (embedded.dims !== dims || space.version !== version || now?.clusterVersion !== clusterVersion) return;
    const names = namesByMeaning(candidates, embedded.vectors, dims, clusterCentroids(vectors, dims, clusterLabels, clusters.length));
    setSpaceState(id, (s) => ({
      clusters: s.clusters.map((c) => ({ ...c, terms: names[c.id] ?? c.terms })),
      clusterRun: s.clusterRun && { ...s.clusterRun, namedBy: 'meaning' },
      clusterVersion: s.clusterVersion + 1,
    }));
  } catch {
    // the word-count names stay: they are what the user saw already
  }
}

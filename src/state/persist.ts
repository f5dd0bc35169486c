// The saved workspace read back (saving.ts writes it): at start-up, or the one kept before a shared
// view, committed without embedding anything again.
import { withTexts } from '../core/corpus';
import { withVectorsFromRows } from '../core/documentVectors';
import { keepHiddenClusters } from './clusterActions';
import { KEPT, readSaved, SAVED, settingsSnapshot } from './saving';
import { reopenLab } from './labActions';
import { reconnectIndex } from './vectorDbActions';
import { settle } from './status';
import { useOrreryStore } from './store';
import { enqueue } from './tasks';
import { commitWorkspace } from './workspace/commit';

const store = useOrreryStore;

/** Restores a saved workspace (the current one, or the one kept before a shared view); false when there is none (or it cannot be read). */
export async function restoreWorkspace(keys = SAVED): Promise<boolean> {
  const read = await readSaved(keys);
  if (!read) return false;
  const { saved, settings } = read;
  const { chunking, queryText, queryVector, keywordsOnly, retrieval, goldMarks, contextBudget, topK, lab, view, indexLink } = {
    ...settingsSnapshot(),
    queryText: '',
    queryVector: null,
    keywordsOnly: null,
    ...settings,
  };
  // a query of another size (the model changed since) is not restored; one ranked by its keywords is
  const query = queryVector?.length === saved.dims ? queryVector : null;
  const answered = Boolean(query || keywordsOnly);
  store.setState({
    chunking,
    retrieval: topK ? { ...retrieval, topK } : retrieval,
    goldMarks,
    contextBudget,
    queryText: answered ? queryText : '',
    keywordsOnly: answered ? (keywordsOnly ?? null) : null,
    restored: true,
    ...(view && {
      colourMode: view.colourMode,
      colourColumn: view.colourColumn,
      hiddenGroups: view.hiddenGroups,
      clusterSettings: view.clusterSettings,
      filters: view.filters ?? [],
    }),
  });
  // the clusters are made again from the same data and settings, so their hidden entries still mean the same clusters
  if (view?.colourMode === 'cluster') keepHiddenClusters(view.hiddenGroups);
  const documents = withVectorsFromRows(saved.documents, saved.documentVectorsInRows ?? [], saved.table, saved.vectors, saved.dims);
  const table = withTexts(saved.table, documents);
  await commitWorkspace({
    corpus: { documents, table, vectors: saved.vectors, dims: saved.dims },
    made: {
      modelSource: saved.modelSource,
      engine: saved.backend && saved.dtype ? { backend: saved.backend, dtype: saved.dtype } : null,
      queryVector: query,
      projection: saved.projection ?? null,
    },
    layout: {
      params: saved.layoutParams,
      result: { coords: saved.coords, pca: saved.pca, explained: saved.explainedVariance, notes: [], sampled: saved.sampledLayout ?? null },
    },
    // what was just read need not be written back (a kept workspace brought back becomes the current one)
    saved: keys === SAVED,
  });
  // tags name rows of the saved table, which the commit has just put back (a commit moves tags from the table before it)
  store.setState({ tags: view?.tags ?? {} });
  settle();
  // the collection its rows came from, asked for again so queries go through its index
  if (indexLink && table.sources.includes(indexLink.sourceName)) void reconnectIndex(indexLink);
  const when = new Date(saved.savedAt).toLocaleString();
  store
    .getState()
    .notify(
      'info',
      `Restored the workspace saved ${when}: ${table.texts.length.toLocaleString('en')} chunks from ${table.sources.length} sources, nothing embedded again.`,
    );
  // the model lab's space B is made again (its vectors mostly from the cache), in its own task after this one
  if (lab) void reopenLab(lab);
  return true;
}

/** Brings back the workspace kept before a shared view. */
export function restoreKeptWorkspace(): Promise<void> {
  return enqueue(async () => {
    if (!(await restoreWorkspace(KEPT))) store.getState().notify('error', 'The workspace kept before the shared view could not be read.');
  });
}

/** Brings back the saved workspace, in turn with any work the user starts meanwhile. */
export function restore(): Promise<void> {
  return enqueue(async () => {
    await restoreWorkspace();
  });
}

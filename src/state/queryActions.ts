// Queries and selections, answered in the full vector space: a query's top k, a selected chunk's
// true neighbours.
import { assertSameSpace, cosineTopK, rowOf } from '../core/vectors';
import { workspace } from './data';
import { embed } from './embedding';
import { placeQuery } from './layoutActions';
import { settle } from './status';
import { useOrreryStore } from './store';
import { enqueue } from './tasks';

const store = useOrreryStore;

/** Answers the query again on the vectors in the workspace (new vectors, new k); no query, no results. */
export function refreshQuery(): void {
  const { queryVector } = workspace;
  if (!queryVector) {
    workspace.queryCoords = null;
    store.setState((s) => ({ results: [], queryText: '', queryVersion: s.queryVersion + 1 }));
    return;
  }
  const results = cosineTopK(workspace.vectors, workspace.dims, workspace.norms, queryVector, store.getState().topK);
  store.setState((s) => ({ results, queryVersion: s.queryVersion + 1 }));
}

/** Selects a chunk and finds its ten true neighbours; null (or a row that is not there) clears the selection. */
export function select(index: number | null): void {
  if (index === null || index < 0 || index >= workspace.table.texts.length) {
    store.setState({ selected: null, neighbours: [] });
    return;
  }
  const neighbours = cosineTopK(workspace.vectors, workspace.dims, workspace.norms, rowOf(workspace.vectors, workspace.dims, index), 10, index);
  store.setState({ selected: index, neighbours });
}

export function setTopK(k: number): void {
  store.getState().setTopK(k);
  refreshQuery();
}

export function runQuery(text: string): Promise<void> {
  const query = text.trim();
  if (!query) {
    store.getState().notify('error', 'Type a query first.');
    return Promise.resolve();
  }
  return enqueue(async (signal) => {
    if (store.getState().chunkCount === 0) {
      store.getState().notify('error', 'Load a corpus before querying: paste text, drop files or load the demo corpus.');
      settle();
      return;
    }
    const layoutBusy = store.getState().phase === 'layout';
    if (!layoutBusy) store.getState().setStatus('querying', `Searching for “${query}”`);
    const { vectors: queryVector, dims } = await embed([query], 'query', signal);
    const { modelSource, importedCount } = store.getState();
    const origin = importedCount > 0 ? `the ${importedCount} imported vectors have` : 'the vectors on screen have';
    assertSameSpace(
      { subject: `${modelSource.model.label} makes`, dims, noun: 'query vectors' },
      { subject: origin, dims: workspace.dims },
      `Pick a model that makes ${workspace.dims}-d vectors (the one that made them) to query them.`,
    );
    workspace.queryVector = queryVector;
    placeQuery();
    store.setState({ queryText: query });
    refreshQuery();
    if (!layoutBusy) settle();
  });
}

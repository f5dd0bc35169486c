// Share links: the view (corpus, vectors, layout, camera, query, gold marks, selection, clusters,
// colours, search) packed into the URL's fragment, which never reaches a server; opening one
// restores the view with nothing embedded and nothing fetched.
import { DEFAULT_LAYOUT, type LayoutParams } from '../core/layoutRun';
import { DEFAULT_RETRIEVAL, type RetrievalSettings } from '../core/retrieval/retrieve';
import { decodeSnapshot, encodeSnapshot, SnapshotError, type ViewSnapshot } from '../core/snapshot/codec';
import { snapshotCorpus } from '../core/snapshot/restoreCorpus';
import { cancelClusters } from './clusterActions';
import { commitCorpus } from './corpus';
import { workspace } from './data';
import { finishLayout, setLayoutParams } from './layoutActions';
import { refreshQuery, select } from './queryActions';
import { settle } from './status';
import { useOrreryStore } from './store';
import { choose, setSearch } from './viewActions';

const store = useOrreryStore;
/** what Chromium's address bar shows; chat apps cut long messages well before Chromium's 2 MiB */
export const COMFORTABLE_LINK_BYTES = 32 * 1024;

/** The view now, as the codec takes it. */
export function snapshotOfView(): ViewSnapshot {
  const s = store.getState();
  const { table } = workspace;
  const clustered = workspace.clusterLabels.length === table.texts.length && table.texts.length > 0;
  return {
    model: { id: s.modelSource.model.id, dtype: s.dtype },
    chunking: { ...s.chunking },
    corpus: { sources: table.sources, texts: table.texts, sourceIds: table.sourceIds },
    layout: { params: { ...s.layoutParams } as unknown as ViewSnapshot['layout']['params'], coords: workspace.coords },
    vectors: workspace.dims > 0 ? { dims: workspace.dims, data: workspace.vectors } : null,
    camera: s.camera,
    query: s.queryText ? { text: s.queryText, vector: workspace.queryVector, retrieval: { ...s.retrieval } } : null,
    goldMarks: s.goldMarks,
    selected: s.selected,
    chosen: s.chosen,
    clusters: clustered ? { labels: workspace.clusterLabels, names: s.clusters.map((c) => c.terms) } : null,
    colour: { mode: s.colourMode, column: s.colourColumn, hidden: s.hiddenGroups },
    search: s.searchText,
  };
}

/** Makes the share link of the view now and keeps it (with its size) for the Share panel; false when it could not. */
export async function makeShareLink(): Promise<boolean> {
  if (workspace.table.texts.length === 0) return false;
  try {
    const fragment = await encodeSnapshot(snapshotOfView());
    const url = `${location.origin}${location.pathname}#${fragment}`;
    store.setState({ shareLink: { url, bytes: new TextEncoder().encode(url).length } });
    return true;
  } catch (error) {
    store.getState().notify('error', `The share link could not be made: ${(error as Error).message}`);
    return false;
  }
}

const isEnum = <T extends string>(value: unknown, allowed: readonly T[]): value is T => allowed.includes(value as T);
const isCount = (value: unknown, max: number): value is number => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;

/** The sender's layout method and view; its other settings as this app's defaults (the coordinates came with the link). */
function layoutParamsOf(params: ViewSnapshot['layout']['params']): LayoutParams {
  const method = isEnum(params.method, ['pca', 'umap', 'tsne'] as const) ? params.method : 'pca';
  const dims = params.dims === 2 ? 2 : 3;
  const base = { ...DEFAULT_LAYOUT[method], dims } as LayoutParams;
  const axes = params.axes;
  if (base.method === 'pca' && Array.isArray(axes) && axes.length === 3 && axes.every((a) => Number.isInteger(a) && a >= 0 && a < 64)) base.axes = axes as [number, number, number];
  return base;
}

function retrievalOf(r: Record<string, unknown>): RetrievalSettings {
  return {
    ...DEFAULT_RETRIEVAL,
    ...(isEnum(r.retriever, ['dense', 'bm25', 'hybrid'] as const) && { retriever: r.retriever }),
    ...(isEnum(r.metric, ['cosine', 'dot', 'euclidean'] as const) && { metric: r.metric }),
    ...(isCount(r.topK, 100) && { topK: r.topK }),
  };
}

/** Restores a view from a share link's fragment; a bad link is said and changes nothing. Resolves true when a view was restored. */
export async function openShareLink(fragment: string): Promise<boolean> {
  let snapshot: ViewSnapshot;
  try {
    snapshot = await decodeSnapshot(fragment);
  } catch (error) {
    const why = error instanceof SnapshotError ? error.message : `it could not be read (${(error as Error).message})`;
    store.getState().notify('error', `This share link cannot be opened: ${why}. Your workspace is as it was.`);
    return false;
  }
  const { documents, table } = snapshotCorpus(snapshot.corpus.sources, snapshot.corpus.texts, snapshot.corpus.sourceIds);
  const count = table.texts.length;
  const dims = snapshot.vectors?.dims ?? 0;
  const params = layoutParamsOf(snapshot.layout.params);
  store.setState({
    retrieval: snapshot.query ? retrievalOf(snapshot.query.retrieval) : DEFAULT_RETRIEVAL,
    queryText: snapshot.query?.vector ? snapshot.query.text : '',
    colourMode: snapshot.colour.mode,
    colourColumn: snapshot.colour.column,
  });
  const answered = commitCorpus({ documents, table, vectors: snapshot.vectors?.data ?? new Float32Array(0), dims }, { queryVector: snapshot.query?.vector ?? null });
  setLayoutParams(params);
  finishLayout(params, { coords: snapshot.layout.coords, pca: null, explained: [], notes: [] });
  // the sender's clusters, not a new run
  cancelClusters();
  if (snapshot.clusters) {
    workspace.clusterLabels = snapshot.clusters.labels;
    const sizes = new Map<number, number>();
    for (const l of snapshot.clusters.labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
    store.setState((s) => ({
      clusters: snapshot.clusters!.names.map((terms, id) => ({ id, size: sizes.get(id) ?? 0, terms })),
      unclustered: sizes.get(-1) ?? 0,
      clusterRun: { method: 'kmeans', silhouette: null, minClusterSize: null, notes: ['Clusters as the link’s sender saw them.'] },
      clusterVersion: s.clusterVersion + 1,
      clusterCorpusVersion: s.corpusVersion,
    }));
  }
  store.setState({ hiddenGroups: snapshot.colour.hidden, cameraRestore: { version: store.getState().cameraRestore.version + 1, camera: snapshot.camera } });
  await answered;
  // gold marks name rows of this corpus: a commit maps marks from the corpus before it, so they come after
  store.setState({ goldMarks: snapshot.goldMarks });
  await refreshQuery();
  select(snapshot.selected);
  if (snapshot.chosen.length > 0) choose(snapshot.chosen, 'Shared selection');
  if (snapshot.search) setSearch(snapshot.search);
  settle();
  const { model } = snapshot;
  const current = store.getState().modelSource.model;
  const note = model.id !== current.id ? ` It was made with ${model.id}; queries you type now are embedded by ${current.id}${current.dims !== dims ? `, whose vectors (${current.dims}-d) do not match these (${dims}-d)` : ''}.` : '';
  store.getState().notify('info', `Opened a shared view: ${count} chunks from ${snapshot.corpus.sources.length} sources, nothing embedded or downloaded.${note}`);
  return true;
}

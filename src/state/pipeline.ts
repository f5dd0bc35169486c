// The data flow as actions: documents -> chunks -> vectors (embed worker) -> coords (layout
// worker); queries and selections are answered in the full vector space.
import { CancelledError } from '../core/batching';
import { appendChunks, chunkDocuments, parseTopicMarkdown, type SourceDocument } from '../core/corpus';
import { DEFAULT_LAYOUT, type PcaParams } from '../core/layoutRun';
import { shouldPlace } from '../core/placement';
import { embeddingProgress } from '../core/progress';
import { cosineTopK, rowNorms, rowOf } from '../core/vectors';
import type { ModelSource, Purpose } from '../workers/embed.protocol';
import { workspace } from './data';
import { cancelLayout, finishLayout, isLayoutRunning, placeNewRows, placeQuery, runLayout, setLayoutParams } from './layoutActions';
import { METHOD_LABEL, settle } from './status';
import { useOrreryStore } from './store';
import { embedClient, layoutClient } from './workers';

const store = useOrreryStore;
let queue: Promise<void> = Promise.resolve();
let running: AbortController | null = null;

/** Runs tasks one after another, each with its own cancel signal; errors never lose the workspace. */
function enqueue(task: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const run = async () => {
    const controller = new AbortController();
    running = controller;
    try {
      await task(controller.signal);
    } catch (error) {
      const { chunkCount } = store.getState();
      if (error instanceof CancelledError) {
        store.getState().notify('info', `Cancelled. The ${chunkCount} chunks already loaded are kept.`);
      } else {
        store.getState().notify('error', (error as Error).message || String(error));
      }
      settle();
    } finally {
      running = null;
    }
  };
  queue = queue.then(run, run);
  return queue;
}

export function cancelRunning(): void {
  running?.abort();
  cancelLayout();
}

function downloadStatus(file: string, loaded: number, total: number): void {
  const mb = (x: number) => (x / 1e6).toFixed(1);
  const percent = total > 0 ? ` (${Math.round((100 * loaded) / total)}%)` : '';
  store.setState({ download: { file, loaded, total } });
  store.getState().setStatus('loading', `Downloading ${file}: ${mb(loaded)} / ${mb(total)} MB${percent}`, total > 0 ? { done: loaded, total } : null);
}

async function embed(texts: string[], purpose: Purpose, signal: AbortSignal, source = store.getState().modelSource) {
  const { setStatus } = store.getState();
  // the rate counts from the first finished batch, so that loading the model does not skew it
  let first: { time: number; done: number } | null = null;
  try {
    return await embedClient.request(
      (id) => ({ type: 'embed', id, source, texts, purpose }),
      [],
      (event) => {
        if (event.type === 'download') downloadStatus(event.file, event.loaded, event.total);
        if (purpose === 'query') return;
        if (event.type === 'status') setStatus('loading', event.message);
        if (event.type === 'progress') {
          const now = performance.now();
          first ??= { time: now, done: event.done };
          const rate = now > first.time ? (event.done - first.done) / ((now - first.time) / 1000) : null;
          setStatus('embedding', embeddingProgress(event.done, event.total, rate), { done: event.done, total: event.total });
        }
      },
      signal,
    );
  } finally {
    store.setState({ download: null });
  }
}

/**
 * Lays out new or replaced vectors: PCA first (fast), committed together with `commit` so that a
 * cancel or an error changes nothing; then the chosen method, if another, streams over it.
 */
async function layOutAndCommit(vectors: Float32Array, count: number, dims: number, signal: AbortSignal, commit: () => void): Promise<void> {
  const { layoutParams } = store.getState();
  const params: PcaParams = layoutParams.method === 'pca' ? layoutParams : { ...DEFAULT_LAYOUT.pca, dims: layoutParams.dims };
  cancelLayout(); // a layout of the old vectors is stale now
  store.getState().setStatus('layout', `Laying out ${count} points (PCA)`);
  const copy = vectors.slice(); // the worker takes this copy; the original stays here
  const placed = await layoutClient.request((id) => ({ type: 'layout', id, params, vectors: copy, count, dims }), [copy.buffer], undefined, signal);
  if (signal.aborted) throw new CancelledError();
  commit();
  setLayoutParams(params);
  finishLayout(params, placed);
  retrieve();
  settle();
  if (layoutParams.method !== 'pca') void runLayout(layoutParams);
}

function retrieve(): void {
  const { queryVector } = workspace;
  if (!queryVector) return;
  const results = cosineTopK(workspace.vectors, workspace.dims, workspace.norms, queryVector, store.getState().topK);
  store.setState((s) => ({ results, queryVersion: s.queryVersion + 1 }));
}

export function addDocuments(documents: SourceDocument[]): Promise<void> {
  store.setState({ resumable: null });
  return enqueue(async (signal) => {
    // if this is cancelled, the same documents can be resumed: finished batches are cached
    signal.addEventListener('abort', () => store.setState({ resumable: documents }), { once: true });
    const table = chunkDocuments(documents);
    const names = documents.map((d) => d.name).join(', ');
    if (table.texts.length === 0) {
      store.getState().notify('error', `Nothing to add from ${names || 'the input'}: it is empty or only whitespace.`);
      settle();
      return;
    }
    store.getState().setStatus('embedding', `Embedding 0 / ${table.texts.length}`, { done: 0, total: table.texts.length });
    const { vectors, truncated, dims, backend, dtype } = await embed(table.texts, 'passage', signal);
    const merged = new Float32Array(workspace.vectors.length + vectors.length);
    merged.set(workspace.vectors);
    merged.set(vectors, workspace.vectors.length);
    const existing = workspace.table.texts.length;
    const count = existing + table.texts.length;
    const { layoutParams } = store.getState();
    const norms = new Float32Array(count);
    norms.set(workspace.norms);
    norms.set(rowNorms(vectors, dims), existing);
    const commitCorpus = () => {
      Object.assign(workspace, { table: appendChunks(workspace.table, table), vectors: merged, norms, dims });
      store.setState((s) => ({
        dims,
        backend,
        dtype,
        chunkCount: count,
        sources: workspace.table.sources,
        corpusVersion: s.corpusVersion + 1,
        truncatedChunks: s.truncatedChunks + truncated,
      }));
    };
    const { model } = store.getState().modelSource;
    if (truncated > 0) store.getState().notify('info', `${truncated} of the new chunks are longer than ${model.label}'s ${model.maxTokens}-token input: the model reads only their start.`);
    if (!isLayoutRunning() && shouldPlace(table.texts.length, existing, dims)) {
      // a few new chunks join the picture on screen instead of re-drawing it
      commitCorpus();
      placeNewRows(existing);
      retrieve();
      const how = layoutParams.method === 'pca' ? 'projected onto its axes' : 'put next to their nearest chunks';
      store.getState().notify('info', `${table.texts.length} new chunks were ${how} in the ${METHOD_LABEL[layoutParams.method]} layout, not laid out (shown paler). Run layout to include them.`);
      settle();
      return;
    }
    await layOutAndCommit(merged, count, dims, signal, commitCorpus);
  });
}

/** Embeds a cancelled addition again; the worker's cache skips the batches already done. */
export function resume(): Promise<void> {
  const documents = store.getState().resumable;
  return documents ? addDocuments(documents) : Promise.resolve();
}

export async function loadDemo(): Promise<void> {
  store.getState().setStatus('loading', 'Loading the demo corpus');
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}demo/corpus.md`);
    if (!response.ok) throw new Error(`the demo corpus could not be loaded (HTTP ${response.status})`);
    await addDocuments(parseTopicMarkdown(await response.text()));
  } catch (error) {
    store.getState().notify('error', (error as Error).message);
    settle();
  }
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
    workspace.queryVector = (await embed([query], 'query', signal)).vectors;
    placeQuery();
    store.setState({ queryText: query });
    retrieve();
    if (!layoutBusy) settle();
  });
}

/**
 * Switches to another model: loads it (downloading if needed) first, so a failure leaves the
 * current model and vectors in place; then re-embeds every chunk (cached vectors are reused)
 * and the last query, and lays the new vectors out.
 */
export function switchModel(source: ModelSource): Promise<void> {
  return enqueue(async (signal) => {
    store.getState().setStatus('loading', `Loading model ${source.model.label}`);
    const loaded = await embedClient.request(
      (id) => ({ type: 'load', id, source }),
      [],
      (event) => event.type === 'download' && downloadStatus(event.file, event.loaded, event.total),
      signal,
    ).finally(() => store.setState({ download: null }));
    const count = workspace.table.texts.length;
    const switched = { modelSource: source, dims: loaded.dims, backend: loaded.backend, dtype: loaded.dtype };
    if (count === 0) {
      store.setState(switched);
      store.getState().notify('info', `${source.model.label} is ready (${loaded.dims}-d, ${loaded.dtype}, ${loaded.backend}).`);
      settle();
      return;
    }
    store.getState().setStatus('embedding', `Embedding 0 / ${count}`, { done: 0, total: count });
    const { vectors, dims, truncated, computed } = await embed(workspace.table.texts, 'passage', signal, source);
    const { queryText } = store.getState();
    const queryVector = queryText ? (await embed([queryText], 'query', signal, source)).vectors : null;
    await layOutAndCommit(vectors, count, dims, signal, () => {
      Object.assign(workspace, { vectors, norms: rowNorms(vectors, dims), dims, queryVector });
      store.setState((s) => ({ ...switched, dims, corpusVersion: s.corpusVersion + 1, truncatedChunks: truncated }));
      const { selected } = store.getState();
      if (selected !== null) select(selected);
    });
    store.getState().notify('info', `Now showing ${source.model.label} vectors (${dims}-d): ${computed} of ${count} chunks embedded, the rest from the cache.`);
  });
}

export function setTopK(k: number): void {
  store.getState().setTopK(k);
  retrieve();
}

export function select(index: number | null): void {
  if (index === null || index < 0 || index >= workspace.table.texts.length) {
    store.setState({ selected: null, neighbours: [] });
    return;
  }
  const neighbours = cosineTopK(workspace.vectors, workspace.dims, workspace.norms, rowOf(workspace.vectors, workspace.dims, index), 10, index);
  store.setState({ selected: index, neighbours });
}

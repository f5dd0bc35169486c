// The data flow as actions: documents -> chunks -> vectors (embed worker) -> coords (layout
// worker); queries and selections are answered in the full vector space.
import { CancelledError } from '../core/batching';
import { appendChunks, type ChunkTable, importedRow, parseTopicMarkdown, type SourceDocument, withTexts } from '../core/corpus';
import { tableDocument } from '../core/ingest/records';
import { DEFAULT_LAYOUT, type PcaParams } from '../core/layoutRun';
import { shouldPlace } from '../core/placement';
import { cosineTopK, rowNorms, rowOf } from '../core/vectors';
import type { Backend, ModelSource } from '../workers/embed.protocol';
import type { IngestFile } from '../workers/ingest.protocol';
import { emptyWorkspace, workspace } from './data';
import { cancelLayout, finishLayout, isLayoutRunning, placeNewRows, placeQuery, runLayout, setLayoutParams } from './layoutActions';
import { clearSavedWorkspace, restoreWorkspace } from './persist';
import { METHOD_LABEL, settle } from './status';
import { useOrreryStore } from './store';
import { embedClient, ingestClient, layoutClient } from './workers';
import { downloadStatus, embed, type Embedded, SPEED_TEST_MIN_TEXTS, tuned } from './embedding';

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

/** Vectors a workspace may hold: beyond this a browser tab runs out of memory. */
const MAX_VECTOR_BYTES = 2 ** 30;

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

/** Answers the last query again (new vectors, new k). */
export function retrieve(): void {
  const { queryVector } = workspace;
  if (!queryVector) return;
  const results = cosineTopK(workspace.vectors, workspace.dims, workspace.norms, queryVector, store.getState().topK);
  store.setState((s) => ({ results, queryVersion: s.queryVersion + 1 }));
}

/** Chunks documents in the ingest worker (the tokens strategy needs the model's tokenizer there). */
async function chunkInWorker(documents: SourceDocument[], signal: AbortSignal): Promise<ChunkTable> {
  const { chunking, modelSource } = store.getState();
  const result = await ingestClient.request((id) => ({ type: 'chunk', id, documents, chunking, tokenizer: modelSource }), [], undefined, signal);
  return withTexts(result.table, documents);
}

interface ChunkVectors {
  vectors: Float32Array;
  dims: number;
  /** how the model ran, when it ran */
  engine: { backend: Backend; dtype: string } | null;
  tokens: Int32Array;
  truncated: number;
  computed: number;
}

/**
 * The vectors of a chunk table: imported rows from their files, the other rows embedded by the
 * model (through the caches). Both must share one dimension.
 */
async function vectorsFor(documents: SourceDocument[], table: ChunkTable, signal: AbortSignal, source = store.getState().modelSource): Promise<ChunkVectors> {
  const count = table.texts.length;
  const textRows: number[] = [];
  for (let i = 0; i < count; i++) if (!table.imported[i]) textRows.push(i);
  const importers = documents.filter((d) => d.vectors);
  const importedDims = importers[0]?.vectors?.dims ?? 0;
  const odd = importers.find((d) => d.vectors!.dims !== importedDims);
  if (odd) throw new Error(`${odd.name} holds ${odd.vectors!.dims}-d vectors but ${importers[0]!.name} holds ${importedDims}-d: vectors of different sizes cannot share one space.`);
  const bytes = count * (importedDims || source.model.dims || 1024) * 4;
  if (bytes > MAX_VECTOR_BYTES) {
    throw new Error(
      `${documents.map((d) => d.name).join(', ')}: ${count.toLocaleString('en')} chunks would need ${(bytes / 1e9).toFixed(1)} GB of vectors, more than this page can hold (${MAX_VECTOR_BYTES / 2 ** 30} GiB). Use a larger chunk size, or add the files in parts.`,
    );
  }
  let embedded: Embedded | null = null;
  if (textRows.length > 0) {
    if (textRows.length >= SPEED_TEST_MIN_TEXTS) source = await tuned(source, signal);
    store.getState().setStatus('embedding', `Embedding 0 / ${textRows.length}`, { done: 0, total: textRows.length });
    embedded = await embed(textRows.map((i) => table.texts[i]!), 'passage', signal, source);
    if (importedDims && embedded.dims !== importedDims) {
      throw new Error(
        `${importers[0]!.name} holds ${importedDims}-d vectors but ${source.model.label} makes ${embedded.dims}-d vectors: they cannot share one space. Clear the workspace to look at the imported vectors on their own, or pick a ${importedDims}-d model.`,
      );
    }
  }
  const dims = embedded?.dims ?? importedDims;
  const vectors = new Float32Array(count * dims);
  const tokens = new Int32Array(count).fill(-1);
  textRows.forEach((row, k) => {
    vectors.set(embedded!.vectors.subarray(k * dims, (k + 1) * dims), row * dims);
    tokens[row] = embedded!.tokens[k] ?? -1;
  });
  for (let i = 0; i < count; i++) {
    if (table.imported[i]) vectors.set(importedRow(documents[table.sourceIds[i]!]!, table.sectionIds[i]!), i * dims);
  }
  const engine = embedded ? { backend: embedded.backend, dtype: embedded.dtype } : null;
  return { vectors, dims, engine, tokens, truncated: embedded?.truncated ?? 0, computed: embedded?.computed ?? 0 };
}

const importedCount = (table: ChunkTable) => table.imported.reduce((n, x) => n + x, 0);

function noteTruncated(truncated: number, what: string): void {
  const { model } = store.getState().modelSource;
  if (truncated > 0) store.getState().notify('info', `${truncated} of ${what} are longer than ${model.label}'s ${model.maxTokens}-token input: the model reads only their start. They are marked in Sources.`);
}

/** Embeds chunked documents and adds them to the workspace: placed into the layout if few, laid out again if many. */
async function addChunked(documents: SourceDocument[], chunked: ChunkTable, signal: AbortSignal): Promise<void> {
  // if this is cancelled, the same documents can be resumed: finished batches are cached
  signal.addEventListener('abort', () => store.setState({ resumable: documents }), { once: true });
  const names = documents.map((d) => d.name).join(', ');
  if (chunked.texts.length === 0) {
    store.getState().notify('error', `Nothing to add from ${names || 'the input'}: it is empty or only whitespace.`);
    settle();
    return;
  }
  const { vectors, dims, engine, tokens, truncated, computed } = await vectorsFor(documents, chunked, signal);
  const table = { ...chunked, tokens };
  const existing = workspace.table.texts.length;
  if (existing > 0 && dims !== workspace.dims) {
    const { model } = store.getState().modelSource;
    throw new Error(
      importedCount(table) === table.texts.length
        ? `${names}: these vectors have ${dims} dimensions, the workspace's have ${workspace.dims}: they cannot share one space. Clear the workspace to look at them on their own.`
        : `${names}: ${model.label} makes ${dims}-d vectors, but the workspace's have ${workspace.dims} dimensions: they cannot share one space. Clear the workspace first, or pick a ${workspace.dims}-d model.`,
    );
  }
  const merged = new Float32Array(workspace.vectors.length + vectors.length);
  merged.set(workspace.vectors);
  merged.set(vectors, workspace.vectors.length);
  const count = existing + table.texts.length;
  const { layoutParams } = store.getState();
  const norms = new Float32Array(count);
  norms.set(workspace.norms);
  norms.set(rowNorms(vectors, dims), existing);
  const commitCorpus = () => {
    Object.assign(workspace, { documents: [...workspace.documents, ...documents], table: appendChunks(workspace.table, table), vectors: merged, norms, dims });
    store.setState((s) => ({
      ...engine,
      dims,
      chunkCount: count,
      sources: workspace.table.sources,
      corpusVersion: s.corpusVersion + 1,
      truncatedChunks: s.truncatedChunks + truncated,
      embeddedCount: s.embeddedCount + computed,
      importedCount: s.importedCount + importedCount(table),
      resumable: null,
    }));
  };
  noteTruncated(truncated, 'the new chunks');
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
}

/** Adds pasted text or the demo corpus. */
export function addDocuments(documents: SourceDocument[]): Promise<void> {
  store.setState({ resumable: null });
  return enqueue(async (signal) => addChunked(documents, await chunkInWorker(documents, signal), signal));
}

/** UTF-8 to text a few MB at a time, yielding between slices so the page keeps answering. */
async function decodeInSlices(bytes: Uint8Array): Promise<string> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  const slice = 4 << 20;
  for (let at = 0; at < bytes.length; at += slice) {
    parts.push(decoder.decode(bytes.subarray(at, at + slice), { stream: at + slice < bytes.length }));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return parts.join('');
}

/** Reads, parses and adds files (any supported format; folders arrive as their files). */
export function addFiles(files: IngestFile[]): Promise<void> {
  if (files.length === 0) return Promise.resolve();
  store.setState({ resumable: null });
  return enqueue(async (signal) => {
    store.getState().setStatus('loading', `Reading ${files.length} ${files.length === 1 ? 'file' : 'files'}`);
    const { chunking, modelSource } = store.getState();
    const result = await ingestClient.request(
      (id) => ({ type: 'parse', id, files, chunking, tokenizer: modelSource }),
      [],
      (event) => event.type === 'progress' && store.getState().setStatus('loading', event.message, { done: event.done, total: event.total }),
      signal,
    );
    for (const problem of result.problems) store.getState().notify('error', problem);
    for (const note of result.notes) store.getState().notify('info', note);
    if (result.documents.length === 0) {
      settle();
      return;
    }
    for (const { document, bytes } of result.texts) result.documents[document]!.text = await decodeInSlices(bytes);
    await addChunked(result.documents, withTexts(result.table, result.documents), signal);
  });
}

/**
 * Chunks every document again (new chunking options, another text column): unchanged chunks
 * come from the cache, the others are embedded; then the new chunks are laid out.
 */
export function rechunk(documents: SourceDocument[] = workspace.documents): Promise<void> {
  return enqueue(async (signal) => {
    if (documents.length === 0) {
      settle();
      return;
    }
    store.getState().setStatus('loading', `Chunking ${documents.length} documents`);
    const chunked = await chunkInWorker(documents, signal);
    if (chunked.texts.length === 0) throw new Error('These chunking settings leave no chunks.');
    const { vectors, dims, engine, tokens, truncated, computed } = await vectorsFor(documents, chunked, signal);
    const before = workspace.table.texts.length;
    const count = chunked.texts.length;
    await layOutAndCommit(vectors, count, dims, signal, () => {
      Object.assign(workspace, { documents, table: { ...chunked, tokens }, vectors, norms: rowNorms(vectors, dims), dims });
      store.setState((s) => ({
        ...engine,
        dims,
        chunkCount: count,
        sources: chunked.sources,
        corpusVersion: s.corpusVersion + 1,
        truncatedChunks: truncated,
        embeddedCount: s.embeddedCount + computed,
        importedCount: importedCount(chunked),
        selected: null,
        neighbours: [],
      }));
    });
    noteTruncated(truncated, 'the chunks');
    store.getState().notify('info', `Re-chunked: ${count} chunks (before: ${before}); ${computed} embedded, the rest from the cache.`);
  });
}

/** Uses another column of a table as its text, and chunks everything again. */
export function setTextField(sourceIndex: number, field: string): Promise<void> {
  const doc = workspace.documents[sourceIndex];
  if (!doc?.table) return Promise.resolve();
  const changed = tableDocument(doc.name, doc.format ?? 'csv', { ...doc.table, textField: field }, doc.vectors);
  return rechunk(workspace.documents.map((d, i) => (i === sourceIndex ? changed : d)));
}

/** Embeds a cancelled addition again; the embedding cache skips the batches already done. */
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
    const { vectors: queryVector, dims } = await embed([query], 'query', signal);
    if (dims !== workspace.dims) {
      const { model } = store.getState().modelSource;
      const { importedCount } = store.getState();
      const origin = importedCount > 0 ? `the ${importedCount} imported vectors` : 'the vectors on screen';
      throw new Error(`${model.label} makes ${dims}-d query vectors, but ${origin} have ${workspace.dims} dimensions: they cannot be compared. Pick a model that makes ${workspace.dims}-d vectors (the one that made them) to query them.`);
    }
    workspace.queryVector = queryVector;
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
    const { documents, table } = workspace;
    const { vectors, dims, engine, tokens, truncated, computed } = await vectorsFor(documents, table, signal, source);
    const { queryText } = store.getState();
    // imported vectors of another size cannot be queried with this model (runQuery says so)
    const queryVector = queryText && loaded.dims === dims ? (await embed([queryText], 'query', signal, source)).vectors : null;
    if (loaded.dims !== dims) {
      store.getState().notify('info', `${source.model.label} makes ${loaded.dims}-d vectors; the imported vectors have ${dims}: queries need a ${dims}-d model.`);
    }
    await layOutAndCommit(vectors, count, dims, signal, () => {
      Object.assign(workspace, { vectors, norms: rowNorms(vectors, dims), dims, queryVector, table: { ...table, tokens } });
      store.setState((s) => ({ ...switched, ...engine, dims, corpusVersion: s.corpusVersion + 1, truncatedChunks: truncated, embeddedCount: s.embeddedCount + computed }));
      if (!queryVector) store.setState({ results: [], queryText: '' });
      const { selected } = store.getState();
      if (selected !== null) select(selected);
    });
    store.getState().notify('info', `Now showing ${source.model.label} vectors (${dims}-d): ${computed} of ${count - store.getState().importedCount} chunks embedded, the rest from the cache${store.getState().importedCount > 0 ? ' (imported vectors kept)' : ''}.`);
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

/** Empties the workspace, here and in IndexedDB; the embedding cache stays unless asked. */
export function clearWorkspace(alsoCache = false): Promise<void> {
  cancelRunning();
  return enqueue(async () => {
    cancelLayout();
    Object.assign(workspace, emptyWorkspace());
    store.setState((s) => ({
      chunkCount: 0,
      sources: [],
      corpusVersion: s.corpusVersion + 1,
      layoutVersion: s.layoutVersion + 1,
      queryVersion: s.queryVersion + 1,
      importedCount: 0,
      truncatedChunks: 0,
      resumable: null,
      restored: false,
      results: [],
      queryText: '',
      selected: null,
      neighbours: [],
      quality: null,
      placedCount: 0,
      explainedVariance: [],
      dims: 0,
    }));
    await clearSavedWorkspace();
    if (alsoCache) await embedClient.request((id) => ({ type: 'clear-cache', id }), []);
    store.getState().notify('info', alsoCache ? 'The workspace and the embedding cache are empty.' : 'The workspace is empty. (Vectors already computed stay cached: adding the same text again embeds nothing.)');
    settle();
  });
}

/** Brings back the saved workspace, in turn with any work the user starts meanwhile. */
export function restore(): Promise<void> {
  return enqueue(async () => {
    await restoreWorkspace();
  });
}

// Corpus actions as tasks: documents → chunks (ingest worker) → vectors (embed worker) → a first
// layout, then one commit. Until that commit nothing in the workspace changes, so a cancel or an
// error leaves it as it was.
import type { ModelSource } from '../core/models';
import { activeOf } from './slices';
import { CancelledError } from '../core/batching';
import type { ChunkOptions } from '../core/chunking';
import { appendChunks, type ChunkTable, parseTopicMarkdown, type SourceDocument, withTexts } from '../core/corpus';
import { tableDocument } from '../core/ingest/records';
import { unpackDocument, unpackTable } from '../core/documentPacking';
import { DEFAULT_LAYOUT, type PcaParams } from '../core/layoutRun';
import { shouldPlace } from '../core/placement';
import { assertSameSpace, type VectorRows } from '../core/vectors';
import type { IngestFile } from '../workers/ingest.protocol';
import { commitEmpty, commitWorkspace, type Corpus, type Made, newVectors } from './workspace/commit';
import { activeSpace } from './workspace/spaces';
import { embedCorpus, noteTruncated } from './embedCorpus';
import { isLayoutRunning, layOutUncommitted, runLayout } from './layoutActions';
import { autosave, clearSavedWorkspace } from './saving';
import { METHOD_LABEL, settle } from './status';
import { useOrreryStore } from './store';
import { cancelRunning, enqueue } from './tasks';
import { embedClient, ingestClient } from './workers';

const store = useOrreryStore;

/**
 * Lays out a new corpus with PCA first (fast), then commits it with that layout, so that a cancel
 * or an error changes nothing; the chosen method, if another, then streams over it.
 */
export async function layOutAndCommit(corpus: Corpus, made: Made, signal: AbortSignal): Promise<void> {
  const { layoutParams } = activeOf(store.getState());
  const params: PcaParams = layoutParams.method === 'pca' ? layoutParams : { ...DEFAULT_LAYOUT.pca, dims: layoutParams.dims };
  const count = corpus.table.texts.length;
  store.getState().setStatus('layout', `Laying out ${count.toLocaleString('en')} points (PCA)`);
  const placed = await layOutUncommitted(activeSpace().id, params, corpus.vectors, count, corpus.dims, signal);
  if (signal.aborted) throw new CancelledError();
  await commitWorkspace({ corpus, made, layout: { params, result: placed } });
  settle();
  if (layoutParams.method !== 'pca') void runLayout(layoutParams);
}

/** Chunks documents in the ingest worker (the tokens strategy needs the model's tokenizer there). */
export async function chunkInWorker(
  documents: SourceDocument[],
  signal: AbortSignal | undefined,
  chunking: ChunkOptions = store.getState().chunking,
  tokenizer: ModelSource = store.getState().modelSource,
): Promise<ChunkTable> {
  const result = await ingestClient.request('chunk', { documents, chunking, tokenizer }, { signal });
  for (const note of result.notes) store.getState().notify('info', note);
  return withTexts(unpackTable(result.table), documents);
}

/** A view that came without vectors (a share link's picture): its chunks embedded by the current model, the layout on screen kept. */
export function embedHeldChunks(): Promise<void> {
  return enqueue(async (signal) => {
    const { documents, table, coords } = activeSpace();
    // the chunks were marked imported (they came with a link): the model makes their vectors now
    const { corpus, made, truncated } = await embedCorpus(documents, { ...table, imported: new Uint8Array(table.texts.length) }, signal);
    // the layout on screen stays: its quality is measured again on the new vectors
    const { layoutParams, explainedVariance } = activeOf(store.getState());
    await commitWorkspace({ corpus, made, layout: { params: layoutParams, result: { coords, pca: null, explained: explainedVariance, notes: [] } } });
    noteTruncated(truncated, 'the chunks');
    settle();
    store
      .getState()
      .notify(
        'info',
        `Embedded the ${corpus.table.texts.length} chunks with ${store.getState().modelSource.model.label}: queries work now; the layout is the one shared.`,
      );
  });
}

/** A query needs vectors: says so and offers to embed the chunks. */
export function offerEmbedding(): void {
  const { chunkCount, modelSource, notify } = store.getState();
  notify(
    'error',
    `The ${chunkCount} chunks on screen have no vectors (the shared view carried none), so a query has nothing to rank. Embed them with ${modelSource.model.label} first; the layout stays.`,
    {
      label: 'Embed the chunks',
      run: () => void embedHeldChunks(),
    },
  );
}

/** The workspace's rows and the new ones, in one new array. */
function joinedVectors(held: VectorRows, added: VectorRows): VectorRows {
  const vectors = newVectors(held.length + added.length, [held, added]);
  vectors.set(held);
  vectors.set(added, held.length);
  return vectors;
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
  const { corpus: added, made, truncated } = await embedCorpus(documents, chunked, signal);
  const existing = activeSpace().table.texts.length;
  if (existing > 0) {
    const allImported = added.table.imported.every((x) => x === 1);
    assertSameSpace(
      { subject: allImported ? `${names}: these vectors have` : `${names}: ${store.getState().modelSource.model.label} makes`, dims: added.dims },
      { subject: "the workspace's have", dims: activeSpace().dims },
      allImported ? 'Clear the workspace to look at them on their own.' : `Clear the workspace first, or pick a ${activeSpace().dims}-d model.`,
    );
  }
  const vectors = activeSpace().vectors.length === 0 ? added.vectors : joinedVectors(activeSpace().vectors, added.vectors);
  const corpus: Corpus = {
    documents: [...activeSpace().documents, ...documents],
    table: appendChunks(activeSpace().table, added.table),
    vectors,
    dims: added.dims,
  };
  store.setState({ resumable: null });
  noteTruncated(truncated, 'the new chunks');
  const { layoutParams } = activeOf(store.getState());
  if (!isLayoutRunning() && shouldPlace(added.table.texts.length, existing, added.dims)) {
    // a few new chunks join the picture on screen instead of re-drawing it
    await commitWorkspace({ corpus, made, layout: { placeFrom: existing } });
    const how = layoutParams.method === 'pca' ? 'projected onto its axes' : 'put next to their nearest chunks';
    store
      .getState()
      .notify(
        'info',
        `${added.table.texts.length} new chunks were ${how} in the ${METHOD_LABEL[layoutParams.method]} layout, not laid out (shown paler). Run layout to include them.`,
      );
    settle();
    return;
  }
  await layOutAndCommit(corpus, made, signal);
}

/** Chunks, embeds and adds documents, within a task that is already running. */
export async function addWithin(documents: SourceDocument[], signal: AbortSignal): Promise<void> {
  await addChunked(documents, await chunkInWorker(documents, signal), signal);
}

/** Adds pasted text or the demo corpus. */
export function addDocuments(documents: SourceDocument[]): Promise<void> {
  store.setState({ resumable: null });
  return enqueue((signal) => addWithin(documents, signal));
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
      'parse',
      { files, chunking, tokenizer: modelSource },
      { onEvent: (event) => store.getState().setStatus('loading', event.message, { done: event.done, total: event.total }), signal },
    );
    for (const problem of result.problems) store.getState().notify('error', problem);
    for (const note of result.notes) store.getState().notify('info', note);
    if (result.documents.length === 0) {
      settle();
      return;
    }
    const documents = result.documents.map(unpackDocument);
    for (const { document, bytes } of result.texts) documents[document]!.text = await decodeInSlices(bytes);
    await addChunked(documents, withTexts(unpackTable(result.table), documents), signal);
  });
}

/**
 * Chunks every document again (new chunking options, another text column): unchanged chunks
 * come from the cache, the others are embedded; then the new chunks are laid out.
 */
export function rechunk(documents: SourceDocument[] = activeSpace().documents): Promise<void> {
  return enqueue((signal) => rechunkWithin(documents, signal));
}

/** Re-chunks (see rechunk) within a task that is already running. */
export async function rechunkWithin(documents: SourceDocument[], signal: AbortSignal, announce = true): Promise<void> {
  if (documents.length === 0) {
    settle();
    return;
  }
  store.getState().setStatus('loading', `Chunking ${documents.length} documents`);
  const chunked = await chunkInWorker(documents, signal);
  if (chunked.texts.length === 0) throw new Error('These chunking settings leave no chunks.');
  const { corpus, made, truncated } = await embedCorpus(documents, chunked, signal);
  const before = activeSpace().table.texts.length;
  await layOutAndCommit(corpus, made, signal);
  noteTruncated(truncated, 'the chunks');
  if (announce)
    store.getState().notify('info', `Re-chunked: ${chunked.texts.length} chunks (before: ${before}); ${made.computed} embedded, the rest from the cache.`);
}

/** After a switch to a model with a smaller input: chunks it cannot read whole can be re-chunked to fit it. */
export function offerRechunk(): void {
  const { truncatedChunks, modelSource, chunking, notify } = store.getState();
  if (truncatedChunks === 0) return;
  const { label, maxTokens } = modelSource.model;
  notify('info', `${truncatedChunks} chunks are longer than ${label}'s ${maxTokens}-token input: it reads only their start.`, {
    label: 'Re-chunk to fit',
    run: () => {
      store.setState({ chunking: { ...chunking, strategy: 'fit' } });
      void rechunk();
    },
  });
}

/** The options for new files, and for everything on the next re-chunk. */
export function setChunking(chunking: ChunkOptions): void {
  store.setState({ chunking });
  autosave();
}

/** Uses another column of a table as its text, and chunks everything again. */
export function setTextField(sourceIndex: number, field: string): Promise<void> {
  const doc = activeSpace().documents[sourceIndex];
  if (!doc?.table) return Promise.resolve();
  const changed = tableDocument(doc.name, doc.format ?? 'csv', { ...doc.table, textField: field }, doc.vectors);
  return rechunk(activeSpace().documents.map((d, i) => (i === sourceIndex ? changed : d)));
}

/** Embeds a cancelled addition again; the embedding cache skips the batches already done. */
export function resume(): Promise<void> {
  const documents = store.getState().resumable;
  return documents ? addDocuments(documents) : Promise.resolve();
}

/** The demo corpus's documents, from the app's own files. */
export async function demoDocuments(): Promise<SourceDocument[]> {
  const response = await fetch(`${import.meta.env.BASE_URL}demo/corpus.md`);
  if (!response.ok) throw new Error(`the demo corpus could not be loaded (HTTP ${response.status})`);
  return parseTopicMarkdown(await response.text());
}

export async function loadDemo(): Promise<void> {
  store.getState().setStatus('loading', 'Loading the demo corpus');
  try {
    await addDocuments(await demoDocuments());
  } catch (error) {
    store.getState().notify('error', (error as Error).message);
    settle();
  }
}

/** Empties the workspace, here and in IndexedDB; the embedding cache stays unless asked. */
export function clearWorkspace(alsoCache = false): Promise<void> {
  cancelRunning();
  return enqueue(async () => {
    await commitEmpty();
    await clearSavedWorkspace();
    if (alsoCache) await embedClient.request('clear-cache', {});
    store
      .getState()
      .notify(
        'info',
        alsoCache
          ? 'The workspace and the embedding cache are empty.'
          : 'The workspace is empty. (Vectors already computed stay cached: adding the same text again embeds nothing.)',
      );
    settle();
  });
}

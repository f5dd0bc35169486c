// The workspace survives a reload: documents, chunks, vectors, layout and settings are written to
// IndexedDB when work settles on something new (autosave, called by the workspace's follow-on jobs
// and when a task settles); persist.ts reads them back.
import type { ChunkOptions } from '../core/chunking';
import type { ClusterSettings } from '../core/clustering/clusters';
import type { ColourMode } from '../core/colouring';
import type { ColumnFilter } from '../core/columnCharts';
import type { Tags } from '../core/tags';
import type { ChunkTable, SourceDocument } from '../core/corpus';
import type { LayoutParams } from '../core/layoutRun';
import type { Backend, ModelSource } from '../core/models';
import type { PcaModel } from '../core/pca';
import type { SnapshotLab } from '../core/snapshot/codec';
import type { Projection } from '../core/snapshot/reduce';
import type { RetrievalSettings } from '../core/retrieval/retrieve';
import { documentsInRows, withoutVectors } from '../core/documentVectors';
import { packDocument, type PackedDocument, unpackDocument } from '../core/documentPacking';
import { isShared, storageOf, type VectorRows, type VectorStorage } from '../core/vectors';
import { clearStore, getValue, putValue, STORES } from '../workers/idb';
import { BLOB_SLICE_BYTES, blobVectors, vectorsBlob } from '../core/vectorBlob';
import { oneCallIngestClient } from './workers';
import { activeSpace } from './workspace/spaces';
import { activeOf, type IndexLink, isBusy } from './slices';
import { labToCarry } from './labSpace';
import { useOrreryStore } from './store';

const store = useOrreryStore;
/** where the current workspace is saved, and the one kept before a shared view replaced it */
export const SAVED = { corpus: 'current', settings: 'settings' };
export const KEPT = { corpus: 'kept', settings: 'kept-settings' };
export const VERSION = 1;

export interface SavedWorkspace {
  version: number;
  savedAt: number;
  documents: SourceDocument[];
  table: ChunkTable;
  vectors: VectorRows;
  dims: number;
  coords: Float32Array;
  pca: PcaModel;
  layoutParams: LayoutParams;
  explainedVariance: number[];
  /** absent in saves from before sampled layouts */
  sampledLayout?: { fitted: number; placed: number } | null;
  modelSource: ModelSource;
  backend: Backend | null;
  dtype: string | null;
  /** the vectors are a share link's reduction (absent in saves from before reductions) */
  projection?: Projection | null;
  /** documents saved without their own vectors, which are their chunks' rows of `vectors` (absent in older saves) */
  documentVectorsInRows?: number[];
}

/**
 * The vectors as stored. IndexedDB cannot store shared memory, and a copy of a big workspace's
 * vectors, structured-cloned again by the write, held three copies at once (1.6 GB at 349,525 × 384):
 * big vectors go in as a Blob, which the browser keeps out of the page. Shared ones are made into it
 * by an ingest worker, which reads the same memory: 3 s of the page's thread at 1,000,000 × 384.
 */
async function storedVectors(vectors: VectorRows): Promise<VectorRows | Blob> {
  if (vectors.byteLength <= BLOB_SLICE_BYTES) return isShared(vectors) ? vectors.slice() : vectors;
  if (!isShared(vectors)) return vectorsBlob(vectors);
  // a worker of its own, closed once it answers: an idle worker may not collect its garbage for
  // minutes, and its handle to the Blob kept the browser's copy of it (0.7 GB at a million rows)
  const client = oneCallIngestClient();
  try {
    return (await client.request('vectorsBlob', { vectors })).blob;
  } catch {
    return vectorsBlob(vectors);
  } finally {
    client.close();
  }
}

/** The workspace as IndexedDB holds it: big vectors as a Blob (storedVectors). */
type StoredWorkspace = Omit<SavedWorkspace, 'vectors' | 'documents'> & {
  documents: PackedDocument[];
  vectors: VectorRows | Blob;
  vectorStorage?: VectorStorage;
};

/** What changes without the vectors: saved on its own, so a query does not rewrite the corpus. */
export interface SavedSettings {
  chunking: ChunkOptions;
  retrieval: RetrievalSettings;
  goldMarks: Record<string, number[]>;
  contextBudget: number;
  /** before retrieval settings were saved whole */
  topK?: number;
  queryText: string;
  queryVector: Float32Array | null;
  /** why the query is ranked by keywords alone; absent in older saves */
  keywordsOnly?: string | null;
  /** the model lab's space B (made again after a reload) and how it is shown; absent before the lab */
  lab?: SnapshotLab | null;
  /** what the points are coloured by, the legend's hidden groups and the clustering's settings; absent in older saves */
  view?: SavedView;
  /** the collection the workspace's rows came from, reconnected after a reload (its token is not kept: it is asked for again) */
  indexLink?: IndexLink | null;
}

export interface SavedView {
  colourMode: ColourMode;
  colourColumn: string | null;
  hiddenGroups: number[];
  clusterSettings: ClusterSettings;
  /** absent in older saves */
  filters?: ColumnFilter[];
  tags?: Tags;
}

/** The workspace now; its vectors' stored form is made meanwhile. */
function snapshot(): Omit<StoredWorkspace, 'vectors'> & { vectors: Promise<VectorRows | Blob> } {
  const s = store.getState();
  const { documents, table, vectors, dims, coords, pca, projection } = activeSpace();
  const inRows = documentsInRows(documents, table, vectors, dims);
  return {
    version: VERSION,
    savedAt: Date.now(),
    // a document's own vectors are stored once, as the workspace's rows (documentVectors.ts)
    documents: withoutVectors(documents, inRows).map(packDocument),
    documentVectorsInRows: inRows,
    // texts are slices of the documents: not stored twice
    table: { ...table, texts: [] },
    vectors: storedVectors(vectors),
    vectorStorage: storageOf(vectors),
    dims,
    coords,
    pca: pca!,
    layoutParams: activeOf(s).layoutParams,
    explainedVariance: activeOf(s).explainedVariance,
    sampledLayout: activeOf(s).sampledLayout,
    modelSource: s.modelSource,
    backend: s.backend,
    dtype: s.dtype,
    projection,
  };
}

export function settingsSnapshot(): SavedSettings {
  const s = store.getState();
  return {
    chunking: s.chunking,
    retrieval: s.retrieval,
    goldMarks: s.goldMarks,
    contextBudget: s.contextBudget,
    queryText: s.queryText,
    queryVector: activeSpace().queryVector,
    keywordsOnly: s.keywordsOnly,
    lab: labToCarry(),
    indexLink: s.indexLink && { ...s.indexLink, connection: { ...s.indexLink.connection, token: '' } },
    view: {
      colourMode: s.colourMode,
      colourColumn: s.colourColumn,
      hiddenGroups: s.hiddenGroups,
      clusterSettings: s.clusterSettings,
      filters: s.filters,
      tags: s.tags,
    },
  };
}

let saving: Promise<void> = Promise.resolve();
let savedCorpus = '';
let savedSettings = '';
let warned = false;
/** saves written so far (window.__orrery.saves: tests wait for a save rather than for time) */
let written = 0;
let pending = 0;

type State = ReturnType<typeof store.getState>;
const corpusVersions = (s: State) => `${s.corpusVersion}/${s.layoutVersion}`;
const settingsVersions = (s: State) =>
  JSON.stringify([
    s.queryVersion,
    s.retrieval,
    s.goldMarks,
    s.contextBudget,
    s.chunking,
    s.lab?.recipe ?? null,
    s.labView,
    s.colourMode,
    s.colourColumn,
    s.hiddenGroups,
    s.clusterSettings,
    s.filters,
    s.tags,
    s.indexLink,
  ]);

/** Why IndexedDB refused a write, in words (a quota error often comes without a message). */
function storageProblem(error: unknown): string {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  if (name === 'QuotaExceededError' || /quota/i.test(message ?? '')) return "this site's storage quota is used up";
  return message || name || 'the browser refused the write';
}

function save(key: string, data: unknown): void {
  pending++;
  saving = saving.then(() =>
    Promise.resolve(data)
      .then((value) => putValue(STORES.workspace, key, value))
      .then(
        () => void written++,
        (error: unknown) => {
          if (warned) return;
          warned = true;
          store.getState().notify('error', `The workspace could not be saved in this browser (${storageProblem(error)}); it will be lost on reload.`);
        },
      )
      .finally(() => pending--),
  );
}

/** Settles when every save asked for so far has been written (or refused). */
export function savesWritten(): Promise<void> {
  return saving;
}

/** Saves written, in flight, and whether what is on screen is what was saved last. */
export function saveState(): { written: number; pending: number; upToDate: boolean } {
  const s = store.getState();
  return { written, pending, upToDate: s.chunkCount === 0 || (corpusVersions(s) === savedCorpus && settingsVersions(s) === savedSettings) };
}

/** Saves what changed since the last save (the corpus and its layout, or the settings and query), once work has settled. */
export function autosave(): void {
  const s = store.getState();
  if (isBusy(s.phase) || s.layoutProgress !== null || s.chunkCount === 0) return;
  const corpus = corpusVersions(s);
  const settings = settingsVersions(s);
  if (corpus !== savedCorpus) {
    savedCorpus = corpus;
    const workspace = snapshot();
    save(
      SAVED.corpus,
      workspace.vectors.then((vectors) => ({ ...workspace, vectors })),
    );
  }
  if (settings !== savedSettings) {
    savedSettings = settings;
    save(SAVED.settings, settingsSnapshot());
  }
}

/** What is on screen now is what was just read from the saved workspace: nothing to write back. */
export function markSaved(): void {
  const s = store.getState();
  savedCorpus = corpusVersions(s);
  savedSettings = settingsVersions(s);
}

/** The saved workspace under `keys`, or nothing (none, another version, or unreadable). */
export async function readSaved(keys: { corpus: string; settings: string }): Promise<{ saved: SavedWorkspace; settings?: SavedSettings } | null> {
  try {
    const stored = await getValue<StoredWorkspace>(STORES.workspace, keys.corpus);
    const settings = await getValue<SavedSettings>(STORES.workspace, keys.settings);
    if (!stored || stored.version !== VERSION || stored.table.starts.length === 0) return null;
    const { vectors, vectorStorage, documents, ...rest } = stored;
    const read = (blob: Blob) => blobVectors(blob, vectorStorage ?? 'float32', globalThis.crossOriginIsolated === true);
    return { saved: { ...rest, documents: documents.map(unpackDocument), vectors: vectors instanceof Blob ? await read(vectors) : vectors }, settings };
  } catch {
    return null;
  }
}

/** Keeps the saved workspace aside before a shared view replaces it; resolves to its chunk count (0: there was none). */
export async function keepSavedWorkspace(): Promise<number> {
  await saving;
  try {
    const saved = await getValue<StoredWorkspace>(STORES.workspace, SAVED.corpus);
    if (!saved || saved.version !== VERSION || saved.table.starts.length === 0) return 0;
    await putValue(STORES.workspace, KEPT.corpus, saved);
    await putValue(STORES.workspace, KEPT.settings, (await getValue<SavedSettings>(STORES.workspace, SAVED.settings)) ?? settingsSnapshot());
    return saved.table.starts.length;
  } catch {
    return 0;
  }
}

/** Forgets the saved workspace (the embedding cache stays: it is keyed by model and text). */
export async function clearSavedWorkspace(): Promise<void> {
  await saving;
  await clearStore(STORES.workspace);
}

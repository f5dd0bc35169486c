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
import { packDocument, type PackedChunkTable, type PackedDocument, packTable, unpackDocument, unpackTable } from '../core/documentPacking';
import { storageOf, type VectorRows, type VectorStorage } from '../core/vectors';
import { clearStore, getValue, putValue, putValues, STORES } from '../workers/idb';
import { filesAfter, pruneVectorFiles, readStoredVectors, storedVectors, type StoredVectors, VECTOR_FILES, vectorsIn } from './savedVectors';
import type { OrrerySummary, VectorsIn } from './summaryTypes';
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

/** The workspace as IndexedDB holds it: big vectors in a file or a Blob (savedVectors.ts). */
type StoredWorkspace = Omit<SavedWorkspace, 'vectors' | 'documents' | 'table'> & {
  documents: PackedDocument[];
  table: PackedChunkTable;
  vectors: StoredVectors;
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

type Captured = { space: ReturnType<typeof activeSpace>; state: ReturnType<typeof store.getState> };

/** The workspace as captured, packed for IndexedDB, its vectors as they are (stored by writeWorkspace). */
function snapshot({ space, state: s }: Captured): Omit<StoredWorkspace, 'vectors'> & { vectors: VectorRows } {
  const { documents, table, vectors, dims, coords, pca, projection } = space;
  const inRows = documentsInRows(documents, table, vectors, dims);
  return {
    version: VERSION,
    savedAt: Date.now(),
    // a document's own vectors are stored once, as the workspace's rows (documentVectors.ts)
    documents: withoutVectors(documents, inRows).map(packDocument),
    documentVectorsInRows: inRows,
    // texts are slices of the documents: not stored twice
    table: packTable({ ...table, texts: [] }),
    vectors,
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
let lastVectorsIn: VectorsIn | null = null;

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

/** Runs `write` after the saves before it; the first refusal is told once. */
function save(write: () => Promise<void>): void {
  pending++;
  saving = saving.then(() =>
    write()
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

/** Resolves once the next frame is drawn, or after half a second where frames do not come (a hidden tab); at once without frames (Node). */
const afterNextFrame = () =>
  new Promise<void>((resolve) => {
    if (typeof requestAnimationFrame !== 'function') return void setTimeout(resolve);
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 500);
  });

/** Writes the workspace under `key`: its vectors first, then the entry and the file it names together, then the files no entry names go. */
async function writeWorkspace(key: string, captured: Captured): Promise<void> {
  // packing a big workspace takes a while: not before the picture that the change brought is drawn
  await afterNextFrame();
  const workspace = snapshot(captured);
  const vectors = await storedVectors(workspace.vectors, key);
  const files = await filesAfter(key, vectors);
  await putValues(STORES.workspace, [
    [key, { ...workspace, vectors }],
    [VECTOR_FILES, files],
  ]);
  lastVectorsIn = vectorsIn(vectors);
  await pruneVectorFiles();
}

/** Settles when every save asked for so far has been written (or refused). */
export function savesWritten(): Promise<void> {
  return saving;
}

/** Saves written, in flight, and whether what is on screen is what was saved last. */
export function saveState(): OrrerySummary['saves'] {
  const s = store.getState();
  return {
    written,
    pending,
    upToDate: s.chunkCount === 0 || (corpusVersions(s) === savedCorpus && settingsVersions(s) === savedSettings),
    vectorsIn: lastVectorsIn,
  };
}

/** Saves what changed since the last save (the corpus and its layout, or the settings and query), once work has settled. */
export function autosave(): void {
  const s = store.getState();
  if (isBusy(s.phase) || s.layoutProgress !== null || s.chunkCount === 0) return;
  const corpus = corpusVersions(s);
  const settings = settingsVersions(s);
  if (corpus !== savedCorpus) {
    savedCorpus = corpus;
    // its arrays as they are now (a commit replaces them, never changes them), packed when the save's turn comes
    const captured = { space: { ...activeSpace() }, state: s };
    save(() => writeWorkspace(SAVED.corpus, captured));
  }
  if (settings !== savedSettings) {
    savedSettings = settings;
    const saved = settingsSnapshot();
    save(() => putValue(STORES.workspace, SAVED.settings, saved));
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
    const { vectors, vectorStorage, documents, table, ...rest } = stored;
    return {
      saved: {
        ...rest,
        documents: documents.map(unpackDocument),
        table: unpackTable(table),
        vectors: await readStoredVectors(vectors, vectorStorage ?? 'float32'),
      },
      settings,
    };
  } catch {
    return null;
  }
}

/** Keeps the saved workspace aside before a shared view replaces it (in turn with the saves: it names their files); resolves to its chunk count (0: there was none). */
export async function keepSavedWorkspace(): Promise<number> {
  let chunks = 0;
  const keep = async () => {
    const saved = await getValue<StoredWorkspace>(STORES.workspace, SAVED.corpus);
    if (!saved || saved.version !== VERSION || saved.table.starts.length === 0) return;
    const settings = (await getValue<SavedSettings>(STORES.workspace, SAVED.settings)) ?? settingsSnapshot();
    await putValues(STORES.workspace, [
      [KEPT.corpus, saved],
      [KEPT.settings, settings],
      // both entries name the same file until the current one is saved anew
      [VECTOR_FILES, await filesAfter(KEPT.corpus, saved.vectors)],
    ]);
    chunks = saved.table.starts.length;
  };
  saving = saving.then(() => keep().catch(() => undefined));
  await saving;
  return chunks;
}

/** Forgets the saved workspace and its files (the embedding cache stays: it is keyed by model and text). */
export async function clearSavedWorkspace(): Promise<void> {
  await saving;
  await clearStore(STORES.workspace);
  lastVectorsIn = null;
  await pruneVectorFiles();
}

// The workspace survives a reload: documents, chunks, vectors, layout and settings are saved to
// IndexedDB when work settles, and restored at start-up without embedding anything again.
import type { ChunkOptions } from '../core/chunking';
import { type ChunkTable, type SourceDocument, withTexts } from '../core/corpus';
import type { LayoutParams } from '../core/layoutRun';
import type { Backend, ModelSource } from '../core/models';
import type { PcaModel } from '../core/pca';
import type { Projection } from '../core/snapshot/codec';
import type { RetrievalSettings } from '../core/retrieval/retrieve';
import { isShared } from '../core/vectors';
import { clearStore, getValue, putValue, STORES } from '../workers/idb';
import { commitCorpus } from './corpus';
import { workspace } from './data';
import { finishLayout, setLayoutParams } from './layoutActions';
import { settle } from './status';
import { useOrreryStore } from './store';
import { enqueue } from './tasks';
import { setBeforeReload } from './allowedHosts';

const store = useOrreryStore;
const KEY = 'current';
const SETTINGS_KEY = 'settings';
/** the workspace as it was before a shared view replaced it */
const KEPT = { corpus: 'kept', settings: 'kept-settings' };
const VERSION = 1;

interface SavedWorkspace {
  version: number;
  savedAt: number;
  documents: SourceDocument[];
  table: ChunkTable;
  vectors: Float32Array;
  dims: number;
  coords: Float32Array;
  pca: PcaModel;
  layoutParams: LayoutParams;
  explainedVariance: number[];
  modelSource: ModelSource;
  backend: Backend | null;
  dtype: string | null;
  /** the vectors are a share link's reduction (absent in saves from before reductions) */
  projection?: Projection | null;
}

/** What changes without the vectors: saved on its own, so a query does not rewrite the corpus. */
interface SavedSettings {
  chunking: ChunkOptions;
  retrieval: RetrievalSettings;
  goldMarks: Record<string, number[]>;
  contextBudget: number;
  /** before retrieval settings were saved whole */
  topK?: number;
  queryText: string;
  queryVector: Float32Array | null;
}

function snapshot(): SavedWorkspace {
  const s = store.getState();
  return {
    version: VERSION,
    savedAt: Date.now(),
    documents: workspace.documents,
    // texts are slices of the documents: not stored twice
    table: { ...workspace.table, texts: [] },
    // IndexedDB cannot store shared memory
    vectors: isShared(workspace.vectors) ? workspace.vectors.slice() : workspace.vectors,
    dims: workspace.dims,
    coords: workspace.coords,
    pca: workspace.pca!,
    layoutParams: s.layoutParams,
    explainedVariance: s.explainedVariance,
    modelSource: s.modelSource,
    backend: s.backend,
    dtype: s.dtype,
    projection: workspace.projection,
  };
}

function settingsSnapshot(): SavedSettings {
  const s = store.getState();
  return {
    chunking: s.chunking,
    retrieval: s.retrieval,
    goldMarks: s.goldMarks,
    contextBudget: s.contextBudget,
    queryText: s.queryText,
    queryVector: workspace.queryVector,
  };
}

let saving: Promise<void> = Promise.resolve();
let savedCorpus = '';
let savedSettings = '';
let warned = false;

type State = ReturnType<typeof store.getState>;
const corpusVersions = (s: State) => `${s.corpusVersion}/${s.layoutVersion}`;
const settingsVersions = (s: State) => JSON.stringify([s.queryVersion, s.retrieval, s.goldMarks, s.contextBudget, s.chunking]);

/** Why IndexedDB refused a write, in words (a quota error often comes without a message). */
function storageProblem(error: unknown): string {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  if (name === 'QuotaExceededError' || /quota/i.test(message ?? '')) return "this site's storage quota is used up";
  return message || name || 'the browser refused the write';
}

function save(key: string, data: unknown): void {
  saving = saving.then(() =>
    putValue(STORES.workspace, key, data).catch((error: unknown) => {
      if (warned) return;
      warned = true;
      store.getState().notify('error', `The workspace could not be saved in this browser (${storageProblem(error)}); it will be lost on reload.`);
    }),
  );
}

/** Settles when every save asked for so far has been written (or refused). */
export function savesWritten(): Promise<void> {
  return saving;
}

/** Saves the workspace whenever work settles on something new: the corpus and its layout, or the settings and query. */
export function startAutosave(): () => void {
  // a reload that allows a host waits for the saves in flight
  setBeforeReload(savesWritten);
  return store.subscribe((s) => {
    if (s.busy || s.layoutProgress !== null || s.chunkCount === 0) return;
    const corpus = corpusVersions(s);
    const settings = settingsVersions(s);
    if (corpus !== savedCorpus) {
      savedCorpus = corpus;
      save(KEY, snapshot());
    }
    if (settings !== savedSettings) {
      savedSettings = settings;
      save(SETTINGS_KEY, settingsSnapshot());
    }
  });
}

/** Restores a saved workspace (the current one, or the one kept before a shared view); false when there is none (or it cannot be read). */
export async function restoreWorkspace(keys = { corpus: KEY, settings: SETTINGS_KEY }): Promise<boolean> {
  let saved: SavedWorkspace | undefined;
  let settings: SavedSettings | undefined;
  try {
    saved = await getValue<SavedWorkspace>(STORES.workspace, keys.corpus);
    settings = await getValue<SavedSettings>(STORES.workspace, keys.settings);
  } catch {
    return false;
  }
  if (!saved || saved.version !== VERSION || saved.table.starts.length === 0) return false;
  const { chunking, queryText, queryVector, retrieval, goldMarks, contextBudget, topK } = {
    ...settingsSnapshot(),
    queryText: '',
    queryVector: null,
    ...settings,
  };
  // a query of another size (the model changed since) is not restored
  const query = queryVector?.length === saved.dims ? queryVector : null;
  store.setState({
    chunking,
    retrieval: topK ? { ...retrieval, topK } : retrieval,
    goldMarks,
    contextBudget,
    queryText: query ? queryText : '',
    restored: true,
  });
  const table = withTexts(saved.table, saved.documents);
  const answered = commitCorpus(
    { documents: saved.documents, table, vectors: saved.vectors, dims: saved.dims },
    {
      modelSource: saved.modelSource,
      engine: saved.backend && saved.dtype ? { backend: saved.backend, dtype: saved.dtype } : null,
      queryVector: query,
      projection: saved.projection ?? null,
    },
  );
  setLayoutParams(saved.layoutParams);
  finishLayout(saved.layoutParams, { coords: saved.coords, pca: saved.pca, explained: saved.explainedVariance, notes: [] });
  await answered;
  // what was just read need not be written back (a kept workspace brought back becomes the current one)
  const s = store.getState();
  if (keys.corpus === KEY) {
    savedCorpus = corpusVersions(s);
    savedSettings = settingsVersions(s);
  }
  settle();
  const when = new Date(saved.savedAt).toLocaleString();
  store
    .getState()
    .notify('info', `Restored the workspace saved ${when}: ${table.texts.length} chunks from ${table.sources.length} sources, nothing embedded again.`);
  return true;
}

/** Keeps the saved workspace aside before a shared view replaces it; resolves to its chunk count (0: there was none). */
export async function keepSavedWorkspace(): Promise<number> {
  await saving;
  try {
    const saved = await getValue<SavedWorkspace>(STORES.workspace, KEY);
    if (!saved || saved.version !== VERSION || saved.table.starts.length === 0) return 0;
    await putValue(STORES.workspace, KEPT.corpus, saved);
    await putValue(STORES.workspace, KEPT.settings, (await getValue<SavedSettings>(STORES.workspace, SETTINGS_KEY)) ?? settingsSnapshot());
    return saved.table.starts.length;
  } catch {
    return 0;
  }
}

/** Brings back the workspace kept before a shared view. */
export function restoreKeptWorkspace(): Promise<void> {
  return enqueue(async () => {
    if (!(await restoreWorkspace(KEPT))) store.getState().notify('error', 'The workspace kept before the shared view could not be read.');
  });
}

/** Forgets the saved workspace (the embedding cache stays: it is keyed by model and text). */
export async function clearSavedWorkspace(): Promise<void> {
  await saving;
  await clearStore(STORES.workspace);
}

/** Brings back the saved workspace, in turn with any work the user starts meanwhile. */
export function restore(): Promise<void> {
  return enqueue(async () => {
    await restoreWorkspace();
  });
}

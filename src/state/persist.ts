// The workspace survives a reload: documents, chunks, vectors, layout and settings are saved to
// IndexedDB when work settles, and restored at start-up without embedding anything again.
import type { ChunkOptions } from '../core/chunking';
import { type ChunkTable, type SourceDocument, withTexts } from '../core/corpus';
import type { LayoutParams } from '../core/layoutRun';
import type { PcaModel } from '../core/pca';
import { rowNorms } from '../core/vectors';
import type { Backend, ModelSource } from '../workers/embed.protocol';
import { clearStore, getValue, putValue, STORES } from '../workers/idb';
import { emptyWorkspace, workspace } from './data';
import { finishLayout, setLayoutParams } from './layoutActions';
import { retrieve } from './pipeline';
import { settle } from './status';
import { useOrreryStore } from './store';

const store = useOrreryStore;
const KEY = 'current';
const SETTINGS_KEY = 'settings';
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
  importedCount: number;
  truncatedChunks: number;
}

/** What changes without the vectors: saved on its own, so a query does not rewrite the corpus. */
interface SavedSettings {
  chunking: ChunkOptions;
  topK: number;
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
    vectors: workspace.vectors,
    dims: workspace.dims,
    coords: workspace.coords,
    pca: workspace.pca!,
    layoutParams: s.layoutParams,
    explainedVariance: s.explainedVariance,
    modelSource: s.modelSource,
    backend: s.backend,
    dtype: s.dtype,
    importedCount: s.importedCount,
    truncatedChunks: s.truncatedChunks,
  };
}

function settingsSnapshot(): SavedSettings {
  const s = store.getState();
  return { chunking: s.chunking, topK: s.topK, queryText: s.queryText, queryVector: workspace.queryVector };
}

let saving: Promise<void> = Promise.resolve();
let savedCorpus = '';
let savedSettings = '';
let warned = false;

type State = ReturnType<typeof store.getState>;
const corpusVersions = (s: State) => `${s.corpusVersion}/${s.layoutVersion}`;
const settingsVersions = (s: State) => `${s.queryVersion}/${s.topK}/${JSON.stringify(s.chunking)}`;

function save(key: string, data: unknown): void {
  saving = saving.then(() =>
    putValue(STORES.workspace, key, data).catch((error: unknown) => {
      if (warned) return;
      warned = true;
      store.getState().notify('error', `The workspace could not be saved in this browser (${(error as Error).message}); it will be lost on reload.`);
    }),
  );
}

/** Saves the workspace whenever work settles on something new: the corpus and its layout, or the settings and query. */
export function startAutosave(): () => void {
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

/** Restores a saved workspace; false when there is none (or it cannot be read). */
export async function restoreWorkspace(): Promise<boolean> {
  let saved: SavedWorkspace | undefined;
  let settings: SavedSettings | undefined;
  try {
    saved = await getValue<SavedWorkspace>(STORES.workspace, KEY);
    settings = await getValue<SavedSettings>(STORES.workspace, SETTINGS_KEY);
  } catch {
    return false;
  }
  if (!saved || saved.version !== VERSION || saved.table.starts.length === 0) return false;
  const { chunking, topK, queryText, queryVector } = settings ?? { ...settingsSnapshot(), queryText: '', queryVector: null };
  const table = withTexts(saved.table, saved.documents);
  Object.assign(workspace, emptyWorkspace(), {
    documents: saved.documents,
    table,
    vectors: saved.vectors,
    norms: rowNorms(saved.vectors, saved.dims),
    dims: saved.dims,
    // a query of another size (the model changed since) is not restored
    queryVector: queryVector?.length === saved.dims ? queryVector : null,
  });
  store.setState((s) => ({
    chunkCount: table.texts.length,
    sources: table.sources,
    corpusVersion: s.corpusVersion + 1,
    chunking,
    modelSource: saved.modelSource,
    dims: saved.dims,
    backend: saved.backend,
    dtype: saved.dtype,
    importedCount: saved.importedCount,
    truncatedChunks: saved.truncatedChunks,
    topK,
    queryText: queryVector?.length === saved.dims ? queryText : '',
    restored: true,
  }));
  setLayoutParams(saved.layoutParams);
  finishLayout(saved.layoutParams, { type: 'result', id: 0, coords: saved.coords, pca: saved.pca, explained: saved.explainedVariance, notes: [], elapsedMs: 0 });
  retrieve();
  // what was just read need not be written back
  const s = store.getState();
  savedCorpus = corpusVersions(s);
  savedSettings = settingsVersions(s);
  settle();
  const when = new Date(saved.savedAt).toLocaleString();
  store.getState().notify('info', `Restored the workspace saved ${when}: ${table.texts.length} chunks from ${table.sources.length} sources, nothing embedded again.`);
  return true;
}

/** Forgets the saved workspace (the embedding cache stays: it is keyed by model and text). */
export async function clearSavedWorkspace(): Promise<void> {
  await saving;
  await clearStore(STORES.workspace);
}

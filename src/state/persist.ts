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
  chunking: ChunkOptions;
  modelSource: ModelSource;
  backend: Backend | null;
  dtype: string | null;
  importedCount: number;
  truncatedChunks: number;
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
    chunking: s.chunking,
    modelSource: s.modelSource,
    backend: s.backend,
    dtype: s.dtype,
    importedCount: s.importedCount,
    truncatedChunks: s.truncatedChunks,
    topK: s.topK,
    queryText: s.queryText,
    queryVector: workspace.queryVector,
  };
}

let saving: Promise<void> = Promise.resolve();
let savedVersions = '';
let warned = false;

/** Saves the workspace whenever work settles on something new (a corpus, a finished layout, a query). */
export function startAutosave(): () => void {
  return store.subscribe((s) => {
    if (s.busy || s.layoutProgress !== null || s.chunkCount === 0) return;
    const versions = `${s.corpusVersion}/${s.layoutVersion}/${s.queryVersion}/${s.topK}/${JSON.stringify(s.chunking)}`;
    if (versions === savedVersions) return;
    savedVersions = versions;
    const data = snapshot();
    saving = saving.then(() =>
      putValue(STORES.workspace, KEY, data).catch((error: unknown) => {
        if (warned) return;
        warned = true;
        store.getState().notify('error', `The workspace could not be saved in this browser (${(error as Error).message}); it will be lost on reload.`);
      }),
    );
  });
}

/** Restores a saved workspace; false when there is none (or it cannot be read). */
export async function restoreWorkspace(): Promise<boolean> {
  let saved: SavedWorkspace | undefined;
  try {
    saved = await getValue<SavedWorkspace>(STORES.workspace, KEY);
  } catch {
    return false;
  }
  if (!saved || saved.version !== VERSION || saved.table.starts.length === 0) return false;
  const table = withTexts(saved.table, saved.documents);
  Object.assign(workspace, emptyWorkspace(), {
    documents: saved.documents,
    table,
    vectors: saved.vectors,
    norms: rowNorms(saved.vectors, saved.dims),
    dims: saved.dims,
    queryVector: saved.queryVector,
  });
  store.setState((s) => ({
    chunkCount: table.texts.length,
    sources: table.sources,
    corpusVersion: s.corpusVersion + 1,
    chunking: saved.chunking,
    modelSource: saved.modelSource,
    dims: saved.dims,
    backend: saved.backend,
    dtype: saved.dtype,
    importedCount: saved.importedCount,
    truncatedChunks: saved.truncatedChunks,
    topK: saved.topK,
    queryText: saved.queryText,
    restored: true,
  }));
  setLayoutParams(saved.layoutParams);
  finishLayout(saved.layoutParams, { type: 'result', id: 0, coords: saved.coords, pca: saved.pca, explained: saved.explainedVariance, notes: [], elapsedMs: 0 });
  retrieve();
  savedVersions = '';
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

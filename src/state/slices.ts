// The store's slices: small reactive values only (see data.ts for the arrays).
import type { StateCreator } from 'zustand';
import type { Hit } from '../core/vectors';
import type { SourceDocument } from '../core/corpus';
import { type ChunkOptions, DEFAULT_CHUNKING } from '../core/chunking';
import { BUILTIN_MODEL } from '../core/models';
import type { Backend, ModelSource, SpeedSample } from '../core/models';
import { DEFAULT_LAYOUT, type LayoutParams } from '../core/layoutRun';
import type { Placement } from '../core/placement';

export type Phase = 'idle' | 'loading' | 'embedding' | 'layout' | 'querying' | 'ready' | 'error';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** something the user can do about it, as a button */
  action?: { label: string; run: () => void };
}

export interface StatusSlice {
  phase: Phase;
  message: string;
  progress: { done: number; total: number } | null;
  busy: boolean;
  notices: Notice[];
  setStatus: (phase: Phase, message: string, progress?: { done: number; total: number } | null) => void;
  notify: (kind: 'error' | 'info', text: string, action?: Notice['action']) => void;
  dismiss: (id: number) => void;
}

export interface CorpusSlice {
  /** documents whose addition was cancelled, ready to resume */
  resumable: SourceDocument[] | null;
  chunkCount: number;
  sources: string[];
  corpusVersion: number;
  /** how new documents are chunked, and all of them on Re-chunk */
  chunking: ChunkOptions;
  /** chunks whose vectors came from files rather than the model */
  importedCount: number;
  /** the workspace came back from IndexedDB at start-up */
  restored: boolean;
}

export interface EmbeddingSlice {
  /** the model that produced the vectors on screen (or will, for the first data) */
  modelSource: ModelSource;
  dims: number;
  backend: Backend | null;
  dtype: string | null;
  truncatedChunks: number;
  /** texts the model embedded in this session (cached ones not counted) */
  embeddedCount: number;
  /** the last speed test of the model in use, fastest first */
  speed: SpeedSample[] | null;
  /** texts per inference chosen by the user (null: the speed test's pick) */
  batchOverride: number | null;
  download: { file: string; loaded: number; total: number } | null;
}

export interface LayoutQuality {
  k: number;
  meanRecall: number;
  /** how many points recall was measured on (all, or a sample for large corpora) */
  recallRows: number;
  trustworthiness: number;
  trustRows: number;
}

export interface LayoutSlice {
  /** the parameters of the layout on screen (or being computed) */
  layoutParams: LayoutParams;
  explainedVariance: number[];
  /** bumps whenever workspace.coords change (frames included) */
  layoutVersion: number;
  layoutProgress: number | null;
  layoutPaused: boolean;
  placement: Placement;
  /** chunks placed into the layout without laying it out again */
  placedCount: number;
  quality: LayoutQuality | null;
  qualityVersion: number;
}

export interface QuerySlice {
  queryText: string;
  topK: number;
  results: Hit[];
  queryVersion: number;
  setTopK: (k: number) => void;
}

export type ColourMode = 'source' | 'recall';

export interface ViewSlice {
  colourMode: ColourMode;
  hovered: { index: number; x: number; y: number } | null;
  selected: number | null;
  neighbours: Hit[];
  cameraVersion: number;
  setHovered: (hovered: ViewSlice['hovered']) => void;
  resetCamera: () => void;
}

export type OrreryState = StatusSlice & CorpusSlice & EmbeddingSlice & LayoutSlice & QuerySlice & ViewSlice;
type Slice<T> = StateCreator<OrreryState, [], [], T>;

let noticeId = 0;

export const createStatusSlice: Slice<StatusSlice> = (set) => ({
  phase: 'idle',
  message: 'Add text, drop files or load the demo corpus',
  progress: null,
  busy: false,
  notices: [],
  setStatus: (phase, message, progress = null) =>
    set({ phase, message, progress, busy: phase === 'loading' || phase === 'embedding' || phase === 'layout' || phase === 'querying' }),
  notify: (kind, text, action) => set((s) => ({ notices: [...s.notices.slice(-4), { id: ++noticeId, kind, text, action }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});

export const createCorpusSlice: Slice<CorpusSlice> = () => ({
  resumable: null,
  chunkCount: 0,
  sources: [],
  corpusVersion: 0,
  chunking: DEFAULT_CHUNKING,
  importedCount: 0,
  restored: false,
});

export const createEmbeddingSlice: Slice<EmbeddingSlice> = () => ({
  modelSource: { model: BUILTIN_MODEL, remoteHost: null },
  dims: 0,
  backend: null,
  dtype: null,
  truncatedChunks: 0,
  embeddedCount: 0,
  speed: null,
  batchOverride: null,
  download: null,
});

export const createLayoutSlice: Slice<LayoutSlice> = () => ({
  layoutParams: DEFAULT_LAYOUT.pca,
  explainedVariance: [],
  layoutVersion: 0,
  layoutProgress: null,
  layoutPaused: false,
  placement: 'projection',
  placedCount: 0,
  quality: null,
  qualityVersion: 0,
});

export const createQuerySlice: Slice<QuerySlice> = (set) => ({
  queryText: '',
  topK: 5,
  results: [],
  queryVersion: 0,
  setTopK: (k) => set({ topK: Math.max(1, Math.min(100, Math.round(k) || 1)) }),
});

export const createViewSlice: Slice<ViewSlice> = (set) => ({
  colourMode: 'source',
  hovered: null,
  selected: null,
  neighbours: [],
  cameraVersion: 0,
  setHovered: (hovered) => set({ hovered }),
  resetCamera: () => set((s) => ({ cameraVersion: s.cameraVersion + 1 })),
});

// The store's first state, slice by slice (their types are slices.ts's), and the status slice's
// own actions: notices that fade and a log that keeps them.
import type { StateCreator } from 'zustand';
import { DEFAULT_CHUNKING } from '../core/chunking';
import { DEFAULT_CLUSTERING } from '../core/clustering/clusters';
import { DEFAULT_LAYOUT } from '../core/layoutRun';
import { BUILTIN_MODEL } from '../core/models';
import { FULL_VECTORS } from '../core/retrieval/quantize';
import { DEFAULT_RETRIEVAL } from '../core/retrieval/retrieve';
import type {
  ClusterSlice,
  CorpusSlice,
  EmbeddingSlice,
  LayoutSlice,
  Notice,
  OrreryState,
  QuerySlice,
  SpaceRecipe,
  SpaceState,
  SpacesSlice,
  StatusSlice,
  VectorDbSlice,
  ViewSlice,
} from './slices';
import { FIRST_SPACE, type SpaceId } from './workspace/data';

type Slice<T> = StateCreator<OrreryState, [], [], T>;

let noticeId = 0;
export const INFO_SECONDS = 12;
const LOG_SIZE = 200;
/** notices kept on screen (those of one step share a line) */
const ON_SCREEN = 12;

export const createStatusSlice: Slice<StatusSlice> = (set, get) => ({
  phase: 'idle',
  message: 'Add text, drop files or load the demo corpus',
  progress: null,
  notices: [],
  log: [],
  noticeGroup: 0,
  setStatus: (phase, message, progress = null) => set({ phase, message, progress }),
  notify: (kind, text, action) => {
    const notice: Notice = { id: ++noticeId, kind, text, action, at: Date.now(), group: get().noticeGroup };
    set((s) => ({ notices: [...s.notices.slice(-(ON_SCREEN - 1)), notice], log: [...s.log.slice(-(LOG_SIZE - 1)), notice] }));
    // information fades (the log keeps it); an error, or a notice that offers an action, stays
    if (kind === 'info' && !action) setTimeout(() => set((s) => ({ notices: s.notices.filter((n) => n !== notice) })), INFO_SECONDS * 1000);
  },
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
  loadedDims: 0,
  backend: null,
  dtype: null,
  truncatedChunks: 0,
  embeddedCount: 0,
  speed: null,
  batchOverride: null,
  download: null,
});

export const createLayoutSlice: Slice<LayoutSlice> = () => ({
  layoutVersion: 0,
  layoutProgress: null,
  layoutPaused: false,
});

export const createQuerySlice: Slice<QuerySlice> = () => ({
  queryText: '',
  keywordsOnly: null,
  retrieval: DEFAULT_RETRIEVAL,
  variant: FULL_VECTORS,
  contextBudget: 4000,
  results: [],
  beyond: [],
  byRetriever: null,
  fullRanks: null,
  goldMarks: {},
  gold: [],
  queryTokens: null,
  history: [],
  comparison: null,
  queryVersion: 0,
});

export const DEFAULT_SAMPLE_LIMIT = 50_000;

export const createVectorDbSlice: Slice<VectorDbSlice> = () => ({
  dbConnection: { url: 'http://localhost:8000', token: '', tenant: 'default_tenant', database: 'default_database' },
  dbServer: null,
  dbCollections: null,
  sampleLimit: DEFAULT_SAMPLE_LIMIT,
  indexLink: null,
  indexAnswer: null,
});

export const createClusterSlice: Slice<ClusterSlice> = () => ({
  clusterSettings: DEFAULT_CLUSTERING,
  clusterProgress: null,
});

/** A space's state before it has data. */
export const emptySpaceState = (id: SpaceId, recipe: SpaceRecipe): SpaceState => ({
  id,
  recipe,
  version: 0,
  chunkCount: 0,
  dims: 0,
  layoutParams: DEFAULT_LAYOUT.pca,
  explainedVariance: [],
  sampledLayout: null,
  placedCount: 0,
  quality: null,
  qualityVersion: 0,
  clusters: [],
  unclustered: 0,
  clusterRun: null,
  clusterVersion: 0,
  clusterSpaceVersion: 0,
  fineClusters: null,
  evaluation: null,
});

export const createSpacesSlice: Slice<SpacesSlice> = () => ({
  activeSpace: FIRST_SPACE,
  spaces: { [FIRST_SPACE]: emptySpaceState(FIRST_SPACE, { model: BUILTIN_MODEL.id, precision: null, chunking: DEFAULT_CHUNKING }) },
});

export const createViewSlice: Slice<ViewSlice> = (set) => ({
  colourMode: 'cluster',
  colourColumn: null,
  hiddenGroups: [],
  filters: [],
  tags: {},
  searchText: '',
  searchCount: 0,
  selection: [],
  selectionLabel: '',
  onlySelection: false,
  selectTool: 'lasso',
  theme: 'dark',
  helpOpen: false,
  camera: null,
  cameraRestore: { version: 0, camera: null },
  shareLink: null,
  flight: { version: 0, indices: [] },
  hovered: null,
  openChunk: null,
  neighbours: [],
  cameraVersion: 0,
  setHovered: (hovered) => set({ hovered }),
  resetCamera: () => set((s) => ({ cameraVersion: s.cameraVersion + 1 })),
});

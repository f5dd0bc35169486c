// The store's slices, as types: small reactive values only (the arrays are workspace/data.ts's).
// Their first values and the status slice's own actions are initialState.ts's.
import type { VectorVariant } from '../core/retrieval/quantize';
import type { TuningResult } from '../core/retrieval/tuning';
import type { Ranked } from '../core/retrieval/ranking';
import type { GoldStanding, RetrievalSettings, RetrievedHit, RetrieverName } from '../core/retrieval/retrieve';
import type { EvaluationRow } from '../core/retrieval/answer';
import type { EvaluationQuery } from '../core/retrieval/querySet';
import type { SourceDocument } from '../core/corpus';
import type { ChunkOptions } from '../core/chunking';
import type { Backend, ModelSource, SpeedSample } from '../core/models';
import type { LayoutParams } from '../core/layoutRun';
import type { CollectionInfo, Connection, ServerInfo } from '../core/vectorDb/database';
import type { IndexComparison } from '../core/vectorDb/indexRecall';
import type { ClusterSettings, ClusterSummary, Clustering } from '../core/clustering/clusters';
import type { FineClusters } from '../core/clustering/fineClusters';
import type { ColourMode } from '../core/colouring';
import type { ColumnFilter } from '../core/columnCharts';
import type { Tags } from '../core/tags';
import type { CameraPlace } from '../core/snapshot/codec';
import type { SpaceId } from './workspace/data';
import type { LabSlice } from './labSlice';

export type Phase = 'idle' | 'loading' | 'embedding' | 'layout' | 'querying' | 'ready' | 'error';

/** A long step is under way (the status shows its progress; buttons that would start another wait). */
export const isBusy = (phase: Phase): boolean => phase === 'loading' || phase === 'embedding' || phase === 'layout' || phase === 'querying';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** when it was said (ms since the epoch), for the log */
  at: number;
  /** the task it came from (0: none): notices of one step are shown as one line */
  group: number;
  /** something the user can do about it, as a button */
  action?: { label: string; run: () => void };
}

export interface StatusSlice {
  phase: Phase;
  message: string;
  progress: { done: number; total: number } | null;
  /** on screen: errors until dismissed, information for INFO_SECONDS */
  notices: Notice[];
  /** everything said this session, newest last */
  log: Notice[];
  /** the task running now, whose notices are grouped (0: none) */
  noticeGroup: number;
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
  /** what the model loaded with no corpus makes (the workspace's own dims say what its vectors are) */
  loadedDims: number;
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
  /** bumps whenever a space's coords change (frames included) */
  layoutVersion: number;
  layoutProgress: number | null;
  layoutPaused: boolean;
}

export interface Comparison {
  /** what the second list is: another retriever, the query without its prefix, or an earlier query */
  label: string;
  hits: RetrievedHit[];
  /** the space that answered, when not the one on screen (the model lab's B) */
  space?: SpaceId;
}

export interface QuerySlice {
  queryText: string;
  /** why the query is ranked by its keywords alone (no model here makes vectors of this space); null: it has a vector */
  keywordsOnly: string | null;
  /** how queries are answered: retriever, metric, BM25, fusion, MMR, top k, minimum score */
  retrieval: RetrievalSettings;
  /** what-if: the vectors as int8, binary or cut to fewer dimensions */
  variant: VectorVariant;
  /** tokens a hit may fill in the model's prompt: hits past it are marked */
  contextBudget: number;
  /** the answer within the cut, and the few ranks beyond it */
  results: RetrievedHit[];
  beyond: RetrievedHit[];
  /** each retriever's own top k for the last query */
  byRetriever: Record<RetrieverName, Ranked[]> | null;
  /** with a variant: each hit's rank with full float vectors, by chunk row */
  fullRanks: Record<number, number> | null;
  /** chunks marked as the right answers, by query text */
  goldMarks: Record<string, number[]>;
  /** why each gold chunk of the last query did or did not come back */
  gold: GoldStanding[];
  /** the query's tokens as the model sees them, when longer than its input */
  queryTokens: number | null;
  history: string[];
  comparison: Comparison | null;
  queryVersion: number;
}

export interface EvaluationState {
  name: string;
  /** the file's text, read again for another chunking of the corpus (the model lab) */
  text: string;
  /** queries in the table, each with its relevant chunks */
  queries: EvaluationQuery[];
  rows: EvaluationRow[];
  notes: string[];
  health: CorpusHealth;
  elapsedMs: number;
  /** Tune retrieval's search on this set, once run */
  tuning?: TuningResult;
}

export interface CorpusHealth {
  /** chunks no query's answer returned */
  orphans: number[];
  /** chunks in the most answers, with how many */
  hubs: [number, number][];
  /** pairs of chunks whose cosine similarity is at least `duplicateThreshold` */
  duplicates: [number, number, number][];
  duplicateThreshold: number;
  /** pairs as close as duplicates only because the model cannot read their (different) texts */
  unreadablePairs: number;
  /** queries whose best dense score is below `noHitThreshold` */
  noHit: number[];
  noHitThreshold: number;
}

/** The collection the workspace's rows came from, so that queries can go through its index too. */
export interface IndexLink {
  connection: Connection;
  collection: CollectionInfo;
  /** the workspace source holding its rows */
  sourceName: string;
  /** rows read */
  loaded: number;
  /** rows in the collection when read */
  total: number;
  sampled: boolean;
  /** every row is here, so exact search over them is the truth */
  complete: boolean;
}

export interface IndexAnswer extends IndexComparison {
  indexMs: number;
  exactMs: number;
  /** the query it answers */
  queryText: string;
}

export interface VectorDbSlice {
  dbConnection: Connection;
  dbServer: ServerInfo | null;
  dbCollections: CollectionInfo[] | null;
  /** rows read from a collection at most: beyond this, a uniform sample */
  sampleLimit: number;
  indexLink: IndexLink | null;
  /** the index's answer to the last query beside exact search, or why there is none */
  indexAnswer: IndexAnswer | { unavailable: string } | null;
}

export interface ClusterSlice {
  clusterSettings: ClusterSettings;
  clusterProgress: number | null;
}

/** How a space's vectors were made: what the model lab varies. */
export interface SpaceRecipe {
  model: string;
  /** the weights' precision (fp32, q8…); null where no model ran here (imported vectors) */
  precision: string | null;
  chunking: ChunkOptions;
  /** how token outputs were pooled, when not the model's own way */
  pooling?: string;
}

/** What is known about one space (its arrays are workspace/data.ts's), keyed by its id. */
export interface SpaceState {
  id: SpaceId;
  recipe: SpaceRecipe;
  /** the version of the space's data that these values describe */
  version: number;
  chunkCount: number;
  dims: number;
  /** the parameters of the space's layout (or of the one being computed) */
  layoutParams: LayoutParams;
  explainedVariance: number[];
  /** a UMAP or t-SNE fitted on a sample of the rows: how many were fitted and how many placed */
  sampledLayout: { fitted: number; placed: number } | null;
  /** chunks placed into the layout without laying it out again */
  placedCount: number;
  quality: LayoutQuality | null;
  qualityVersion: number;
  /** largest first; their ids are the space's clusterLabels' values */
  clusters: ClusterSummary[];
  unclustered: number;
  /** how the clusters on screen were made, and what to know about them */
  clusterRun:
    | (Pick<Clustering, 'method' | 'silhouette' | 'modularity' | 'minClusterSize' | 'reducedDims' | 'notes'> & {
        fittedOn?: number | null;
        namedBy?: 'words' | 'meaning';
      })
    | null;
  /** bumps when the space's clusterLabels change */
  clusterVersion: number;
  /** the space's data version the clusters were computed for */
  clusterSpaceVersion: number;
  /** the level below the clusters (labels that deepen with zoom), once found for these clusters */
  fineClusters: FineClusters | null;
  evaluation: EvaluationState | null;
}

export interface SpacesSlice {
  /** the space on screen, whose queries, clusters and evaluation the panels show */
  activeSpace: SpaceId;
  spaces: Record<SpaceId, SpaceState>;
}

/** The active space's state. */
export function activeOf(s: Pick<SpacesSlice, 'activeSpace' | 'spaces'>): SpaceState {
  const space = s.spaces[s.activeSpace];
  if (!space) throw new Error(`there is no space ${s.activeSpace}`);
  return space;
}

export interface ViewSlice {
  colourMode: ColourMode;
  /** the metadata column coloured by, when colourMode is 'metadata' */
  colourColumn: string | null;
  /** groups of the current colouring hidden from the scene (legend toggles) */
  hiddenGroups: number[];
  /** the Columns panel's filters: only rows passing all are drawn and ranked */
  filters: ColumnFilter[];
  /** the user's tags: tag name → rows of the active space */
  tags: Tags;
  searchText: string;
  searchCount: number;
  /** the selection: chunks picked with the lasso or box, or a legend entry's chunks */
  selection: number[];
  /** what the selected chunks are (a cluster's name, "lasso") */
  selectionLabel: string;
  /** only the selection is drawn */
  onlySelection: boolean;
  selectTool: 'lasso' | 'box';
  theme: 'dark' | 'light';
  helpOpen: boolean;
  /** the camera when it last came to rest */
  camera: CameraPlace | null;
  /** a camera to put in place at once (a shared view's; version bumps each time) */
  cameraRestore: { version: number; camera: CameraPlace | null };
  /** the share link last made, with its length in bytes */
  /** the link Share made last: its address and size, the snapshot (also a file's content), and whether the chunks are referenced by hash (the demo's, or any) */
  shareLink: { url: string; bytes: number; fragment: string; referenced: boolean; demo: boolean } | null;
  /** a request to fly the camera to these chunks (version bumps each time) */
  flight: { version: number; indices: number[] };
  hovered: { index: number; x: number; y: number } | null;
  /** the open chunk: the one whose text and true neighbours are shown */
  openChunk: number | null;
  neighbours: Ranked[];
  cameraVersion: number;
  setHovered: (hovered: ViewSlice['hovered']) => void;
  resetCamera: () => void;
}

export type OrreryState = StatusSlice &
  CorpusSlice &
  EmbeddingSlice &
  LayoutSlice &
  QuerySlice &
  VectorDbSlice &
  ClusterSlice &
  SpacesSlice &
  LabSlice &
  ViewSlice;

// What happens when the data changes: the one entry, commitWorkspace. It writes the arrays
// (workspace/data.ts) and every slice the change affects, then runs the follow-on jobs in order:
//
//   1. layout     stale runs stopped; the change's layout shown and its distortion measured (a
//                 finished one, or new rows placed into the picture on screen), or the picture kept
//   2. query      the current query answered again on the new vectors (the commit's promise
//                 settles here)
//   3. search     the text search's matches found again
//   4. clusters   the change's own (a shared view's), else clustered again in the cluster worker
//   5. index      the answered query put to a loaded collection's index too
//   6. save       written to IndexedDB once the work settles (the restored workspace is not)
//   7. address    the view written into the address bar
//
// A newer commit makes an older one's jobs stale: each job checks before it starts. Nothing else
// starts work when the data changes (no store subscriptions).
import type { ChunkTable, SourceDocument } from '../../core/corpus';
import type { LayoutParams } from '../../core/layoutRun';
import type { Backend, ModelSource } from '../../core/models';
import type { Projection } from '../../core/snapshot/reduce';
import { allocateVectors, isShared, rowNorms } from '../../core/vectors';
import type { LayoutResult } from '../../workers/layout.protocol';
import { followAddress } from '../addressFollow';
import { applyClusters, runClusters } from '../clusterActions';
import { compareWithIndex } from '../indexComparison';
import { cancelLayout, finishLayout, placeNewRows, setLayoutParams } from '../layoutActions';
import { answerQuery, setOpenChunk } from '../queryActions';
import { autosave, markSaved } from '../saving';
import { useOrreryStore } from '../store';
import { refreshSearch } from '../viewActions';
import { emptyWorkspace, workspace } from './data';
import { rowMapping } from './rowMapping';

const store = useOrreryStore;

export interface Corpus {
  documents: SourceDocument[];
  table: ChunkTable;
  /** table.texts.length × dims */
  vectors: Float32Array;
  dims: number;
}

/** How the vectors were made, when a model made some of them now. */
export interface Made {
  /** the model that made them, when it changes with this commit */
  modelSource?: ModelSource;
  engine?: { backend: Backend; dtype: string } | null;
  /** texts the model embedded for this commit (cached ones not counted) */
  computed?: number;
  /** the query embedded again with the corpus's model; absent: the current query is kept if it fits */
  queryVector?: Float32Array | null;
  /** the vectors are the model's reduced by this projection (a share link's); null: the model's own; absent: as before when the size is unchanged */
  projection?: Projection | null;
}

export type LayoutShown = Pick<LayoutResult, 'coords' | 'explained' | 'notes'> & { pca: LayoutResult['pca'] | null };

export interface WorkspaceChange {
  corpus: Corpus;
  made?: Made;
  /** a finished layout of the new rows; rows from `placeFrom` on placed into the picture on screen; absent: the picture kept */
  layout?: { params: LayoutParams; result: LayoutShown } | { placeFrom: number };
  /** clusters the change brings (a shared view's): no clustering run */
  clusters?: { labels: Int32Array; names: string[][]; note: string };
  /** gold marks naming rows of the new corpus (a shared view's), instead of marks that follow their chunks */
  goldMarks?: Record<string, number[]>;
  /** this is the workspace as saved: nothing to write back */
  saved?: boolean;
}

/** Vectors in shared memory when the page can share it, so that workers read them without a copy. */
export function newVectors(length: number): Float32Array {
  return allocateVectors(length, globalThis.crossOriginIsolated === true);
}

const countOf = (flags: Uint8Array) => flags.reduce((n, x) => n + x, 0);
let commits = 0;

/** Commits a change of data; the promise settles when the current query has been answered on it. */
export async function commitWorkspace(change: WorkspaceChange): Promise<void> {
  const mine = ++commits;
  const stale = () => mine !== commits;
  writeCorpus(change.corpus, change.made ?? {}, change.goldMarks);
  // 1. layout
  const { layout } = change;
  if (layout && 'placeFrom' in layout) placeNewRows(layout.placeFrom);
  else if (layout) {
    setLayoutParams(layout.params);
    finishLayout(layout.params, layout.result);
  }
  // 2. query
  await answerQuery();
  if (stale()) return;
  // 3. search
  refreshSearch();
  // 4. clusters
  if (change.clusters) applyClusters(change.clusters.labels, change.clusters.names, change.clusters.note);
  else void runClusters();
  // 5. index
  void compareWithIndex();
  // 6. save
  if (change.saved) markSaved();
  else autosave();
  // 7. address
  followAddress();
}

/** Writes the arrays and the slices that describe them; derived work is stopped or dropped as stale. */
function writeCorpus(corpus: Corpus, made: Made, goldMarks: Record<string, number[]> | undefined): void {
  const { documents, table, vectors, dims } = corpus;
  const count = table.texts.length;
  if (vectors.length !== count * dims) throw new Error(`${vectors.length} numbers are not ${count} vectors of ${dims} dimensions`);
  const before = workspace.table;
  const { openChunk } = store.getState();
  // a layout or measurement of the old vectors is stale now
  cancelLayout();
  const shared = vectors.length === 0 || isShared(vectors) || globalThis.crossOriginIsolated !== true ? vectors : newVectors(vectors.length);
  if (shared !== vectors) shared.set(vectors);
  const queryVector = made.queryVector !== undefined ? made.queryVector : workspace.queryVector;
  Object.assign(workspace, {
    documents,
    table,
    vectors: shared,
    norms: rowNorms(shared, dims),
    dims,
    recall: null,
    clusterLabels: new Int32Array(0),
    // vectors of the same size as a reduced view's are still in its space (a model switch keeps a link's imported rows)
    projection: made.projection !== undefined ? made.projection : dims === workspace.dims ? workspace.projection : null,
    // a query of another size (a model switch that kept imported vectors) cannot be answered
    queryVector: queryVector?.length === dims ? queryVector : null,
  });
  const maxTokens = (made.modelSource ?? store.getState().modelSource).model.maxTokens;
  // the selection and gold marks follow their chunks; a chunk that is gone takes its marks with it
  const moved = rowMapping(before, table);
  const kept = (rows: number[]) => rows.map(moved).filter((row): row is number => row !== null);
  store.setState((s) => ({
    ...(made.modelSource && { modelSource: made.modelSource }),
    ...made.engine,
    chunkCount: count,
    sources: table.sources,
    corpusVersion: s.corpusVersion + 1,
    importedCount: countOf(table.imported),
    truncatedChunks: table.tokens.reduce((n, t) => n + (t > maxTokens ? 1 : 0), 0),
    embeddedCount: s.embeddedCount + (made.computed ?? 0),
    quality: null,
    // a collection link lasts while its rows are in the workspace
    indexLink: s.indexLink && table.sources.includes(s.indexLink.sourceName) ? s.indexLink : null,
    selection: kept(s.selection),
    onlySelection: s.onlySelection && kept(s.selection).length > 0,
    clusters: [],
    unclustered: 0,
    clusterRun: null,
    hiddenGroups: [],
    goldMarks: goldMarks ?? Object.fromEntries(Object.entries(s.goldMarks).map(([query, rows]) => [query, kept(rows)])),
    // an evaluation was of the old vectors
    evaluation: null,
  }));
  setOpenChunk(openChunk === null ? null : moved(openChunk));
}

/** Empties the corpus and everything derived from it. */
export function commitEmpty(): Promise<void> {
  Object.assign(workspace, emptyWorkspace());
  store.setState((s) => ({ layoutVersion: s.layoutVersion + 1, placedCount: 0, explainedVariance: [], restored: false, resumable: null }));
  return commitWorkspace({ corpus: { ...emptyWorkspace(), vectors: new Float32Array(0) }, made: { queryVector: null } });
}

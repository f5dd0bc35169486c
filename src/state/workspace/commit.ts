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
// A change of the space on screen also ends the model lab's comparison (its second space was made
// from the old chunks): the comparison and space B are dropped when the arrays are written.
//
// A change is of one space (the active one unless named): its arrays, its state and its jobs. Steps
// 2, 3 and 5–7 are of what is on screen, so they follow the active space only. A newer commit of
// the same space makes an older one's jobs stale: each job checks before it starts. Nothing else
// starts work when the data changes (no store subscriptions).
import { documentsViewingRows } from '../../core/documentVectors';
import { movedTags } from '../../core/tags';
import type { ChunkTable, SourceDocument } from '../../core/corpus';
import type { LayoutParams } from '../../core/layoutRun';
import type { Backend, ModelSource } from '../../core/models';
import type { Projection } from '../../core/snapshot/reduce';
import { allocateVectors, isShared, storageFor, storageOf, type VectorRows } from '../../core/vectors';
import { followAddress } from '../addressFollow';
import { applyClusters, runClusters } from '../clusterActions';
import { compareWithIndex } from '../indexComparison';
import { cancelLayout, finishLayout, type LayoutShown, placeNewRows, setLayoutParams } from '../layoutActions';
import { answerQuery, setOpenChunk } from '../queryActions';
import { autosave, markSaved } from '../saving';
import { useOrreryStore } from '../store';
import { refreshSearch } from '../viewActions';
import { emptySpaceData, forgetNorms, type Space, type SpaceId, spaceOf } from './data';
import { closeLab, spacePatch } from './spaces';
import { rowMapping } from './rowMapping';

const store = useOrreryStore;

export interface Corpus {
  documents: SourceDocument[];
  table: ChunkTable;
  /** table.texts.length × dims */
  vectors: VectorRows;
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

export interface WorkspaceChange {
  /** the space changed (the active one when absent) */
  space?: SpaceId;
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

/**
 * Vectors in shared memory when the page can share it, so that workers read them without a copy; as
 * float16 when any of the `parts` copied into them is, or when float32 would not fit.
 */
export function newVectors(length: number, parts: readonly VectorRows[] = []): VectorRows {
  const storage = parts.some((part) => storageOf(part) === 'float16') ? 'float16' : storageFor(length);
  return allocateVectors(length, globalThis.crossOriginIsolated === true, storage);
}

const countOf = (flags: Uint8Array) => flags.reduce((n, x) => n + x, 0);

/** Commits a change of data; the promise settles when the current query has been answered on it. */
export async function commitWorkspace(change: WorkspaceChange): Promise<void> {
  const space = spaceOf(change.space ?? store.getState().activeSpace);
  const isActive = () => store.getState().activeSpace === space.id;
  const previousTable = space.table;
  writeSpace(space, change.corpus, change.made ?? {});
  const mine = space.version;
  const stale = () => mine !== space.version;
  if (isActive()) {
    closeLab();
    writeView(change, previousTable);
  }
  // 1. layout
  const { layout } = change;
  if (layout && 'placeFrom' in layout) placeNewRows(space, layout.placeFrom);
  else if (layout) {
    setLayoutParams(layout.params, space);
    finishLayout(space, layout.params, layout.result);
  }
  // 2. query
  if (isActive()) await answerQuery();
  if (stale()) return;
  // 3. search
  if (isActive()) refreshSearch();
  // 4. clusters
  if (change.clusters) applyClusters(space, change.clusters.labels, change.clusters.names, change.clusters.note);
  else void runClusters(space.id);
  if (!isActive()) return;
  // 5. index
  void compareWithIndex();
  // 6. save
  if (change.saved) markSaved();
  else autosave();
  // 7. address
  followAddress();
}

/** Writes a space's arrays and state; its derived work is stopped or dropped as stale. */
function writeSpace(space: Space, corpus: Corpus, made: Made): void {
  const { documents, table, vectors, dims } = corpus;
  const count = table.texts.length;
  if (vectors.length !== count * dims) throw new Error(`${vectors.length} numbers are not ${count} vectors of ${dims} dimensions`);
  // a layout or measurement of the old vectors is stale now
  cancelLayout(space.id);
  const shared = vectors.length === 0 || isShared(vectors) || globalThis.crossOriginIsolated !== true ? vectors : newVectors(vectors.length, [vectors]);
  if (shared !== vectors) shared.set(vectors);
  forgetNorms(shared);
  const queryVector = made.queryVector !== undefined ? made.queryVector : space.queryVector;
  Object.assign(space, {
    version: space.version + 1,
    // an imported document's vectors are its rows of these: held once (documentVectors.ts)
    documents: documentsViewingRows(documents, table, shared, dims),
    table,
    vectors: shared,
    dims,
    recall: null,
    clusterLabels: new Int32Array(0),
    // vectors of the same size as a reduced view's are still in its space (a model switch keeps a link's imported rows)
    projection: made.projection !== undefined ? made.projection : dims === space.dims ? space.projection : null,
    // a query of another size (a model switch that kept imported vectors) cannot be answered
    queryVector: queryVector?.length === dims ? queryVector : null,
  });
  store.setState((s) => {
    const before = s.spaces[space.id];
    const model = made.modelSource?.model.id ?? before?.recipe.model ?? s.modelSource.model.id;
    const precision = made.engine ? made.engine.dtype : (before?.recipe.precision ?? null);
    const pooling = made.modelSource ? made.modelSource.pooling : before?.recipe.pooling;
    return {
      ...(made.modelSource && { modelSource: made.modelSource }),
      ...made.engine,
      corpusVersion: s.corpusVersion + 1,
      embeddedCount: s.embeddedCount + (made.computed ?? 0),
      ...spacePatch(s, space.id, {
        // a second space keeps the chunking it was made with; the one on screen follows the settings
        recipe: { model, precision, chunking: before && space.id !== s.activeSpace ? before.recipe.chunking : s.chunking, ...(pooling && { pooling }) },
        version: space.version,
        chunkCount: count,
        dims,
        quality: null,
        clusters: [],
        unclustered: 0,
        clusterRun: null,
        fineClusters: null,
        // an evaluation was of the old vectors
        evaluation: null,
      }),
    };
  });
}

/** Writes what the panels show of the active space's corpus: the selection, the open chunk and the gold marks follow their chunks. */
function writeView({ corpus: { table }, made, goldMarks }: WorkspaceChange, previousTable: ChunkTable): void {
  const { openChunk, modelSource } = store.getState();
  const count = table.texts.length;
  const maxTokens = (made?.modelSource ?? modelSource).model.maxTokens;
  // a chunk that is gone takes its marks with it
  const moved = rowMapping(previousTable, table);
  const kept = (rows: number[]) => rows.map(moved).filter((row): row is number => row !== null);
  store.setState((s) => ({
    chunkCount: count,
    sources: table.sources,
    importedCount: countOf(table.imported),
    truncatedChunks: table.tokens.reduce((n, t) => n + (t > maxTokens ? 1 : 0), 0),
    // a collection link lasts while its rows are in the workspace
    indexLink: s.indexLink && table.sources.includes(s.indexLink.sourceName) ? s.indexLink : null,
    selection: kept(s.selection),
    tags: movedTags(s.tags, moved),
    onlySelection: s.onlySelection && kept(s.selection).length > 0,
    hiddenGroups: [],
    goldMarks: goldMarks ?? Object.fromEntries(Object.entries(s.goldMarks).map(([query, rows]) => [query, kept(rows)])),
  }));
  setOpenChunk(openChunk === null ? null : moved(openChunk));
}

/** Empties the corpus and everything derived from it. */
export function commitEmpty(): Promise<void> {
  const space = spaceOf(store.getState().activeSpace);
  Object.assign(space, emptySpaceData());
  store.setState((s) => ({
    layoutVersion: s.layoutVersion + 1,
    restored: false,
    resumable: null,
    ...spacePatch(s, space.id, { placedCount: 0, explainedVariance: [], sampledLayout: null }),
  }));
  return commitWorkspace({ corpus: { ...emptySpaceData(), vectors: new Float32Array(0) }, made: { queryVector: null } });
}

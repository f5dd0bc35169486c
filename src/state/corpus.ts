// The one commit path for the corpus: documents, chunk table, vectors and their dimension change
// here and nowhere else. A commit bumps the corpus version; everything derived from the corpus
// (norms, the selection's neighbours, the query's results, layout quality) is recomputed or
// dropped here, and work on an older version (a layout, a measurement) is stopped as stale.
import type { ChunkTable, SourceDocument } from '../core/corpus';
import type { Backend, ModelSource } from '../core/models';
import type { Projection } from '../core/snapshot/codec';
import { allocateVectors, isShared, rowNorms } from '../core/vectors';
import { emptyWorkspace, workspace } from './data';
import { cancelLayout } from './layoutActions';
import { refreshQuery, select } from './queryActions';
import { useOrreryStore } from './store';
import { refreshSearch } from './viewActions';

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

/** Vectors in shared memory when the page can share it, so that workers read them without a copy. */
export function newVectors(length: number): Float32Array {
  return allocateVectors(length, globalThis.crossOriginIsolated === true);
}

const countOf = (flags: Uint8Array) => flags.reduce((n, x) => n + x, 0);

/** A chunk's identity across commits: the same source and the same characters. */
const chunkKey = (table: ChunkTable, row: number) =>
  `${table.sources[table.sourceIds[row]!]}\u0000${table.starts[row]}\u0000${table.ends[row]}\u0000${table.texts[row]}`;

/** Where each row of the old table is in the new one (chunks added, re-chunked, model switched), or null if gone. */
function rowMapping(before: ChunkTable, after: ChunkTable): (row: number) => number | null {
  let rows: Map<string, number> | null = null;
  return (row) => {
    if (row < 0 || row >= before.texts.length) return null;
    const key = chunkKey(before, row);
    if (row < after.texts.length && chunkKey(after, row) === key) return row;
    rows ??= new Map(after.texts.map((_, i) => [chunkKey(after, i), i]));
    return rows.get(key) ?? null;
  };
}

/** Commits a new corpus; the promise settles when the current query has been answered on it. */
export function commitCorpus(corpus: Corpus, made: Made = {}): Promise<void> {
  const { documents, table, vectors, dims } = corpus;
  const count = table.texts.length;
  if (vectors.length !== count * dims) throw new Error(`${vectors.length} numbers are not ${count} vectors of ${dims} dimensions`);
  const before = workspace.table;
  const selected = store.getState().selected;
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
  store.setState((s) => ({
    ...(made.modelSource && { modelSource: made.modelSource }),
    ...made.engine,
    dims,
    chunkCount: count,
    sources: table.sources,
    corpusVersion: s.corpusVersion + 1,
    importedCount: countOf(table.imported),
    truncatedChunks: table.tokens.reduce((n, t) => n + (t > maxTokens ? 1 : 0), 0),
    embeddedCount: s.embeddedCount + (made.computed ?? 0),
    quality: null,
    // a collection link lasts while its rows are in the workspace
    indexLink: s.indexLink && table.sources.includes(s.indexLink.sourceName) ? s.indexLink : null,
  }));
  // the selection and gold marks follow their chunks; a chunk that is gone takes its marks with it
  const moved = rowMapping(before, table);
  select(selected === null ? null : moved(selected));
  const chosen = store
    .getState()
    .chosen.map(moved)
    .filter((row): row is number => row !== null);
  store.setState({ chosen, onlyChosen: store.getState().onlyChosen && chosen.length > 0, clusters: [], unclustered: 0, clusterRun: null, hiddenGroups: [] });
  const goldMarks = Object.fromEntries(
    Object.entries(store.getState().goldMarks).map(([query, rows]) => [query, rows.map(moved).filter((row): row is number => row !== null)]),
  );
  refreshSearch();
  // an evaluation was of the old vectors
  store.setState({ goldMarks, evaluation: null });
  return refreshQuery();
}

/** Empties the corpus and everything derived from it. */
export function commitEmpty(): void {
  void commitCorpus({ ...emptyWorkspace(), vectors: new Float32Array(0) }, { queryVector: null });
  Object.assign(workspace, emptyWorkspace());
  store.setState((s) => ({ layoutVersion: s.layoutVersion + 1, placedCount: 0, explainedVariance: [], dims: 0, restored: false, resumable: null }));
}

// The model lab: a second space of the corpus on screen (another model, precision, pooling, prefix or
// chunking, or the vectors cut to their first dimensions), laid out and clustered like the first, then compared with it —
// each chunk's true neighbours in both (Jaccard), B's picture aligned onto A's (labAlignment.ts), and
// the loaded query set answered in both (per-query wins and losses, a bootstrap interval of MRR).
import { CancelledError } from '../core/batching';
import { changedMost, labBudgetProblem, meanOf, neighbourJaccard } from '../core/lab/overlap';
import { matchChunks } from '../core/lab/matchChunks';
import type { ChunkTable } from '../core/corpus';
import { chunkInWorker } from './corpusActions';
import { comparePaired } from '../core/lab/pairedComparison';
import { type ModelSource, truncateVectors } from '../core/models';
import { denseReading } from './languageCoverage';
import { labAlignment } from './labAlignment';
import { measurePairsInB } from './labPairs';
import { embedCorpus } from './embedCorpus';
import { embedQueries } from './embedding';
import { chunkingName, describeRecipe, labModel, modelRunOf, recipeOfA, runFor, sameChunking, sameRecipe, vectorsInB } from './labSpace';
import { corpusRef } from './corpusRef';
import { layOutUncommitted } from './layoutActions';
import type { LabComparison, LabRecipe, LabView, QueryComparison } from './labSlice';
import { activeOf, type EvaluationState } from './slices';
import { parseQuerySet } from '../core/retrieval/querySet';
import { chunkingFrom } from '../core/settingsFrom';
import type { SnapshotLab } from '../core/snapshot/codec';
import { settle } from './status';
import { setColourMode } from './viewActions';
import { answerQuery } from './queryActions';
import { viewChanged } from './viewChanged';
import { askToAllow, modelOrigins, notYetAllowed } from './allowedHosts';
import { useOrreryStore } from './store';
import { enqueue } from './tasks';
import { shareVectors } from './vectorSync';
import { qualityClient, retrieveClient } from './workers';
import { commitWorkspace } from './workspace/commit';
import { type Space, spaceOf } from './workspace/data';
import { activeSpace, closeLab, LAB_SPACE, openSpace } from './workspace/spaces';
import { asFloat32, holdsFloat16, type VectorRows } from '../core/vectors';
import { heldForLab } from '../core/lab/halfPrecision';

/** Closes space B; a comparison of the query with B goes with it. */
export function closeLabSpace(): Promise<void> {
  closeLab();
  return answerQuery();
}

const store = useOrreryStore;
/** True neighbours compared per chunk. */
export const OVERLAP_K = 10;
const CHANGED_LISTED = 20;

function describeA(): string {
  const { modelSource, dtype } = store.getState();
  return `${modelSource.model.label}${dtype ? ` · ${dtype}` : ''} · ${activeSpace().dims} dimensions`;
}

/** Adds space B, made by `recipe`, and compares it with the space on screen. */
export function addLabSpace(recipe: LabRecipe): Promise<void> {
  return enqueue(async (signal) => {
    const { notify, setStatus } = store.getState();
    const a = activeSpace();
    const count = a.table.texts.length;
    if (count < 2) {
      notify('error', 'Load a corpus before adding a space to compare it with.');
      settle();
      return;
    }
    if (sameRecipe(recipe, recipeOfA())) throw new Error('Space B would be the same as A: change its model, precision, pooling, dimensions or chunking.');
    const run = runFor(recipe, a);
    // a model from a host this page may not reach yet: asked first, and B is made after the reload
    const unreachable = run ? notYetAllowed(modelOrigins(run)) : [];
    if (run && unreachable.length > 0) {
      askToAllow(unreachable, `download ${run.model.label} for space B`, {
        kind: 'lab',
        lab: { recipe: { ...recipe, chunking: { ...recipe.chunking } }, view: 'a' },
      });
      throw new Error(`${run.model.label} comes from ${unreachable[0]}, which this page may not reach yet.`);
    }
    // A's true neighbours are found in the quality worker while B is made beside them
    const inAFound = trueNeighbours(a, OVERLAP_K, signal);
    inAFound.catch(() => undefined); // its failure is met where it is awaited
    // a labelled-pairs file measured against the earlier B is measured again against the new one
    const earlierPairs = store.getState().lab?.pairs ?? null;
    closeLab();
    const what = describeRecipe(recipe);
    const table = await chunksOf(a, recipe, signal);
    const countB = table.texts.length;
    const sizeA = { count, dims: a.dims, bytes: a.vectors.BYTES_PER_ELEMENT as 2 | 4 };
    // B is held as float16 where that keeps its ranks (measured once it is made)
    const tooLarge = labBudgetProblem(sizeA, { count: countB, dims: recipe.dims || a.dims, bytes: holdsFloat16() ? 2 : 4 });
    if (tooLarge) throw new Error(`Space B was not made: ${tooLarge}.`);
    const made = await vectorsOf(a, table, run, recipe, signal);
    const dims = made.vectors.length / countB;
    const { vectors, half } = heldForLab(asFloat32(made.vectors), countB, dims);
    const tooLargeAsMade = labBudgetProblem(sizeA, { count: countB, dims, bytes: vectors.BYTES_PER_ELEMENT as 2 | 4 });
    if (tooLargeAsMade) throw new Error(`Space B was not made: float16 would change its ranks, and ${tooLargeAsMade}.`);
    const { precision } = made;
    setStatus('layout', `Laying out space B (${what})`);
    const params = activeOf(store.getState()).layoutParams;
    const layout = await layOutUncommitted(LAB_SPACE, params, vectors, countB, dims, signal);
    // a pooling is named only where it is not the model's own way
    const pooling = recipe.pooling === labModel(recipe.model).pooling ? {} : { pooling: recipe.pooling };
    openSpace(LAB_SPACE, { model: recipe.model, precision, chunking: recipe.chunking, ...pooling });
    await commitWorkspace({ space: LAB_SPACE, corpus: { documents: a.documents, table, vectors, dims }, layout: { params, result: layout } });
    const b = spaceOf(LAB_SPACE);
    const match = table === a.table ? null : matchChunks(a.table, table);
    setStatus('querying', `Comparing the ${OVERLAP_K} nearest neighbours of ${count.toLocaleString('en')} chunks in both spaces`);
    const inA = await inAFound;
    const inB = await trueNeighbours(b, OVERLAP_K, signal);
    const [neighboursA, neighboursB] = [inA.indices, inB.indices];
    const overlap = neighbourJaccard(neighboursA, neighboursB, count, OVERLAP_K, match ?? undefined);
    const lab: LabComparison = {
      space: LAB_SPACE,
      recipe,
      run,
      match,
      labels: { a: describeA(), b: what },
      k: OVERLAP_K,
      neighboursA,
      neighboursB,
      exactNeighbours: inA.exact && inB.exact,
      overlap,
      meanOverlap: meanOf(overlap),
      changedMost: changedMost(overlap, CHANGED_LISTED),
      queries: null,
      pairs: null,
      half,
    };
    store.setState({ lab });
    // what changed is what the user came to see
    setColourMode('overlap');
    const residual = labAlignment()?.residual ?? NaN;
    notify(
      'info',
      `Space B (${what}): its chunks keep ${Math.round(100 * lab.meanOverlap)}% of their ${OVERLAP_K} nearest neighbours on average (Jaccard); aligned onto A's picture, B's is off by an RMSD of ${residual.toFixed(2)} of A's spread.`,
    );
    // a query set that cannot be read in B (ids across chunkings) is said; the comparison stays
    if (activeOf(store.getState()).evaluation)
      await compareQueries(signal).catch((error: unknown) => {
        if (error instanceof CancelledError) throw error;
        notify('error', (error as Error).message);
      });
    if (earlierPairs) {
      const pairs = await measurePairsInB(lab, earlierPairs, signal);
      store.setState((s) => (s.lab?.space === lab.space ? { lab: { ...s.lab, pairs } } : {}));
    }
    // the query on screen, compared with itself in B when asked
    await answerQuery(signal);
    settle();
  });
}

/** B's chunks: A's own, or the documents chunked again as the recipe says (by B's tokenizer where it counts tokens). */
async function chunksOf(a: Space, recipe: LabRecipe, signal: AbortSignal): Promise<ChunkTable> {
  if (sameChunking(recipe.chunking, recipeOfA().chunking)) return a.table;
  if (a.table.imported.some((flag) => flag)) throw new Error('Some chunks came with their own vectors: they cannot be chunked again.');
  store.getState().setStatus('loading', `Chunking ${a.documents.length} documents for space B`);
  const table = await chunkInWorker(a.documents, signal, recipe.chunking, modelRunOf(recipe));
  if (table.texts.length < 2) throw new Error(`Chunked as ${chunkingName(recipe.chunking)}, the documents leave fewer than two chunks.`);
  return table;
}

/** B's vectors: A's cut to their first dimensions (no model run), or B's chunks embedded by B's model run (the cache keeps what it can), then cut. */
async function vectorsOf(
  a: Space,
  table: ChunkTable,
  run: ModelSource | null,
  recipe: LabRecipe,
  signal: AbortSignal,
): Promise<{ vectors: VectorRows; precision: string | null }> {
  if (!run) {
    if (recipe.dims >= a.dims) throw new Error(`A cut to fewer dimensions needs vectors of more than that; these have ${a.dims}.`);
    return { vectors: truncateVectors(a.vectors, a.dims, recipe.dims), precision: store.getState().dtype };
  }
  // B's model embeds the chunks' texts, whatever made A's vectors
  const { corpus, made } = await embedCorpus(a.documents, { ...table, imported: new Uint8Array(table.texts.length) }, signal, run);
  return { vectors: truncateVectors(corpus.vectors, corpus.dims, recipe.dims || corpus.dims), precision: made.engine?.dtype ?? recipe.precision };
}

/** The query set evaluated on A, answered by dense retrieval in both spaces; B's result is kept in the lab. */
async function compareQueries(signal: AbortSignal): Promise<void> {
  const state = store.getState();
  const { lab } = state;
  const evaluation = activeOf(state).evaluation;
  if (!lab || !evaluation) return;
  const texts = evaluation.queries.map((q) => q.text);
  const relevant = evaluation.queries.map((q) => q.relevant);
  state.setStatus('embedding', `Embedding ${texts.length} queries for both spaces`, { done: 0, total: texts.length });
  const answer = async (space: Space, vectors: Float32Array, relevant: number[][]) => {
    const ref = await corpusRef(signal, space);
    const result = await retrieveClient.request(
      'evaluate',
      { ...ref, texts, vectors, relevant, settings: { ...state.retrieval, retriever: 'dense' }, variants: [], reading: denseReading() },
      { signal },
    );
    return result.rows.find((row) => row.name === 'dense')!;
  };
  const relevantB = lab.match ? await relevantInB(evaluation, spaceOf(lab.space), signal) : relevant;
  const queryA = await embedQueries(texts, signal);
  const queryB = await vectorsInB(lab, texts, queryA.vectors, queryA.dims, signal);
  state.setStatus('querying', `Answering ${texts.length} queries in both spaces`);
  const rowA = await answer(activeSpace(), queryA.vectors, relevant);
  const rowB = await answer(spaceOf(lab.space), queryB, relevantB);
  const rrA = rowA.perQuery.map((q) => q.rr);
  const rrB = rowB.perQuery.map((q) => q.rr);
  const queries: QueryComparison = { name: evaluation.name, queries: texts, a: rowA.mean, b: rowB.mean, rrA, rrB, mrr: comparePaired(rrA, rrB) };
  store.setState((s) => (s.lab === lab ? { lab: { ...lab, queries } } : {}));
}

/**
 * Each query's relevant chunks among another chunking's: the file's expected texts found again in B's
 * chunks (a query whose text no chunk of B holds whole has none there, and scores 0 in B). Ids name
 * chunks of one chunking, so a file that uses them is refused.
 */
async function relevantInB(evaluation: EvaluationState, b: Space, signal: AbortSignal): Promise<number[][]> {
  const { rows } = parseQuerySet(evaluation.name, evaluation.text);
  if (rows.some((row) => row.ids.length > 0))
    throw new Error(
      `${evaluation.name} names its relevant chunks by id, and ids do not carry across chunkings: give each query an expected_text to compare two chunkings.`,
    );
  const ref = await corpusRef(signal, b);
  const { queries } = await retrieveClient.request('query-set', { textsId: ref.textsId, name: evaluation.name, text: evaluation.text, ids: [] }, { signal });
  const byLine = new Map(queries.map((q) => [q.line, q.relevant]));
  return evaluation.queries.map((q) => byLine.get(q.line) ?? []);
}

/** Compares the lab's spaces on the query set evaluated on A (after a new evaluation). */
export function compareLabQueries(): Promise<void> {
  return enqueue(async (signal) => {
    await compareQueries(signal);
    settle();
  });
}

/** A's neighbours, kept while A's data stays: comparing it with one space B after another searches A once. */
let neighboursOfA: { space: Space; version: number; k: number; found: { indices: Int32Array; exact: boolean } } | null = null;

/** Each chunk's k nearest others in the space's full vectors (cosine), found in the quality worker: count × k indices. */
async function trueNeighbours(space: Space, k: number, signal: AbortSignal): Promise<{ indices: Int32Array; exact: boolean }> {
  const kept = neighboursOfA;
  if (kept?.space === space && kept.version === space.version && kept.k === k) return kept.found;
  const count = space.table.texts.length;
  const vectorsId = await shareVectors(qualityClient, space.id, space.vectors, count, space.dims, signal);
  const { indices, exact } = await qualityClient.request('neighbours', { space: space.id, vectorsId, k }, { signal });
  const found = { indices, exact };
  if (space.id !== LAB_SPACE) neighboursOfA = { space, version: space.version, k, found };
  return found;
}

export function setLabView(view: LabView): void {
  store.setState({ labView: view });
  viewChanged();
}

/** A shared view's space B, made again here (after the view it came with) and shown as the sender showed it. */
export async function reopenLab(shared: SnapshotLab): Promise<void> {
  // links and saves made before B could come from a mirror have no host
  await addLabSpace({ ...shared.recipe, host: shared.recipe.host ?? null, chunking: chunkingFrom(shared.recipe.chunking) });
  if (store.getState().lab) setLabView(shared.view);
}

// Queries and selections, answered in the full vector space: a query goes to the retrieval worker,
// which ranks every chunk under each retriever; a selected chunk gets its true neighbours.
import type { Purpose } from '../core/models';
import { denseReading } from './languageCoverage';
import { FULL_VECTORS, type VectorVariant } from '../core/retrieval/quantize';
import { DEFAULT_RETRIEVAL, type RetrievalSettings, type RetrieverName } from '../core/retrieval/retrieve';
import { cosineTopK } from '../core/retrieval/dense';
import { asFloat32, rowOf } from '../core/vectors';
import { CancelledError } from '../core/batching';
import type { CorpusRef } from '../workers/retrieve.protocol';
import { activeSpace } from './workspace/spaces';
import { normsOf, spaceOf } from './workspace/data';
import { vectorsInB } from './labSpace';
import { embedQueries } from './embedding';
import { placeQuery } from './layoutActions';
import { settle } from './status';
import { useOrreryStore } from './store';
import { enqueue } from './tasks';
import { followAddress } from './addressFollow';
import { autosave } from './saving';
import { shownByFilters } from './columnReadings';
import { corpusRef } from './corpusRef';
import { viewChanged } from './viewChanged';
import { retrieveClient } from './workers';

const store = useOrreryStore;
/** the answer being worked out: a newer one cancels it (its requests to the workers included) */
let answering: AbortController | null = null;
const HISTORY = 12;

/** What the second list of results shows beside the first. */
export type CompareWith =
  | { kind: 'retriever'; retriever: RetrieverName }
  | { kind: 'plain' }
  | { kind: 'query'; text: string }
  /** the same query in the model lab's space B */
  | { kind: 'space' }
  | null;
let compareWith: CompareWith = null;

function ask(
  vector: Float32Array | null,
  text: string,
  settings: RetrievalSettings,
  gold: number[],
  ref: CorpusRef,
  signal: AbortSignal,
  variant: VectorVariant = store.getState().variant,
  // the Columns panel's filters hold rows of the space on screen
  allowed: Uint8Array | null = shownByFilters(),
) {
  return retrieveClient.request('query', { ...ref, vector, text, settings, variant, gold, reading: denseReading(), allowed }, { signal });
}

/**
 * Answers the query again on the vectors in the workspace (new vectors, settings or gold marks); no
 * query, no results. A commit calls this and then its own follow-on jobs (workspace/commit.ts).
 */
export async function answerQuery(taskSignal?: AbortSignal): Promise<void> {
  answering?.abort();
  const mine = new AbortController();
  answering = mine;
  const signal = taskSignal ? AbortSignal.any([taskSignal, mine.signal]) : mine.signal;
  const { queryVector } = activeSpace();
  const { keywordsOnly } = store.getState();
  if ((!queryVector && !keywordsOnly) || activeSpace().table.texts.length === 0) {
    activeSpace().queryCoords = null;
    store.setState((s) => ({
      keywordsOnly: null,
      results: [],
      beyond: [],
      byRetriever: null,
      gold: [],
      fullRanks: null,
      comparison: null,
      queryText: '',
      queryTokens: null,
      queryVersion: s.queryVersion + 1,
    }));
    return;
  }
  const { queryText, retrieval, goldMarks, corpusVersion } = store.getState();
  // a model of the space's size has since made the query's vector (modelActions.ts): dense search again
  if (queryVector && keywordsOnly) store.setState({ keywordsOnly: null });
  try {
    const ref = await corpusRef(signal);
    const settings = queryVector ? retrieval : keywordSettings(retrieval);
    const answer = await ask(queryVector, queryText, settings, goldMarks[queryText] ?? [], ref, signal);
    const comparison = queryVector ? await compare(ref, queryVector, queryText, signal) : null;
    if (mine !== answering || store.getState().corpusVersion !== corpusVersion) return;
    store.setState((s) => ({
      results: answer.hits.filter((h) => !h.beyondCut),
      beyond: answer.hits.filter((h) => h.beyondCut),
      byRetriever: answer.byRetriever,
      gold: answer.gold,
      fullRanks: answer.fullRanks && Object.fromEntries(answer.hits.map((h, i) => [h.index, answer.fullRanks![i]!])),
      comparison,
      queryVersion: s.queryVersion + 1,
    }));
  } catch (error) {
    if (!(error instanceof CancelledError)) store.getState().notify('error', `The query could not be answered: ${(error as Error).message}`);
  }
}

/** The second list: another retriever, the same query without the model's query prefix, or an earlier query. */
async function compare(ref: CorpusRef, vector: Float32Array, text: string, signal: AbortSignal) {
  const spec = compareWith;
  if (!spec) return null;
  const { retrieval, goldMarks, modelSource } = store.getState();
  if (spec.kind === 'retriever') {
    const answer = await ask(vector, text, { ...retrieval, retriever: spec.retriever }, [], ref, signal);
    return { label: `${spec.retriever} retriever`, hits: answer.hits.filter((h) => !h.beyondCut) };
  }
  if (spec.kind === 'space') {
    const { lab } = store.getState();
    if (!lab) return null;
    const inB = await vectorsInB(lab, [text], vector, vector.length, signal);
    const answer = await ask(inB, text, retrieval, goldMarks[text] ?? [], await corpusRef(signal, spaceOf(lab.space)), signal, FULL_VECTORS, null);
    return { label: `space B (${lab.labels.b})`, space: lab.space, hits: answer.hits.filter((h) => !h.beyondCut) };
  }
  const other = spec.kind === 'plain' ? text : spec.text;
  const purpose: Purpose = spec.kind === 'plain' ? 'plain' : 'query';
  const embedded = await embedQueries([other], signal, purpose);
  const answer = await ask(embedded.vectors, other, retrieval, goldMarks[other] ?? [], ref, signal);
  const label = spec.kind === 'plain' ? `without the query prefix “${modelSource.model.queryPrefix}”` : `“${other}”`;
  return { label, hits: answer.hits.filter((h) => !h.beyondCut) };
}

/** Answers the query again, then what follows a new answer: the index asked too, the settings saved, the address. */
export async function refreshQuery(taskSignal?: AbortSignal): Promise<void> {
  await answerQuery(taskSignal);
  viewChanged({ answered: true });
}

export function setComparison(spec: CompareWith): Promise<void> {
  compareWith = spec;
  return refreshQuery();
}

/** Past this many numbers, ranking every row on the page's thread takes longer than a few frames (0.6 s at 1,000,000 × 384). */
const NEIGHBOURS_IN_WORKER = 4_000_000;

/** Selects a chunk and finds its ten true neighbours; null (or a row that is not there) clears the selection. */
export function setOpenChunk(index: number | null): void {
  const space = activeSpace();
  if (index === null || index < 0 || index >= space.table.texts.length) store.setState({ openChunk: null, neighbours: [] });
  else {
    const row = asFloat32(rowOf(space.vectors, space.dims, index));
    const inWorker = space.vectors.length >= NEIGHBOURS_IN_WORKER;
    store.setState({ openChunk: index, neighbours: inWorker ? [] : cosineTopK(space.vectors, space.dims, normsOf(space), row, 10, index) });
    if (inWorker) void neighboursInWorker(index, row);
  }
  followAddress();
}

/** A chunk's ten true neighbours from the retrieval worker's dense search (its int8 scan, the top rows rescored exactly). */
async function neighboursInWorker(index: number, row: Float32Array): Promise<void> {
  const space = activeSpace();
  const { version } = space;
  try {
    const settings = { ...DEFAULT_RETRIEVAL, retriever: 'dense' as const, topK: 11 };
    const answer = await retrieveClient.request('query', {
      ...(await corpusRef()),
      vector: row,
      text: '',
      settings,
      variant: FULL_VECTORS,
      gold: [],
      allowed: null,
    });
    if (store.getState().openChunk !== index || activeSpace() !== space || space.version !== version) return;
    const others = answer.hits.filter((hit) => hit.index !== index).slice(0, 10);
    store.setState({ neighbours: others.map((hit, i) => ({ index: hit.index, rank: i + 1, score: hit.dense.score })) });
  } catch (error) {
    if (!(error instanceof CancelledError)) store.getState().notify('error', `The open chunk's neighbours could not be found: ${(error as Error).message}`);
  }
}

/** Changes how queries are answered (top k, retriever, its parameters) and answers the last one again. */
export function setRetrieval(change: Partial<RetrievalSettings>): Promise<void> {
  const { retrieval } = store.getState();
  const next = { ...retrieval, ...change };
  next.topK = Math.max(1, Math.min(100, Math.round(next.topK) || 1));
  store.setState({ retrieval: next });
  return refreshQuery();
}

export const setTopK = (topK: number): Promise<void> => setRetrieval({ topK });

/** What-if: answer with the vectors as int8, binary or cut to fewer dimensions. */
export function setVariant(variant: VectorVariant): Promise<void> {
  store.setState({ variant });
  return refreshQuery();
}

export function setContextBudget(tokens: number): void {
  store.setState({ contextBudget: Math.max(1, Math.round(tokens) || 1) });
  autosave();
}

/** Marks (or unmarks) a chunk as a right answer to the current query. */
export function toggleGold(index: number): Promise<void> {
  const { queryText, goldMarks } = store.getState();
  if (!queryText) return Promise.resolve();
  const marks = goldMarks[queryText] ?? [];
  const next = marks.includes(index) ? marks.filter((i) => i !== index) : [...marks, index];
  store.setState({ goldMarks: { ...goldMarks, [queryText]: next } });
  return refreshQuery();
}

/** Marks the given chunks as the right answers to a query (an evaluation row), replacing earlier marks. */
export function setGold(queryText: string, rows: number[]): void {
  store.setState((s) => ({ goldMarks: { ...s.goldMarks, [queryText]: rows } }));
}

/** No query: its results, path and marks in the scene go. */
export function clearQuery(): Promise<void> {
  activeSpace().queryVector = null;
  store.setState({ keywordsOnly: null });
  return refreshQuery();
}

export function runQuery(text: string): Promise<void> {
  const query = text.trim();
  if (!query) {
    store.getState().notify('error', 'Type a query first.');
    return Promise.resolve();
  }
  return enqueue(async (signal) => {
    if (store.getState().chunkCount === 0) {
      store.getState().notify('error', 'Load a corpus before querying: paste text, drop files or load the demo corpus.');
      settle();
      return;
    }
    if (activeSpace().dims === 0)
      throw new Error(
        'These chunks have no vectors (the shared view carried none), so a query has nothing to rank: ask it under Retrieve, which offers to embed them.',
      );
    const layoutBusy = store.getState().phase === 'layout';
    if (!layoutBusy) store.getState().setStatus('querying', `Searching for “${query}”`);
    const { vectors: embedded, dims, tokens } = await embedQueries([query], signal);
    const { modelSource } = store.getState();
    const keywordsOnly = dims === activeSpace().dims ? null : keywordsOnlyReason(modelSource.model.label, dims);
    const queryVector = keywordsOnly ? null : embedded;
    if (keywordsOnly) store.getState().notify('info', `“${query}”: ${keywordsOnly}`);
    const { model } = modelSource;
    const queryTokens = !keywordsOnly && (tokens[0] ?? 0) > model.maxTokens ? tokens[0]! : null;
    if (queryTokens)
      store
        .getState()
        .notify(
          'info',
          `The query has ${queryTokens} tokens: ${model.label} reads only its first ${model.maxTokens}, so the rest does not count in dense search (BM25 reads it all).`,
        );
    activeSpace().queryVector = queryVector;
    placeQuery();
    store.setState((s) => ({ queryText: query, keywordsOnly, queryTokens, history: [query, ...s.history.filter((h) => h !== query)].slice(0, HISTORY) }));
    await refreshQuery(signal);
    if (!layoutBusy) settle();
  });
}

/** How a query with no vector is answered: by BM25 (MMR weighs dense similarity, which there is none of). */
export const keywordSettings = (retrieval: RetrievalSettings): RetrievalSettings => ({ ...retrieval, retriever: 'bm25', mmr: { ...retrieval.mmr, on: false } });

/** Why a query has no vector in the space on screen, and what dense search needs. */
function keywordsOnlyReason(modelLabel: string, dims: number): string {
  const { importedCount } = store.getState();
  const spaceDims = activeSpace().dims;
  const origin = importedCount > 0 ? `the ${importedCount.toLocaleString('en')} imported vectors have` : 'the vectors on screen have';
  return `${modelLabel} makes ${dims}-d query vectors and ${origin} ${spaceDims}, so it is ranked by its keywords alone (BM25). Pick a model that makes ${spaceDims}-d vectors (the one that made them) for dense and hybrid search.`;
}

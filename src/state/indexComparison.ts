// A loaded collection's index as a second opinion: each answered query is put to the index too,
// beside exact search over the same rows (the workspace's follow-on jobs call compareWithIndex).
import type { DenseMetric } from '../core/retrieval/dense';
import { chunkIds } from '../core/retrieval/querySet';
import type { Connection, IndexSpace } from '../core/vectorDb/database';
import { compareIndex } from '../core/vectorDb/indexRecall';
import type { Target } from '../workers/vectorDb.protocol';
import { useOrreryStore } from './store';
import { corpusRef } from './corpusRef';
import { retrieveClient, vectorDbClient } from './workers';
import { activeSpace } from './workspace/spaces';

const store = useOrreryStore;

/** Exact search ranks as the index does: Chroma's spaces as Orrery's dense metrics. */
const METRIC_OF_SPACE: Record<IndexSpace, DenseMetric> = { cosine: 'cosine', ip: 'dot', l2: 'euclidean' };
/** A dense score back to the index's distance, so both lists read alike. */
const DISTANCE_OF_SCORE: Record<IndexSpace, (score: number) => number> = { cosine: (s) => 1 - s, ip: (s) => 1 - s, l2: (s) => s * s };

export function target(connection: Connection = store.getState().dbConnection): Target {
  return { connection, pageOrigin: globalThis.location?.origin ?? 'this page' };
}

/** The chunk ids of the workspace (a collection's rows keep theirs), made once per corpus version. */
let idCache: { version: number; ids: string[]; rows: Map<string, number> } | null = null;
export function chunkIdIndex(): { ids: string[]; rows: Map<string, number> } {
  const version = store.getState().corpusVersion;
  if (idCache?.version !== version) {
    const ids = chunkIds(activeSpace().table, activeSpace().documents);
    idCache = { version, ids, rows: new Map(ids.map((id, row) => [id, row])) };
  }
  return idCache;
}

let comparing = 0;

/** Asks the collection's index the current query, and exact search over the same rows. */
export async function compareWithIndex(): Promise<void> {
  const mine = ++comparing;
  const { indexLink, queryText, retrieval, goldMarks } = store.getState();
  const vector = activeSpace().queryVector;
  const source = indexLink ? activeSpace().table.sources.indexOf(indexLink.sourceName) : -1;
  if (!indexLink || !vector || !queryText || source < 0) {
    store.setState({ indexAnswer: null });
    return;
  }
  const { collection } = indexLink;
  if (collection.dims !== null && collection.dims !== vector.length) {
    store.setState({
      indexAnswer: {
        unavailable: `The query is a ${vector.length}-d vector, and ${collection.name} holds ${collection.dims}-d vectors: its index cannot be asked. Pick the model that made the collection.`,
      },
    });
    return;
  }
  const { sourceIds } = activeSpace().table;
  const start = sourceIds.indexOf(source);
  const end = sourceIds.lastIndexOf(source) + 1;
  const k = retrieval.topK;
  try {
    const { ids, rows } = chunkIdIndex();
    const asked = await vectorDbClient.request('query', { ...target(indexLink.connection), collectionId: collection.id, vector, k });
    const ref = await corpusRef();
    const gold = (goldMarks[queryText] ?? []).filter((row) => row >= start && row < end);
    const rowsAsked = [...asked.hits.map((h) => rows.get(h.id)).filter((row): row is number => row !== undefined), ...gold];
    const exact = await retrieveClient.request('exact', {
      vectorsId: ref.vectorsId,
      vector,
      metric: METRIC_OF_SPACE[collection.space],
      k,
      start,
      end,
      rows: rowsAsked,
    });
    if (mine !== comparing) return;
    const toDistance = DISTANCE_OF_SCORE[collection.space];
    const comparison = compareIndex({
      k,
      indexHits: asked.hits,
      exact: exact.top.map((hit) => ({ row: hit.index, distance: toDistance(hit.score) })),
      idOf: (row) => ids[row]!,
      rowOf: (id) => rows.get(id),
      exactRanks: new Map(rowsAsked.map((row, i) => [row, exact.ranks[i]!])),
      gold,
      complete: indexLink.complete,
    });
    store.setState({ indexAnswer: { ...comparison, indexMs: asked.elapsedMs, exactMs: exact.elapsedMs, queryText } });
  } catch (error) {
    if (mine === comparing) store.setState({ indexAnswer: { unavailable: `The index could not be asked: ${(error as Error).message}` } });
  }
}

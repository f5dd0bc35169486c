// A vector database as a source and as a second opinion: connect and list its collections, read
// one (all of it, or a uniform sample) into the workspace as an ordinary corpus, ask its index
// each query beside exact search over the same rows, and write the workspace into a collection.
import { chunkMetadata } from '../core/corpus';
import { hostOrigin } from '../core/csp';
import { normaliseUrl } from '../core/vectorDb/chroma';
import type { DenseMetric } from '../core/retrieval/dense';
import { chunkIds } from '../core/retrieval/querySet';
import { seededRandom } from '../core/random';
import type { CollectionInfo, Connection, IndexSpace } from '../core/vectorDb/database';
import { compareIndex } from '../core/vectorDb/indexRecall';
import { type LoadPlan, loadPlan, type PageRequest, pageRowsFor } from '../core/vectorDb/sampling';
import type { Target } from '../workers/vectorDb.protocol';
import { askToAllow, notYetAllowed } from './allowedHosts';
import { addWithin, rechunkWithin } from './corpusActions';
import { workspace } from './data';
import { corpusRef } from './queryActions';
import type { IndexLink } from './slices';
import { settle } from './status';
import { useOrreryStore } from './store';
import { enqueue } from './tasks';
import { retrieveClient, vectorDbClient } from './workers';

const store = useOrreryStore;

/** Exact search ranks as the index does: Chroma's spaces as Orrery's dense metrics. */
const METRIC_OF_SPACE: Record<IndexSpace, DenseMetric> = { cosine: 'cosine', ip: 'dot', l2: 'euclidean' };
/** A dense score back to the index's distance, so both lists read alike. */
const DISTANCE_OF_SCORE: Record<IndexSpace, (score: number) => number> = { cosine: (s) => 1 - s, ip: (s) => 1 - s, l2: (s) => s * s };

function target(connection: Connection = store.getState().dbConnection): Target {
  return { connection, pageOrigin: globalThis.location?.origin ?? 'this page' };
}

export function setDbConnection(change: Partial<Connection>): void {
  store.setState((s) => ({ dbConnection: { ...s.dbConnection, ...change } }));
}

export function setSampleLimit(rows: number): void {
  store.setState({ sampleLimit: Math.max(1, Math.round(rows) || 1) });
}

export function connectDb(): Promise<void> {
  const { dbConnection, notify } = store.getState();
  let origin: string;
  try {
    origin = hostOrigin(normaliseUrl(dbConnection.url));
  } catch (error) {
    notify('error', (error as Error).message);
    return Promise.resolve();
  }
  if (notYetAllowed([origin]).length > 0) {
    askToAllow([origin], `connect to Chroma at ${origin}`, { kind: 'connect-db', connection: dbConnection });
    return Promise.resolve();
  }
  return enqueue(async (signal) => {
    const { setStatus } = store.getState();
    setStatus('loading', `Connecting to ${dbConnection.url}`);
    try {
      const { server, collections } = await vectorDbClient.request('connect', target(dbConnection), { signal });
      store.setState({ dbServer: server, dbCollections: collections });
      notify(
        'info',
        `Connected to Chroma ${server.version} at ${dbConnection.url}: ${collections.length} ${collections.length === 1 ? 'collection' : 'collections'}.`,
      );
    } catch (error) {
      store.setState({ dbServer: null, dbCollections: null });
      throw error;
    }
    settle();
  });
}

/** A load that stopped part way: the rows that arrived are in the workspace, the rest can follow. */
interface PendingLoad {
  key: string;
  connection: Connection;
  collection: CollectionInfo;
  name: string;
  plan: LoadPlan;
  requests: PageRequest[];
  /** the worker that holds the rows read so far */
  generation: number;
}
let pending: PendingLoad | null = null;

export const sourceNameOf = (collection: CollectionInfo): string => `${collection.name} (Chroma)`;

/** Reads a collection into the workspace: every row up to the sample limit, else a uniform sample. */
export function loadCollection(collection: CollectionInfo): Promise<void> {
  return enqueue(async (signal) => {
    const { dbConnection, sampleLimit } = store.getState();
    const name = sourceNameOf(collection);
    if (workspace.table.sources.includes(name)) throw new Error(`${name} is already in the workspace. Clear the workspace to read it again.`);
    if (collection.count === 0) throw new Error(`${collection.name} is empty: there is nothing to load.`);
    const plan = loadPlan(collection.count, sampleLimit, pageRowsFor(collection.dims), seededRandom(Date.now() >>> 0));
    // a stopped load that will not be resumed now: the worker may drop its rows
    if (pending) void vectorDbClient.request('forget', { key: pending.key }).catch(() => undefined);
    pending = null;
    await readRows(
      {
        key: `${collection.id}@${Date.now()}`,
        connection: dbConnection,
        collection,
        name,
        plan,
        requests: plan.requests,
        generation: vectorDbClient.generation,
      },
      false,
      signal,
    );
  });
}

/** Reads the rest of a load that stopped, and puts the whole of it in place of the part. */
export function resumeLoad(): Promise<void> {
  return enqueue(async (signal) => {
    const load = pending;
    if (!load) return settle();
    // a worker that was restarted has lost the rows: read them all again
    const requests = load.generation === vectorDbClient.generation ? load.requests : load.plan.requests;
    await readRows({ ...load, requests }, workspace.table.sources.includes(load.name), signal);
  });
}

async function readRows(load: PendingLoad, replacing: boolean, signal: AbortSignal): Promise<void> {
  const { collection, name, plan, requests } = load;
  const { setStatus, notify } = store.getState();
  const before = plan.rows - requests.reduce((n, r) => n + r.limit, 0);
  const what = plan.sampled
    ? `a sample of ${plan.rows.toLocaleString('en')} of ${plan.total.toLocaleString('en')} rows`
    : `${plan.rows.toLocaleString('en')} rows`;
  setStatus('loading', `Reading ${collection.name}: ${what}`, { done: before, total: plan.rows });
  const result = await vectorDbClient.request(
    'load',
    { ...target(load.connection), key: load.key, collection, name, requests },
    {
      signal,
      onEvent: (e) =>
        setStatus('loading', `Reading ${collection.name}: ${(before + e.done).toLocaleString('en')} / ${plan.rows.toLocaleString('en')} rows`, {
          done: before + e.done,
          total: plan.rows,
        }),
    },
  );
  if (!result.document) throw new Error(`${collection.name}: no rows came back.`);
  const link: IndexLink = {
    connection: load.connection,
    collection,
    sourceName: name,
    loaded: result.rows,
    total: plan.total,
    sampled: plan.sampled,
    complete: !plan.sampled && !result.stopped && result.dropped === 0,
  };
  const previous = store.getState().indexLink;
  store.setState({ indexLink: link });
  try {
    if (replacing)
      await rechunkWithin(
        workspace.documents.map((d) => (d.name === name ? result.document! : d)),
        signal,
        false,
      );
    else await addWithin([result.document], signal);
  } catch (error) {
    store.setState({ indexLink: previous });
    throw error;
  }
  if (plan.sampled)
    notify(
      'info',
      `${name} holds ${plan.total.toLocaleString('en')} rows, more than the limit of ${store.getState().sampleLimit.toLocaleString('en')}: this is a uniform sample of ${result.rows.toLocaleString('en')}.`,
    );
  if (result.dropped > 0)
    notify('info', `${name}: ${result.dropped} rows were left out: their vectors are missing, damaged or of another length than the collection's.`);
  if (result.missing.length > 0) notify('info', `${name} has ${result.missing.join(', and ')}.`);
  if (result.stopped) {
    pending = { ...load, requests: requests.slice(result.answered), generation: vectorDbClient.generation };
    notify('error', `${result.stopped} The ${result.rows.toLocaleString('en')} rows that arrived (of ${plan.rows.toLocaleString('en')}) are kept.`, {
      label: 'Resume loading',
      run: () => void resumeLoad(),
    });
  } else {
    pending = null;
  }
}

/** The chunk ids of the workspace (a collection's rows keep theirs), made once per corpus version. */
let idCache: { version: number; ids: string[]; rows: Map<string, number> } | null = null;
function chunkIdIndex(): { ids: string[]; rows: Map<string, number> } {
  const version = store.getState().corpusVersion;
  if (idCache?.version !== version) {
    const ids = chunkIds(workspace.table, workspace.documents);
    idCache = { version, ids, rows: new Map(ids.map((id, row) => [id, row])) };
  }
  return idCache;
}

let comparing = 0;

/** Asks the collection's index the current query, and exact search over the same rows. */
export async function compareWithIndex(): Promise<void> {
  const mine = ++comparing;
  const { indexLink, queryText, retrieval, goldMarks } = store.getState();
  const vector = workspace.queryVector;
  const source = indexLink ? workspace.table.sources.indexOf(indexLink.sourceName) : -1;
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
  const { sourceIds } = workspace.table;
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

// every answered query (and every new link) is put to the index too
store.subscribe((state, previous) => {
  if (state.queryVersion !== previous.queryVersion || state.indexLink !== previous.indexLink) void compareWithIndex();
});

const scalar = (value: string): string | number =>
  value.trim() !== '' && Number.isFinite(Number(value)) && String(Number(value)) === value.trim() ? Number(value) : value;

/** Writes the workspace's chunks, their metadata and vectors into a new collection. */
export function pushCorpus(name: string): Promise<void> {
  return enqueue(async (signal) => {
    const { table, documents, vectors, dims } = workspace;
    const count = table.texts.length;
    const { modelSource, chunking, importedCount, dbConnection, setStatus, notify } = store.getState();
    if (count === 0) throw new Error('The workspace is empty: add a corpus before pushing it to Chroma.');
    const seen = new Map<string, number>();
    // ids must be unique in a collection: a repeated id gets its occurrence number
    const ids = chunkIdIndex().ids.map((id) => {
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      return n === 1 ? id : `${id}~${n}`;
    });
    const metadatas = Array.from({ length: count }, (_, row) => {
      const sourceId = table.sourceIds[row]!;
      const metadata: Record<string, string | number | boolean> = { source: table.sources[sourceId]!, start: table.starts[row]!, end: table.ends[row]! };
      if (table.pages[row]! > 0) metadata.page = table.pages[row]!;
      if (table.headings[row]) metadata.heading = table.headings[row]!;
      for (const [field, value] of chunkMetadata(documents[sourceId], table.sectionIds[row]!)) metadata[field] ??= scalar(value);
      return metadata;
    });
    const made: Record<string, string | number | boolean> = { made_by: 'Orrery', dims, chunking: JSON.stringify(chunking) };
    if (importedCount < count) made.orrery_model = modelSource.model.id;
    setStatus('loading', `Pushing ${count} chunks to ${name}`, { done: 0, total: count });
    const { collection, added } = await vectorDbClient.request(
      'push',
      { ...target(dbConnection), name, space: 'cosine', metadata: made, ids, documents: table.texts, metadatas, vectors: vectors.slice(0, count * dims), dims },
      { signal, onEvent: (e) => setStatus('loading', `Pushing to ${name}: ${e.done} / ${e.total} chunks`, { done: e.done, total: e.total }) },
    );
    store.setState((s) => ({ dbCollections: [...(s.dbCollections ?? []).filter((c) => c.id !== collection.id), collection] }));
    notify(
      'info',
      `Pushed ${added} chunks to the new Chroma collection “${collection.name}” (HNSW, cosine). Query it from your code with the same model's vectors.`,
    );
    settle();
  });
}

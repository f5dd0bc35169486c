// A vector database as a source and as a second opinion: connect and list its collections, read
// one (all of it, or a uniform sample) into the workspace as an ordinary corpus, ask its index
// each query beside exact search over the same rows, and write the workspace into a collection.
import { chunkMetadata } from '../core/corpus';
import { hostOrigin } from '../core/csp';
import { normaliseUrl } from '../core/vectorDb/chroma';
import { seededRandom } from '../core/random';
import type { CollectionInfo, Connection } from '../core/vectorDb/database';
import { type LoadPlan, loadPlan, type PageRequest, pageRowsFor } from '../core/vectorDb/sampling';
import { askToAllow, notYetAllowed } from './allowedHosts';
import { addWithin, rechunkWithin } from './corpusActions';
import { activeSpace } from './workspace/spaces';
import type { IndexLink } from './slices';
import { settle } from './status';
import { useOrreryStore } from './store';
import { enqueue } from './tasks';
import { chunkIdIndex, compareWithIndex, target } from './indexComparison';
import { vectorDbClient } from './workers';

const store = useOrreryStore;

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

/**
 * After a reload, the collection the workspace's rows came from is asked for again (its host still
 * allowed), so that queries go through its index as before; the rows themselves came back with the workspace.
 */
export async function reconnectIndex(link: IndexLink): Promise<void> {
  const { notify } = store.getState();
  const { url } = link.connection;
  store.setState({ indexLink: link, dbConnection: link.connection });
  let origin: string;
  try {
    origin = hostOrigin(normaliseUrl(url));
  } catch {
    return;
  }
  const answeredByExactSearch = 'queries are answered by exact search over the rows until you connect again';
  if (notYetAllowed([origin]).length > 0) {
    notify('info', `${link.collection.name} came from ${origin}, which this page may no longer reach: ${answeredByExactSearch}.`);
    return;
  }
  try {
    const { server, collections } = await vectorDbClient.request('connect', target(link.connection), { signal: new AbortController().signal });
    store.setState({ dbServer: server, dbCollections: collections });
    if (!collections.some((c) => c.id === link.collection.id)) {
      store.setState({ indexLink: null });
      notify('error', `${link.collection.name} is no longer at ${url}: the rows stay, and ${answeredByExactSearch}.`);
      return;
    }
    notify('info', `Reconnected to Chroma at ${url}: queries go through ${link.collection.name}'s index again.`);
    await compareWithIndex();
  } catch (error) {
    notify('error', `Could not reconnect to Chroma at ${url} (${(error as Error).message}): the rows stay, and ${answeredByExactSearch}.`);
  }
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
    if (activeSpace().table.sources.includes(name)) throw new Error(`${name} is already in the workspace. Clear the workspace to read it again.`);
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
    await readRows({ ...load, requests }, activeSpace().table.sources.includes(load.name), signal);
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
        activeSpace().documents.map((d) => (d.name === name ? result.document! : d)),
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

const scalar = (value: string): string | number =>
  value.trim() !== '' && Number.isFinite(Number(value)) && String(Number(value)) === value.trim() ? Number(value) : value;

/** Writes the workspace's chunks, their metadata and vectors into a new collection. */
export function pushCorpus(name: string): Promise<void> {
  return enqueue(async (signal) => {
    const { table, documents, vectors, dims } = activeSpace();
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
      {
        ...target(dbConnection),
        name,
        space: 'cosine',
        metadata: made,
        ids,
        documents: table.texts,
        metadatas,
        vectors: new Float32Array(vectors.subarray(0, count * dims)),
        dims,
      },
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

// The vector-database worker: talks to the server (so that parsing megabytes of JSON never holds up
// the page), keeps the rows of a load until it finishes (a stopped load resumes with what is
// left), and turns them into one document with core's collectionDocument.
import { CancelledError } from '../core/batching';
import { InputError } from '../core/ingest/inputError';
import { ChromaDatabase } from '../core/vectorDb/chroma';
import { collectionDocument } from '../core/vectorDb/collectionDocument';
import { type RowsPage, VectorDbError } from '../core/vectorDb/database';
import { type CallContext, type Handlers, transferring } from './host';
import type { CallRequest } from './rpc';
import type { LoadResult, Target, VectorDbCalls, VectorDbProgress } from './vectorDb.protocol';

type Request<K extends keyof VectorDbCalls> = Extract<CallRequest<VectorDbCalls>, { type: K }>;
type Call = CallContext<VectorDbProgress>;

/** Rows per write: well under Chroma's batch limit, and a few MB per request. */
const PUSH_ROWS = 1000;

export function vectorDbHandlers(fetchImpl?: typeof fetch): Handlers<VectorDbCalls, VectorDbProgress> {
  const host = new VectorDb(fetchImpl);
  return {
    connect: async (request, call) => {
      const db = host.database(request);
      const server = await db.connect(call.signal);
      return { server, collections: await db.list(call.signal) };
    },
    load: async (request, call) => {
      const result = await host.load(request, call);
      return transferring(result, result.document?.vectors ? [result.document.vectors.data.buffer] : []);
    },
    forget: (request) => ({ forgotten: host.forget(request.key) }),
    query: async (request, call) => {
      const started = performance.now();
      const hits = await host.database(request).query(request.collectionId, request.vector, request.k, call.signal);
      return { hits, elapsedMs: performance.now() - started };
    },
    push: (request, call) => host.push(request, call),
  };
}

class VectorDb {
  /** the rows of each load so far, kept until it finishes (a stopped load resumes with what is left) */
  private readonly loads = new Map<string, RowsPage[]>();

  constructor(private readonly fetchImpl?: typeof fetch) {}

  database({ connection, pageOrigin }: Target): ChromaDatabase {
    return new ChromaDatabase(connection, { pageOrigin, fetch: this.fetchImpl });
  }

  forget(key: string): boolean {
    return this.loads.delete(key);
  }

  async load(request: Request<'load'>, call: Call): Promise<LoadResult> {
    const { signal } = call;
    const db = this.database(request);
    const pages = this.loads.get(request.key) ?? [];
    this.loads.set(request.key, pages);
    const total = request.requests.reduce((n, r) => n + r.limit, 0);
    let done = 0;
    let answered = 0;
    let stopped: string | null = null;
    // one request ahead: the server reads the next page while this one is parsed
    const fetchPage = (k: number) => {
      const { offset, limit } = request.requests[k]!;
      const page = db.page(request.collection.id, offset, limit, signal);
      page.catch(() => undefined); // a page read ahead whose turn never comes
      return page;
    };
    let ahead = request.requests.length > 0 ? fetchPage(0) : null;
    for (let k = 0; k < request.requests.length; k++) {
      const current = ahead!;
      ahead = k + 1 < request.requests.length ? fetchPage(k + 1) : null;
      try {
        pages.push(await current);
      } catch (error) {
        if (error instanceof CancelledError || !(error instanceof VectorDbError) || !error.lostContact) {
          this.loads.delete(request.key);
          throw error;
        }
        stopped = error.message;
        break;
      }
      answered++;
      done += request.requests[k]!.limit;
      call.emit({ type: 'progress', done, total });
    }
    // a finished load needs its rows no more; a stopped one keeps them for the resume
    if (!stopped) this.loads.delete(request.key);
    const rows = pages.reduce((n, p) => n + p.ids.length, 0);
    if (rows === 0) {
      if (stopped) throw new VectorDbError(stopped);
      return { document: null, rows: 0, dropped: 0, missing: [], answered, stopped };
    }
    try {
      const built = collectionDocument(request.name, pages, request.collection.dims);
      return { ...built, rows, answered, stopped };
    } catch (error) {
      if (error instanceof InputError) throw new Error(`${request.name}: ${error.message}`, { cause: error });
      throw error;
    }
  }

  async push(request: Request<'push'>, call: Call): Promise<VectorDbCalls['push']['result']> {
    const { signal } = call;
    const db = this.database(request);
    const server = await db.connect(signal);
    const collection = await db.create(request.name, request.space, request.metadata, signal);
    const { ids, dims } = request;
    const batch = Math.max(1, Math.min(server.maxBatch, PUSH_ROWS));
    for (let start = 0; start < ids.length; start += batch) {
      const end = Math.min(ids.length, start + batch);
      await db.add(
        collection.id,
        {
          ids: ids.slice(start, end),
          documents: request.documents.slice(start, end),
          metadatas: request.metadatas.slice(start, end),
          vectors: request.vectors.subarray(start * dims, end * dims),
          dims,
        },
        signal,
      );
      call.emit({ type: 'progress', done: end, total: ids.length });
    }
    return { collection: { ...collection, count: await db.count(collection.id, signal), dims }, added: ids.length };
  }
}

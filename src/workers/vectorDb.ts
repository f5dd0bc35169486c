// The vector-database worker: talks to the server (so that parsing megabytes of JSON never holds up
// the page), keeps the rows of a load until it finishes (a stopped load resumes with what is
// left), and turns them into one document with core's collectionDocument.
import { CancelledError } from '../core/batching';
import { InputError } from '../core/ingest/inputError';
import { ChromaDatabase } from '../core/vectorDb/chroma';
import { collectionDocument } from '../core/vectorDb/collectionDocument';
import { type RowsPage, VectorDbError } from '../core/vectorDb/database';
import { type CallRequest, errorMessage } from './rpc';
import type { LoadResult, Target, VectorDbCalls, VectorDbInbox, VectorDbOutbox } from './vectorDb.protocol';

type Request<K extends keyof VectorDbCalls> = Extract<CallRequest<VectorDbCalls>, { type: K }>;

/** Rows per write: well under Chroma's batch limit, and a few MB per request. */
const PUSH_ROWS = 1000;

export class VectorDbHost {
  private readonly controllers = new Map<number, AbortController>();
  private readonly loads = new Map<string, RowsPage[]>();

  constructor(
    private readonly post: (message: VectorDbOutbox, transfer?: Transferable[]) => void,
    private readonly fetchImpl?: typeof fetch,
  ) {}

  private database({ connection, pageOrigin }: Target): ChromaDatabase {
    return new ChromaDatabase(connection, { pageOrigin, fetch: this.fetchImpl });
  }

  async handle(request: VectorDbInbox): Promise<void> {
    if (request.type === 'cancel') {
      this.controllers.get(request.id)?.abort();
      return;
    }
    const { id } = request;
    const controller = new AbortController();
    this.controllers.set(id, controller);
    const { signal } = controller;
    try {
      if (request.type === 'connect') {
        const db = this.database(request);
        const server = await db.connect(signal);
        this.post({ type: 'result', id, result: { server, collections: await db.list(signal) } });
      } else if (request.type === 'load') {
        const result = await this.load(request, signal);
        this.post({ type: 'result', id, result }, result.document?.vectors ? [result.document.vectors.data.buffer] : []);
      } else if (request.type === 'forget') {
        this.post({ type: 'result', id, result: { forgotten: this.loads.delete(request.key) } });
      } else if (request.type === 'query') {
        const started = performance.now();
        const hits = await this.database(request).query(request.collectionId, request.vector, request.k, signal);
        this.post({ type: 'result', id, result: { hits, elapsedMs: performance.now() - started } });
      } else {
        this.post({ type: 'result', id, result: await this.push(request, signal) });
      }
    } catch (error) {
      this.post(errorMessage(id, error));
    } finally {
      this.controllers.delete(id);
    }
  }

  private async load(request: Request<'load'>, signal: AbortSignal): Promise<LoadResult> {
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
      this.post({ type: 'progress', id: request.id, done, total });
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

  private async push(request: Request<'push'>, signal: AbortSignal): Promise<VectorDbCalls['push']['result']> {
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
      this.post({ type: 'progress', id: request.id, done: end, total: ids.length });
    }
    return { collection: { ...collection, count: await db.count(collection.id, signal), dims }, added: ids.length };
  }
}

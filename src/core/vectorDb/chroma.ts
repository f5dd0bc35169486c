// Chroma's HTTP API (v2) behind the VectorDatabase interface. Every answer is checked before it is
// used (a database is input written by someone else), and every failure becomes a VectorDbError
// that says what to do: start the server, allow this page's origin, fix the token, upgrade.
import { CancelledError } from '../batching';
import type { CollectionInfo, Connection, IndexHit, IndexSpace, RowsPage, RowsToAdd, ServerInfo, VectorDatabase } from './database';
import { VectorDbError } from './database';

/** A request that gets no answer in this time is taken as a server that stopped. */
const REQUEST_TIMEOUT_MS = 60_000;
const LIST_PAGE = 100;

export interface ChromaOptions {
  fetch?: typeof fetch;
  /** the page's origin, named in the advice about CORS */
  pageOrigin?: string;
}

/** The address as typed, without a trailing slash; a missing scheme is http. */
export function normaliseUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new VectorDbError(`“${url}” is not a server address: write it as http://localhost:8000.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new VectorDbError(`“${url}” is not an http or https address.`);
  return parsed.origin + parsed.pathname.replace(/\/+$/, '');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function malformed(what: string): VectorDbError {
  return new VectorDbError(`The server's answer is not what Chroma sends: ${what}.`);
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw malformed(`${what} is not a list of strings`);
  return value;
}

/** A list of `length` items or null; each item checked by `item`. */
function optionalList<T>(value: unknown, length: number, what: string, item: (v: unknown) => T): T[] | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value) || value.length !== length) throw malformed(`${what} does not have one entry per id`);
  return value.map(item);
}

const documentOf = (v: unknown) => (typeof v === 'string' ? v : null);
const metadataOf = (v: unknown) => (isObject(v) ? v : null);
/** A vector as numbers, or null: a row whose vector is damaged is left to the caller to count. */
const embeddingOf = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : null);

function spaceOf(collection: Record<string, unknown>): IndexSpace {
  const configuration = collection.configuration_json;
  const hnsw = isObject(configuration) && isObject(configuration.hnsw) ? configuration.hnsw : null;
  const spann = isObject(configuration) && isObject(configuration.spann) ? configuration.spann : null;
  const space = hnsw?.space ?? spann?.space ?? (isObject(collection.metadata) ? collection.metadata['hnsw:space'] : undefined);
  return space === 'cosine' || space === 'ip' ? space : 'l2';
}

/** Float32 little-endian bytes as base64, the compact form Chroma takes for vectors. */
function base64Vector(vector: Float32Array): string {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  vector.forEach((x, i) => view.setFloat32(i * 4, x, true));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export class ChromaDatabase implements VectorDatabase {
  readonly url: string;
  private readonly fetch: typeof fetch;
  private readonly pageOrigin: string;
  private base64 = false;

  constructor(
    readonly connection: Connection,
    options: ChromaOptions = {},
  ) {
    this.url = normaliseUrl(connection.url);
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.pageOrigin = options.pageOrigin ?? 'this page';
  }

  private get collections(): string {
    const { tenant, database } = this.connection;
    return `/api/v2/tenants/${encodeURIComponent(tenant)}/databases/${encodeURIComponent(database)}/collections`;
  }

  async connect(signal?: AbortSignal): Promise<ServerInfo> {
    let version: unknown;
    try {
      version = await this.call('GET', '/api/v2/version', undefined, signal);
    } catch (error) {
      if (error instanceof VectorDbError && /HTTP 404/.test(error.message) && (await this.answers('/api/v1/heartbeat'))) {
        throw new VectorDbError(
          `The server at ${this.url} speaks Chroma's old v1 API only. Orrery needs Chroma 1.0 or later (the v2 API): upgrade the server (npm: chromadb 3, Python: chromadb 1).`,
        );
      }
      throw error;
    }
    const checks = await this.call('GET', '/api/v2/pre-flight-checks', undefined, signal);
    // the tenant and database must exist: asking now says so before the first load
    const { tenant, database } = this.connection;
    await this.call('GET', `/api/v2/tenants/${encodeURIComponent(tenant)}/databases/${encodeURIComponent(database)}`, undefined, signal);
    const maxBatch = isObject(checks) && typeof checks.max_batch_size === 'number' && checks.max_batch_size > 0 ? checks.max_batch_size : 1000;
    this.base64 = isObject(checks) && checks.supports_base64_encoding === true;
    return { version: typeof version === 'string' ? version : String(version), maxBatch };
  }

  async list(signal?: AbortSignal): Promise<CollectionInfo[]> {
    const collections: CollectionInfo[] = [];
    for (let offset = 0; ; offset += LIST_PAGE) {
      const page = await this.call('GET', `${this.collections}?limit=${LIST_PAGE}&offset=${offset}`, undefined, signal);
      if (!Array.isArray(page)) throw malformed('the collection list is not a list');
      // the counts of a page of collections are asked together, not one after another
      const infos = page.map((item) => this.collectionInfo(item));
      const counts = await Promise.all(infos.map((info) => this.count(info.id, signal)));
      collections.push(...infos.map((info, i) => ({ ...info, count: counts[i]! })));
      if (page.length < LIST_PAGE) return collections;
    }
  }

  private collectionInfo(item: unknown): CollectionInfo {
    if (!isObject(item) || typeof item.id !== 'string' || typeof item.name !== 'string') throw malformed('a collection has no id or name');
    const dims = typeof item.dimension === 'number' && item.dimension > 0 ? item.dimension : null;
    return { id: item.id, name: item.name, count: 0, dims, metadata: metadataOf(item.metadata), space: spaceOf(item) };
  }

  async count(collectionId: string, signal?: AbortSignal): Promise<number> {
    const count = await this.call('GET', `${this.collections}/${encodeURIComponent(collectionId)}/count`, undefined, signal);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw malformed('the count is not a whole number');
    return count;
  }

  async page(collectionId: string, offset: number, limit: number, signal?: AbortSignal): Promise<RowsPage> {
    const body = { offset, limit, include: ['documents', 'metadatas', 'embeddings'] };
    const answer = await this.call('POST', `${this.collections}/${encodeURIComponent(collectionId)}/get`, body, signal);
    if (!isObject(answer)) throw malformed('the rows are not an object');
    const ids = stringList(answer.ids, 'ids');
    return {
      ids,
      documents: optionalList(answer.documents, ids.length, 'documents', documentOf),
      metadatas: optionalList(answer.metadatas, ids.length, 'metadatas', metadataOf),
      embeddings: optionalList(answer.embeddings, ids.length, 'embeddings', embeddingOf),
    };
  }

  async query(collectionId: string, vector: Float32Array, k: number, signal?: AbortSignal): Promise<IndexHit[]> {
    const body = { query_embeddings: [Array.from(vector)], n_results: k, include: ['distances'] };
    const answer = await this.call('POST', `${this.collections}/${encodeURIComponent(collectionId)}/query`, body, signal);
    if (!isObject(answer) || !Array.isArray(answer.ids) || !Array.isArray(answer.distances)) throw malformed('the query answer has no ids or distances');
    const ids = stringList(answer.ids[0] ?? [], 'ids');
    const distances = answer.distances[0];
    if (!Array.isArray(distances) || distances.length !== ids.length) throw malformed('the query answer does not have one distance per id');
    return ids.map((id, i) => ({ id, distance: typeof distances[i] === 'number' ? distances[i] : Number.NaN }));
  }

  async create(name: string, space: IndexSpace, metadata: Record<string, string | number | boolean>, signal?: AbortSignal): Promise<CollectionInfo> {
    // Chroma refuses an empty metadata object
    const body = { name, metadata: Object.keys(metadata).length > 0 ? metadata : null, configuration: { hnsw: { space } }, get_or_create: false };
    return this.collectionInfo(await this.call('POST', this.collections, body, signal));
  }

  async add(collectionId: string, rows: RowsToAdd, signal?: AbortSignal): Promise<void> {
    const { dims, vectors } = rows;
    const embeddings = rows.ids.map((_, i) => {
      const row = vectors.subarray(i * dims, (i + 1) * dims);
      return this.base64 ? base64Vector(row) : Array.from(row);
    });
    const body = { ids: rows.ids, documents: rows.documents, metadatas: rows.metadatas.map((m) => (Object.keys(m).length > 0 ? m : null)), embeddings };
    await this.call('POST', `${this.collections}/${encodeURIComponent(collectionId)}/add`, body, signal);
  }

  /** Whether anything answers at `path`, even a page this origin may not read (CORS). */
  private async answers(path: string, mode: RequestMode = 'cors'): Promise<boolean> {
    try {
      const response = await this.fetch(this.url + path, { mode, signal: AbortSignal.timeout(5000) });
      return mode === 'no-cors' || response.ok;
    } catch {
      return false;
    }
  }

  private async call(method: 'GET' | 'POST', path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.connection.token) headers['x-chroma-token'] = this.connection.token;
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    let response: Response;
    try {
      response = await this.fetch(this.url + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new CancelledError();
      if (timeout.aborted) throw new VectorDbError(`${this.url} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`, true);
      throw await this.unreachable(error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      if (signal?.aborted) throw new CancelledError();
      throw new VectorDbError(`${this.url} stopped in the middle of an answer.`, true);
    }
    let value: unknown = null;
    try {
      value = text ? JSON.parse(text) : null;
    } catch {
      if (response.ok) throw malformed(`${path.split('?')[0]} answered with something that is not JSON`);
    }
    if (response.ok) return value;
    const said = isObject(value) && typeof value.message === 'string' ? value.message.slice(0, 300) : text.slice(0, 200);
    if (response.status === 401 || response.status === 403) {
      throw new VectorDbError(
        `${this.url} refused the ${this.connection.token ? 'token' : 'request (it needs a token)'} (HTTP ${response.status}${said ? `: ${said}` : ''}). Check the token; Orrery sends it as the X-Chroma-Token header.`,
      );
    }
    if (response.status === 404 && /tenant|database/i.test(said)) {
      throw new VectorDbError(`Chroma has no tenant “${this.connection.tenant}” with a database “${this.connection.database}” (${said}).`);
    }
    throw new VectorDbError(`Chroma answered HTTP ${response.status} to ${method} ${path.split('?')[0]}${said ? `: ${said}` : ''}`, response.status >= 500);
  }

  /**
   * Nothing came back: no server, or one that does not allow this origin. A no-cors request tells
   * them apart where the page may make one (not under cross-origin isolation, which blocks it).
   */
  private async unreachable(error: unknown): Promise<VectorDbError> {
    const reason = (error as Error)?.message ?? String(error);
    const cors = `cors_allow_origins: ["${this.pageOrigin}"]`;
    if (await this.answers('/api/v2/heartbeat', 'no-cors')) {
      return new VectorDbError(
        `Chroma at ${this.url} answers, but not to ${this.pageOrigin} (CORS). Add ${cors} to the server's config file and start it again (see the README).`,
        true,
      );
    }
    return new VectorDbError(
      `No answer from ${this.url} (${reason}). Is Chroma running there, and does its config file allow this page (${cors})? Start one for Orrery with: npm run chroma (see the README).`,
      true,
    );
  }
}

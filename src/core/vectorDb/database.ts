// What Orrery needs of a vector database, as one small interface: Chroma implements it
// (chroma.ts); Qdrant or Milvus can follow with the same six calls.

/** Where the server is and who is asking. */
export interface Connection {
  /** e.g. http://localhost:8000 */
  url: string;
  /** sent as a header when not empty */
  token: string;
  tenant: string;
  database: string;
}

/** The distance the index ranks by. */
export type IndexSpace = 'l2' | 'cosine' | 'ip';

export interface CollectionInfo {
  id: string;
  name: string;
  count: number;
  /** null while the collection is empty */
  dims: number | null;
  metadata: Record<string, unknown> | null;
  space: IndexSpace;
}

/** Rows as the server sends them; a field the server did not store is null. */
export interface RowsPage {
  ids: string[];
  documents: (string | null)[] | null;
  metadatas: (Record<string, unknown> | null)[] | null;
  embeddings: (number[] | null)[] | null;
}

export interface IndexHit {
  id: string;
  /** the index's own distance (smaller is closer) */
  distance: number;
}

export interface ServerInfo {
  version: string;
  /** the most rows one write may carry */
  maxBatch: number;
}

/** Rows to write: vectors are rows × dims. */
export interface RowsToAdd {
  ids: string[];
  documents: string[];
  metadatas: Record<string, string | number | boolean>[];
  vectors: Float32Array;
  dims: number;
}

export interface VectorDatabase {
  connect(signal?: AbortSignal): Promise<ServerInfo>;
  list(signal?: AbortSignal): Promise<CollectionInfo[]>;
  count(collectionId: string, signal?: AbortSignal): Promise<number>;
  page(collectionId: string, offset: number, limit: number, signal?: AbortSignal): Promise<RowsPage>;
  query(collectionId: string, vector: Float32Array, k: number, signal?: AbortSignal): Promise<IndexHit[]>;
  /** creates a collection (a name already taken is an error) and returns it */
  create(name: string, space: IndexSpace, metadata: Record<string, string | number | boolean>, signal?: AbortSignal): Promise<CollectionInfo>;
  add(collectionId: string, rows: RowsToAdd, signal?: AbortSignal): Promise<void>;
}

/** A problem talking to the database; the message says what to do about it. */
export class VectorDbError extends Error {
  override name = 'VectorDbError';
  constructor(
    message: string,
    /** the server (or the network) stopped answering: what arrived so far can be kept */
    readonly lostContact = false,
  ) {
    super(message);
  }
}

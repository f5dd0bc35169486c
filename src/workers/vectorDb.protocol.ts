import type { SourceDocument } from '../core/corpus';
import type { CollectionInfo, Connection, IndexHit, IndexSpace, ServerInfo } from '../core/vectorDb/database';
import type { PageRequest } from '../core/vectorDb/sampling';
import type { WorkerInbox, WorkerOutbox } from './rpc';

export interface Target {
  connection: Connection;
  /** the page's origin, named in advice about CORS */
  pageOrigin: string;
}

export interface LoadResult {
  /** every row read under this load key so far, as one document (null: none yet) */
  document: SourceDocument | null;
  rows: number;
  dropped: number;
  missing: string[];
  /** requests answered in this call, in order: a stopped load resumes after them */
  answered: number;
  /** why the load stopped early (the server stopped answering), or null */
  stopped: string | null;
}

export type VectorDbCalls = {
  connect: { params: Target; result: { server: ServerInfo; collections: CollectionInfo[] } };
  /** reads the requested pages; rows are kept under `key`, so a stopped load resumes with the rest */
  load: { params: Target & { key: string; collection: CollectionInfo; name: string; requests: PageRequest[] }; result: LoadResult };
  /** forget the rows of a finished or abandoned load */
  forget: { params: { key: string }; result: { forgotten: boolean } };
  query: { params: Target & { collectionId: string; vector: Float32Array; k: number }; result: { hits: IndexHit[]; elapsedMs: number } };
  push: {
    params: Target & {
      name: string;
      space: IndexSpace;
      metadata: Record<string, string | number | boolean>;
      ids: string[];
      documents: string[];
      metadatas: Record<string, string | number | boolean>[];
      vectors: Float32Array;
      dims: number;
    };
    result: { collection: CollectionInfo; added: number };
  };
};

export type VectorDbProgress = { type: 'progress'; id: number; done: number; total: number };

export type VectorDbInbox = WorkerInbox<VectorDbCalls>;
export type VectorDbOutbox = WorkerOutbox<VectorDbCalls, VectorDbProgress>;

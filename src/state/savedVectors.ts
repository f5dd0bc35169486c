// Where a saved workspace's vectors go. Small ones into IndexedDB as they are. Big ones into a file of
// the origin's own, written and read by a worker straight from and into shared memory
// (workers/vectorFiles.ts): nothing is copied on the page or held by the browser process. A Blob in
// IndexedDB where files cannot be kept or the vectors are not shared (a page that is not
// cross-origin isolated).
import { BLOB_SLICE_BYTES, blobVectors, vectorsBlob } from '../core/vectorBlob';
import { isShared, type VectorRows, type VectorStorage } from '../core/vectors';
import { getValue, STORES } from '../workers/idb';
import { keepOnlyVectorFiles, vectorFilesAvailable } from '../workers/vectorFiles';
import type { VectorsIn } from './summaryTypes';
import { oneCallIngestClient } from './workers';

/** a saved workspace's vectors kept in file `file` */
interface SavedVectorFile {
  file: string;
  bytes: number;
}
export type StoredVectors = VectorRows | Blob | SavedVectorFile;

/** The IndexedDB entry naming the file each saved workspace's vectors are in (by the workspace's key). */
export const VECTOR_FILES = 'vector-files';
type VectorFiles = Record<string, string>;

const isVectorFile = (stored: StoredVectors): stored is SavedVectorFile => typeof (stored as SavedVectorFile).file === 'string';

/** Where stored vectors are, in words for the automation surface. */
export const vectorsIn = (stored: StoredVectors): VectorsIn => (stored instanceof Blob ? 'blob' : isVectorFile(stored) ? 'file' : 'entry');

/**
 * A worker of its own for one call, closed once it answers: an idle worker may not collect its
 * garbage for minutes, and an access handle or Blob it held would keep its memory.
 */
async function inOwnWorker<R>(call: (client: ReturnType<typeof oneCallIngestClient>) => Promise<R>): Promise<R> {
  const client = oneCallIngestClient();
  try {
    return await call(client);
  } finally {
    client.close();
  }
}

/** The vectors as stored for the workspace under `key` (a refusal for want of quota is thrown; any other failure of the file falls back to a Blob). */
export async function storedVectors(vectors: VectorRows, key: string): Promise<StoredVectors> {
  if (vectors.byteLength <= BLOB_SLICE_BYTES) return isShared(vectors) ? vectors.slice() : vectors;
  if (!isShared(vectors) || !vectorFilesAvailable()) return vectorsBlob(vectors);
  // a new name each time: the last save's file stays whole until the entry naming this one is written
  const file = `${key}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.vectors`;
  try {
    const { bytes } = await inOwnWorker((client) => client.request('writeVectorFile', { name: file, vectors }));
    return { file, bytes };
  } catch (error) {
    if (/quota/i.test((error as Error)?.message ?? '')) throw error;
    return vectorsBlob(vectors);
  }
}

/** The vectors of a saved workspace, read back into shared memory where the page can share them. */
export async function readStoredVectors(stored: StoredVectors, storage: VectorStorage): Promise<VectorRows> {
  const shared = globalThis.crossOriginIsolated === true;
  if (stored instanceof Blob) return blobVectors(stored, storage, shared);
  if (!isVectorFile(stored)) return stored;
  const { vectors } = await inOwnWorker((client) => client.request('readVectorFile', { name: stored.file, storage, shared }));
  if (vectors.byteLength !== stored.bytes) throw new Error(`the saved vectors hold ${vectors.byteLength} bytes of ${stored.bytes}`);
  return vectors;
}

/** The files named once the workspace under `key` is saved with `stored`. */
export async function filesAfter(key: string, stored: StoredVectors): Promise<VectorFiles> {
  const { [key]: _replaced, ...others } = (await getValue<VectorFiles>(STORES.workspace, VECTOR_FILES)) ?? {};
  return isVectorFile(stored) ? { ...others, [key]: stored.file } : others;
}

/**
 * Removes the files no saved workspace names, as the entry says now (another tab may have saved
 * since); a failure only leaves disk in use until the next save.
 */
export async function pruneVectorFiles(): Promise<void> {
  if (!vectorFilesAvailable()) return;
  const files = (await getValue<VectorFiles>(STORES.workspace, VECTOR_FILES).catch(() => undefined)) ?? {};
  await keepOnlyVectorFiles(Object.values(files)).catch(() => undefined);
}

// A saved workspace's big vectors as files of the origin private file system, written and read by a
// worker through a synchronous access handle, straight from and into shared memory. Handed to
// IndexedDB as a Blob instead, they were copied whole into the browser process (0.7 GB at
// 1,000,000 × 384) and held there until the page collected its handle to the Blob.
import { allocateVectors, type VectorRows, type VectorStorage } from '../core/vectors';

const DIRECTORY = 'saved-vectors';
/** bytes written or read per call: a cancelled or failing write stops between slices */
const SLICE_BYTES = 64 * 2 ** 20;

interface SyncAccess {
  write(buffer: Uint8Array, options: { at: number }): number;
  read(buffer: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}

/** Whether this context can keep files of its own (Node, and some private windows, cannot). */
export const vectorFilesAvailable = (): boolean => typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';

async function directory(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(DIRECTORY, { create: true });
}

async function access(name: string, create: boolean): Promise<SyncAccess> {
  const file = await (await directory()).getFileHandle(name, { create });
  return (file as FileSystemFileHandle & { createSyncAccessHandle(): Promise<SyncAccess> }).createSyncAccessHandle();
}

const OVER_QUOTA = "the storage quota is used up: the workspace's vectors do not fit";

/** A quota refusal said as one (the access handle's message does not always say so). */
function named(error: unknown): unknown {
  return (error as Error)?.name === 'QuotaExceededError' ? new Error(OVER_QUOTA) : error;
}

/** In a dedicated worker: the bytes of `vectors` as file `name` (replacing one of that name); resolves to its size. */
export async function writeVectorFile(name: string, vectors: VectorRows): Promise<number> {
  const file = await access(name, true);
  try {
    const bytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
    file.truncate(0);
    for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
      const slice = bytes.subarray(at, at + SLICE_BYTES);
      // at the quota Chromium writes what fits and answers with a nonsense count (2³² − 8) instead of throwing
      if (file.write(slice, { at }) !== slice.length || file.getSize() !== at + slice.length) throw new Error(OVER_QUOTA);
    }
    file.flush();
    return bytes.length;
  } catch (error) {
    // what was written of it would hold the quota until the next save prunes it
    try {
      file.truncate(0);
    } catch {
      // the handle broke: the file goes at the next prune
    }
    throw named(error);
  } finally {
    file.close();
  }
}

/** In a dedicated worker: vectors read back from file `name`, into shared memory where asked. */
export async function readVectorFile(name: string, storage: VectorStorage, shared: boolean): Promise<VectorRows> {
  const file = await access(name, false);
  try {
    const size = file.getSize();
    const vectors = allocateVectors(size / (storage === 'float16' ? 2 : 4), shared, storage);
    const bytes = new Uint8Array(vectors.buffer);
    for (let at = 0; at < size;) {
      const read = file.read(bytes.subarray(at, at + SLICE_BYTES), { at });
      if (read === 0) throw new Error(`the saved vectors end at byte ${at} of ${size}`);
      at += read;
    }
    return vectors;
  } finally {
    file.close();
  }
}

/** Removes every vector file but `kept` (a file another tab still writes is locked, and stays). */
export async function keepOnlyVectorFiles(kept: readonly string[]): Promise<void> {
  const folder = await directory();
  const names: string[] = [];
  for await (const name of (folder as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> }).keys()) names.push(name);
  await Promise.all(names.filter((name) => !kept.includes(name)).map((name) => folder.removeEntry(name).catch(() => undefined)));
}

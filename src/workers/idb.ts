// A small promise wrapper over the app's IndexedDB database, shared by the page (the saved
// workspace) and the embed worker (the persistent embedding cache).
import type { PersistentVectors } from '../core/embeddingCache';

const DB_NAME = 'orrery';
export const STORES = { workspace: 'workspace', embeddings: 'embeddings' } as const;
type Store = (typeof STORES)[keyof typeof STORES];

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      for (const name of Object.values(STORES)) if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  opening.catch(() => (opening = null));
  return opening;
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('the IndexedDB transaction was aborted'));
  });
}

export async function getValue<T>(store: Store, key: string): Promise<T | undefined> {
  const transaction = (await open()).transaction(store, 'readonly');
  const request = transaction.objectStore(store).get(key);
  await done(transaction);
  return request.result as T | undefined;
}

export async function putValue(store: Store, key: string, value: unknown): Promise<void> {
  const transaction = (await open()).transaction(store, 'readwrite');
  transaction.objectStore(store).put(value, key);
  await done(transaction);
}

/** Several values written in one transaction: all of them or none. */
export async function putValues(store: Store, entries: [key: string, value: unknown][]): Promise<void> {
  const transaction = (await open()).transaction(store, 'readwrite');
  for (const [key, value] of entries) transaction.objectStore(store).put(value, key);
  await done(transaction);
}

export async function clearStore(store: Store): Promise<void> {
  const transaction = (await open()).transaction(store, 'readwrite');
  transaction.objectStore(store).clear();
  await done(transaction);
}

/** The embedding cache on disk; failures (private mode, quota) degrade to no persistence. */
export const persistentVectors: PersistentVectors = {
  async getMany(keys) {
    try {
      const transaction = (await open()).transaction(STORES.embeddings, 'readonly');
      const store = transaction.objectStore(STORES.embeddings);
      const requests = keys.map((key) => store.get(key));
      await done(transaction);
      return requests.map((r) => r.result as Float32Array | undefined);
    } catch {
      return keys.map(() => undefined);
    }
  },
  async putMany(entries) {
    try {
      const transaction = (await open()).transaction(STORES.embeddings, 'readwrite');
      const store = transaction.objectStore(STORES.embeddings);
      for (const [key, vector] of entries) store.put(vector, key);
      await done(transaction);
    } catch {
      // a full disk only costs re-embedding later
    }
  },
};

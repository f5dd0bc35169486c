// Which corpus the workspace holds, by content: its hash (made once per chunk table), and whether
// it is the demo corpus chunked as now, so that a link can name a corpus instead of carrying it.
import type { ChunkOptions } from '../core/chunking';
import type { ChunkTable, SourceDocument } from '../core/corpus';
import { corpusHash } from '../core/snapshot/corpusHash';
import { chunkInWorker, demoDocuments } from './corpusActions';
import { useOrreryStore } from './store';
import { activeSpace } from './workspace/spaces';

const store = useOrreryStore;

/** Remembers what a promise made, and forgets a failure so that the next call tries again. */
function remembered<K, V>(cache: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
  let made = cache.get(key);
  if (!made) {
    made = make();
    made.catch(() => cache.delete(key));
    cache.set(key, made);
  }
  return made;
}

/** The demo's documents, read once from the app's own files. */
const demoDocs = new Map<'demo', Promise<SourceDocument[]>>();
const demoDocumentsOnce = () => remembered(demoDocs, 'demo', demoDocuments);

/** A chunk table's content hash, once per table (every commit makes a new table); a large corpus takes a moment to hash. */
const tableHashes = new Map<ChunkTable, Promise<string>>();
export function hashOf(table: ChunkTable): Promise<string> {
  if (!tableHashes.has(table)) tableHashes.clear();
  return remembered(tableHashes, table, () => corpusHash(table));
}

/** The demo corpus chunked with these options, with its hash; remembered per chunking. */
const demoTables = new Map<string, Promise<{ documents: SourceDocument[]; table: ChunkTable; hash: string }>>();

export function demoTable(chunking: ChunkOptions): Promise<{ documents: SourceDocument[]; table: ChunkTable; hash: string }> {
  return remembered(demoTables, `${JSON.stringify(chunking)} ${store.getState().modelSource.model.id}`, async () => {
    const documents = await demoDocumentsOnce();
    // remembered for every caller, so no one caller's cancel stops it
    const table = await chunkInWorker(documents, undefined, chunking);
    return { documents, table, hash: await corpusHash(table) };
  });
}

/** Whether the workspace's chunks are the demo corpus's, chunked as now (checked by content hash). */
export async function isDemo(hash: string): Promise<boolean> {
  const { chunking } = store.getState();
  try {
    const demoNames = new Set((await demoDocumentsOnce()).map((d) => d.name));
    if (!activeSpace().table.sources.every((name) => demoNames.has(name))) return false;
    return (await demoTable(chunking)).hash === hash;
  } catch {
    return false;
  }
}

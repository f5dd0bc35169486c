// The vector-database worker's handlers against a real Chroma server (the chromadb package's),
// started here: push a corpus with progress, list it, read it back in pages under a load key,
// ask its index, and name a server that is not there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromaServer, startChroma } from '../../scripts/chromaServer';
import { createHost } from './host';
import { vectorDbHandlers } from './vectorDb';
import type { VectorDbCalls, VectorDbOutbox, VectorDbProgress } from './vectorDb.protocol';

let server: ChromaServer;
beforeAll(async () => {
  server = await startChroma();
}, 40_000);
afterAll(() => server?.stop());

function vectorDbHost() {
  const posted: VectorDbOutbox[] = [];
  const handle = createHost<VectorDbCalls, VectorDbProgress>(vectorDbHandlers(fetch), (m) => posted.push(m));
  const answer = async <K extends keyof VectorDbCalls & string>(id: number, call: K, params: VectorDbCalls[K]['params']) => {
    await handle({ ...params, type: call, id } as Parameters<typeof handle>[0]);
    const message = posted.find((m) => m.id === id && (m.type === 'result' || m.type === 'error'))!;
    if (message.type === 'error') throw new Error(message.message);
    if (message.type !== 'result' || message.call !== call) throw new Error(`no result for ${id}`);
    return message.result as VectorDbCalls[K]['result'];
  };
  return { answer, posted };
}

const dims = 4;
const rows = 25;
const ids = Array.from({ length: rows }, (_, i) => `doc${i}`);
const vectors = Float32Array.from({ length: rows * dims }, (_, i) => Math.cos(i * 0.7));

describe('the vector-database worker', () => {
  it('pushes a corpus with progress, reads it back in pages, asks its index, and forgets a finished load', async () => {
    const { answer, posted } = vectorDbHost();
    const target = { connection: { url: server.url, token: '', tenant: 'default_tenant', database: 'default_database' }, pageOrigin: 'test' };
    const pushed = await answer(1, 'push', {
      ...target,
      name: 'worker-notes',
      space: 'cosine',
      metadata: { made_by: 'orrery' },
      ids,
      documents: ids.map((id) => `text of ${id}`),
      metadatas: ids.map((_, i) => ({ i })),
      vectors,
      dims,
    });
    expect(pushed).toMatchObject({ added: rows, collection: { name: 'worker-notes', count: rows, dims } });
    expect(posted.filter((m) => m.type === 'progress' && m.id === 1).at(-1)).toMatchObject({ done: rows, total: rows });
    const { collections } = await answer(2, 'connect', target);
    const collection = collections.find((c) => c.name === 'worker-notes')!;
    const loaded = await answer(3, 'load', {
      ...target,
      key: 'worker-notes#1',
      collection,
      name: 'worker-notes',
      requests: [
        { offset: 0, limit: 10 },
        { offset: 10, limit: 15 },
      ],
    });
    expect(loaded).toMatchObject({ rows, answered: 2, stopped: null, missing: [] });
    expect(loaded.document!.vectors!.dims).toBe(dims);
    const { hits } = await answer(4, 'query', { ...target, collectionId: collection.id, vector: vectors.slice(7 * dims, 8 * dims), k: 3 });
    expect(hits[0]!.id).toBe('doc7');
    // a finished load keeps no rows
    expect(await answer(5, 'forget', { key: 'worker-notes#1' })).toEqual({ forgotten: false });
  });

  it('names a server that does not answer', async () => {
    const { answer } = vectorDbHost();
    const nobody = { connection: { url: 'http://127.0.0.1:9', token: '', tenant: 'default_tenant', database: 'default_database' }, pageOrigin: 'test' };
    await expect(answer(1, 'connect', nobody)).rejects.toThrow(/127\.0\.0\.1:9/);
  });
});

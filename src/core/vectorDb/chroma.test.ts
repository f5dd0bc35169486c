// The Chroma adapter against a real Chroma server (the chromadb package's), started here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromaServer, startChroma } from '../../../scripts/chromaServer';
import { ChromaDatabase, normaliseUrl } from './chroma';
import { VectorDbError } from './database';

let server: ChromaServer;
const connection = (url: string, more: Partial<{ tenant: string; database: string }> = {}) => ({
  url,
  token: '',
  tenant: 'default_tenant',
  database: 'default_database',
  ...more,
});

beforeAll(async () => {
  server = await startChroma();
}, 40_000);
afterAll(() => server?.stop());

describe('ChromaDatabase', () => {
  it('writes a collection, lists it with its count, dimension and space, pages it and queries it', async () => {
    const db = new ChromaDatabase(connection(server.url));
    const info = await db.connect();
    expect(info.maxBatch).toBeGreaterThan(100);
    const created = await db.create('unit-notes', 'cosine', { made_by: 'test' });
    const dims = 4;
    const vectors = new Float32Array(30 * dims).map((_, i) => Math.sin(i * 1.7));
    const ids = Array.from({ length: 30 }, (_, i) => `n${i}`);
    await db.add(created.id, { ids, documents: ids.map((id) => `text of ${id}`), metadatas: ids.map((_, i) => ({ i, even: i % 2 === 0 })), vectors, dims });
    const listed = (await db.list()).find((c) => c.name === 'unit-notes');
    expect(listed).toMatchObject({ count: 30, dims, space: 'cosine', metadata: { made_by: 'test' } });
    const page = await db.page(created.id, 10, 5);
    expect(page.ids).toHaveLength(5);
    expect(page.documents?.[0]).toMatch(/^text of n/);
    expect(page.metadatas?.[0]).toHaveProperty('even');
    const row = ids.indexOf(page.ids[0]!);
    // the vectors went as base64 float32 and come back the same
    expect(page.embeddings?.[0]?.map((x) => Math.round(x * 1e5))).toEqual(
      Array.from(vectors.subarray(row * dims, (row + 1) * dims), (x) => Math.round(x * 1e5)),
    );
    const hits = await db.query(created.id, vectors.subarray(7 * dims, 8 * dims), 3);
    expect(hits[0]).toMatchObject({ id: 'n7' });
    expect(hits[0]!.distance).toBeCloseTo(0, 4);
    expect(await db.count(created.id)).toBe(30);
  });

  it('says what to do when nothing answers', async () => {
    const db = new ChromaDatabase(connection('http://127.0.0.1:9'), { pageOrigin: 'http://127.0.0.1:4173' });
    const error = await db.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VectorDbError);
    expect((error as VectorDbError).message).toMatch(
      /No answer from http:\/\/127\.0\.0\.1:9 .*Is Chroma running .*cors_allow_origins: \["http:\/\/127\.0\.0\.1:4173"\]/,
    );
    expect((error as VectorDbError).lostContact).toBe(true);
  });

  it('names a tenant or database that does not exist', async () => {
    const db = new ChromaDatabase(connection(server.url, { database: 'nope' }));
    await expect(db.connect()).rejects.toThrow(/no tenant “default_tenant” with a database “nope”/);
  });

  it('refuses a name Chroma does not take, with the server’s reason', async () => {
    const db = new ChromaDatabase(connection(server.url));
    await expect(db.create('x', 'l2', {})).rejects.toThrow(/HTTP 4\d\d .*name/);
  });

  it('answers an address typed loosely, and refuses one that is not http', () => {
    expect(normaliseUrl(' localhost:8000/ ')).toBe('http://localhost:8000');
    expect(() => normaliseUrl('ftp://x')).toThrow(/not an http/);
  });
});

// The state actions in Node: the one commit path, stale work dropped by corpus version, and
// cancels that leave the workspace as it was. The layout, quality and ingest workers are their real
// hosts, run in this process behind the same message protocol (structured clones, asynchronous
// delivery); the vectors are imported, so no model is needed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendChunks, chunkDocuments } from '../core/corpus';
import { DEFAULT_LAYOUT } from '../core/layoutRun';
import { asFloat32 } from '../core/vectors';

vi.mock('./workers', () => import('./testing/inProcessWorkers'));
const { DIMS, until, vectorDocument } = await import('./testing/documents');

const { useOrreryStore } = await import('./store');
const { activeSpace } = await import('./workspace/spaces');
const { normsOf } = await import('./workspace/data');
const { activeOf } = await import('./slices');
const { commitWorkspace } = await import('./workspace/commit');
const { addDocuments, clearWorkspace, rechunk } = await import('./corpusActions');
const { cancelLayout, runLayout } = await import('./layoutActions');
const { refreshQuery, setOpenChunk, setGold } = await import('./queryActions');
const { cancelRunning } = await import('./tasks');
const { vectorTransfers } = await import('./vectorSync');

const store = useOrreryStore;

const notices = () => store.getState().notices.map((n) => `${n.kind}: ${n.text}`);

beforeEach(async () => {
  await clearWorkspace();
  store.setState({ notices: [] });
});
afterEach(() => cancelRunning());

describe('the commit path', () => {
  it('adding chunks commits once: a new version, vectors, a PCA layout, and then its quality', async () => {
    const before = store.getState().corpusVersion;
    await addDocuments([vectorDocument('a', 60, 1)]);
    const s = store.getState();
    expect(s.corpusVersion).toBe(before + 1);
    expect(s.chunkCount).toBe(60);
    expect(activeSpace().dims).toBe(DIMS);
    expect(s.importedCount).toBe(60);
    expect(activeSpace().vectors).toHaveLength(60 * DIMS);
    // each row's length, worked out once asked for and kept
    const norms = normsOf(activeSpace());
    expect(norms).toHaveLength(60);
    expect(norms[7]).toBeCloseTo(Math.hypot(...activeSpace().vectors.subarray(7 * DIMS, 8 * DIMS)), 5);
    expect(normsOf(activeSpace())).toBe(norms);
    expect(activeSpace().coords).toHaveLength(60 * 3);
    await until(() => activeOf(store.getState()).quality !== null, 'the layout quality');
    expect(activeOf(store.getState()).quality!.recallRows).toBe(60);
  });

  it('keeps the selection when its chunk stays, with neighbours recomputed over the new rows; drops it when its row changes', async () => {
    await addDocuments([vectorDocument('a', 30, 1)]);
    setOpenChunk(4);
    const neighboursBefore = store.getState().neighbours;
    expect(neighboursBefore).toHaveLength(10);
    // the same vectors again, in a second file: row 4's twin (row 34) is now its nearest neighbour
    await addDocuments([vectorDocument('b', 30, 1)]);
    expect(store.getState().openChunk).toBe(4);
    expect(store.getState().neighbours[0]).toMatchObject({ index: 34, rank: 1 });
    expect(store.getState().neighbours[0]!.score).toBeCloseTo(1, 5);
    // a corpus whose row 4 is another chunk: the selection cannot mean the same thing
    const other = vectorDocument('c', 30, 2);
    await commitWorkspace({ corpus: { documents: [other], table: chunkDocuments([other]), vectors: other.vectors!.data, dims: DIMS } });
    expect(store.getState().openChunk).toBeNull();
    expect(store.getState().neighbours).toEqual([]);
  });

  it('answers the query again on every commit, and drops a query of another size', async () => {
    await addDocuments([vectorDocument('a', 30, 1)]);
    const query = asFloat32(activeSpace().vectors.slice(7 * DIMS, 8 * DIMS));
    store.setState({ queryText: 'a row 7' });
    void commitWorkspace({
      corpus: { documents: activeSpace().documents, table: activeSpace().table, vectors: activeSpace().vectors, dims: DIMS },
      made: { queryVector: query },
    });
    await until(() => store.getState().results.length > 0, 'the answer');
    expect(store.getState().results[0]).toMatchObject({ index: 7, rank: 1 });
    const version = store.getState().queryVersion;
    await addDocuments([vectorDocument('b', 30, 1)]);
    await until(() => store.getState().queryVersion > version, 'the answer on the new corpus');
    // the twin in the second file ties with row 7; BM25 ("a row 7") and the tie order keep row 7 first
    expect(
      store
        .getState()
        .results.slice(0, 2)
        .map((h) => h.index)
        .sort(),
    ).toEqual([37, 7]);
    void commitWorkspace({ corpus: { documents: activeSpace().documents, table: activeSpace().table, vectors: new Float32Array(60 * 4), dims: 4 } });
    await until(() => store.getState().results.length === 0, 'the answer to be dropped');
    expect(activeSpace().queryVector).toBeNull();
  });

  it('gold marks follow their chunks through a re-chunk and report their standing', async () => {
    await addDocuments([vectorDocument('a', 30, 1)]);
    store.setState({ queryText: 'a row 7' });
    await commitWorkspace({
      corpus: { documents: activeSpace().documents, table: activeSpace().table, vectors: activeSpace().vectors, dims: DIMS },
      made: { queryVector: asFloat32(activeSpace().vectors.slice(7 * DIMS, 8 * DIMS)) },
    });
    setGold('a row 7', [7, 12]);
    await refreshQuery();
    expect(store.getState().gold.map((g) => [g.index, g.dense.rank])).toEqual([
      [7, 1],
      [12, expect.any(Number)],
    ]);
    // the same chunks behind a new file: rows move, marks follow
    const first = vectorDocument('first', 3, 9);
    await commitWorkspace({
      corpus: {
        documents: [first, ...activeSpace().documents],
        table: appendChunks(chunkDocuments([first]), activeSpace().table),
        vectors: new Float32Array([...first.vectors!.data, ...activeSpace().vectors]),
        dims: DIMS,
      },
    });
    expect(store.getState().goldMarks['a row 7']).toEqual([10, 15]);
  });

  it('refuses vectors that do not match the table', async () => {
    await expect(commitWorkspace({ corpus: { documents: [], table: activeSpace().table, vectors: new Float32Array(5), dims: 2 } })).rejects.toThrow(
      /not 0 vectors of 2/,
    );
  });
});

describe('stale work and cancels', () => {
  it('a measurement of an older corpus version is dropped', async () => {
    await addDocuments([vectorDocument('a', 300, 1)]);
    // a new version arrives while the first layout is still being measured
    void commitWorkspace({
      corpus: { documents: activeSpace().documents, table: activeSpace().table, vectors: activeSpace().vectors.map((x) => -x), dims: DIMS },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(activeOf(store.getState()).quality).toBeNull();
    expect(notices().filter((n) => n.startsWith('error'))).toEqual([]);
  });

  it('vectors go to each worker once per corpus version, not once per layout', async () => {
    const clustered = () => activeOf(store.getState()).clusterSpaceVersion === activeSpace().version;
    await addDocuments([vectorDocument('a', 60, 1)]);
    await until(() => activeOf(store.getState()).quality !== null && clustered(), 'the layout quality and the clusters');
    const sends = vectorTransfers.sends;
    await runLayout({ ...DEFAULT_LAYOUT.umap, epochs: 20 });
    await runLayout(DEFAULT_LAYOUT.pca);
    await until(() => activeOf(store.getState()).quality !== null, 'the layout quality');
    expect(vectorTransfers.sends).toBe(sends);
    // a few rows more are placed into the picture: only the cluster worker needs them yet
    await addDocuments([vectorDocument('b', 30, 2)]);
    await until(clustered, 'the clusters of the new version');
    expect(vectorTransfers.sends).toBe(sends + 1);
    // laid out, the new version goes once to the layout worker and once to the quality worker
    await runLayout(DEFAULT_LAYOUT.pca);
    await until(() => activeOf(store.getState()).quality !== null, 'the layout quality');
    expect(vectorTransfers.sends).toBe(sends + 3);
  });

  it('a cancelled addition or re-chunk leaves the workspace as it was; an addition can be resumed', async () => {
    const adding = addDocuments([vectorDocument('b', 300, 2)]);
    await until(() => store.getState().phase === 'layout', 'the first layout of the new rows');
    cancelRunning();
    await adding;
    expect(store.getState().chunkCount).toBe(0);
    expect(store.getState().resumable?.map((d) => d.name)).toEqual(['b.tsv']);
    expect(notices()).toContain('info: Cancelled. The 0 chunks already loaded are kept.');
    await addDocuments([vectorDocument('a', 30, 1)]);
    const { corpusVersion } = store.getState();
    const { vectors, table } = activeSpace();
    const rechunking = rechunk();
    await until(() => store.getState().phase === 'layout', 'the layout of the re-chunked rows');
    cancelRunning();
    await rechunking;
    expect(store.getState().corpusVersion).toBe(corpusVersion);
    expect(activeSpace().vectors).toBe(vectors);
    expect(activeSpace().table).toBe(table);
  });

  it('a failed addition (vectors of another size) keeps the workspace and says why', async () => {
    await addDocuments([vectorDocument('a', 30, 1)]);
    const { corpusVersion } = store.getState();
    await addDocuments([vectorDocument('b', 30, 2, 5)]);
    expect(store.getState().corpusVersion).toBe(corpusVersion);
    expect(store.getState().chunkCount).toBe(30);
    expect(notices().at(-1)).toMatch(/^error: b\.tsv: these vectors have 5-d vectors, but the workspace's have 12 dimensions: they cannot share one space/);
  });

  it('a cancelled layout brings back the picture before it', async () => {
    await addDocuments([vectorDocument('a', 300, 1)]);
    const coords = activeSpace().coords;
    const running = runLayout({ ...DEFAULT_LAYOUT.tsne, iterations: 1000 });
    await until(() => activeSpace().coords !== coords, 'a first frame');
    expect(activeOf(store.getState()).layoutParams.method).toBe('tsne');
    cancelLayout();
    await running;
    expect(activeSpace().coords).toBe(coords);
    expect(activeOf(store.getState()).layoutParams.method).toBe('pca');
    expect(notices().at(-1)).toBe('info: t-SNE cancelled: back to the PCA layout.');
  });
});

// Saving and restoring the workspace in Node, with an in-memory IndexedDB: what settles is saved
// once, what was read back is not written again, and the workspace kept before a shared view
// comes back.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('./workers', () => import('./testing/inProcessWorkers'));
const { until, vectorDocument } = await import('./testing/documents');
const { useOrreryStore: store } = await import('./store');
const { addDocuments, clearWorkspace } = await import('./corpusActions');
const { restoreWorkspace } = await import('./persist');
const { KEPT, keepSavedWorkspace, readSaved, SAVED, saveState, savesWritten } = await import('./saving');
const { setRetrieval } = await import('./queryActions');
const { activeSpace } = await import('./workspace/spaces');
const { commitEmpty } = await import('./workspace/commit');

beforeEach(async () => {
  await clearWorkspace();
});

/** What the page holds in memory goes, as on a reload; IndexedDB stays. */
const forgetPage = () => commitEmpty();

describe('saving and restoring the workspace', () => {
  it('saves a workspace once it settles, and restores its chunks, vectors and layout without writing them back', async () => {
    await addDocuments([vectorDocument('a', 40, 1)]);
    await savesWritten();
    expect(saveState()).toMatchObject({ pending: 0, upToDate: true, vectorsIn: 'entry' });
    const written = saveState().written;
    expect(written).toBeGreaterThan(0);
    const coords = activeSpace().coords.slice();
    const vectors = activeSpace().vectors.slice();
    const ownVectors = activeSpace().documents[0]!.vectors!.data.slice();
    // the document's own vectors are the workspace's rows: stored once
    const { saved } = (await readSaved(SAVED))!;
    expect([saved.documents[0]!.vectors, saved.documentVectorsInRows]).toEqual([undefined, [0]]);
    await forgetPage();
    expect(activeSpace().table.texts).toHaveLength(0);
    expect(await restoreWorkspace()).toBe(true);
    expect(activeSpace().table.texts).toHaveLength(40);
    expect(Array.from(activeSpace().vectors)).toEqual(Array.from(vectors));
    expect(Array.from(activeSpace().coords)).toEqual(Array.from(coords));
    expect(Array.from(activeSpace().documents[0]!.vectors!.data)).toEqual(Array.from(ownVectors));
    expect(store.getState().restored).toBe(true);
    await savesWritten();
    expect(saveState()).toMatchObject({ written, upToDate: true });
  });

  it('a change of settings writes the settings again, not the corpus', async () => {
    await addDocuments([vectorDocument('a', 30, 2)]);
    await savesWritten();
    const written = saveState().written;
    await setRetrieval({ topK: 7 });
    await savesWritten();
    expect(saveState().written).toBe(written + 1);
    await forgetPage();
    store.setState({ retrieval: { ...store.getState().retrieval, topK: 3 } });
    await restoreWorkspace();
    expect(store.getState().retrieval.topK).toBe(7);
  });

  it('the workspace kept before a shared view comes back in place of the one after it', async () => {
    await addDocuments([vectorDocument('mine', 30, 3)]);
    await savesWritten();
    expect(await keepSavedWorkspace()).toBe(30);
    await forgetPage();
    await addDocuments([vectorDocument('shared', 12, 4)]);
    await until(() => saveState().upToDate, 'the shared view to be saved');
    await savesWritten();
    expect(await restoreWorkspace(KEPT)).toBe(true);
    expect(store.getState().sources).toEqual(['mine.tsv']);
    // brought back, it is the current workspace: saved as such
    await until(() => saveState().upToDate, 'the kept workspace to be saved as the current one');
    await savesWritten();
    await forgetPage();
    await restoreWorkspace();
    expect(store.getState().sources).toEqual(['mine.tsv']);
  });
});

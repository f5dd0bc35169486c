// @vitest-environment happy-dom
// A share link made here and opened in place of the workspace: the same chunks, layout, clusters
// and gold marks, with the sender's clusters applied rather than computed again; a damaged link
// is named and changes nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.mock('./workers', () => import('./testing/inProcessWorkers'));
// offline: the one request a link may make (the app's own demo corpus, to see if this is it) fails
const requested: string[] = [];
vi.stubGlobal('fetch', (url: string) => (requested.push(String(url)), Promise.reject(new TypeError('offline'))));
const { until, vectorDocument } = await import('./testing/documents');
const { useOrreryStore: store } = await import('./store');
const { addDocuments } = await import('./corpusActions');
const { makeShareLink } = await import('./shareActions');
const { openShareLink } = await import('./openSnapshot');
const { setGold } = await import('./queryActions');
const { activeSpace } = await import('./workspace/spaces');
const { activeOf } = await import('./slices');

describe('share links', () => {
  it('open as the view they were made from, with the sender’s clusters and gold marks', async () => {
    await addDocuments([vectorDocument('a', 45, 1)]);
    await until(
      () => activeOf(store.getState()).clusterSpaceVersion === activeSpace().version && activeOf(store.getState()).clusters.length > 0,
      'the clusters',
    );
    setGold('a row 3', [3, 5]);
    const sent = {
      labels: Array.from(activeSpace().clusterLabels),
      coords: Array.from(activeSpace().coords),
      terms: activeOf(store.getState()).clusters.map((c) => c.terms),
    };
    expect(await makeShareLink({ vectors: 'int8', texts: 'carried' })).toBe(true);
    const { fragment } = store.getState().shareLink!;
    expect(fragment).toMatch(/^o2\./);

    await addDocuments([vectorDocument('b', 20, 2)]);
    expect(store.getState().chunkCount).toBe(65);
    expect(await openShareLink(`#${fragment}`)).toBe(true);
    const s = store.getState();
    expect(s.chunkCount).toBe(45);
    expect(s.sources).toEqual(['a.tsv']);
    expect(Array.from(activeSpace().clusterLabels)).toEqual(sent.labels);
    expect(activeOf(s).clusters.map((c) => c.terms)).toEqual(sent.terms);
    expect(activeOf(s).clusterRun?.notes).toEqual(['Clusters as the link’s sender saw them.']);
    expect(s.goldMarks['a row 3']).toEqual([3, 5]);
    // coordinates travel as 16-bit steps of the layout's extent
    const extent = Math.max(...sent.coords) - Math.min(...sent.coords);
    Array.from(activeSpace().coords).forEach((x, i) => expect(Math.abs(x - sent.coords[i]!)).toBeLessThan(extent / 30_000));
    expect(activeSpace().dims).toBe(12);
    expect(requested.every((url) => url.endsWith('/demo/corpus.md'))).toBe(true);
  });

  it('a damaged link is named and the workspace stays', async () => {
    await addDocuments([vectorDocument('mine', 15, 3)]);
    const version = store.getState().corpusVersion;
    expect(await openShareLink('#o2.q1YqS8')).toBe(false);
    expect(store.getState().corpusVersion).toBe(version);
    expect(store.getState().notices.at(-1)?.text).toMatch(/^This share link cannot be opened: .*Your workspace is as it was\.$/);
  });
});

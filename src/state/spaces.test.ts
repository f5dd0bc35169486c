// Two spaces of one corpus in Node: the second is data under its own id, laid out, measured,
// clustered and held by the workers through the same code as the first, while the first (on
// screen) keeps everything it had. The workers are their real hosts, run in this process.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LAYOUT } from '../core/layoutRun';
import { gaussianClusters } from '../core/syntheticData';

vi.mock('./workers', () => import('./testing/inProcessWorkers'));
const { until, vectorDocument } = await import('./testing/documents');
const { useOrreryStore } = await import('./store');
const { activeSpace, closeSpace, openSpace } = await import('./workspace/spaces');
const { spaceOf } = await import('./workspace/data');
const { commitWorkspace } = await import('./workspace/commit');
const { addDocuments, clearWorkspace } = await import('./corpusActions');
const { layOutUncommitted, runLayout } = await import('./layoutActions');
const { corpusRef } = await import('./corpusRef');
const { cancelRunning } = await import('./tasks');
const { vectorTransfers } = await import('./vectorSync');

const store = useOrreryStore;
const stateOf = (id: string) => store.getState().spaces[id]!;
const settled = (id: string) => {
  const s = stateOf(id);
  // the clusters' parts (labels that deepen with zoom) come last
  return s.quality !== null && s.clusterSpaceVersion === spaceOf(id).version && s.clusters.length > 0 && s.fineClusters !== null;
};
const errors = () =>
  store
    .getState()
    .notices.filter((n) => n.kind === 'error')
    .map((n) => n.text);

/** The first space's chunks again, with other vectors (another model: 8 dimensions) committed as space b. */
async function commitSecondSpace(): Promise<void> {
  const { documents, table } = activeSpace();
  const count = table.texts.length;
  const dims = 8;
  const vectors = gaussianClusters(4, Math.ceil(count / 4), dims, 99).data.slice(0, count * dims);
  const params = DEFAULT_LAYOUT.pca;
  const result = await layOutUncommitted('b', params, vectors, count, dims, new AbortController().signal);
  await commitWorkspace({ space: 'b', corpus: { documents, table, vectors, dims }, layout: { params, result } });
}

beforeEach(async () => {
  await clearWorkspace();
  store.setState({ notices: [] });
  await addDocuments([vectorDocument('a', 90, 1)]);
  await until(() => settled('a'), 'the first space measured and clustered');
  openSpace('b', { model: 'another', precision: 'fp32', chunking: store.getState().chunking });
});
afterEach(() => {
  cancelRunning();
  closeSpace('b');
});

describe('a second space', () => {
  it('is laid out, measured and clustered under its own id; the space on screen keeps its data and state', async () => {
    const a = activeSpace();
    const before = { vectors: a.vectors, coords: a.coords, labels: a.clusterLabels, version: a.version, state: stateOf('a') };
    await commitSecondSpace();
    await until(() => settled('b'), 'the second space measured and clustered');
    const b = spaceOf('b');
    expect(b.dims).toBe(8);
    expect(b.coords).toHaveLength(90 * 3);
    expect(b.clusterLabels).toHaveLength(90);
    expect(stateOf('b')).toMatchObject({ chunkCount: 90, dims: 8, recipe: { model: 'another', precision: 'fp32' } });
    expect(stateOf('b').quality!.recallRows).toBe(90);
    // the first space: the same arrays and the same state object, still on screen
    expect(a.vectors).toBe(before.vectors);
    expect(a.coords).toBe(before.coords);
    expect(a.clusterLabels).toBe(before.labels);
    expect(a.version).toBe(before.version);
    expect(stateOf('a')).toBe(before.state);
    expect(store.getState().activeSpace).toBe('a');
    expect(store.getState().chunkCount).toBe(90);
    expect(errors()).toEqual([]);
  });

  it('a layout of one space does not stop the measurement of the other', async () => {
    // both spaces are measured in the quality worker at once
    const relaid = runLayout({ ...DEFAULT_LAYOUT.pca, dims: 2 });
    await commitSecondSpace();
    await relaid;
    await until(() => settled('a') && settled('b'), 'both spaces measured');
    expect(stateOf('a').quality!.recallRows).toBe(90);
    expect(stateOf('b').quality!.recallRows).toBe(90);
  });

  it('the retrieval worker holds both spaces: going back and forth sends nothing again', async () => {
    await commitSecondSpace();
    await corpusRef(undefined, spaceOf('a'));
    await corpusRef(undefined, spaceOf('b'));
    const sends = vectorTransfers.sends;
    for (let i = 0; i < 3; i++) {
      await corpusRef(undefined, spaceOf('a'));
      await corpusRef(undefined, spaceOf('b'));
    }
    expect(vectorTransfers.sends).toBe(sends);
  });

  it('closing a space while it is clustered drops its work without an error', async () => {
    const committing = commitSecondSpace();
    await committing;
    closeSpace('b');
    await new Promise((r) => setTimeout(r, 200));
    expect(store.getState().spaces.b).toBeUndefined();
    expect(() => spaceOf('b')).toThrow(/no space b/);
    expect(errors()).toEqual([]);
    openSpace('b', { model: 'another', precision: null, chunking: store.getState().chunking });
  });
});

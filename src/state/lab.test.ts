// The model lab in Node, through the real worker hosts in process: a second space made by cutting
// the vectors, compared with the first, and dropped when the data on screen changes.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exactKnn } from '../core/knn';

vi.mock('./workers', () => import('./testing/inProcessWorkers'));
const { until, vectorDocument } = await import('./testing/documents');
const { useOrreryStore } = await import('./store');
const { addDocuments, clearWorkspace } = await import('./corpusActions');
const { addLabSpace } = await import('./labActions');
const { closeLab } = await import('./workspace/spaces');
const { labAlignment } = await import('./labAlignment');
const { recipeOfA } = await import('./labSpace');
const { activeSpace } = await import('./workspace/spaces');
const { spaceOf } = await import('./workspace/data');
const { cancelRunning } = await import('./tasks');

const store = useOrreryStore;

beforeEach(async () => {
  await clearWorkspace();
  store.setState({ notices: [] });
  await addDocuments([vectorDocument('a', 90, 1)]);
  await until(() => store.getState().spaces.a!.clusters.length > 0, 'the first space clustered');
});
afterEach(() => {
  cancelRunning();
  closeLab();
});

describe('the model lab', () => {
  it('cuts the vectors into space B, laid out like A, and measures each chunk’s neighbour overlap', async () => {
    const a = activeSpace();
    await addLabSpace({ ...recipeOfA(), dims: 3 });
    const { lab, spaces, colourMode } = store.getState();
    expect(lab).not.toBeNull();
    const b = spaceOf('b');
    expect(spaces.b).toMatchObject({ chunkCount: 90, dims: 3 });
    // the first three dimensions of A's vector (rescaled to unit length)
    expect(b.vectors[1]! / b.vectors[0]!).toBeCloseTo(a.vectors[1]! / a.vectors[0]!, 4);
    expect(b.vectors[2]! / b.vectors[0]!).toBeCloseTo(a.vectors[2]! / a.vectors[0]!, 4);
    expect(b.coords).toHaveLength(90 * 3);
    // the overlap of chunk 0, counted here from exact neighbours of both
    const kA = exactKnn(a.vectors, 90, a.dims, 10).indices.subarray(0, 10);
    const kB = exactKnn(b.vectors, 90, 3, 10).indices.subarray(0, 10);
    const shared = Array.from(kA).filter((i) => kB.includes(i)).length;
    expect(lab!.overlap[0]).toBeCloseTo(shared / (20 - shared), 5);
    expect(lab!.meanOverlap).toBeGreaterThan(0);
    expect(lab!.meanOverlap).toBeLessThan(1);
    expect(lab!.overlap[lab!.changedMost[0]!]).toBe(Math.min(...lab!.overlap));
    expect(labAlignment()!.coords).toHaveLength(90 * 3);
    expect(colourMode).toBe('overlap');
    expect(
      store
        .getState()
        .notices.map((n) => n.text)
        .join(' '),
    ).toMatch(/keep \d+% of their 10 nearest neighbours/);
  });

  it('refuses a space B made like A, keeping what is loaded', async () => {
    await addLabSpace(recipeOfA());
    expect(store.getState().lab).toBeNull();
    expect(store.getState().spaces.b).toBeUndefined();
    expect(store.getState().notices.find((n) => n.kind === 'error')?.text).toMatch(/Space B would be the same as A/);
    expect(store.getState().chunkCount).toBe(90);
  });

  it('ends when the data on screen changes: the comparison and space B go, the colours go back to clusters', async () => {
    await addLabSpace({ ...recipeOfA(), dims: 3 });
    await addDocuments([vectorDocument('more', 30, 2)]);
    const { lab, spaces, colourMode } = store.getState();
    expect(lab).toBeNull();
    expect(Object.keys(spaces)).toEqual(['a']);
    expect(() => spaceOf('b')).toThrow(/no space b/);
    expect(colourMode).toBe('cluster');
  });
});

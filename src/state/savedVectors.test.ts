// Where a saved workspace's vectors go, in Node (no file system of the origin's own here: big vectors
// fall back to a Blob), and which files the saved workspaces name.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { BLOB_SLICE_BYTES } from '../core/vectorBlob';
import { allocateVectors } from '../core/vectors';

vi.mock('./workers', () => import('./testing/inProcessWorkers'));
const { putValue, STORES } = await import('../workers/idb');
const { filesAfter, readStoredVectors, storedVectors, VECTOR_FILES } = await import('./savedVectors');

describe('the vectors of a saved workspace', () => {
  it('small ones are stored as they are, big ones where files cannot be kept as a Blob that reads back the same', async () => {
    const small = Float32Array.from({ length: 12 }, (_, i) => i / 3);
    expect(await storedVectors(small, 'current')).toBe(small);
    const big = allocateVectors(BLOB_SLICE_BYTES / 4 + 384, true, 'float32');
    big.forEach((_, i) => (big[i] = Math.sin(i)));
    const stored = await storedVectors(big, 'current');
    expect(stored).toBeInstanceOf(Blob);
    const back = await readStoredVectors(stored, 'float32');
    expect(back).toHaveLength(big.length);
    // compared number by number in a loop: toEqual over four million numbers took seconds
    expect(back.findIndex((x, i) => x !== big[i])).toBe(-1);
  });

  it('each saved workspace names its own file: a new save replaces its name, one kept in IndexedDB drops it, the others stay', async () => {
    await putValue(STORES.workspace, VECTOR_FILES, { current: 'current-1.vectors', kept: 'kept-1.vectors' });
    expect(await filesAfter('current', { file: 'current-2.vectors', bytes: 8 })).toEqual({ current: 'current-2.vectors', kept: 'kept-1.vectors' });
    expect(await filesAfter('current', new Float32Array(2))).toEqual({ kept: 'kept-1.vectors' });
    expect(await filesAfter('kept', { file: 'current-1.vectors', bytes: 8 })).toEqual({ current: 'current-1.vectors', kept: 'current-1.vectors' });
  });
});

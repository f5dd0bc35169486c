// @vitest-environment happy-dom
// The address follows the work (layout, query, open chunk, selection), changes a second apart get
// their own history entries, and back and forward bring a view back.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';

vi.mock('./workers', () => import('./testing/inProcessWorkers'));
const { until, vectorDocument } = await import('./testing/documents');
const { useOrreryStore: store } = await import('./store');
const { startAddress } = await import('./address');
const { addressCoalescing } = await import('./addressFollow');
const { addDocuments } = await import('./corpusActions');
const { setOpenChunk } = await import('./queryActions');
const { setSelection } = await import('./viewActions');

const view = () => new URLSearchParams(decodeURIComponent(location.hash).replace(/^#view\?/, ''));

describe('the address', () => {
  it('follows the work, steps through history, and brings a view back on back and forward', async () => {
    history.replaceState(null, '', '/');
    const stop = startAddress();
    await until(() => store.getState().phase === 'idle', 'the start (no saved workspace)');
    await addDocuments([vectorDocument('a', 30, 1)]);
    await until(() => location.hash.startsWith('#view?method=pca'), 'the layout in the address');
    const entries = history.length;
    setOpenChunk(4);
    expect(view().get('open')).toBe('4');
    // within a second of the last change: the same history entry
    expect(history.length).toBe(entries);
    await until(() => !addressCoalescing(), 'a second since the last entry');
    setSelection([1, 2, 3, 9], 'lasso');
    expect(view().get('chosen')).toBe('1-3,9');
    expect(history.length).toBe(entries + 1);
    history.back();
    await until(() => store.getState().selection.length === 0, 'back: the view without the selection');
    expect(store.getState().openChunk).toBe(4);
    history.forward();
    await until(() => store.getState().selection.length === 4, 'forward: the selection again');
    // hovering changes no address
    const before = location.hash;
    store.getState().setHovered({ index: 7, x: 1, y: 1 });
    expect(location.hash).toBe(before);
    stop();
  });
});

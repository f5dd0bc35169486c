import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, type LayoutParams } from '../core/layoutRun';
import { gaussianClusters } from '../core/syntheticData';
import { createHost } from './host';
import { layoutWorker } from './layout';
import type { LayoutCalls, LayoutFrame, LayoutNote, LayoutOutbox } from './layout.protocol';

const { data, count } = gaussianClusters(3, 100, 12, 1);
const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const frames = (events: LayoutOutbox[]) => events.filter((e): e is LayoutFrame => e.type === 'frame');
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 2000 && !condition(); i++) await turn();
  expect(condition()).toBe(true);
};

/** A host that holds the test vectors, with steps of 2 ms and a frame after every step (the page drawing each at once, unless `drawn` is false). */
function host(vectors = data, rows = count, dims = 12, drawn = true) {
  const events: LayoutOutbox[] = [];
  const worker = layoutWorker(turn, () => new Promise((r) => setTimeout(r, 5)), { stepMs: 2, frameMs: 0 });
  const options = { onNote: worker.onNote, latestOnly: ['layout' as const] };
  const post = (event: LayoutOutbox) => {
    events.push(event);
    if (drawn && event.type === 'frame') setTimeout(() => void layoutHost.handle({ type: 'shown' }));
  };
  const layoutHost = { handle: createHost<LayoutCalls, LayoutFrame, LayoutNote>(worker.handlers, post, options) };
  layoutHost.handle({ type: 'vectors', id: 100, space: 'a', vectorsId: 7, vectors, count: rows, dims });
  const run = (id: number, params: LayoutParams) => layoutHost.handle({ type: 'layout', id, space: 'a', vectorsId: 7, params });
  return { events, layoutHost, run };
}

describe('the layout worker', () => {
  it('holds the vectors once, streams frames while it optimises, then a result with the PCA basis used to place queries', async () => {
    const { events, run } = host();
    await run(1, { ...DEFAULT_LAYOUT.umap, epochs: 200 });
    expect(events[0]).toEqual({ type: 'result', id: 100, call: 'vectors', result: { held: 7 } });
    const streamed = frames(events);
    expect(streamed.length).toBeGreaterThan(3);
    for (const frame of streamed) expect(frame.coords).toHaveLength(count * 3);
    const progress = streamed.map((f) => f.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBeLessThan(1);
    const last = events.at(-1)!;
    if (last.type !== 'result' || !('coords' in last.result)) throw new Error(`no layout result: ${JSON.stringify(last)}`);
    expect(last.result.coords).toHaveLength(count * 3);
    expect(last.result.pca.dims).toBe(12);
    // the frames moved: the last one is not the PCA start
    expect(Array.from(streamed.at(-1)!.coords)).not.toEqual(Array.from(streamed[0]!.coords));
  });

  it('sends no frame while the page has not drawn the last one: a slow page is not flooded, and the run still ends', async () => {
    const { events, layoutHost, run } = host(data, count, 12, false);
    const running = run(1, { ...DEFAULT_LAYOUT.umap, epochs: 200 });
    await until(() => frames(events).length >= 1);
    for (let i = 0; i < 20; i++) await turn();
    expect(frames(events)).toHaveLength(1);
    layoutHost.handle({ type: 'shown' });
    await until(() => frames(events).length >= 2);
    await running;
    expect(frames(events)).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'result', id: 1 });
  });

  it('reduces the held vectors for a share link: the rows and the projection that maps a query the same way', async () => {
    const { events, layoutHost } = host();
    await layoutHost.handle({ type: 'reduce', id: 2, vectorsId: 7, components: 4 });
    const last = events.at(-1)!;
    if (last.type !== 'result' || !('projection' in last.result)) throw new Error(`no reduction: ${JSON.stringify(last)}`);
    expect(last.result.dims).toBe(4);
    expect(last.result.data).toHaveLength(count * 4);
    expect(last.result.projection.from).toBe(12);
    expect(last.result.projection.components).toHaveLength(4 * 12);
  });

  it('a pause stops the frames until resume; the run then ends as usual', async () => {
    const { events, layoutHost, run } = host();
    const running = run(1, { ...DEFAULT_LAYOUT.tsne, iterations: 300 });
    await until(() => frames(events).length >= 2);
    layoutHost.handle({ type: 'pause' });
    const atPause = frames(events).length;
    for (let i = 0; i < 20; i++) await turn();
    await new Promise((r) => setTimeout(r, 60));
    expect(frames(events).length).toBe(atPause);
    layoutHost.handle({ type: 'resume' });
    await running;
    expect(frames(events).length).toBeGreaterThan(atPause);
    expect(events.at(-1)).toMatchObject({ type: 'result', id: 1 });
  });

  it('pause and cancel reach the neighbour graph while it is being built', async () => {
    const big = gaussianClusters(4, 750, 40, 2);
    const { events, layoutHost, run } = host(big.data, big.count, 40);
    const running = run(2, { ...DEFAULT_LAYOUT.umap, preReduce: null });
    await until(() => frames(events).length >= 2);
    // still building the exact graph of 3,000 points: the progress bar's first fifth
    expect(frames(events).at(-1)!.progress).toBeLessThan(0.2);
    expect(frames(events).at(-1)!.progress).toBeGreaterThan(0);
    layoutHost.handle({ type: 'pause' });
    const atPause = frames(events).length;
    await new Promise((r) => setTimeout(r, 40));
    expect(frames(events).length).toBe(atPause);
    layoutHost.handle({ type: 'cancel', id: 2 });
    await running;
    expect(events.at(-1)).toMatchObject({ type: 'error', id: 2, cancelled: true });
  });

  it('a new run cancels the one before', async () => {
    const { events, run } = host();
    const first = run(1, DEFAULT_LAYOUT.umap);
    const second = run(2, DEFAULT_LAYOUT.pca);
    await Promise.all([first, second]);
    expect(events.find((e) => e.id === 1 && e.type !== 'frame')).toMatchObject({ type: 'error', cancelled: true });
    expect(events.find((e) => e.id === 2)).toMatchObject({ type: 'result' });
  });

  it('refuses vectors it does not hold, and reports bad input as an error, not a crash', async () => {
    const { events, layoutHost } = host();
    await layoutHost.handle({ type: 'layout', id: 3, space: 'a', vectorsId: 8, params: DEFAULT_LAYOUT.pca });
    expect(events.at(-1)).toMatchObject({ type: 'error', cancelled: false, message: expect.stringMatching(/not held/) });
    const bad = Float32Array.from(data);
    bad[12 + 5] = Number.POSITIVE_INFINITY;
    const other = host(bad);
    await other.run(9, DEFAULT_LAYOUT.pca);
    expect(other.events.at(-1)).toMatchObject({ type: 'error', cancelled: false, message: expect.stringMatching(/Chunk 2/) });
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT } from '../core/layoutRun';
import { gaussianClusters } from '../core/syntheticData';
import { LayoutHost } from './layout';
import type { LayoutEvent } from './layout.protocol';

const { data, count } = gaussianClusters(3, 40, 12, 1);
const request = (id: number, params = DEFAULT_LAYOUT.umap) => ({ type: 'layout' as const, id, params, vectors: data, count, dims: 12 });

describe('LayoutHost', () => {
  it('streams frames, then a result with the PCA basis used to place queries', async () => {
    const events: LayoutEvent[] = [];
    const host = new LayoutHost((e) => events.push(e), () => new Promise((r) => setTimeout(r, 0)));
    await host.handle(request(1, { ...DEFAULT_LAYOUT.umap, epochs: 400 }));
    const result = events.at(-1)!;
    expect(result.type).toBe('result');
    if (result.type !== 'result') return;
    expect(result.coords).toHaveLength(count * 3);
    expect(result.pca.dims).toBe(12);
    expect(result.explained.length).toBeGreaterThanOrEqual(3);
    const frames = events.filter((e) => e.type === 'frame');
    for (const f of frames) if (f.type === 'frame') expect(f.progress).toBeLessThan(1);
  });

  it('a new run cancels the one before; cancel and pause are honoured', async () => {
    const events: LayoutEvent[] = [];
    const host = new LayoutHost((e) => events.push(e), () => new Promise((r) => setTimeout(r, 0)), () => new Promise((r) => setTimeout(r, 5)));
    const first = host.handle(request(1));
    host.handle({ type: 'pause', id: 1 });
    const second = host.handle({ ...request(2), params: DEFAULT_LAYOUT.pca });
    await Promise.all([first, second]);
    expect(events.find((e) => e.id === 1)).toMatchObject({ type: 'error', cancelled: true });
    expect(events.find((e) => e.id === 2)).toMatchObject({ type: 'result' });
    const third = host.handle(request(3));
    host.handle({ type: 'cancel', id: 3 });
    await third;
    expect(events.at(-1)).toMatchObject({ id: 3, type: 'error', cancelled: true });
  });

  it('reports bad input as an error, not a crash', async () => {
    const events: LayoutEvent[] = [];
    const host = new LayoutHost((e) => events.push(e));
    const bad = Float32Array.from(data);
    bad[5] = Number.POSITIVE_INFINITY;
    await host.handle({ ...request(9), vectors: bad });
    expect(events.at(-1)).toMatchObject({ type: 'error', cancelled: false });
    expect((events.at(-1) as { message: string }).message).toMatch(/Chunk 1/);
  });
});

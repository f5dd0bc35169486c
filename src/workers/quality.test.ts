import { describe, expect, it } from 'vitest';
import { gaussianClusters } from '../core/syntheticData';
import type { LayoutQualityResult } from '../core/quality';
import { createHost } from './host';
import { qualityHandlers } from './quality';
import type { QualityCalls, QualityOutbox } from './quality.protocol';

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function host(data: Float32Array, count: number, dims: number) {
  const events: QualityOutbox[] = [];
  const qualityHost = { handle: createHost<QualityCalls>(qualityHandlers(turn), (e) => events.push(e), { latestOnly: ['quality'] }) };
  qualityHost.handle({ type: 'vectors', id: 100, space: 'a', vectorsId: 1, vectors: data, count, dims });
  const measure = (id: number, coords: Float32Array, k = 5) => qualityHost.handle({ type: 'quality', id, space: 'a', vectorsId: 1, coords, layoutDims: 3, k });
  const resultOf = (id: number): LayoutQualityResult => {
    const event = events.find((e) => e.id === id);
    if (event?.type !== 'result' || !('recall' in event.result)) throw new Error(`no result for ${id}: ${JSON.stringify(event)}`);
    return event.result;
  };
  return { events, qualityHost, measure, resultOf };
}

/** The first three coordinates of each vector: a layout that keeps its clusters. */
function faithfulLayout(data: Float32Array, count: number, dims: number): Float32Array {
  const coords = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) for (let c = 0; c < 3; c++) coords[i * 3 + c] = data[i * dims + c]!;
  return coords;
}

describe('the quality worker', () => {
  const { data, count, labels } = gaussianClusters(3, 30, 10, 3, 0.2);

  it('scores a layout that keeps clusters above a scrambled one', async () => {
    const scrambled = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      scrambled[i * 3] = Math.sin(i * 7.1) * 5;
      scrambled[i * 3 + 1] = Math.cos(i * 3.3) * 5;
      scrambled[i * 3 + 2] = labels[(i * 7) % count]!;
    }
    const { measure, resultOf } = host(data, count, 10);
    await measure(1, faithfulLayout(data, count, 10));
    await measure(2, scrambled);
    const good = resultOf(1);
    const bad = resultOf(2);
    expect(good.recall).toHaveLength(count);
    expect(good.meanRecall).toBeGreaterThan(bad.meanRecall + 0.2);
    expect(good.trustworthiness).toBeGreaterThan(bad.trustworthiness);
    expect(good.trustworthiness).toBeLessThanOrEqual(1);
  });

  it('measures recall on a sample of a large corpus and leaves the rest unmeasured', async () => {
    const big = gaussianClusters(10, 900, 8, 4, 0.3);
    const { measure, resultOf } = host(big.data, big.count, 8);
    await measure(2, faithfulLayout(big.data, big.count, 8), 10);
    const result = resultOf(2);
    expect(result.recallRows).toBe(2000);
    expect(Array.from(result.recall).filter((r) => !Number.isNaN(r))).toHaveLength(2000);
    expect(result.meanRecall).toBeGreaterThan(0);
  });

  it('a cancel stops a measurement mid-way, and a newer request drops the stale one', async () => {
    const big = gaussianClusters(4, 1000, 32, 5);
    const { events, qualityHost, measure, resultOf } = host(big.data, big.count, 32);
    const coords = faithfulLayout(big.data, big.count, 32);
    const cancelled = measure(1, coords);
    await turn();
    qualityHost.handle({ type: 'cancel', id: 1 });
    await cancelled;
    expect(events.at(-1)).toMatchObject({ type: 'error', id: 1, cancelled: true });
    const stale = measure(2, coords);
    await turn();
    const fresh = measure(3, coords);
    await Promise.all([stale, fresh]);
    expect(events.find((e) => e.id === 2)).toMatchObject({ type: 'error', cancelled: true });
    expect(resultOf(3).recall).toHaveLength(big.count);
  });
});

import { describe, expect, it } from 'vitest';
import { CancelledError, embedInBatches } from './batching';

const fakeEmbed = async (batch: string[]) => Float32Array.from(batch.flatMap((t) => [t.length, 1]));

describe('embedInBatches', () => {
  it('fills one buffer in input order and reports progress per batch', async () => {
    const progress: number[] = [];
    const out = await embedInBatches(['a', 'bb', 'ccc', 'dddd', 'eeeee'], fakeEmbed, {
      batchSize: 2,
      dims: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(Array.from(out)).toEqual([1, 1, 2, 1, 3, 1, 4, 1, 5, 1]);
    expect(progress).toEqual([2, 4, 5]);
  });

  it('stops between batches when cancelled', async () => {
    let calls = 0;
    const run = embedInBatches(['a', 'b', 'c', 'd'], async (b) => (calls++, fakeEmbed(b)), {
      batchSize: 1,
      dims: 2,
      isCancelled: () => calls >= 2,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(calls).toBe(2);
  });

  it('yields before every batch so that a cancel can arrive', async () => {
    const events: string[] = [];
    await embedInBatches(['a', 'b', 'c'], async (b) => (events.push('embed'), fakeEmbed(b)), {
      batchSize: 2,
      dims: 2,
      yieldBetweenBatches: async () => void events.push('yield'),
    });
    expect(events).toEqual(['yield', 'embed', 'yield', 'embed']);
  });

  it('rejects a model whose output has the wrong dimension', async () => {
    await expect(embedInBatches(['a'], fakeEmbed, { batchSize: 4, dims: 3 })).rejects.toThrow(/dimensions/);
  });
});

describe('embedInBatches, by length', () => {
  it('batches texts of similar length together and returns rows in input order', async () => {
    const texts = ['aaaaaaaa', 'b', 'cccccccccccc', 'dd', 'eeeeeeeee', 'f'];
    const batches: string[][] = [];
    const out = await embedInBatches(texts, async (batch) => {
      batches.push(batch);
      return Float32Array.from(batch, (t) => t.length);
    }, { batchSize: 2, dims: 1 });
    expect(batches).toEqual([['b', 'f'], ['dd', 'aaaaaaaa'], ['eeeeeeeee', 'cccccccccccc']]);
    expect(Array.from(out)).toEqual([8, 1, 12, 2, 9, 1]);
  });
});

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
    const out = await embedInBatches(
      texts,
      async (batch) => {
        batches.push(batch);
        return Float32Array.from(batch, (t) => t.length);
      },
      { batchSize: 2, dims: 1 },
    );
    expect(batches).toEqual([
      ['b', 'f'],
      ['dd', 'aaaaaaaa'],
      ['eeeeeeeee', 'cccccccccccc'],
    ]);
    expect(Array.from(out)).toEqual([8, 1, 12, 2, 9, 1]);
  });
});

describe('embedInBatches, several batches at once', () => {
  /** An embedding function whose batches finish when the test says, in any order. */
  function controlled() {
    const pending: { batch: string[]; finish: () => void; fail: (error: Error) => void }[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const embed = (batch: string[]) =>
      new Promise<Float32Array>((resolve, reject) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        const done = () => running--;
        pending.push({
          batch,
          finish: () => (done(), resolve(Float32Array.from(batch, (t) => t.length))),
          fail: (error) => (done(), reject(error)),
        });
      });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    return { pending, embed, settle, mostAtOnce: () => mostAtOnce };
  }

  it('keeps up to `concurrency` batches in flight and puts rows back in input order, whatever order they finish in', async () => {
    const texts = ['aaaa', 'b', 'ccc', 'dd', 'eeeee', 'ffffff'];
    const model = controlled();
    const progress: number[] = [];
    const run = embedInBatches(texts, model.embed, { batchSize: 2, dims: 1, concurrency: 2, onProgress: (done) => progress.push(done) });
    await model.settle();
    expect(model.pending.map((p) => p.batch)).toEqual([
      ['b', 'dd'],
      ['ccc', 'aaaa'],
    ]);
    model.pending[1]!.finish(); // the second batch finishes first
    await model.settle();
    expect(model.pending).toHaveLength(3);
    model.pending[0]!.finish();
    model.pending[2]!.finish();
    expect(Array.from(await run)).toEqual([4, 1, 3, 2, 5, 6]);
    expect(model.mostAtOnce()).toBe(2);
    expect(progress).toEqual([2, 4, 6]);
  });

  it('on a failure, waits for the batches already started, then rejects with the failure', async () => {
    const model = controlled();
    let settled = false;
    const run = embedInBatches(['a', 'bb', 'ccc', 'dddd'], model.embed, { batchSize: 1, dims: 1, concurrency: 2 });
    void run.catch(() => (settled = true));
    await model.settle();
    model.pending[0]!.fail(new Error('out of memory'));
    await model.settle();
    expect(settled).toBe(false); // the second batch is still running
    expect(model.pending).toHaveLength(2); // and no new one started
    model.pending[1]!.finish();
    await expect(run).rejects.toThrow('out of memory');
  });

  it('on a cancel, starts no new batch and rejects once the running ones are done', async () => {
    const model = controlled();
    let cancelled = false;
    const run = embedInBatches(['a', 'bb', 'ccc', 'dddd', 'eeeee'], model.embed, { batchSize: 1, dims: 1, concurrency: 2, isCancelled: () => cancelled });
    void run.catch(() => {});
    await model.settle();
    cancelled = true;
    model.pending[0]!.finish();
    model.pending[1]!.finish();
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(model.pending).toHaveLength(2);
  });
});

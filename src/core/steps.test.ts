import { describe, expect, it } from 'vitest';
import { exactKnn, exactKnnOfRowsSteps, exactKnnSteps } from './knn';
import { nnDescent, nnDescentSteps } from './nnDescent';
import { trustworthiness, trustworthinessSteps } from './quality';
import { CancelledError } from './batching';
import { advance, finish, runSteps, type Steps, within } from './steps';
import { gaussianClusters } from './syntheticData';

/** Every progress value a computation yields, and its result. */
function collect<T>(steps: Steps<T>): { progress: number[]; value: T } {
  const progress: number[] = [];
  for (;;) {
    const next = steps.next();
    if (next.done) return { progress, value: next.value };
    progress.push(next.value);
  }
}

const expectRising = (progress: number[]) => {
  expect(progress.length).toBeGreaterThan(10);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(progress[0]).toBeGreaterThan(0);
  expect(progress.at(-1)).toBeLessThanOrEqual(1);
};

describe('computations in steps', () => {
  const { data, count } = gaussianClusters(4, 100, 10, 9);

  it('the exact kNN graph yields rising progress and ends with the same graph as run at once', () => {
    const { progress, value } = collect(exactKnnSteps(data, count, 10, 8, 'cosine'));
    expectRising(progress);
    expect(progress.at(-1)).toBeCloseTo(1, 10);
    expect(value).toEqual(exactKnn(data, count, 10, 8, 'cosine'));
    const rows = Int32Array.from([3, 50, 399]);
    expect(collect(exactKnnOfRowsSteps(data, count, 10, rows, 8)).progress).toEqual([1 / 3, 2 / 3, 1]);
  });

  it('NN-descent yields between trees and every few hundred points', () => {
    const big = gaussianClusters(5, 400, 8, 2);
    const { progress, value } = collect(nnDescentSteps(big.data, big.count, 8, 10, 'euclidean', 4));
    expectRising(progress);
    expect(value).toEqual(nnDescent(big.data, big.count, 8, 10, 'euclidean', 4));
  });

  it('trustworthiness yields per sampled row and agrees with the one-call form', () => {
    const layout = data.filter((_, i) => i % 10 < 3);
    const { progress, value } = collect(trustworthinessSteps(data, 10, layout, 3, count, 5, { sampleRows: 50 }));
    expectRising(progress);
    expect(value).toBe(trustworthiness(data, 10, layout, 3, count, 5, { sampleRows: 50 }));
  });

  it('advance stops at its time budget; within maps progress onto a part of a whole; finish runs to the end', () => {
    function* slow(): Steps<string> {
      for (let i = 1; i <= 5; i++) {
        const until = performance.now() + 4;
        while (performance.now() < until);
        yield i / 5;
      }
      return 'done';
    }
    const steps = slow();
    expect(advance(steps, 1)).toEqual({ done: false, progress: 0.2 });
    expect(advance(steps, 1000)).toEqual({ done: true, value: 'done' });
    expect(collect(within(slow(), 0.5, 1)).progress).toEqual([0.6, 0.7, 0.8, 0.9, 1]);
    expect(finish(slow())).toBe('done');
  });

  it('runSteps gives the result, reports progress, and stops at a cancel between slices', async () => {
    function* count(n: number): Steps<number> {
      for (let i = 1; i <= n; i++) {
        const until = performance.now() + 1;
        while (performance.now() < until);
        yield i / n;
      }
      return n;
    }
    const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    const seen: number[] = [];
    expect(await runSteps(count(5), { sliceMs: 1, yieldTurn: turn, cancelled: () => false, onProgress: (p) => seen.push(p) })).toBe(5);
    expect(seen.length).toBeGreaterThan(0);
    let turns = 0;
    const stopped = runSteps(count(200), { sliceMs: 1, yieldTurn: () => (turns++, turn()), cancelled: () => turns > 3 });
    await expect(stopped).rejects.toBeInstanceOf(CancelledError);
    expect(turns).toBe(4);
  });
});

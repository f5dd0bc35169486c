// Browser half of `npm run bench:layout`: runs layouts in the app's real layout worker.
import type { LayoutParams } from '../src/core/layoutRun';
import { decayingSpectrum } from '../src/core/syntheticData';
import type { LayoutEvent, LayoutRequest } from '../src/workers/layout.protocol';
import { WorkerClient } from '../src/workers/rpc';

export type BenchInput = { url: string; count: number; dims: number } | { synthetic: { count: number; dims: number; seed: number } };

const client = new WorkerClient<LayoutRequest, LayoutEvent>(
  () => new Worker(new URL('../src/workers/layout.worker.ts', import.meta.url), { type: 'module' }),
);

async function load(input: BenchInput): Promise<{ vectors: Float32Array; count: number; dims: number }> {
  if ('url' in input) return { vectors: new Float32Array(await (await fetch(input.url)).arrayBuffer()), count: input.count, dims: input.dims };
  const { count, dims, seed } = input.synthetic;
  return { vectors: decayingSpectrum(count, dims, seed), count, dims };
}

/** Milliseconds from request to result (the transfer to the worker included) and the coordinates. */
async function runLayoutBench(params: LayoutParams, input: BenchInput): Promise<{ ms: number; coords: number[] }> {
  const { vectors, count, dims } = await load(input);
  const started = performance.now();
  const result = await client.request((id) => ({ type: 'layout', id, params, vectors, count, dims }), [vectors.buffer]);
  return { ms: performance.now() - started, coords: Array.from(result.coords) };
}

(window as unknown as { runLayoutBench: typeof runLayoutBench }).runLayoutBench = runLayoutBench;

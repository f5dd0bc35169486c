// Browser half of `npm run bench:layout`: runs layouts in the app's real layout worker.
import type { LayoutParams } from '../src/core/layoutRun';
import { decayingSpectrum } from '../src/core/syntheticData';
import type { LayoutCalls, LayoutFrame } from '../src/workers/layout.protocol';
import { WorkerClient } from '../src/workers/rpc';

export type BenchInput = { url: string; count: number; dims: number } | { synthetic: { count: number; dims: number; seed: number } };

const client = new WorkerClient<LayoutCalls, LayoutFrame>(() => new Worker(new URL('../src/workers/layout.worker.ts', import.meta.url), { type: 'module' }));

async function load(input: BenchInput): Promise<{ vectors: Float32Array; count: number; dims: number }> {
  if ('url' in input) return { vectors: new Float32Array(await (await fetch(input.url)).arrayBuffer()), count: input.count, dims: input.dims };
  const { count, dims, seed } = input.synthetic;
  return { vectors: decayingSpectrum(count, dims, seed), count, dims };
}

/** Milliseconds from request to result (the transfer to the worker included) and the coordinates. */
async function runLayoutBench(params: LayoutParams, input: BenchInput): Promise<{ ms: number; coords: number[] }> {
  const { vectors, count, dims } = await load(input);
  const started = performance.now();
  await client.request('vectors', { space: 'a', vectorsId: ++benchVectors, vectors, count, dims }, { transfer: [vectors.buffer] });
  const result = await client.request('layout', { space: 'a', vectorsId: benchVectors, params });
  return { ms: performance.now() - started, coords: Array.from(result.coords) };
}
let benchVectors = 0;

/**
 * Handing N×D vectors to a worker: as every layout and quality run did before vectors were held
 * (a copy, transferred), and as the app does now once per corpus version (shared memory, no copy).
 * Milliseconds for each, best of `rounds`, measured until the worker has them.
 */
async function runHandoffBench(count: number, dims: number, rounds: number): Promise<{ copyMs: number; sharedMs: number; bytes: number; isolated: boolean }> {
  const vectors = decayingSpectrum(count, dims, 3);
  const shared = new Float32Array(new SharedArrayBuffer(vectors.byteLength));
  shared.set(vectors);
  let copyMs = Infinity;
  let sharedMs = Infinity;
  for (let r = 0; r < rounds; r++) {
    let started = performance.now();
    const copy = vectors.slice();
    await client.request('vectors', { space: 'a', vectorsId: ++benchVectors, vectors: copy, count, dims }, { transfer: [copy.buffer] });
    copyMs = Math.min(copyMs, performance.now() - started);
    started = performance.now();
    await client.request('vectors', { space: 'a', vectorsId: ++benchVectors, vectors: shared, count, dims });
    sharedMs = Math.min(sharedMs, performance.now() - started);
  }
  return { copyMs, sharedMs, bytes: vectors.byteLength, isolated: self.crossOriginIsolated };
}

Object.assign(window, { runLayoutBench, runHandoffBench });

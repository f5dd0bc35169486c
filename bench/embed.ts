// Browser half of `npm run bench:embed`: embeds the benchmark texts in the app's real embed worker.
import { BUILTIN_MODEL, type Dtype } from '../src/core/models';
import type { EmbedEvent, EmbedRequest, ModelSource } from '../src/workers/embed.protocol';
import { WorkerClient } from '../src/workers/rpc';
import { benchTexts, ROUNDS } from './benchTexts';

export interface BrowserBenchResult {
  count: number;
  msPerChunk: number;
  backend: string;
  dtype: string;
  threads: number;
  crossOriginIsolated: boolean;
}

const client = new WorkerClient<EmbedRequest, EmbedEvent>(
  () => new Worker(new URL('../src/workers/embed.worker.ts', import.meta.url), { type: 'module' }),
);

async function run(): Promise<BrowserBenchResult> {
  const texts = benchTexts(await (await fetch('/demo/corpus.md')).text());
  const params = new URLSearchParams(location.search);
  const source: ModelSource = { model: BUILTIN_MODEL, remoteHost: null, dtype: (params.get('dtype') as Dtype | null) ?? 'q8', backend: (params.get('backend') as 'webgpu' | null) ?? 'wasm' };
  const threads = params.get('threads');
  if (threads) await client.request((id) => ({ type: 'configure', id, threads: Number(threads) }), []);
  const embed = (batch: string[]) => client.request((id) => ({ type: 'embed', id, source, texts: batch, purpose: 'passage' }), []);
  await embed(Array.from({ length: 16 }, (_, i) => `A warm-up sentence, number ${i}.`)); // load the model and warm up
  // the best of a few rounds, each from an empty cache: a shared 2-core machine is noisy
  let best = Infinity;
  let result: Awaited<ReturnType<typeof embed>> | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    await client.request((id) => ({ type: 'clear-cache', id }), []);
    const started = performance.now();
    result = await embed(texts);
    best = Math.min(best, performance.now() - started);
  }
  return {
    count: texts.length,
    msPerChunk: best / texts.length,
    backend: result!.backend,
    dtype: result!.dtype,
    threads: result!.threads,
    crossOriginIsolated: self.crossOriginIsolated,
  };
}

run().then(
  (result) => {
    (window as unknown as { __bench: unknown }).__bench = result;
    document.getElementById('out')!.textContent = JSON.stringify(result, null, 2);
  },
  (error) => {
    (window as unknown as { __bench: unknown }).__bench = { error: String(error) };
  },
);

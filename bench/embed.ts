// Browser half of `npm run bench:embed`: the app's real embed worker, loaded and warmed up; the
// Node side then calls `__benchRound` for each timed pass, in turn with the other runs.
import { BUILTIN_MODEL, type Dtype } from '../src/core/models';
import type { ModelSource } from '../src/core/models';
import type { EmbedCalls, EmbedEvent } from '../src/workers/embed.protocol';
import { WorkerClient } from '../src/workers/rpc';
import { benchTexts } from './benchTexts';

export interface BrowserBenchRound {
  msPerChunk: number;
  backend: string;
  dtype: string;
  threads: number;
}

export interface BrowserBenchReady {
  count: number;
  crossOriginIsolated: boolean;
}

type BenchWindow = Window & { __bench?: BrowserBenchReady | { error: string }; __benchRound?: () => Promise<BrowserBenchRound> };

const client = new WorkerClient<EmbedCalls, EmbedEvent>(() => new Worker(new URL('../src/workers/embed.worker.ts', import.meta.url), { type: 'module' }));

async function setUp(): Promise<BrowserBenchReady> {
  const texts = benchTexts(await (await fetch('/demo/corpus.md')).text());
  const params = new URLSearchParams(location.search);
  const source: ModelSource = {
    model: BUILTIN_MODEL,
    remoteHost: null,
    dtype: (params.get('dtype') as Dtype | null) ?? 'q8',
    backend: (params.get('backend') as 'webgpu' | null) ?? 'wasm',
  };
  // the layout: model workers, and WASM threads in each (absent: the app's own choice)
  const [workers, threads] = [params.get('workers'), params.get('threads')].map((value) => (value ? Number(value) : undefined));
  if (workers || threads) await client.request('configure', { workers, threads });
  await client.request('load', { source });
  const embed = (batch: string[]) => client.request('embed', { source, texts: batch, purpose: 'passage' });
  await embed(Array.from({ length: 64 }, (_, i) => `A warm-up sentence, number ${i}.`)); // every model worker runs once
  // each timed pass starts from an empty cache
  (window as BenchWindow).__benchRound = async () => {
    await client.request('clear-cache', {});
    const started = performance.now();
    const result = await embed(texts);
    return { msPerChunk: (performance.now() - started) / texts.length, backend: result.backend, dtype: result.dtype, threads: result.threads };
  };
  return { count: texts.length, crossOriginIsolated: self.crossOriginIsolated };
}

setUp().then(
  (ready) => {
    (window as BenchWindow).__bench = ready;
    document.getElementById('out')!.textContent = JSON.stringify(ready, null, 2);
  },
  (error) => {
    (window as BenchWindow).__bench = { error: String(error) };
  },
);

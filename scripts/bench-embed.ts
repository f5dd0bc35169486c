// npm run bench:embed — ms/chunk for 1,000 demo chunks with the built-in model: in headless Chromium
// (the app's embed worker: WASM in three layouts, and WebGPU where Chromium finds a GPU) and natively
// in Node (transformers.js on onnxruntime-node, same files). The timed passes of all runs take turns,
// so that a slow spell of this shared machine falls on each of them alike; each keeps its best.
import { type Browser, chromium, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { preview } from 'vite';
import type { BrowserBenchReady, BrowserBenchRound } from '../bench/embed';
import { benchTexts, ROUNDS } from '../bench/benchTexts';
import { NATIVE_BATCH, openNative } from '../bench/nativeEmbed';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CHROMIUM_WEBGPU_ARGS } from '../playwright.config';
import { BUILTIN_MODEL } from '../src/core/models';

// one server for every run: a fresh browser (empty caches) for each
const server = await preview({ preview: { port: 4174, strictPort: true, host: '127.0.0.1' }, logLevel: 'silent' });
const origin = 'http://127.0.0.1:4174';

async function openPage(args: string[], path: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args });
  const page = await browser.newPage();
  await page.goto(`${origin}${path}`);
  return { browser, page };
}

interface Run {
  /** what the run is, once its thread count is known */
  label: (threads: number) => string;
  backend: 'wasm' | 'webgpu';
  browser: Browser;
  page: Page;
  best: number;
  threads: number;
}

/** A browser run of the bench page, loaded and warmed up. */
async function browserRun(label: Run['label'], query: string, backend: Run['backend'] = 'wasm'): Promise<Run> {
  const { browser, page } = await openPage(backend === 'webgpu' ? CHROMIUM_WEBGPU_ARGS : CHROMIUM_ARGS, `/bench/embed.html?${query}&backend=${backend}`);
  await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, undefined, { timeout: 600_000, polling: 200 });
  const ready = await page.evaluate(() => (window as unknown as { __bench: BrowserBenchReady & { error?: string } }).__bench);
  if (ready.error) throw new Error(`${query}: ${ready.error}`);
  if (!ready.crossOriginIsolated) throw new Error(`${query}: the page is not cross-origin isolated, so WASM has one thread`);
  return { label, backend, browser, page, best: Infinity, threads: 1 };
}

/** The GPU behind Chromium's WebGPU adapter, or null where it has none or only a software one. */
async function hardwareAdapter(): Promise<string | null> {
  // a plain file of this origin: a secure context that starts no app
  const { browser, page } = await openPage(CHROMIUM_WEBGPU_ARGS, '/demo/corpus.md');
  try {
    return await page.evaluate(async () => {
      type Adapter = { info: { vendor: string; architecture: string; description: string; isFallbackAdapter?: boolean } };
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<Adapter | null> } }).gpu;
      const adapter = await gpu?.requestAdapter().catch(() => null);
      if (!adapter || adapter.info.isFallbackAdapter) return null;
      return [adapter.info.vendor, adapter.info.architecture, adapter.info.description].filter(Boolean).join(' ');
    });
  } finally {
    await browser.close();
  }
}

const texts = benchTexts(readFileSync('public/demo/corpus.md', 'utf8'));
console.log(
  `bench:embed — ${texts.length} chunks of the demo corpus, model ${BUILTIN_MODEL.id}, batch ${NATIVE_BATCH}, best of ${ROUNDS} rounds taken in turn`,
);
const gpu = await hardwareAdapter();
console.log(gpu ? `WebGPU adapter: ${gpu}` : 'WebGPU: this Chromium has no hardware adapter (a software one at most): no WebGPU rows');
// BENCH_DTYPES=q8,fp32 measures only those precisions
const precisions = (process.env.BENCH_DTYPES?.split(',') ?? ['q8', 'fp16', 'fp32']) as ('q8' | 'fp16' | 'fp32')[];
const results: { dtype: string; runs: Run[]; native: number }[] = [];
for (const dtype of precisions) {
  const runs = [
    await browserRun(() => `Chromium wasm ${dtype}, 1 thread`, `dtype=${dtype}&workers=1&threads=1`),
    await browserRun((threads) => `Chromium wasm ${dtype}, ${threads} threads in 1 worker`, `dtype=${dtype}&workers=1`),
    await browserRun((threads) => `Chromium wasm ${dtype}, ${threads} workers of 1 thread (the app's)`, `dtype=${dtype}`),
  ];
  // the float precisions, as the app uses WebGPU
  if (gpu && dtype !== 'q8') runs.push(await browserRun(() => `Chromium webgpu ${dtype}`, `dtype=${dtype}`, 'webgpu'));
  const nativeModel = await openNative(dtype);
  let native = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    native = Math.min(native, (await nativeModel.round(texts)).msPerChunk);
    for (const run of runs) {
      const result = await run.page.evaluate(() => (window as unknown as { __benchRound: () => Promise<BrowserBenchRound> }).__benchRound());
      run.best = Math.min(run.best, result.msPerChunk);
      run.threads = result.threads;
    }
  }
  await nativeModel.dispose();
  for (const run of runs) await run.browser.close();
  results.push({ dtype, runs, native });
}

const name = (run: Run) => run.label(run.threads);
for (const { dtype, runs, native } of results) {
  for (const run of runs) console.log(`${name(run).padEnd(56)} ${run.best.toFixed(2).padStart(8)} ms/chunk`);
  console.log(`${`Node onnxruntime-node ${dtype} (native baseline)`.padEnd(56)} ${native.toFixed(2).padStart(8)} ms/chunk`);
}
for (const { runs, native } of results) {
  for (const run of runs) console.log(`${name(run)} / native: throughput ${(native / run.best).toFixed(2)}× native`);
}
const fastestWasm = Math.min(...results.flatMap(({ runs }) => runs.filter((run) => run.backend === 'wasm' && run.threads > 1).map((run) => run.best)));
const fastestNative = Math.min(...results.map(({ native }) => native));
console.log(`fastest multi-threaded WASM in Chromium / fastest native: throughput ${(fastestNative / fastestWasm).toFixed(2)}× native`);
(server.httpServer as Server).closeAllConnections();
await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));

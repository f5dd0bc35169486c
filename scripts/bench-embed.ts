// npm run bench:embed — ms/chunk for 1,000 demo chunks with the built-in model: in headless Chromium
// (the app's embed worker: WASM, and WebGPU where Chromium finds a GPU) and natively in Node
// (transformers.js on onnxruntime-node, same files).
import { chromium, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { preview } from 'vite';
import { benchTexts, ROUNDS } from '../bench/benchTexts';
import { embedNative, NATIVE_BATCH } from '../bench/nativeEmbed';
import type { BrowserBenchResult } from '../bench/embed';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CHROMIUM_WEBGPU_ARGS } from '../playwright.config';
import { BUILTIN_MODEL } from '../src/core/models';

// one server for every run: a fresh browser (empty caches) each time
const server = await preview({ preview: { port: 4174, strictPort: true, host: '127.0.0.1' }, logLevel: 'silent' });

async function withPage<T>(args: string[], path: string, use: (page: Page) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:4174${path}`);
    return await use(page);
  } finally {
    await browser.close();
  }
}

async function browserRun(dtype: string, threads: number | null, backend: 'wasm' | 'webgpu' = 'wasm'): Promise<BrowserBenchResult> {
  const query = `dtype=${dtype}&backend=${backend}${threads ? `&threads=${threads}` : ''}`;
  return withPage(backend === 'webgpu' ? CHROMIUM_WEBGPU_ARGS : CHROMIUM_ARGS, `/bench/embed.html?${query}`, async (page) => {
    await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, undefined, { timeout: 600_000, polling: 500 });
    const result = await page.evaluate(() => (window as unknown as { __bench: BrowserBenchResult & { error?: string } }).__bench);
    if (result.error) throw new Error(result.error);
    return result;
  });
}

/** The GPU behind Chromium's WebGPU adapter, or null where it has none or only a software one. */
function hardwareAdapter(): Promise<string | null> {
  // a plain file of this origin: a secure context that starts no app
  return withPage(CHROMIUM_WEBGPU_ARGS, '/demo/corpus.md', (page) =>
    page.evaluate(async () => {
      type Adapter = { info: { vendor: string; architecture: string; description: string; isFallbackAdapter?: boolean } };
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<Adapter | null> } }).gpu;
      const adapter = await gpu?.requestAdapter().catch(() => null);
      if (!adapter || adapter.info.isFallbackAdapter) return null;
      return [adapter.info.vendor, adapter.info.architecture, adapter.info.description].filter(Boolean).join(' ');
    }),
  );
}

const texts = benchTexts(readFileSync('public/demo/corpus.md', 'utf8'));
console.log(`bench:embed — ${texts.length} chunks of the demo corpus, model ${BUILTIN_MODEL.id}, batch ${NATIVE_BATCH}, best of ${ROUNDS} rounds`);
const gpu = await hardwareAdapter();
console.log(gpu ? `WebGPU adapter: ${gpu}` : 'WebGPU: this Chromium has no hardware adapter (a software one at most): no WebGPU rows');
// the same model files in both places, precision by precision
const rows: [string, number][] = [];
const ratios: string[] = [];
const ratio = (label: string, ms: number, native: number) =>
  ratios.push(`${label} / native: ${(ms / native).toFixed(2)}× the time, throughput ${(native / ms).toFixed(2)}× native`);
// BENCH_DTYPES=q8,fp32 measures only those precisions
const precisions = (process.env.BENCH_DTYPES?.split(',') ?? ['q8', 'fp16', 'fp32']) as ('q8' | 'fp16' | 'fp32')[];
for (const dtype of precisions) {
  const native = (await embedNative(texts, dtype, ROUNDS)).msPerChunk;
  const single = await browserRun(dtype, 1);
  const all = await browserRun(dtype, null);
  rows.push([`Chromium ${single.backend} ${dtype}, 1 thread`, single.msPerChunk], [`Chromium ${all.backend} ${dtype}, ${all.threads} threads`, all.msPerChunk]);
  for (const run of [single, all]) ratio(`${dtype}: Chromium ${run.threads} thread${run.threads > 1 ? 's' : ''}`, run.msPerChunk, native);
  // the float precisions, as the app uses WebGPU
  if (gpu && dtype !== 'q8') {
    const onGpu = await browserRun(dtype, null, 'webgpu');
    rows.push([`Chromium webgpu ${dtype}`, onGpu.msPerChunk]);
    ratio(`${dtype}: Chromium WebGPU`, onGpu.msPerChunk, native);
  }
  rows.push([`Node onnxruntime-node ${dtype} (native baseline)`, native]);
}
for (const [name, ms] of rows) console.log(`${name.padEnd(48)} ${ms.toFixed(2).padStart(8)} ms/chunk`);
for (const line of ratios) console.log(line);
const fastestWasm = Math.min(...rows.filter(([n]) => n.startsWith('Chromium wasm') && n.endsWith('threads')).map(([, ms]) => ms));
const fastestNative = Math.min(...rows.filter(([n]) => n.startsWith('Node')).map(([, ms]) => ms));
console.log(`fastest multi-threaded WASM in Chromium / fastest native: throughput ${(fastestNative / fastestWasm).toFixed(2)}× native`);
(server.httpServer as Server).closeAllConnections();
await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));

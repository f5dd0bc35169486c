// npm run bench:embed — ms/chunk for 1,000 demo chunks with the built-in model: in headless Chromium
// (the app's embed worker, WASM) and natively in Node (transformers.js on onnxruntime-node, same files).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { preview } from 'vite';
import { benchTexts, ROUNDS } from '../bench/benchTexts';
import { embedNative, NATIVE_BATCH } from '../bench/nativeEmbed';
import type { BrowserBenchResult } from '../bench/embed';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../playwright.config';
import { BUILTIN_MODEL } from '../src/core/models';

// one server for every run: a fresh browser (empty caches) each time
const server = await preview({ preview: { port: 4174, strictPort: true, host: '127.0.0.1' }, logLevel: 'silent' });

async function browserRun(threads: number | null, dtype = 'q8'): Promise<BrowserBenchResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:4174/bench/embed.html?dtype=${dtype}${threads ? `&threads=${threads}` : ''}`);
    await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, undefined, { timeout: 600_000, polling: 500 });
    const result = await page.evaluate(() => (window as unknown as { __bench: BrowserBenchResult & { error?: string } }).__bench);
    if (result.error) throw new Error(result.error);
    return result;
  } finally {
    await browser.close();
  }
}

const texts = benchTexts(readFileSync('public/demo/corpus.md', 'utf8'));
console.log(`bench:embed — ${texts.length} chunks of the demo corpus, model ${BUILTIN_MODEL.id}, batch ${NATIVE_BATCH}, best of ${ROUNDS} rounds`);
// the same model files in both places, precision by precision
const rows: [string, number][] = [];
const ratios: string[] = [];
// BENCH_DTYPES=q8,fp32 measures only those precisions
const precisions = (process.env.BENCH_DTYPES?.split(',') ?? ['q8', 'fp16', 'fp32']) as ('q8' | 'fp16' | 'fp32')[];
for (const dtype of precisions) {
  const native = (await embedNative(texts, dtype, ROUNDS)).msPerChunk;
  const single = await browserRun(1, dtype);
  const all = await browserRun(null, dtype);
  rows.push([`Chromium ${single.backend} ${dtype}, 1 thread`, single.msPerChunk], [`Chromium ${all.backend} ${dtype}, ${all.threads} threads`, all.msPerChunk], [`Node onnxruntime-node ${dtype} (native baseline)`, native]);
  for (const run of [single, all]) {
    ratios.push(`${dtype}: Chromium ${run.threads} thread${run.threads > 1 ? 's' : ''} / native: ${(run.msPerChunk / native).toFixed(2)}× the time, throughput ${(native / run.msPerChunk).toFixed(2)}× native`);
  }
}
for (const [name, ms] of rows) console.log(`${name.padEnd(48)} ${ms.toFixed(2).padStart(8)} ms/chunk`);
for (const line of ratios) console.log(line);
const fastestBrowser = Math.min(...rows.filter(([n]) => n.startsWith('Chromium') && !n.endsWith('1 thread')).map(([, ms]) => ms));
const fastestNative = Math.min(...rows.filter(([n]) => n.startsWith('Node')).map(([, ms]) => ms));
console.log(`fastest multi-threaded Chromium / fastest native: throughput ${(fastestNative / fastestBrowser).toFixed(2)}× native`);
(server.httpServer as Server).closeAllConnections();
await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));

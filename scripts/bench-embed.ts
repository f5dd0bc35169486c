// npm run bench:embed — ms/chunk for 1,000 demo chunks with the built-in model: in headless Chromium
// (the app's embed worker, WASM) and natively in Node (transformers.js on onnxruntime-node, same files).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { preview } from 'vite';
import { benchTexts } from '../bench/benchTexts';
import { embedNative, NATIVE_BATCH } from '../bench/nativeEmbed';
import type { BrowserBenchResult } from '../bench/embed';
import { CHROMIUM_ARGS } from '../playwright.config';
import { BUILTIN_MODEL } from '../src/core/models';

async function browserRun(threads: number | null): Promise<BrowserBenchResult> {
  const server = await preview({ preview: { port: 4174, strictPort: true, host: '127.0.0.1' }, logLevel: 'silent' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:4174/bench/embed.html${threads ? `?threads=${threads}` : ''}`);
    await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, undefined, { timeout: 600_000, polling: 500 });
    const result = await page.evaluate(() => (window as unknown as { __bench: BrowserBenchResult & { error?: string } }).__bench);
    if (result.error) throw new Error(result.error);
    return result;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

const texts = benchTexts(readFileSync('public/demo/corpus.md', 'utf8'));
console.log(`bench:embed — ${texts.length} chunks of the demo corpus, model ${BUILTIN_MODEL.id}, batch ${NATIVE_BATCH}`);
const nativeQ8 = (await embedNative(texts, 'q8')).msPerChunk;
const nativeFp32 = (await embedNative(texts, 'fp32')).msPerChunk;
const single = await browserRun(1);
const browser = await browserRun(null);
const rows: [string, number][] = [
  [`Chromium ${single.backend} q8, ${single.threads} thread`, single.msPerChunk],
  [`Chromium ${browser.backend} q8, ${browser.threads} threads`, browser.msPerChunk],
  ['Node onnxruntime-node q8 (native baseline)', nativeQ8],
  ['Node onnxruntime-node fp32', nativeFp32],
];
for (const [name, ms] of rows) console.log(`${name.padEnd(48)} ${ms.toFixed(2).padStart(8)} ms/chunk`);
for (const run of [single, browser]) {
  console.log(`ratio Chromium (${run.threads} thread${run.threads > 1 ? 's' : ''}) / native q8: ${(run.msPerChunk / nativeQ8).toFixed(2)}× the time, throughput ${(nativeQ8 / run.msPerChunk).toFixed(2)}× native`);
}

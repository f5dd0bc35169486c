// npm run bench:retrieve — in headless Chromium, in workers: dense top-10 over 100,000 × 512
// (the app's WebAssembly SIMD kernel, and the plain JavaScript loop as the baseline in the same
// run), BM25 top-10 over 100,000 chunks, one full answer of the app's retrieval worker, and the
// evaluation of 1,000 queries against 10,000 chunks. Goals: 50 ms, 50 ms, and 5 s.
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import type { TopTimings } from '../bench/retrieve';
import { CHROMIUM_ARGS } from '../playwright.config';

const server = await preview({ preview: { port: 4176, strictPort: true, host: '127.0.0.1' }, logLevel: 'silent' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto('http://127.0.0.1:4176/bench/retrieve.html');
  await page.waitForFunction(() => 'topTimings' in window);
  type BenchWindow = {
    topTimings: (c: number, d: number, r: number) => Promise<TopTimings>;
    appWorker: (c: number, d: number, q: number) => Promise<{ answerMs: number; evaluateMs: number; evaluateVariantsMs: number; hit10: number }>;
  };
  const top = await page.evaluate(() => (window as unknown as BenchWindow).topTimings(100_000, 512, 21));
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log('\nbench:retrieve (headless Chromium, in workers; median of 21 queries)');
  console.log(
    `dense top-10, 100,000 × 512: ${fmt(top.denseSimd)} with the SIMD kernel, ${fmt(top.denseJs)} with the JavaScript loop (${(top.denseSimd / top.denseJs).toFixed(2)}× the time) — goal 50 ms`,
  );
  console.log(
    `  the int8 scan with its top 512 rescored (the app's past 128 MiB; these vectors are 195 MiB): ${fmt(top.denseInt8)} (${(top.denseInt8 / top.denseSimd).toFixed(2)}× the float32 kernel), keeping ${(100 * top.int8Kept).toFixed(1)} % of each exact top 10`,
  );
  console.log(
    `BM25 top-10, 100,000 chunks of 60 words (${top.terms.toLocaleString('en')} terms): ${fmt(top.bm25)} (index built in ${fmt(top.bm25Build)}) — goal 50 ms`,
  );
  const app = await page.evaluate(() => (window as unknown as BenchWindow).appWorker(10_000, 512, 1000));
  console.log(`the app's retrieval worker, 10,000 × 512: one full answer (dense, BM25 and hybrid rankings, each hit's standing) ${fmt(app.answerMs)}`);
  console.log(
    `evaluating 1,000 queries against 10,000 chunks (dense, BM25, hybrid): ${(app.evaluateMs / 1000).toFixed(2)} s; with int8 and binary what-ifs: ${(app.evaluateVariantsMs / 1000).toFixed(2)} s — goal 5 s (dense hit@10 ${app.hit10.toFixed(2)})`,
  );
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}

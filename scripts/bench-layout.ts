// npm run bench:layout — seconds and trustworthiness@10 for PCA, UMAP and t-SNE (3-D) on real
// text embedded with the built-in model (512-d): in Node, in headless Chromium (the app's layout
// worker), and, where Debian's umap-learn and python3-sklearn are installed, the reference
// implementations on the same vectors in the same run.
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { preview } from 'vite';
import type { BenchInput } from '../bench/layout';
import { cachedEmbeddings } from '../bench/nativeEmbed';
import { realChunks } from '../bench/realCorpus';
import { CHROMIUM_ARGS } from '../playwright.config';
import { DEFAULT_LAYOUT, type LayoutParams, startLayout } from '../src/core/layoutRun';
import { trustworthiness } from '../src/core/quality';
import { decayingSpectrum } from '../src/core/syntheticData';

const DIMS = 512;
const TRUST_K = 10;
const TRUST_ROWS = 1000;
const PYTHON = '/usr/bin/python3';
const rows: string[][] = [['set', 'method', 'where', 'seconds', `trust@${TRUST_K}`, 'vs reference']];

function trust(vectors: Float32Array, coords: Float32Array, count: number): number {
  return trustworthiness(vectors, DIMS, coords, 3, count, TRUST_K, { metric: 'cosine', sampleRows: TRUST_ROWS });
}

function nodeRun(vectors: Float32Array, count: number, dims: number, params: LayoutParams): { seconds: number; coords: Float32Array } {
  const started = performance.now();
  const run = startLayout(vectors, count, dims, params);
  while (!run.done) run.step(1000);
  const coords = run.coords();
  return { seconds: (performance.now() - started) / 1000, coords };
}

async function browserRun(page: Page, params: LayoutParams, input: BenchInput): Promise<{ seconds: number; coords: Float32Array }> {
  const { ms, coords } = await page.evaluate(
    ([p, i]) => (window as unknown as { runLayoutBench: (p: LayoutParams, i: BenchInput) => Promise<{ ms: number; coords: number[] }> }).runLayoutBench(p, i),
    [params, input] as const,
  );
  return { seconds: ms / 1000, coords: Float32Array.from(coords) };
}

function referenceRun(path: string, count: number, methods: string[]): Record<string, number> | null {
  if (process.env.BENCH_SKIP_REFERENCE || !existsSync(PYTHON)) return null;
  try {
    const out = execFileSync(PYTHON, ['bench/reference_layout.py', path, String(count), String(DIMS), methods.join(',')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>;
  } catch {
    console.log('(umap-learn / python3-sklearn not available: apt-get install umap-learn python3-sklearn for the reference rows)');
    return null;
  }
}

const fmt = (x: number, digits = 2) => x.toFixed(digits);

async function realSet(page: Page, count: number, methods: ('pca' | 'umap' | 'tsne')[]): Promise<void> {
  const vectors = await cachedEmbeddings(realChunks(count));
  mkdirSync('.bench', { recursive: true });
  const path = `.bench/layout-${count}.f32`;
  writeFileSync(path, new Uint8Array(vectors.buffer));
  await page.route('**/__bench/vectors.f32', (route) => route.fulfill({ body: Buffer.from(vectors.buffer), contentType: 'application/octet-stream' }));
  const reference = referenceRun(
    path,
    count,
    methods.filter((m) => m !== 'pca'),
  );
  for (const method of methods) {
    const params = DEFAULT_LAYOUT[method];
    const ref = reference?.[method];
    const refTrust = ref !== undefined ? trust(vectors, new Float32Array(new Uint8Array(readFileSync(`${path}.${method}.f32`)).buffer), count) : null;
    const node = nodeRun(vectors, count, DIMS, params);
    const browser = await browserRun(page, params, { url: '/__bench/vectors.f32', count, dims: DIMS });
    const label = `${count.toLocaleString('en')} real × ${DIMS}`;
    rows.push([label, method, 'node', fmt(node.seconds), fmt(trust(vectors, node.coords, count), 3), ref ? `${fmt(node.seconds / ref)}× the time` : '']);
    rows.push([
      label,
      method,
      'chromium',
      fmt(browser.seconds),
      fmt(trust(vectors, browser.coords, count), 3),
      ref ? `${fmt(browser.seconds / ref)}× the time` : '',
    ]);
    if (ref !== undefined) rows.push([label, method, method === 'umap' ? 'umap-learn' : 'sklearn BH', fmt(ref), fmt(refTrust!, 3), 'reference']);
    console.log(
      rows
        .slice(-3)
        .map((r) => r.join('  '))
        .join('\n'),
    );
  }
}

async function pcaLarge(page: Page): Promise<void> {
  const count = 100_000;
  const dims = 768;
  const params = DEFAULT_LAYOUT.pca;
  const data = decayingSpectrum(count, dims, 7);
  const node = nodeRun(data, count, dims, params);
  const browser = await browserRun(page, params, { synthetic: { count, dims, seed: 7 } });
  rows.push(['100,000 synthetic × 768', 'pca', 'node', fmt(node.seconds), '', '1/(j+1) spectrum']);
  rows.push(['100,000 synthetic × 768', 'pca', 'chromium', fmt(browser.seconds), '', '1/(j+1) spectrum']);
  console.log(
    rows
      .slice(-2)
      .map((r) => r.join('  '))
      .join('\n'),
  );
}

/** The vectors' hand-off to a worker at 20,000 × 768: per layout before, once per corpus version now. */
async function handoff(page: Page): Promise<void> {
  const count = 20_000;
  const dims = 768;
  type Handoff = { copyMs: number; sharedMs: number; bytes: number; isolated: boolean };
  const h = await page.evaluate(
    ([c, d]) => (window as unknown as { runHandoffBench: (c: number, d: number, r: number) => Promise<Handoff> }).runHandoffBench(c, d, 5),
    [count, dims] as const,
  );
  const mb = (h.bytes / 1e6).toFixed(1);
  console.log(
    `\nvectors to a worker, ${count.toLocaleString('en')} × ${dims} (${mb} MB; page cross-origin isolated: ${h.isolated}), best of 5:\n` +
      `  copied and transferred (before: each layout, and again each quality run): ${fmt(h.copyMs, 1)} ms, ${mb} MB copied\n` +
      `  shared memory (now: once per corpus version, layouts and measurements name it): ${fmt(h.sharedMs, 1)} ms, 0 bytes copied\n` +
      `  per layout with its quality run: ${fmt(2 * h.copyMs, 1)} ms and ${((2 * h.bytes) / 1e6).toFixed(1)} MB before; 0 now (${fmt(h.sharedMs / h.copyMs, 3)}× the time for the one send per version)`,
  );
}

const server = await preview({ preview: { port: 4175, strictPort: true, host: '127.0.0.1' }, logLevel: 'silent' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto('http://127.0.0.1:4175/bench/layout.html');
  await page.waitForFunction(() => 'runLayoutBench' in window);
  await handoff(page);
  if (!process.env.BENCH_HANDOFF_ONLY) await realSet(page, 5000, ['pca', 'umap', 'tsne']);
  if (!process.env.BENCH_QUICK && !process.env.BENCH_HANDOFF_ONLY) {
    await realSet(page, 20000, ['umap']);
    await pcaLarge(page);
  }
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
console.log(`\nbench:layout (3-D; trustworthiness@${TRUST_K} against full-dimension cosine neighbours, ${TRUST_ROWS} sampled points)`);
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));

// npm run bench:chroma — Orrery against a real Chroma server started here, with 20,000 × 512
// clustered vectors: rows per second loaded by the app (and by a bare fetch + JSON.parse loop in
// the same page, the baseline); per query, the latency of Chroma's index against exact search in
// the browser at 20,000 rows; and the index's recall@10 at Chroma's default HNSW settings, on 200
// held-out queries from the same distribution (exact search in Node as the truth).
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../playwright.config';
import { seededRandom } from '../src/core/random';
import { cosineTopK } from '../src/core/retrieval/dense';
import { rowNorms } from '../src/core/vectors';
import { ChromaDatabase } from '../src/core/vectorDb/chroma';
import { recallAtK } from '../src/core/vectorDb/indexRecall';
import { pageRowsFor } from '../src/core/vectorDb/sampling';
import type { OrrerySummary } from '../src/state/summaryTypes';
import { startChroma } from './chromaServer';

const ROWS = 20_000;
const DIMS = 512;
const CENTRES = 200;
const HELD_OUT = 200;
const PORT = 4177;
const APP = `http://127.0.0.1:${PORT}`;

/** Unit vectors around random centres: neighbourhoods that an approximate index can get wrong. */
function clustered(count: number, random: () => number, centres: Float32Array[]): Float32Array {
  const out = new Float32Array(count * DIMS);
  for (let i = 0; i < count; i++) {
    const centre = centres[Math.floor(random() * centres.length)]!;
    let norm = 0;
    for (let j = 0; j < DIMS; j++) norm += (out[i * DIMS + j] = centre[j]! + (random() - 0.5) * 2.4) ** 2;
    for (let j = 0; j < DIMS; j++) out[i * DIMS + j]! /= Math.sqrt(norm);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const chroma = await startChroma([APP]);
const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'silent' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const random = seededRandom(2026);
  const centres = Array.from({ length: CENTRES }, () => Float32Array.from({ length: DIMS }, () => random() - 0.5));
  const vectors = clustered(ROWS, random, centres);
  const db = new ChromaDatabase({ url: chroma.url, token: '', tenant: 'default_tenant', database: 'default_database' });
  const { maxBatch } = await db.connect();
  const collection = await db.create('bench-20k', 'cosine', {});
  const seedStarted = performance.now();
  const ids = Array.from({ length: ROWS }, (_, i) => `r${i}`);
  for (let start = 0; start < ROWS; start += Math.min(1000, maxBatch)) {
    const end = Math.min(ROWS, start + 1000);
    await db.add(collection.id, {
      ids: ids.slice(start, end),
      documents: ids.slice(start, end).map((id) => `chunk ${id} of the benchmark collection`),
      metadatas: ids.slice(start, end).map((_, i) => ({ n: start + i })),
      vectors: vectors.subarray(start * DIMS, end * DIMS),
      dims: DIMS,
    });
  }
  console.log(
    `\nbench:chroma — Chroma ${(await db.connect()).version}, ${ROWS.toLocaleString('en')} × ${DIMS} (written in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s)`,
  );

  // recall@10 of the index at default HNSW settings, exact search in Node as the truth
  const queries = clustered(HELD_OUT, random, centres);
  const norms = rowNorms(vectors, DIMS);
  let recall = 0;
  const nodeIndexMs: number[] = [];
  for (let q = 0; q < HELD_OUT; q++) {
    const query = queries.subarray(q * DIMS, (q + 1) * DIMS);
    const started = performance.now();
    const hits = await db.query(collection.id, query, 10);
    nodeIndexMs.push(performance.now() - started);
    const exact = cosineTopK(vectors, DIMS, norms, query, 10).map((h) => ids[h.index]!);
    recall += recallAtK(
      hits.map((h) => h.id),
      exact,
    );
  }
  console.log(
    `index recall@10 on ${HELD_OUT} held-out queries (HNSW defaults: ef_search 100, max_neighbors 16, cosine): ${(recall / HELD_OUT).toFixed(3)}; median query ${median(nodeIndexMs).toFixed(1)} ms from Node`,
  );

  const page = await browser.newPage();
  await page.goto(APP);
  // the baseline: the same pages fetched and parsed by a bare loop in the page
  const pageRows = pageRowsFor(DIMS);
  const bareMs = await page.evaluate(
    async ({ url, id, rows, pageRows }) => {
      const started = performance.now();
      for (let offset = 0; offset < rows; offset += pageRows) {
        const response = await fetch(`${url}/api/v2/tenants/default_tenant/databases/default_database/collections/${id}/get`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ offset, limit: pageRows, include: ['documents', 'metadatas', 'embeddings'] }),
        });
        JSON.parse(await response.text());
      }
      return performance.now() - started;
    },
    { url: chroma.url, id: collection.id, rows: ROWS, pageRows },
  );
  await page.getByLabel('Chroma address').fill(chroma.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('button', { name: 'Load collection bench-20k' }).waitFor();
  const summaryOf = () => page.evaluate(() => (window as unknown as { __orrery: OrrerySummary }).__orrery);
  await page.getByRole('button', { name: 'Load collection bench-20k' }).click();
  const started = performance.now();
  let readMs = 0;
  let readyMs = 0;
  while (!readyMs) {
    const s = await summaryOf();
    if (!readMs && !s.message.startsWith('Reading')) readMs = performance.now() - started;
    if (s.phase === 'ready' && s.chunkCount > 0) readyMs = performance.now() - started;
    else await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const rate = (ms: number) => Math.round(ROWS / (ms / 1000)).toLocaleString('en');
  console.log(
    `load ${ROWS.toLocaleString('en')} rows in the app: ${rate(readMs)} rows/s read into a corpus (${(readMs / 1000).toFixed(2)} s; ${(readyMs / 1000).toFixed(2)} s until laid out and Ready); bare fetch + JSON.parse of the same pages: ${rate(bareMs)} rows/s — the app at ${(bareMs / readMs).toFixed(2)}× the bare rate`,
  );

  await page.getByLabel('Top k').fill('10');
  const indexMs: number[] = [];
  const exactMs: number[] = [];
  const words = ['orbit', 'river', 'bread', 'sleep', 'volcano', 'market', 'language', 'protein', 'glacier', 'violin', 'harbour', 'circuit'];
  for (let q = 0; q < 24; q++) {
    const text = `${words[q % words.length]} ${words[(q * 5 + 3) % words.length]} ${q}`;
    await page.getByLabel('Query', { exact: true }).fill(text);
    await page.getByLabel('Query', { exact: true }).press('Enter');
    await page.waitForFunction((t) => {
      const answer = (window as unknown as { __orrery: OrrerySummary }).__orrery.vectorDb.answer;
      return answer !== null && 'query' in answer && answer.query === t;
    }, text);
    const answer = (await page.evaluate(() => (window as unknown as { __orrery: OrrerySummary }).__orrery.vectorDb.answer)) as {
      indexMs: number;
      exactMs: number;
    };
    // the first query pays for the worker's start and the vectors' hand-off
    if (q > 0) {
      indexMs.push(answer.indexMs);
      exactMs.push(answer.exactMs);
    }
  }
  const i = median(indexMs);
  const e = median(exactMs);
  console.log(
    `query at ${ROWS.toLocaleString('en')} rows (median of ${indexMs.length}): Chroma's index ${i.toFixed(1)} ms from the page (HTTP round trip included), exact search in the browser ${e.toFixed(1)} ms — exact at ${(e / i).toFixed(2)}× the index's time`,
  );
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  await chroma.stop();
}

// Orrery against a real Chroma server that the test starts (the chromadb package's own), on a free
// port with a temporary data folder that allows the app's origin.
import type { Page } from '@playwright/test';
import { type ChromaServer, startChroma } from '../scripts/chromaServer';
import { ChromaDatabase } from '../src/core/vectorDb/chroma';
import { seededRandom } from '../src/core/random';
import { expect, summary, test, waitReady, waitSaved } from './fixtures';

let chroma: ChromaServer;
const ROWS = 2000;
const DIMS = 512;
const TOPICS = ['rivers', 'volcanoes', 'bread', 'orbits', 'sleep'];

const database = () => new ChromaDatabase({ url: chroma.url, token: '', tenant: 'default_tenant', database: 'default_database' });

/**
 * A collection of ROWS rows: unit vectors around five directions, documents, and metadata of every
 * type Chroma stores. `hnsw` overrides Chroma's index settings (a starved index loses neighbours).
 */
async function seed(name: string, hnsw: Record<string, number> = {}): Promise<void> {
  const db = database();
  await db.connect();
  const response = await fetch(`${chroma.url}/api/v2/tenants/default_tenant/databases/default_database/collections`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, metadata: { purpose: 'e2e' }, configuration: { hnsw: { space: 'cosine', ...hnsw } } }),
  });
  const collection = (await response.json()) as { id: string };
  const random = seededRandom(11);
  const centres = TOPICS.map(() => Float32Array.from({ length: DIMS }, () => random() - 0.5));
  const vectors = new Float32Array(ROWS * DIMS);
  for (let i = 0; i < ROWS; i++) {
    const centre = centres[i % TOPICS.length]!;
    let norm = 0;
    for (let j = 0; j < DIMS; j++) norm += (vectors[i * DIMS + j] = centre[j]! + (random() - 0.5) * 0.8) ** 2;
    for (let j = 0; j < DIMS; j++) vectors[i * DIMS + j]! /= Math.sqrt(norm);
  }
  const ids = Array.from({ length: ROWS }, (_, i) => `row-${i}`);
  await db.add(collection.id, {
    ids,
    documents: ids.map((id, i) => `Note ${id} about ${TOPICS[i % TOPICS.length]} and <b>markup</b> that stays text.`),
    metadatas: ids.map((_, i) => ({ n: i, share: i / 7, even: i % 2 === 0, topic: TOPICS[i % TOPICS.length]! })),
    vectors,
    dims: DIMS,
  });
}

async function connect(page: Page): Promise<void> {
  await page.getByLabel('Chroma address').fill(chroma.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('list', { name: 'Collections' })).toBeVisible();
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel('Query', { exact: true }).fill(text);
  await page.getByLabel('Query', { exact: true }).press('Enter');
}

test.beforeAll(async () => {
  chroma = await startChroma(['http://127.0.0.1:4173']);
  await seed('e2e-rows');
  await seed('e2e-starved', { ef_search: 1, ef_construction: 2, max_neighbors: 2 });
});
test.afterAll(() => chroma?.stop());
// Playwright reads a fixture's dependencies from its first parameter, which must be a destructuring pattern
// eslint-disable-next-line no-empty-pattern
test.use({ allowedOrigins: async ({}, use) => use([chroma.url]) });

test('connect, list, load 2,000 rows with their metadata, and query through the index beside exact search', async ({ page }) => {
  await page.goto('/');
  await connect(page);
  const row = page.getByRole('list', { name: 'Collections' }).getByRole('listitem').filter({ hasText: 'e2e-rows' });
  await expect(row).toContainText('2,000 rows · 512-d · cosine');
  await expect(row).toContainText('purpose: e2e');
  await page.getByRole('button', { name: 'Load collection e2e-rows' }).click();
  await waitReady(page);
  let s = await summary(page);
  expect(s.chunkCount).toBe(ROWS);
  expect(s.importedCount).toBe(ROWS);
  expect(s.sources).toEqual([{ name: 'e2e-rows (Chroma)', format: 'chroma', chunks: ROWS }]);
  expect(s.vectorDb.link).toEqual({ collection: 'e2e-rows', loaded: ROWS, total: ROWS, sampled: false, complete: true });
  await search(page, 'volcanoes');
  await expect.poll(async () => (await summary(page)).vectorDb.answer).toHaveProperty('index');
  s = await summary(page);
  const answer = s.vectorDb.answer as Extract<NonNullable<typeof s.vectorDb.answer>, { index: string[] }>;
  expect(answer.index).toHaveLength(s.query.k);
  expect(answer.exact).toHaveLength(s.query.k);
  // exact search under the collection's space (cosine) is the page's own dense ranking
  expect(answer.exactRows).toEqual(s.query.byRetriever!['dense']!.map((h) => h.index));
  expect(answer.recall).toBeGreaterThan(0);
  expect(answer.recall! * answer.k).toBe(answer.k - answer.missed.length);
  const region = page.getByRole('region', { name: 'Index against exact search' });
  if (process.env.SCREENSHOTS) {
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/chroma-index.png' });
  }
  await expect(region.getByLabel('Index recall')).toContainText(new RegExp(`recall@${answer.k} \\d\\.\\d\\d · index [\\d.]+ ms · exact [\\d.]+ ms`));
  await expect(region.getByRole('list', { name: 'Index top k' }).getByRole('listitem')).toHaveCount(answer.k);
  await expect(region.getByRole('list', { name: 'Exact top k' }).getByRole('listitem')).toHaveCount(answer.k);
  // the rows' metadata came along, as text
  await region.getByRole('list', { name: 'Exact top k' }).getByRole('button').first().click();
  await expect(page.getByRole('region', { name: 'Open chunk' })).toContainText('<b>markup</b>');
  await expect(page.getByRole('region', { name: 'Open chunk' }).getByLabel('Metadata')).toContainText(/topic/);
  // after a reload the workspace reconnects to the collection: the restored query goes through its index again
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  await expect
    .poll(async () => (await summary(page)).notices.join('\n'))
    .toContain(`Reconnected to Chroma at ${chroma.url}: queries go through e2e-rows's index again.`);
  await expect.poll(async () => (await summary(page)).vectorDb.answer).toHaveProperty('index');
  expect((await summary(page)).vectorDb.link).toEqual({ collection: 'e2e-rows', loaded: ROWS, total: ROWS, sampled: false, complete: true });
});

test('a starved index misses chunks that exact search finds, and a gold chunk it misses is "lost by the index"', async ({ page }) => {
  await page.goto('/');
  await connect(page);
  await page.getByRole('button', { name: 'Load collection e2e-starved' }).click();
  await waitReady(page);
  await search(page, 'bread');
  await expect.poll(async () => (await summary(page)).vectorDb.answer).toHaveProperty('recall');
  const answer = (await summary(page)).vectorDb.answer as {
    recall: number;
    k: number;
    missed: { id: string; exactRank: number }[];
    exactRows: number[];
    exact: string[];
  };
  expect(answer.recall).toBeLessThan(1);
  expect(answer.missed.length).toBe(Math.round((1 - answer.recall) * answer.k));
  const region = page.getByRole('region', { name: 'Index against exact search' });
  const missedItems = region.getByRole('list', { name: 'Exact top k' }).getByRole('listitem').filter({ hasText: 'missed by the index' });
  await expect(missedItems).toHaveCount(answer.missed.length);
  // mark the first missed chunk as a right answer: the index lost it
  const first = answer.missed[0]!;
  await missedItems.first().getByRole('button').click();
  await page.getByRole('button', { name: '☆ Mark as gold for this query' }).click();
  await expect(region.getByRole('list', { name: 'Gold lost by the index' })).toContainText(`the index lost this one (gold, exact rank ${first.exactRank})`);
  const lost = ((await summary(page)).vectorDb.answer as { goldLost: number[] }).goldLost;
  expect(lost).toEqual([answer.exactRows[answer.exact.indexOf(first.id)]]);
  if (process.env.SCREENSHOTS) {
    await region.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/chroma-lost.png' });
  }
});

test('a collection larger than the limit is sampled uniformly, and the picture says so', async ({ page }) => {
  await page.goto('/');
  await connect(page);
  await page.getByLabel('Rows to read at most').fill('500');
  await page.getByRole('button', { name: 'Load collection e2e-rows' }).click();
  await waitReady(page);
  const s = await summary(page);
  expect(s.chunkCount).toBe(500);
  expect(s.vectorDb.link).toMatchObject({ loaded: 500, total: ROWS, sampled: true, complete: false });
  await expect(page.locator('.overlay-top')).toContainText('a sample of 500 of 2,000 rows of e2e-rows');
});

test('a server that stops during a load: the rows that arrived stay, and the load resumes', async ({ page }) => {
  await page.goto('/');
  await connect(page);
  let pages = 0;
  // the server goes away after the first page
  await page.context().route(`${chroma.url}/**/get`, (route) => (++pages === 1 ? route.continue() : route.abort('connectionrefused')));
  await page.getByRole('button', { name: 'Load collection e2e-rows' }).click();
  await expect(page.getByRole('button', { name: 'Resume loading' })).toBeVisible();
  await waitReady(page);
  const partial = (await summary(page)).chunkCount;
  expect(partial).toBeGreaterThan(0);
  expect(partial).toBeLessThan(ROWS);
  expect((await summary(page)).notices.join('\n')).toMatch(/No answer from .* The \d+ rows that arrived \(of 2,000\) are kept/);
  await page.context().unroute(`${chroma.url}/**/get`);
  await page.getByRole('button', { name: 'Resume loading' }).click();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(ROWS);
  await waitReady(page);
  expect((await summary(page)).vectorDb.link).toMatchObject({ loaded: ROWS, complete: true });
});

test('push the demo corpus into a new collection, and read it back', async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
  const before = await summary(page);
  await connect(page);
  await page.getByLabel('New collection name').fill('demo-pushed');
  await page.getByRole('button', { name: 'Push to Chroma' }).click();
  await expect
    .poll(async () => (await summary(page)).notices.join('\n'))
    .toContain(`Pushed ${before.chunkCount} chunks to the new Chroma collection “demo-pushed”`);
  // the server has them: count, texts, ids and the model that made the vectors
  const db = database();
  const pushed = (await db.list()).find((c) => c.name === 'demo-pushed')!;
  expect(pushed).toMatchObject({ count: before.chunkCount, dims: before.dims, space: 'cosine' });
  expect(pushed.metadata).toMatchObject({ made_by: 'Orrery', orrery_model: before.model });
  const first = await db.page(pushed.id, 0, 1);
  expect(first.ids[0]).toMatch(/#\d+$/);
  expect(first.metadatas?.[0]).toHaveProperty('source');
  // read back into an empty workspace
  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('button', { name: 'Yes, clear' }).click();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(0);
  await page.getByRole('button', { name: 'Load collection demo-pushed' }).click();
  await waitReady(page);
  const after = await summary(page);
  expect(after.chunkCount).toBe(before.chunkCount);
  await search(page, 'How do black holes form?');
  await expect.poll(async () => (await summary(page)).vectorDb.answer).toHaveProperty('recall');
  const answer = (await summary(page)).vectorDb.answer as { recall: number; exact: string[] };
  expect(answer.recall).toBe(1);
  expect(answer.exact[0]).toMatch(/^Astronomy#/);
});

test.describe('a host the user has not allowed yet', () => {
  test.use({ allowInApp: false });

  test('the page asks before it connects, reloads with the host allowed, keeps the workspace and carries on', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Paste text').fill('A paragraph that should survive the reload.');
    await page.getByRole('button', { name: 'Add text' }).click();
    await waitReady(page);
    await page.getByLabel('Chroma address').fill(chroma.url);
    await page.getByRole('button', { name: 'Connect' }).click();
    const origin = new URL(chroma.url).origin;
    await expect
      .poll(async () => (await summary(page)).notices.join('\n'))
      .toContain(`To connect to Chroma at ${origin}, this page must connect to ${origin}.`);
    // nothing was asked of the server before the user allowed it
    expect((await summary(page)).vectorDb.connected).toBe(false);
    await page.getByRole('button', { name: `Allow ${origin}` }).click();
    await expect(page.getByRole('list', { name: 'Collections' })).toBeVisible();
    const s = await summary(page);
    expect(s.restored).toBe(true);
    expect(s.chunkCount).toBe(1);
    expect(s.vectorDb.connected).toBe(true);
    expect(s.vectorDb.allowedHosts).toEqual([origin]);
    await expect(page.getByLabel('Allowed hosts')).toContainText(`This page may connect to its own origin and ${origin}.`);
    // taken back: the page reloads with its own origin only
    await page.getByRole('button', { name: 'Forget allowed hosts' }).click();
    await expect(page.getByLabel('Allowed hosts')).toContainText('This page may connect to its own origin only.');
    await expect.poll(async () => (await summary(page)).chunkCount).toBe(1);
  });
});

test.describe('nothing at the address', () => {
  test.use({ allowedOrigins: ['http://127.0.0.1:9'] });

  test('an address where nothing answers gets a message that says what to do, and the workspace stays', async ({ page }) => {
    await page.goto('/?demo');
    await waitReady(page);
    const before = (await summary(page)).chunkCount;
    await page.getByLabel('Chroma address').fill('http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(async () => (await summary(page)).notices.join('\n'))
      .toMatch(/No answer from http:\/\/127\.0\.0\.1:9 .*cors_allow_origins: \["http:\/\/127\.0\.0\.1:4173"\].*npm run chroma/);
    expect((await summary(page)).chunkCount).toBe(before);
  });
});

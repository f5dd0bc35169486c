import type { Page } from '@playwright/test';
import { FIXTURES, writeCorpusFolder, writeVectorFiles } from './fixtures/folder';
import { expect, summary, test, waitReady } from './fixtures';

let vectorFiles: ReturnType<typeof writeVectorFiles>;
test.beforeAll(() => {
  writeCorpusFolder();
  vectorFiles = writeVectorFiles();
});

async function showChunk(page: Page, source: string, index: number) {
  const sources = page.getByRole('region', { name: 'Sources' });
  const toggle = sources.getByRole('button', { name: source, exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page
    .getByRole('list', { name: `Chunks of ${source}` })
    .getByRole('button')
    .nth(index)
    .click();
  return page.getByRole('complementary', { name: 'Open chunk' }).or(page.getByRole('region', { name: 'Open chunk' }));
}

test('a folder with one file of each format: chunks per file, positions, headings and metadata', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Add folder').setInputFiles(`${FIXTURES}/corpus`);
  await waitReady(page);
  const s = await summary(page);
  expect(Object.fromEntries(s.sources.map((x) => [x.name, x.chunks]))).toEqual({
    'corpus/notes.txt': 3,
    'corpus/guide.md': 6,
    'corpus/page.html': 3,
    'corpus/report.pdf': 2,
    'corpus/papers.csv': 3,
    'corpus/reviews.tsv': 2,
    'corpus/records.json': 2,
    'corpus/log.jsonl': 2,
    'corpus/talks.parquet': 2,
    'corpus/sub/nested.md': 2,
  });
  expect(s.chunkCount).toBe(27);
  // the hidden file is skipped quietly, the image by name
  await expect(page.getByRole('note').filter({ hasText: 'Skipped 1 hidden file' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'corpus/sketch.png: files of type .png are not read' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Sources' }).getByText('6 chunks')).toBeVisible();

  let selection = await showChunk(page, 'corpus/report.pdf', 1);
  await expect(selection.getByLabel('Position')).toHaveText(/corpus\/report\.pdf · page 2 · line 1/);
  await expect(selection).toContainText('Saturn rings were seen at dawn.');

  selection = await showChunk(page, 'corpus/papers.csv', 1);
  await expect(selection.getByLabel('Position')).toHaveText('corpus/papers.csv · row 2, line 3');
  await expect(selection.getByLabel('Metadata')).toContainText('titlePulsars');
  await expect(selection.getByLabel('Metadata')).toContainText('year1967');
  await expect(selection).toContainText('Pulsars are rotating neutron stars');

  selection = await showChunk(page, 'corpus/guide.md', 3);
  await expect(selection.getByLabel('Heading', { exact: true })).toHaveText('§ Telescope guide › Mounts');
  await expect(selection.getByLabel('Position')).toContainText('line 7');
  await expect(selection.getByLabel('Token count')).toHaveText(/^\d+ tokens of 128$/);

  selection = await showChunk(page, 'corpus/records.json', 0);
  await expect(selection.getByLabel('Metadata')).toContainText('authorAnn');
  await expect(selection.getByLabel('Metadata')).toContainText('tags["mars","moons"]');

  selection = await showChunk(page, 'corpus/talks.parquet', 1);
  await expect(selection.getByLabel('Position')).toHaveText('corpus/talks.parquet · row 2');
  await expect(selection.getByLabel('Metadata')).toContainText('sourceworkshop');

  selection = await showChunk(page, 'corpus/page.html', 1);
  await expect(selection).toContainText('The Moon raises tides');
  await expect(selection.getByLabel('Heading', { exact: true })).toHaveText('§ The Moon');
  await expect(selection).not.toContainText('not text');

  // another text column for the table: its chunks change, the rest come from the cache
  await page.getByLabel('Text column of corpus/papers.csv').selectOption('title');
  await expect(page.getByRole('note').filter({ hasText: /Re-chunked: 27 chunks .* 3 embedded/ })).toBeVisible();
  selection = await showChunk(page, 'corpus/papers.csv', 1);
  await expect(selection.locator('blockquote')).toHaveText('Pulsars');
  await expect(selection.getByLabel('Metadata')).toContainText('abstractPulsars are rotating');
});

test('vectors from the Embedding Projector, .npy and Parquet skip embedding; with no model of their size a query is ranked by its keywords', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByLabel('Add files').setInputFiles(vectorFiles.projector!);
  await waitReady(page);
  let s = await summary(page);
  expect([s.chunkCount, s.dims, s.importedCount, s.embeddedCount]).toEqual([6, 8, 6, 0]);
  await expect(page.getByRole('note').filter({ hasText: 'vectors.tsv: 6 vectors of 8 dimensions, labelled from metadata.tsv' })).toBeVisible();
  const selection = await showChunk(page, 'vectors.tsv', 1);
  await expect(selection.locator('blockquote')).toHaveText('beta');
  await expect(selection.getByLabel('Metadata')).toContainText('groupodd');

  await page.getByLabel('Add files').setInputFiles(vectorFiles.npy!);
  await waitReady(page);
  await page.getByLabel('Add files').setInputFiles(vectorFiles.parquet!);
  await waitReady(page);
  s = await summary(page);
  expect([s.chunkCount, s.importedCount, s.embeddedCount]).toEqual([18, 18, 0]);
  const parquet = await showChunk(page, 'embeddings.parquet', 2);
  await expect(parquet.locator('blockquote')).toHaveText('gamma passage');
  await expect(parquet.getByLabel('Metadata')).toContainText('sourcegamma.md');

  await page.getByLabel('Query').fill('gamma passage');
  await page.getByLabel('Query').press('Enter');
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByRole('note', { name: 'Keywords only' })).toContainText(
    'makes 512-d query vectors and the 18 imported vectors have 8, so it is ranked by its keywords alone (BM25)',
  );
  await expect(results).toContainText('Top 5 for “gamma passage” — BM25');
  const first = results.getByRole('listitem').first();
  await expect(first.locator('.snippet')).toHaveText('gamma passage');
  await expect(first.getByRole('group', { name: 'Ranks by retriever' })).toContainText('dense not retrieved · BM25 #1');
  expect((await summary(page)).query.keywordsOnly).toContain('so it is ranked by its keywords alone (BM25)');
  // text cannot join 8-d vectors either; the workspace stays as it was
  await page.getByLabel('Paste text').fill('A paragraph of text.');
  await page.getByRole('button', { name: 'Add text' }).click();
  await expect(page.getByRole('alert').last()).toContainText(
    "Pasted text 1: Universal Sentence Encoder lite (built in) makes 512-d vectors, but the workspace's have 8 dimensions",
  );
  expect((await summary(page)).chunkCount).toBe(18);
});

test('vectors of the model’s size can be queried, and text added beside them', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Add files').setInputFiles(vectorFiles.csv512!);
  await waitReady(page);
  expect((await summary(page)).dims).toBe(512);
  await page.getByLabel('Query').fill('planets');
  await page.getByLabel('Query').press('Enter');
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('listitem')).toHaveCount(4);
  await page.getByLabel('Paste text').fill('The planets orbit the Sun.');
  await page.getByRole('button', { name: 'Add text' }).click();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(5);
  const s = await summary(page);
  expect([s.importedCount, s.embeddedCount]).toEqual([4, 1]);
});

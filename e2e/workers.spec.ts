// A worker that dies in the middle of its work (an uncaught error, as a bug or running out of
// memory raises): the page says which step failed, the workspace is as it was before that step,
// and the next step starts a new worker. Workers are crashed through a test-only hook.
import type { Page } from '@playwright/test';
import { expect, summary, test, waitReady } from './fixtures';

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => Object.assign(window, { __orreryTestHooks: true }));
});

const crash = (page: Page, worker: string) =>
  page.evaluate((name) => (window as unknown as { __orreryTest: { crashWorker(n: string): void } }).__orreryTest.crashWorker(name), worker);

async function queryAnswers(page: Page): Promise<void> {
  await page.getByLabel('Query', { exact: true }).fill('How do black holes form?');
  await page.getByLabel('Query', { exact: true }).press('Enter');
  await expect.poll(async () => (await summary(page)).query.results.length).toBeGreaterThan(0);
  expect((await summary(page)).query.results[0]!.source).toBe('Astronomy');
}

test('the embed worker dies while embedding: the step says so, nothing is added, and the next embedding works', async ({ page }) => {
  await page.goto('/');
  // enough paragraphs that the crash lands while they are being embedded, on a fast machine too (fewer than the 1,000 that start a speed test)
  const paragraphs = Array.from({ length: 300 }, (_, i) => `Paragraph ${i} is about tide pools, comets and sourdough bread.`).join('\n\n');
  await page.getByLabel('Paste text').fill(paragraphs);
  await page.getByRole('button', { name: 'Add text' }).click();
  // progress from the worker itself: it has started and listens for the crash (a message sent while it still boots is lost)
  await expect(page.getByRole('status')).toContainText(/Embedding [1-9]\d* \/ 300/);
  await crash(page, 'embed');
  await expect
    .poll(async () => (await summary(page)).notices.join('\n'))
    .toMatch(
      /: stopped, because the embed worker stopped \(.*crashed on purpose\)\. The workspace is as it was before this step; the next step starts a new embed worker\./,
    );
  expect((await summary(page)).chunkCount).toBe(0);
  await page.getByRole('button', { name: 'Load demo corpus' }).click();
  await waitReady(page);
  expect((await summary(page)).chunkCount).toBe(227);
  await queryAnswers(page);
});

test('the layout worker dies during UMAP: back to the layout before it, and the next layout runs', async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
  const before = await summary(page);
  await page.getByLabel('Method').selectOption('umap');
  await page.getByLabel('Epochs').fill('3000');
  await page.getByRole('button', { name: 'Run layout' }).click();
  await expect(page.getByRole('status')).toContainText(/UMAP \d+%/);
  // paused, the run waits in the worker: the crash lands in the middle of it
  await page.getByRole('button', { name: 'Pause' }).click();
  await crash(page, 'layout');
  await expect
    .poll(async () => (await summary(page)).notices.join('\n'))
    .toMatch(/UMAP layout stopped, because the layout worker stopped \(.*crashed on purpose\): back to the PCA layout/);
  await waitReady(page);
  let s = await summary(page);
  expect(s.layoutMethod).toBe('pca');
  expect(s.layoutRunning).toBe(false);
  expect(s.corpusVersion).toBe(before.corpusVersion);
  expect(s.chunkCount).toBe(227);
  await page.getByLabel('Method').selectOption('umap');
  await page.getByLabel('Epochs').fill('200');
  await page.getByRole('button', { name: 'Run layout' }).click();
  await expect(page.getByRole('status')).toContainText('UMAP 3-D', { timeout: 120_000 });
  s = await summary(page);
  expect(s.layoutMethod).toBe('umap');
  await queryAnswers(page);
});

test('the retrieval and ingest workers die between steps: the next query and the next file start new ones', async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
  await queryAnswers(page);
  await crash(page, 'retrieve');
  await crash(page, 'ingest');
  await page.getByLabel('Query', { exact: true }).fill('Why does bread dough rise?');
  await page.getByLabel('Query', { exact: true }).press('Enter');
  await expect.poll(async () => (await summary(page)).query.text).toBe('Why does bread dough rise?');
  await expect.poll(async () => (await summary(page)).query.results[0]?.source).toBe('Cooking');
  await page.getByLabel('Paste text').fill('A new paragraph about tides and the moon.');
  await page.getByRole('button', { name: 'Add text' }).click();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(228);
  expect((await summary(page)).notices.filter((n) => n.startsWith('error'))).toEqual([]);
});

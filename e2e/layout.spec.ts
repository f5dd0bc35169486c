import type { Page } from '@playwright/test';
import { drawnPixels, expect, settledPixels, summary, test, waitClustered, waitReady } from './fixtures';

async function query(page: Page, text: string) {
  await page.getByLabel('Query').fill(text);
  await page.getByLabel('Query').press('Enter');
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('listitem')).toHaveCount(5);
}

async function layoutState(page: Page) {
  return page.evaluate(
    () => (window as unknown as { __orrery: { layoutMethod: string; layoutDims: number; layoutRunning: boolean; placement: string } }).__orrery,
  );
}

test.beforeEach(async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
});

test('UMAP streams into the scene, pauses and resumes, and reports its distortion', async ({ page }) => {
  const pca = await drawnPixels(page);
  await page.getByLabel('Method').selectOption('umap');
  await page.getByLabel('Epochs').fill('3000');
  await page.getByRole('button', { name: 'Run layout' }).click();
  await expect(page.getByRole('status')).toContainText(/UMAP \d+%/);
  await page.getByRole('button', { name: 'Pause' }).click();
  const paused = await page.getByRole('status').textContent();
  // the one wait of the suite that is not a condition: a pause is shown by nothing changing while
  // a running layout would have sent about a dozen frames
  await page.waitForTimeout(1500);
  await expect(page.getByRole('status')).toHaveText(paused!);
  await page.getByRole('button', { name: 'Resume' }).click();
  await waitReady(page);
  await expect(page.getByRole('status')).toContainText('UMAP 3-D');
  await expect(page.getByLabel('Layout quality')).toContainText(/Neighbour recall@10: \d\.\d\d · trustworthiness@10: \d\.\d{3}/);
  const s = await summary(page);
  expect(s.layoutMethod).toBe('umap');
  expect((await drawnPixels(page)).signature).not.toBe(pca.signature);
});

test('the vectors go to the layout, quality and cluster workers once per corpus version, in shared memory', async ({ page }) => {
  await waitClustered(page);
  const first = await summary(page);
  // the demo's vectors: once to each worker that reads them, nothing copied
  expect(first.vectorTransfers).toEqual({ sends: 3, bytesCopied: 0 });
  for (const method of ['umap', 'pca'] as const) {
    await page.getByLabel('Method').selectOption(method);
    await page.getByRole('button', { name: 'Run layout' }).click();
    await waitReady(page);
    await expect(page.getByLabel('Layout quality')).toContainText('Neighbour recall@10');
  }
  const after = await summary(page);
  expect(after.corpusVersion).toBe(first.corpusVersion);
  expect(after.vectorTransfers).toEqual({ sends: 3, bytesCopied: 0 });
});

test('retrieval is computed in full dimension: the same results in every layout', async ({ page }) => {
  await query(page, 'How do volcanoes erupt?');
  const before = (await summary(page)).query.results;
  await page.getByLabel('Method').selectOption('tsne');
  await page.getByLabel('View').selectOption('2');
  await page.getByLabel('Iterations').fill('300');
  await page.getByRole('button', { name: 'Run layout' }).click();
  await waitReady(page);
  await expect(page.getByRole('status')).toContainText('t-SNE 2-D');
  const state = await layoutState(page);
  expect(state.layoutDims).toBe(2);
  expect(state.placement).toBe('neighbours');
  await query(page, 'How do volcanoes erupt?');
  expect((await summary(page)).query.results).toEqual(before);
});

test('cancelling a layout brings back the one before', async ({ page }) => {
  const pca = await settledPixels(page); // the first layout may still be gliding in
  await page.getByLabel('Method').selectOption('tsne');
  await page.getByLabel('Iterations').fill('5000');
  await page.getByRole('button', { name: 'Run layout' }).click();
  await expect(page.getByRole('status')).toContainText(/t-SNE \d+%/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('note').last()).toContainText('back to the PCA layout');
  await waitReady(page);
  expect((await layoutState(page)).layoutMethod).toBe('pca');
  await expect.poll(async () => (await drawnPixels(page)).signature).toBe(pca.signature);
});

test('PCA axes can show other components, and colour can show neighbour recall', async ({ page }) => {
  const before = await drawnPixels(page);
  await page.getByLabel('X axis').selectOption('3');
  await page.getByRole('button', { name: 'Run layout' }).click();
  await waitReady(page);
  await expect(page.getByText(/axes PC4 \d/)).toBeVisible();
  await expect.poll(async () => (await drawnPixels(page)).signature).not.toBe(before.signature);
  await expect(page.getByLabel('Layout quality')).toContainText('trustworthiness');
  // the points glide to their new places first; then only their colours may change
  const sourceColours = await settledPixels(page);
  await page.getByLabel('Colour by').selectOption('recall');
  await expect.poll(async () => (await drawnPixels(page)).colours).not.toBe(sourceColours.colours);
});

test('a selected chunk shows how many of its true neighbours the picture keeps', async ({ page }) => {
  await expect(page.getByLabel('Layout quality')).toContainText('trustworthiness');
  await query(page, 'sourdough starter');
  await page.getByRole('region', { name: 'Results' }).getByRole('button').first().click();
  await expect(page.getByLabel('Neighbour recall of this chunk')).toContainText(/\d+ of these 10 are also among its 10 nearest points/);
});

test('chunks added to a UMAP layout are placed by their neighbours, marked, and laid out on request', async ({ page }) => {
  await page.getByLabel('Method').selectOption('umap');
  await page.getByRole('button', { name: 'Run layout' }).click();
  await expect(page.getByRole('status')).toContainText('Ready — 227 chunks · 512-d · UMAP 3-D');
  await page.getByLabel('Paste text').fill('Black holes bend the light that passes near them.\n\nA sourdough loaf needs a long, slow rise.');
  await page.getByRole('button', { name: 'Add text' }).click();
  await expect(page.getByRole('note').last()).toContainText('2 new chunks were put next to their nearest chunks in the UMAP layout');
  await waitReady(page);
  const placed = await page.evaluate(() => (window as unknown as { __orrery: { placedCount: number; chunkCount: number } }).__orrery);
  expect(placed).toMatchObject({ placedCount: 2, chunkCount: 229 });
  await page.getByRole('button', { name: 'Run layout' }).click();
  await expect(page.getByRole('status')).toContainText('Ready — 229 chunks · 512-d · UMAP 3-D');
  expect((await page.evaluate(() => (window as unknown as { __orrery: { placedCount: number } }).__orrery)).placedCount).toBe(0);
});

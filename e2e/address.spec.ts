import { expect, summary, test, waitNewHistoryStep, waitReady, waitSaved } from './fixtures';

const hash = (url: string) => decodeURIComponent(new URL(url).hash.replace(/\+/g, ' '));

test('the address follows the work (method, parameters, query, open chunk, selection, no data): back and forward return to each view, a reload keeps it', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Try the demo corpus' }).click();
  await waitReady(page);
  await expect.poll(() => hash(page.url())).toMatch(/^#view\?method=pca&axes=0,1,2&dims=3$/);

  await page.getByLabel('Query', { exact: true }).fill('How do black holes form?');
  await page.getByLabel('Query', { exact: true }).press('Enter');
  await waitReady(page);
  await expect.poll(() => hash(page.url())).toContain('q=How do black holes form?');
  await waitNewHistoryStep(page);

  await page.getByLabel('Method').selectOption('umap');
  await page.getByLabel('Neighbours').fill('10');
  await page.getByRole('button', { name: 'Run layout' }).click();
  await expect.poll(async () => (await summary(page)).layoutMethod).toBe('umap');
  await waitReady(page);
  await expect.poll(() => hash(page.url())).toContain('method=umap');
  expect(hash(page.url())).toContain('neighbours=10');
  await waitNewHistoryStep(page);

  await page.getByRole('region', { name: 'Results' }).getByRole('button').first().click();
  const open = (await summary(page)).openChunk!;
  await expect.poll(() => hash(page.url())).toContain(`open=${open}`);
  // the data never goes into the address
  expect(page.url().length).toBeLessThan(400);

  await page.goBack();
  await expect.poll(async () => (await summary(page)).openChunk).toBeNull();
  expect(hash(page.url())).toContain('method=umap');
  await page.goBack();
  await expect.poll(async () => (await summary(page)).layoutMethod).toBe('pca');
  await waitReady(page);
  expect((await summary(page)).query.text).toBe('How do black holes form?');
  await page.goForward();
  await expect.poll(async () => (await summary(page)).layoutMethod).toBe('umap');
  await waitReady(page);
  await page.goForward();
  await expect.poll(async () => (await summary(page)).openChunk).toBe(open);

  // a reload comes back to the same view from the saved workspace
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  await expect.poll(async () => (await summary(page)).openChunk).toBe(open);
  const back = await summary(page);
  expect([back.layoutMethod, back.query.text, back.chunkCount]).toEqual(['umap', 'How do black holes form?', 227]);
});

test('an address copied from another browser names a view without data: it says so, and nothing breaks', async ({ page }) => {
  await page.goto('/#view?method=umap&neighbours=10&q=How+do+black+holes+form%3F&open=3');
  await expect(page.getByRole('note').filter({ hasText: 'names a view of a workspace saved in another browser' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('');
  expect((await summary(page)).chunkCount).toBe(0);
});

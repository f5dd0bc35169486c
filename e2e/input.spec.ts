import { expect, summary, test, waitReady } from './fixtures';

test('empty and whitespace-only paste get a clear message and change nothing', async ({ page }) => {
  await page.goto('/');
  for (const text of ['', '   \n\n\t  ']) {
    await page.getByLabel('Paste text').fill(text);
    await page.getByRole('button', { name: 'Add text' }).click();
    await expect(page.getByRole('alert').last()).toContainText('empty or only whitespace');
  }
  expect((await summary(page)).chunkCount).toBe(0);
  await expect(page.getByRole('status')).not.toContainText('Embedding');
});

test('a query before any data asks for a corpus first', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Query').fill('anything');
  await page.getByLabel('Query').press('Enter');
  await expect(page.getByRole('alert')).toContainText('Load a corpus');
});

test('Chinese text and emoji are embedded and searchable', async ({ page }) => {
  await page.goto('/');
  await page
    .getByLabel('Paste text')
    .fill(
      '银河系是一个棒旋星系，包含数千亿颗恒星。\n\n我喜欢吃饺子和面条。\n\n🚀🌕✨ to the moon and back 🚀\n\nPlain English about cooking pasta in salted water.',
    );
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  expect((await summary(page)).chunkCount).toBe(4);
  await page.getByLabel('Query').fill('🚀 moon');
  await page.getByLabel('Query').press('Enter');
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('listitem')).toHaveCount(4);
  const top = (await summary(page)).query.results[0]!;
  expect(top.text).toContain('moon');
});

test('a 1 MB paragraph shows progress with rate and time left; Cancel keeps what was loaded; Resume finishes it', async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
  const before = (await summary(page)).chunkCount;
  const huge = Array.from({ length: 15_000 }, (_, i) => `Orbital mechanics note ${i} describes how bodies move under gravity.`).join(' ');
  expect(huge.length).toBeGreaterThan(1_000_000);
  await page.getByLabel('Paste text').fill(huge);
  await page.getByRole('button', { name: 'Add text' }).click();
  await expect(page.getByRole('status')).toContainText(/Embedding [1-9]\d* \/ \d+/);
  const chunks = Number((await page.getByRole('status').textContent())!.match(/Embedding \d+ \/ (\d+)/)![1]);
  await expect(page.getByRole('progressbar', { name: 'Progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Cancelled' })).toBeVisible();
  await waitReady(page);
  expect((await summary(page)).chunkCount).toBe(before);
  // the workspace still answers queries
  await page.getByLabel('Query').fill('black holes');
  await page.getByLabel('Query').press('Enter');
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('listitem')).toHaveCount(5);
  // Resume embeds only what the cancelled run had not finished
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('status')).toContainText(/Embedding [1-9]\d* \/ \d+/);
  const total = Number((await page.getByRole('status').textContent())!.match(/Embedding \d+ \/ (\d+)/)![1]);
  expect(total).toBeLessThan(chunks);
  await expect(page.getByRole('status')).toContainText(/chunks\/s · .* left/);
  await waitReady(page);
  expect((await summary(page)).chunkCount).toBe(before + chunks);
});

test('a non-text file is refused by name and the rest of the files load', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Add files').setInputFiles([
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Tide pools hold anemones and crabs.\n\nStarfish cling to rocks.') },
    { name: 'image.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) },
    { name: 'empty.md', mimeType: 'text/markdown', buffer: Buffer.from('') },
  ]);
  await waitReady(page);
  await expect(page.getByRole('alert').filter({ hasText: 'image.txt' })).toContainText('binary');
  await expect(page.getByRole('alert').filter({ hasText: 'empty.md' })).toContainText('empty');
  const s = await summary(page);
  expect(s.chunkCount).toBe(2);
});

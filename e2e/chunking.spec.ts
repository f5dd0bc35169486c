import { expect, summary, test, waitReady } from './fixtures';

const ARTICLE = [
  '# Solar system',
  'The Sun holds almost all of the mass of the solar system. Eight planets orbit it. 行星围绕太阳运行。它们的轨道是椭圆！',
  '## Inner planets',
  'Mercury, Venus, Earth and Mars are rocky. They have few moons. Earth has one; Mars has two.',
  '## Outer planets',
  'Jupiter, Saturn, Uranus and Neptune are giants. Their moons are many. Saturn has bright rings.',
].join('\n\n');

/** One long paragraph, as an email body often is: about 1,900 characters and 330 words. */
const LONG_PARAGRAPH = Array.from(
  { length: 14 },
  (_, i) => `Message ${i + 1} of the thread asks whether the quarterly invoice for the warehouse lease was paid twice, and who approved the transfer.`,
).join(' ');

test("chunks fit the model's input by default; 800-character windows would not", async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Paste text').fill(LONG_PARAGRAPH);
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  let s = await summary(page);
  expect(s.chunking.strategy).toBe('fit');
  expect(s.chunkCount).toBeGreaterThanOrEqual(3);
  expect(s.overLimit).toBe(0);
  await expect(page.getByText("At most 115 of Universal Sentence Encoder lite (built in)'s tokens per chunk")).toBeVisible();

  await page.getByLabel('Split by').selectOption('paragraph');
  await page.getByRole('button', { name: 'Re-chunk' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Re-chunked:' })).toBeVisible();
  await waitReady(page);
  s = await summary(page);
  expect(s.overLimit).toBeGreaterThan(0);
});

test('chunking controls re-chunk, embed only the chunks that changed, and lay out again', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Paste text').fill(ARTICLE);
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  let s = await summary(page);
  expect([s.chunkCount, s.embeddedCount]).toEqual([6, 6]);

  await page.getByLabel('Split by').selectOption('markdown');
  await page.getByRole('button', { name: 'Re-chunk' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Re-chunked: 3 chunks (before: 6); 3 embedded' })).toBeVisible();
  await waitReady(page);
  s = await summary(page);
  expect(s.chunking.strategy).toBe('markdown');
  const sources = page.getByRole('region', { name: 'Sources' });
  await sources.getByRole('button', { name: 'Pasted text 1' }).click();
  await page.getByRole('list', { name: 'Chunks of Pasted text 1' }).getByRole('button').nth(2).click();
  await expect(page.getByLabel('Heading', { exact: true })).toHaveText('§ Solar system › Outer planets');

  // back to paragraphs: every chunk is in the cache
  await page.getByLabel('Split by').selectOption('paragraph');
  await page.getByRole('button', { name: 'Re-chunk' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Re-chunked: 6 chunks (before: 3); 0 embedded' })).toBeVisible();

  // sentences, Chinese punctuation included
  await page.getByLabel('Split by').selectOption('sentence');
  await page.getByLabel('Chunk size (characters)').fill('60');
  await page.getByLabel('Overlap (characters)').fill('0');
  await page.getByRole('button', { name: 'Re-chunk' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Re-chunked: 8 chunks (before: 6)' })).toBeVisible();
  await waitReady(page);
  expect((await summary(page)).chunkCount).toBeGreaterThan(6);
  await page.getByLabel('Query').fill('椭圆');
  await page.getByLabel('Query').press('Enter');
  // whole sentences (Chinese ones end at 。 and ！) grouped up to 60 characters
  await expect
    .poll(async () => (await summary(page)).query.results.map((r) => r.text))
    .toContain('Eight planets orbit it. 行星围绕太阳运行。它们的轨道是椭圆！');
  for (const r of (await summary(page)).query.results) expect(r.text.length).toBeLessThanOrEqual(60);

  // the recursive splitter with its own separators
  await page.getByLabel('Split by').selectOption('recursive');
  await page.getByLabel('Chunk size (characters)').fill('120');
  await page.getByLabel('Separators').fill('\\n\\n, .\\s, ""');
  await page.getByRole('button', { name: 'Re-chunk' }).click();
  await expect(
    page
      .getByRole('note')
      .filter({ hasText: /Re-chunked: \d+ chunks/ })
      .last(),
  ).toBeVisible();
  await waitReady(page);
  s = await summary(page);
  expect(s.chunking).toEqual({ strategy: 'recursive', size: 120, overlap: 0 });
});

test('chunks by tokens of the model, and flags chunks longer than its input', async ({ page }) => {
  await page.goto('/');
  const long = Array.from({ length: 60 }, (_, i) => `Star number ${i} shines in the night sky above the hills.`).join(' ');
  await page.getByLabel('Paste text').fill(`A short first paragraph.\n\n${long}`);
  await page.getByLabel('Split by').selectOption('paragraph');
  await page.getByLabel('Chunk size (characters)').fill('5000');
  await page.getByRole('button', { name: 'Use for new files' }).click();
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  let s = await summary(page);
  expect([s.chunkCount, s.overLimit]).toEqual([2, 1]);
  await expect(page.getByLabel('Chunks over the token limit')).toContainText("1 chunk is longer than the model's 128-token input");
  await page.getByRole('region', { name: 'Sources' }).getByRole('button', { name: 'Pasted text 1' }).click();
  await page.getByRole('list', { name: 'Chunks of Pasted text 1' }).getByRole('button').nth(1).click();
  await expect(page.getByLabel('Token count')).toContainText(/\d+ tokens — over Universal Sentence Encoder lite \(built in\)'s 128-token input/);

  await page.getByLabel('Split by').selectOption('tokens');
  await page.getByLabel('Chunk size (tokens)').fill('100');
  await page.getByLabel('Overlap (tokens)').fill('10');
  await page.getByRole('button', { name: 'Re-chunk' }).click();
  await expect(page.getByRole('note').filter({ hasText: /Re-chunked: \d+ chunks \(before: 2\)/ })).toBeVisible();
  await waitReady(page);
  s = await summary(page);
  expect(s.overLimit).toBe(0);
  expect(s.chunkCount).toBeGreaterThan(5);
  await expect(page.getByLabel('Chunks over the token limit')).toHaveCount(0);
});

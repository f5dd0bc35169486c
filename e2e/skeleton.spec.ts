import { drawnPixels, expect, settledPixels, summary, test, waitReady } from './fixtures';

test.describe('demo corpus', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/?demo');
    await waitReady(page);
  });

  test('embeds the demo offline with the built-in model and draws its points', async ({ page }) => {
    const s = await summary(page);
    expect(s.chunkCount).toBeGreaterThan(200);
    expect(s.dims).toBe(512);
    expect(s.layoutMethod).toBe('pca');
    const drawn = await drawnPixels(page);
    expect(drawn.count).toBeGreaterThan(s.chunkCount);
  });

  test('retrieves on-topic chunks for a question on each of four topics', async ({ page }) => {
    // one page for the four questions: each is answered from the same demo workspace
    for (const [query, topic, words] of [
      ['How do black holes form?', 'Astronomy', /black hole/i],
      ['Why does my bread dough rise?', 'Cooking', /dough|yeast|bread/i],
      ['Which animals make their own light in the deep ocean?', 'Ocean life', /biolumines|light/i],
      ['What is the best way to pay off credit card debt?', 'Personal finance', /debt|credit/i],
    ] as const) {
      await test.step(query, async () => {
        await page.getByLabel('Query').fill(query);
        await page.getByLabel('Query').press('Enter');
        const results = page.getByRole('region', { name: 'Results' });
        // the query is answered: its text is in and no task is left
        await expect
          .poll(async () => {
            const s = await summary(page);
            return s.query.text === query && s.tasks === 0;
          })
          .toBe(true);
        await expect(results.getByRole('listitem')).toHaveCount(5);
        await expect(results.getByRole('listitem').first()).toContainText('#1');
        const top = (await summary(page)).query.results;
        expect(top[0]!.source).toBe(topic);
        expect(top[0]!.text).toMatch(words);
        expect(top.map((h) => h.rank)).toEqual([1, 2, 3, 4, 5]);
        for (let i = 1; i < top.length; i++) expect(top[i]!.score).toBeLessThanOrEqual(top[i - 1]!.score);
        await expect(results.getByRole('listitem').first()).toContainText(top[0]!.score.toFixed(3));
      });
    }
  });

  test('top k changes how many chunks are retrieved', async ({ page }) => {
    await page.getByLabel('Query').fill('volcanic eruptions');
    await page.getByLabel('Query').press('Enter');
    const items = page.getByRole('region', { name: 'Results' }).getByRole('listitem');
    await expect(items).toHaveCount(5);
    await page.getByLabel('Top k').fill('8');
    await expect(items).toHaveCount(8);
    expect((await summary(page)).query.results).toHaveLength(8);
  });

  test('hovering a point shows its text; clicking selects it with 10 neighbours', async ({ page }) => {
    const { sample } = await settledPixels(page); // points glide for a moment after a layout
    expect(sample).not.toBeNull();
    await page.mouse.move(sample!.x, sample!.y);
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip).toBeVisible();
    await expect(tooltip).not.toBeEmpty();
    // a ring marks the hovered point, centred within a few pixels of the pointer (the point picked is within 8)
    const ring = (await page.locator('.hover-ring').boundingBox())!;
    expect(Math.hypot(ring.x + ring.width / 2 - sample!.x, ring.y + ring.height / 2 - sample!.y)).toBeLessThan(10);
    await page.mouse.click(sample!.x, sample!.y);
    const selection = page.getByRole('region', { name: 'Open chunk' });
    await expect(selection).toBeVisible();
    await expect(selection.getByRole('list', { name: 'Nearest neighbours' }).getByRole('listitem')).toHaveCount(10);
    const s = await summary(page);
    expect(s.openChunk).not.toBeNull();
    expect(s.neighbours.map((n) => n.index)).not.toContain(s.openChunk);
  });

  test('dragging orbits the camera and Reset view brings it back', async ({ page }) => {
    const before = await settledPixels(page);
    const box = (await page.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2 + 60, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await drawnPixels(page)).signature).not.toBe(before.signature);
    await page.getByRole('button', { name: 'Reset view' }).click();
    await expect.poll(async () => (await drawnPixels(page)).signature).toBe(before.signature);
  });

  test('a result opens its chunk in the selection panel', async ({ page }) => {
    await page.getByLabel('Query').fill('Egyptian pyramids');
    await page.getByLabel('Query').press('Enter');
    const first = page.getByRole('region', { name: 'Results' }).getByRole('button').first();
    await first.click();
    const selection = page.getByRole('region', { name: 'Open chunk' });
    await expect(selection).toContainText('Ancient Egypt');
  });
});

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, summary, test, waitReady } from './fixtures';
import { FIXTURES } from './fixtures/folder';

// a first visit: nothing cached, the demo is embedded in the browser as a new user sees it
test.use({ seedDemoCache: false });

/** Serious and critical accessibility violations (axe-core), as "rule: element" lines. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

test('the empty scene says what Orrery does, offers the demo, and takes a drop', async ({ page }) => {
  await page.goto('/');
  const start = page.getByRole('region', { name: 'Start here' });
  await expect(start).toContainText('Drop files, a folder or vectors anywhere here');
  expect(await violations(page)).toEqual([]);
  // a file dropped on the scene
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['Comets have tails of gas and dust.\n\nA comet is a small icy body.'], 'comets.txt', { type: 'text/plain' }));
    const stage = document.querySelector('.stage')!;
    stage.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    stage.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await waitReady(page);
  expect((await summary(page)).sources.map((s) => s.name)).toEqual(['comets.txt']);
  await expect(start).toBeHidden();
  // Clear workspace brings the invitation back; the demo is one click
  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('button', { name: 'Yes, clear' }).click();
  await start.getByRole('button', { name: 'Try the demo corpus' }).click();
  await waitReady(page);
  expect((await summary(page)).chunkCount).toBe(227);
});

test('no serious accessibility violations on the demo and the demo with a query; the selection is announced', async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
  expect(await violations(page)).toEqual([]);
  await page.getByLabel('Query', { exact: true }).fill('How do black holes form?');
  await page.getByLabel('Query', { exact: true }).press('Enter');
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('listitem')).toHaveCount(5);
  expect(await violations(page)).toEqual([]);
  await page.getByRole('region', { name: 'Results' }).getByRole('button', { name: /^#2/ }).click();
  await expect(page.getByRole('log', { name: 'Open chunk announcement' })).toContainText(/^Open chunk \d+ of 227, rank 2 for the query: /);
  // the query box is reached from the start of the page by keyboard
  await page.keyboard.press('Escape');
  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 120 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'query');
  }
  expect(reached).toBe(true);
});

test('at 390, 768 and 1280 px nothing overflows, and the scene has the width it needs (the page follows the window as it is resized)', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?demo');
  await waitReady(page);
  for (const [width, height] of [
    [390, 844],
    [768, 1024],
    [1280, 800],
  ] as const) {
    await test.step(`${width} px`, async () => {
      await page.setViewportSize({ width, height });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const stage = (await page.locator('.stage').boundingBox())!;
      // the layout's caption and the search box share the top of the scene without covering each other
      const caption = (await page.locator('.layout-caption').boundingBox())!;
      const search = (await page.getByLabel('Search chunks').boundingBox())!;
      const apart =
        caption.x + caption.width <= search.x ||
        search.x + search.width <= caption.x ||
        caption.y + caption.height <= search.y ||
        search.y + search.height <= caption.y;
      expect(apart, `caption ${JSON.stringify(caption)}, search box ${JSON.stringify(search)}`).toBe(true);
      expect(search.width).toBeGreaterThanOrEqual(120);
      // and the caption reads as a line or two, not a narrow column down the scene
      expect(caption.height).toBeLessThanOrEqual(40);
      if (width < 720) {
        // the panels are a drawer over a full-width scene
        expect(stage.width).toBeGreaterThanOrEqual(0.8 * width);
        await page.getByRole('button', { name: 'Panels' }).click();
        await expect(page.getByRole('complementary', { name: 'Panels' })).toBeInViewport({ ratio: 0.9 });
        await page.getByLabel('Query', { exact: true }).scrollIntoViewIfNeeded();
        await expect(page.getByLabel('Query', { exact: true })).toBeInViewport();
        await page.screenshot({ path: join(FIXTURES, '..', `layout-${width}-drawer.png`) });
        await page.getByRole('button', { name: 'Panels' }).click();
        await expect(page.getByRole('complementary', { name: 'Panels' })).not.toBeInViewport();
      } else {
        expect(stage.width).toBeGreaterThanOrEqual(width - 360);
      }
      await page.screenshot({ path: join(FIXTURES, '..', `layout-${width}.png`) });
    });
  }
});

test("one step's notices share one line, which opens to show them all", async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Add files').setInputFiles([
    { name: 'tides.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"text": "Tides follow the moon."}\nnot json\n') },
    { name: 'waves.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"text": "Waves are raised by wind."}\n[1, 2]\n') },
    { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff]) },
  ]);
  await expect(page.getByRole('alert').filter({ hasText: 'photo.jpg: files of type .jpg are not read' })).toBeVisible();
  const line = page.getByRole('note').filter({ hasText: 'tides.jsonl: 1 line is not a JSON object' });
  await expect(line).toHaveCount(1);
  await expect(line).toHaveText(/^\d+ notes: /);
  await expect(line).toContainText('waves.jsonl: 1 line is not a JSON object');
  await line.getByRole('button', { name: 'All' }).click();
  await expect(line.getByRole('listitem')).not.toHaveCount(0);
  await expect(line.getByRole('button', { name: 'Less' })).toHaveAttribute('aria-expanded', 'true');
});

test('information fades into the log with its time; an error stays', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await page.getByRole('button', { name: 'Add text' }).click();
  const error = page.getByRole('alert').filter({ hasText: 'Nothing to add' });
  await expect(error).toBeVisible();
  await page.getByLabel('Paste text').fill('One short paragraph about tides.');
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('button', { name: 'Yes, clear' }).click();
  const info = page.getByRole('note').filter({ hasText: 'The workspace is empty' });
  await expect(info).toBeVisible();
  await page.clock.runFor(13_000);
  await expect(info).toBeHidden();
  await expect(error).toBeVisible();
  await page.getByRole('button', { name: /^Log \(\d+\)$/ }).click();
  const log = page.getByRole('list', { name: 'Notice log' });
  await expect(log).toContainText(/\d\d:\d\d:\d\d The workspace is empty/);
  await expect(log).toContainText(/Error: Nothing to add/);
});

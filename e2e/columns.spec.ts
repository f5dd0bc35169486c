import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { drawLasso, expect, pointsInside, summary, test, waitReady, waitSaved } from './fixtures';
import { write } from './fixtures/folder';

// A table with a number, a category and a date column (dates in three formats, and garbage).
const TOPICS = ['stars and planets', 'bread and baking', 'coral reefs', 'medieval castles'];
const KINDS = ['news', 'blog', 'paper'];
const rows = Array.from({ length: 60 }, (_, i) => {
  const month = (i % 12) + 1;
  const year = 2019 + (i % 5);
  const published =
    i >= 57
      ? 'soon'
      : i % 3 === 0
        ? `${year}-${String(month).padStart(2, '0')}-15`
        : i % 3 === 1
          ? `${month}/20/${year}`
          : `${['March', 'June', 'October'][i % 3]} 5, ${year}`;
  return { text: `Note ${i} is about ${TOPICS[i % 4]}, written as entry number ${i}.`, score: i * 1.5, kind: KINDS[i % 3]!, published };
});
const CSV = ['text,score,kind,published', ...rows.map((r) => `"${r.text}",${r.score},${r.kind},"${r.published}"`)].join('\n');

async function load(page: Page) {
  await page.goto('/');
  await page.getByLabel('Add files').setInputFiles(write('columns/notes.csv', CSV));
  await waitReady(page);
}

test('each column is a chart: brushing the histogram hides the rest and restricts retrieval, values combine, a lasso redraws the counts, filters survive reload', async ({
  page,
}) => {
  await load(page);
  const columns = page.getByRole('region', { name: 'Columns' });
  await expect(columns.getByRole('group')).toHaveCount(3);
  let s = await summary(page);
  expect(s.filters.columns.map((c) => [c.name, c.kind])).toEqual([
    ['score', 'number'],
    ['kind', 'category'],
    ['published', 'date'],
  ]);
  await expect(columns.getByRole('group', { name: 'published' })).toContainText('3 not a date');

  // brush the left half of the score histogram
  const histogram = columns.getByRole('group', { name: 'score' }).locator('svg');
  await histogram.scrollIntoViewIfNeeded();
  const chart = (await histogram.boundingBox())!;
  await page.mouse.move(chart.x + 2, chart.y + chart.height / 2);
  await page.mouse.down();
  await page.mouse.move(chart.x + chart.width * 0.45, chart.y + chart.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await summary(page)).filters.columns[0]!.selected).not.toBeNull();
  s = await summary(page);
  const [from, to] = s.filters.columns[0]!.selected as [number, number];
  const inRange = rows.filter((r) => r.score >= from && r.score <= to);
  expect(inRange.length).toBeGreaterThan(10);
  expect(inRange.length).toBeLessThan(40);
  expect(s.filters.shown).toBe(inRange.length);
  await expect.poll(async () => (await summary(page)).scene.points.hidden).toBe(60 - inRange.length);
  await expect(columns).toContainText(`Showing ${inRange.length} of 60 chunks`);

  // a value of the category column too: the filters combine
  await columns.getByRole('group', { name: 'kind' }).getByRole('button', { name: /^news/ }).click();
  const both = inRange.filter((r) => r.kind === 'news');
  await expect.poll(async () => (await summary(page)).filters.shown).toBe(both.length);
  await expect.poll(async () => (await summary(page)).scene.points.hidden).toBe(60 - both.length);

  // a query ranks only the rows the filters keep, and says so
  await page.getByLabel('Query', { exact: true }).fill('coral reefs');
  await page.getByLabel('Query', { exact: true }).press('Enter');
  await expect(page.getByRole('note', { name: 'Filtered' })).toContainText(`ranked among ${both.length} of 60 chunks`);
  await expect.poll(async () => (await summary(page)).query.results.length).toBeGreaterThan(0);
  const hits = (await summary(page)).query.results;
  for (const hit of hits) expect(both.map((r) => r.text)).toContain(hit.text);

  // survives a reload
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  await expect.poll(async () => (await summary(page)).filters.shown).toBe(both.length);
  expect((await summary(page)).filters.columns[1]!.selected).toEqual(['news']);

  // cleared, then a lasso over the scene redraws the counts for the selection beside the whole
  await columns.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(async () => (await summary(page)).filters.shown).toBe(60);
  await expect.poll(async () => (await summary(page)).scene.points.hidden).toBe(0);
  const canvas = (await page.locator('canvas').boundingBox())!;
  const rectangle = [canvas.x + canvas.width * 0.2, canvas.y + canvas.height * 0.2, canvas.x + canvas.width * 0.6, canvas.y + canvas.height * 0.8];
  expect((await pointsInside(page, rectangle)).length).toBeGreaterThan(3);
  await drawLasso(page, rectangle);
  // each short row is one chunk, in the file's order
  const chosen = (await summary(page)).selection.indices;
  const newsChosen = chosen.filter((i) => rows[i]!.kind === 'news').length;
  await expect(columns.getByRole('group', { name: 'kind' }).getByRole('button', { name: /^news/ })).toContainText(`news ${newsChosen} of 20`);
});

test('tags: the selection tagged, filtered and coloured by tag, the corpus exported without the tagged chunks and read back, tags kept on reload and carried by a share link', async ({
  page,
  browser,
}) => {
  await load(page);
  // a legend entry's chunks are a selection too: tag one cluster "off-topic"
  const legend = page.getByRole('region', { name: 'Legend' });
  await expect.poll(async () => (await summary(page)).colour.legend.length).toBeGreaterThan(1);
  const group = (await summary(page)).colour.legend[0]!;
  await legend.getByRole('button', { name: group.name, exact: true }).click();
  await expect.poll(async () => (await summary(page)).selection.indices.length).toBe(group.count);
  const tagged = (await summary(page)).selection.indices;
  const input = page.getByLabel('Tag the selection');
  // a 10,000-character name is refused with the reason, and nothing is tagged
  await input.fill('x'.repeat(10_000));
  await input.press('Enter');
  await expect(page.getByRole('alert').last()).toContainText('a tag name is at most 60 characters; this one has 10,000');
  expect((await summary(page)).tags).toEqual([]);
  await input.fill('off-topic');
  await input.press('Enter');
  await expect.poll(async () => (await summary(page)).tags).toEqual([{ name: 'off-topic', count: tagged.length }]);
  await expect(input).toHaveValue('');

  // the tags chart filters: only the untagged chunks stay
  const columns = page.getByRole('region', { name: 'Columns' });
  await columns
    .getByRole('group', { name: 'your tags' })
    .getByRole('button', { name: /^untagged/ })
    .click();
  await expect.poll(async () => (await summary(page)).filters.shown).toBe(60 - tagged.length);
  // coloured by tag
  await page.getByRole('combobox', { name: 'Colour by' }).selectOption('column:your tags');
  await expect
    .poll(async () => (await summary(page)).colour.legend.map((g) => [g.name, g.count]))
    .toEqual([
      ['off-topic', tagged.length],
      ['untagged', 60 - tagged.length],
    ]);

  // exported without the tagged chunks, and read back
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export without tagged chunks' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('orrery-points-without-tagged.csv');
  const saved = write('columns/cleaned.csv', readFileSync(await file.path(), 'utf8'));
  const lines = readFileSync(saved, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(1 + 60 - tagged.length);
  for (const i of tagged) expect(lines.join('\n')).not.toContain(`"${rows[i]!.text}"`);

  // kept on reload
  await waitSaved(page);
  await page.reload();
  await waitReady(page);
  await expect.poll(async () => (await summary(page)).tags).toEqual([{ name: 'off-topic', count: tagged.length }]);
  expect((await summary(page)).filters.shown).toBe(60 - tagged.length);
  // a share link carries the tags and the filter on them
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByLabel('Share link').inputValue();
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  await waitReady(other);
  await expect.poll(async () => (await summary(other)).tags).toEqual([{ name: 'off-topic', count: tagged.length }]);
  await expect.poll(async () => (await summary(other)).filters.shown).toBe(60 - tagged.length);
  await other.context().close();
  await page.keyboard.press('Escape');
  // the export loads as a corpus of its own
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Add files').setInputFiles(saved);
  await waitReady(page);
  await expect.poll(async () => (await summary(page)).sources.map((s) => [s.name, s.chunks])).toContainEqual(['cleaned.csv', 60 - tagged.length]);
});

test('corpus health tags the near-duplicates "duplicate" in one click, and the cleaned export leaves them out', async ({ page }) => {
  await page.goto('/');
  const repeated = 'Coral reefs are built by tiny animals called coral polyps that live in warm shallow seas.';
  await page
    .getByLabel('Paste text')
    .fill([repeated, 'Bread dough rises because yeast feeds on sugars.', repeated, 'A black hole forms when a massive star collapses.'].join('\n\n'));
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  await page
    .getByLabel('Load evaluation set')
    .setInputFiles(write('columns/health.csv', 'query,expected_text\nWhat builds coral reefs?,coral polyps\nWhy does bread rise?,yeast feeds\n'));
  const health = page.getByRole('region', { name: 'Corpus health' });
  await expect(health).toContainText('1 near-duplicate pairs');
  await health.getByRole('button', { name: 'Tag the second of each pair “duplicate”' }).click();
  await expect.poll(async () => (await summary(page)).tags).toEqual([{ name: 'duplicate', count: 1 }]);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export without tagged chunks' }).click();
  const lines = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\n');
  expect(lines).toHaveLength(1 + 3);
  expect(lines.filter((l) => l.includes('coral polyps'))).toHaveLength(1);
});

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { write } from './fixtures/folder';
import { drawLasso, drawnPixels, expect, pointsInside, settledPixels, summary, test, waitClustered, waitReady } from './fixtures';
import { adjustedRandIndex } from '../src/core/clustering/agreement';

const ASTRONOMY_WORDS = [
  'star',
  'stars',
  'sun',
  'solar',
  'galaxy',
  'galaxies',
  'planet',
  'planets',
  'black',
  'hole',
  'holes',
  'supernova',
  'telescope',
  'orbit',
  'moon',
  'light',
  'space',
  'neutron',
  'comet',
];

/** The demo corpus's chunks as the app makes them (paragraphs under each "# Topic"). */
function demoChunks(): { topic: string; text: string }[] {
  const markdown = readFileSync('public/demo/corpus.md', 'utf8');
  return markdown
    .split(/^# /m)
    .slice(1)
    .flatMap((section) => {
      const topic = section.slice(0, section.indexOf('\n')).trim();
      return section
        .slice(section.indexOf('\n') + 1)
        .split(/\n\s*\n/)
        .map((t) => t.trim())
        .filter(Boolean)
        .map((text) => ({ topic, text }));
    });
}

async function demo(page: Page) {
  await page.goto('/?demo');
  await waitReady(page);
  return waitClustered(page);
}

test('the demo corpus falls into clusters that match its eleven topics (ARI ≥ 0.85), named by their topics; the legend flies to one and lists its chunks', async ({
  page,
}) => {
  const clusters = await demo(page);
  const s = await summary(page);
  expect(clusters.items.reduce((n, c) => n + c.size, 0) + clusters.unclustered).toBe(s.chunkCount);
  expect(clusters.items.length).toBeGreaterThanOrEqual(5);
  const topics = demoChunks().map((c) => c.topic);
  expect(topics.length).toBe(s.chunkCount);
  // each legend entry lists its cluster's chunks: the one holding most astronomy chunks is named by an astronomy word
  const legend = page.getByRole('region', { name: 'Legend' });
  const list = page.getByRole('region', { name: 'Selection list' });
  let astronomy = { cluster: -1, count: 0, size: 0 };
  const labels = new Int32Array(topics.length).fill(-1);
  for (const cluster of clusters.items) {
    await legend.getByRole('button', { name: cluster.terms.join(' · '), exact: true }).click();
    await expect(list.getByRole('heading')).toContainText(`${cluster.size} chunk`);
    const indices = (await summary(page)).selection.indices;
    expect(indices.length).toBe(cluster.size);
    for (const i of indices) labels[i] = cluster.id;
    const count = indices.filter((i) => topics[i] === 'Astronomy').length;
    if (count > astronomy.count) astronomy = { cluster: cluster.id, count, size: cluster.size };
  }
  // the default clustering (UMAP to 5-d, then k-means) agrees with the eleven topics
  const topicIds = Int32Array.from(topics, (t) => [...new Set(topics)].indexOf(t));
  expect(adjustedRandIndex(labels, topicIds)).toBeGreaterThanOrEqual(0.85);
  // the built-in model reads English: it chose the names among c-TF-IDF's candidates
  expect(clusters.namedBy).toBe('meaning');
  await expect(page.getByRole('group', { name: 'Clusters found' })).toContainText('named by the model');
  const terms = clusters.items[astronomy.cluster]!.terms;
  expect(
    terms.some((w) => ASTRONOMY_WORDS.includes(w)),
    terms.join(' '),
  ).toBe(true);
  expect(astronomy.count).toBeGreaterThan(15);
  const name = terms.join(' · ');
  // its label is drawn over the scene (larger clusters may hide smaller ones' labels where they would overlap)
  expect((await summary(page)).scene.labels.filter((l) => l.shown).length).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect.poll(async () => (await summary(page)).camera!.target).toEqual([0, 0, 0]);
  const cameraBefore = (await summary(page)).camera!;
  await legend.getByRole('button', { name, exact: true }).click();
  await expect(list.getByRole('listitem')).toHaveCount(astronomy.size);
  // the camera flew towards the cluster
  await expect.poll(async () => (await summary(page)).camera!.target).not.toEqual(cameraBefore.target);
  // close to the cluster, its label is shown
  await expect(page.locator('.cluster-label', { hasText: name })).toBeVisible();
  // a legend toggle hides the cluster's points
  await page.getByRole('checkbox', { name: `Show ${name}` }).uncheck();
  await expect.poll(async () => (await summary(page)).scene.points.hidden).toBe(astronomy.size);
  expect((await summary(page)).colour.legend.find((g) => g.key === astronomy.cluster)!.shown).toBe(false);
});

test('names deepen with zoom: clusters far out, their parts named too as the camera comes closer, never overlapping', async ({ page }) => {
  const clusters = await demo(page);
  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect.poll(async () => (await summary(page)).camera!.target).toEqual([0, 0, 0]);
  // each cluster of twenty-odd chunks has two parts (found after the clusters are named)
  await expect.poll(async () => (await summary(page)).clusters.parts).toBeGreaterThan(clusters.items.length);
  const coarse = (await summary(page)).clusters.items.map((c) => c.terms.join(' '));
  await expect.poll(async () => (await summary(page)).labels.shown.length).toBeGreaterThan(3);
  expect((await summary(page)).labels.depth).toBe(0);
  expect((await summary(page)).labels.shown.every((name) => coarse.includes(name))).toBe(true);
  // wheel towards the middle of the scene until the finer names appear
  const canvas = (await page.locator('canvas').boundingBox())!;
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  for (let i = 0; i < 40 && (await summary(page)).labels.depth === 0; i++) await page.mouse.wheel(0, -400);
  await expect.poll(async () => (await summary(page)).labels.depth).toBe(1);
  const shown = (await summary(page)).labels.shown;
  expect(shown.filter((name) => !coarse.includes(name)).length).toBeGreaterThan(0);
  // no two names on screen overlap
  const boxes = await page
    .locator('.cluster-label')
    .evaluateAll((elements) =>
      elements.filter((e) => (e as HTMLElement).style.visibility === 'visible').map((e) => e.getBoundingClientRect().toJSON() as DOMRect),
    );
  expect(boxes.length).toBe(shown.length);
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true);
  // back out, one depth again
  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect.poll(async () => (await summary(page)).labels.depth).toBe(0);
});

test('one cluster splits in two and the others keep their chunks; HDBSCAN clusters the demo with a minimum cluster size, and k-means takes a chosen k', async ({
  page,
}) => {
  const before = await demo(page);
  const largest = before.items[0]!;
  await page.getByLabel('Cluster to split').selectOption(String(largest.id));
  await page.getByRole('button', { name: 'Split cluster' }).click();
  await expect.poll(async () => (await summary(page)).clusters.items.length).toBe(before.items.length + 1);
  const after = (await summary(page)).clusters;
  expect(after.notes.join(' ')).toContain(`“${largest.terms.join(' · ')}” (${largest.size} chunks) was split in two`);
  // the other clusters' sizes are all still there; the two left over add up to the split one
  const sizes = after.items.map((c) => c.size);
  for (const other of before.items.slice(1)) {
    expect(sizes).toContain(other.size);
    sizes.splice(sizes.indexOf(other.size), 1);
  }
  expect(sizes).toHaveLength(2);
  expect(sizes[0]! + sizes[1]!).toBe(largest.size);
  await expect(page.getByRole('group', { name: 'Clusters found' })).toContainText(`${after.items.length} clusters`);
  expect((await summary(page)).clusters.reducedDims).toBe(5);
  // on the full vectors, as clustering ran before the UMAP reduction became the default
  await page.getByLabel('Reduce with UMAP first').uncheck();
  await page.getByLabel('Clustering').selectOption('hdbscan');
  await expect.poll(async () => (await summary(page)).clusters.method).toBe('hdbscan');
  await expect.poll(async () => (await summary(page)).clusters.running).toBe(false);
  let c = (await summary(page)).clusters;
  expect(c.minClusterSize).toBe(5);
  expect(c.items.length).toBeGreaterThan(3);
  expect(c.items.every((i) => i.size >= 5)).toBe(true);
  await expect(page.getByRole('region', { name: 'Legend' })).toContainText('unclustered');
  await page.getByLabel('Minimum cluster size').fill('40');
  await page.getByRole('button', { name: 'Cluster again' }).click();
  await expect.poll(async () => (await summary(page)).clusters.minClusterSize).toBe(40);
  await expect.poll(async () => (await summary(page)).clusters.running).toBe(false);
  c = (await summary(page)).clusters;
  expect(c.items.every((i) => i.size >= 40)).toBe(true);

  await page.getByLabel('Clustering').selectOption('kmeans');
  await page.getByLabel('Number of clusters').fill('11');
  await page.getByRole('button', { name: 'Cluster again' }).click();
  await expect.poll(async () => (await summary(page)).clusters.items.length).toBe(11);
  await expect(page.getByLabel('Clusters found')).toContainText('11 clusters (k-means)');
  expect((await summary(page)).clusters.reducedDims).toBeNull();

  // reduced by UMAP first, and one cluster more in one click
  await page.getByLabel('Reduce with UMAP first').check();
  await expect(page.getByLabel('Clusters found')).toContainText('11 clusters (UMAP 5-d, k-means)');
  expect((await summary(page)).clusters.reducedDims).toBe(5);
  await page.getByRole('button', { name: 'More clusters' }).click();
  await expect(page.getByLabel('Clusters found')).toContainText('12 clusters (UMAP 5-d, k-means)');
});

test('a CSV coloured by one of its columns: categories in the legend, a numeric column on a scale with its range', async ({ page }) => {
  const rows = [
    ['Win a free cruise now, click here', 'spam', '0.97'],
    ['Lunch at noon tomorrow?', 'ham', '0.02'],
    ['Your account needs verification, send your password', 'spam', 'NaN'],
    ['The meeting notes are attached', 'ham', ''],
    ['Cheap pills without prescription', 'spam', '0.91'],
    ['Can you review my draft by Friday?', 'ham', '0.05'],
  ];
  // enough distinct scores for a numeric scale (more than a palette's worth of values)
  for (let i = 0; i < 24; i++) rows.push([`Weekly report number ${i} about the garden project`, i % 3 ? 'ham' : 'spam', String(i / 10)]);
  const file = write('scene/mail.csv', `text,label,score\n${rows.map((r) => `"${r[0]}",${r[1]},${r[2]}`).join('\n')}\n`);
  await page.goto('/');
  await page.getByLabel('Add files').setInputFiles(file);
  await waitReady(page);
  await waitClustered(page);
  const before = await settledPixels(page);
  await page.getByLabel('Colour by').selectOption({ label: 'column “label”' });
  const legend = page.getByRole('region', { name: 'Legend' });
  await expect(legend.getByRole('heading')).toHaveText('label');
  await expect(legend.getByRole('listitem')).toHaveCount(2);
  const spam = rows.filter((r) => r[1] === 'spam').length;
  await expect(legend.getByRole('listitem').filter({ hasText: 'spam' })).toContainText(String(spam));
  await expect(legend.getByRole('listitem').filter({ hasText: 'ham' })).toContainText(String(rows.length - spam));
  await expect.poll(async () => (await drawnPixels(page)).colours).not.toBe(before.colours);

  await page.getByLabel('Colour by').selectOption({ label: 'column “score”' });
  const s = await summary(page);
  expect(s.colour.range).toEqual({ min: 0, max: 2.3, missing: 2 });
  await expect(legend).toContainText('grey: 2 without a number');
  await expect(legend.getByLabel('Range')).toContainText('2.3');
});

test('text search highlights the matching chunks, dims the rest and says how many matched; words match at their start, marked in the chunk', async ({
  page,
}) => {
  await demo(page);
  // each word of the search begins a word of the chunk: "sun" finds "sunlight", not "tsunami"
  const startsWord = (word: string) => new RegExp(`(?<![\\p{L}\\p{N}])${word}`, 'iu');
  const expected = demoChunks().filter((c) => startsWord('black').test(c.text) && startsWord('hole').test(c.text)).length;
  expect(expected).toBeGreaterThan(0);
  await page.getByLabel('Search chunks').fill('Black HOLE');
  await expect(page.getByText(`${expected} of 227 chunks match`)).toBeVisible();
  await expect.poll(async () => (await summary(page)).scene.points).toEqual({ bright: expected, dimmed: 227 - expected, hidden: 0 });
  // inside a word is no match: the demo's tsunami chunks hold "sun" but not as a word's start
  const inside = demoChunks().filter((c) => /sun/i.test(c.text)).length;
  const sun = demoChunks().filter((c) => startsWord('sun').test(c.text)).length;
  expect(sun).toBeLessThan(inside);
  await page.getByLabel('Search chunks').fill('sun');
  await expect(page.getByText(`${sun} of 227 chunks match`)).toBeVisible();
  await page.getByLabel('Search chunks').press('Escape');
  await expect.poll(async () => (await summary(page)).scene.points.dimmed).toBe(0);
  // the open chunk marks where the words are
  await page.getByLabel('Search chunks').fill('Black HOLE');
  await page.getByLabel('Query', { exact: true }).fill('How do black holes form?');
  await page.getByLabel('Query', { exact: true }).press('Enter');
  await page.getByRole('region', { name: 'Results' }).getByRole('button', { name: /^#1/ }).click();
  const marks = page
    .getByRole('complementary', { name: 'Open chunk' })
    .or(page.getByRole('region', { name: 'Open chunk' }))
    .locator('blockquote mark');
  await expect(marks.first()).toBeVisible();
  expect((await marks.allTextContents()).map((t) => t.toLowerCase())).toEqual(expect.arrayContaining(['black', 'hole']));
});

test('a shift-drag lasso selects the chunks inside it; show only the selection, clear; a box too', async ({ page }) => {
  await demo(page);
  await settledPixels(page);
  const canvas = (await page.locator('canvas').boundingBox())!;
  // a rectangle drawn as a lasso, over the middle of the scene
  const rectangle = [canvas.x + canvas.width * 0.3, canvas.y + canvas.height * 0.35, canvas.x + canvas.width * 0.6, canvas.y + canvas.height * 0.7];
  const inside = await pointsInside(page, rectangle);
  expect(inside.length).toBeGreaterThan(5);
  await drawLasso(page, rectangle);
  let selection = (await summary(page)).selection;
  expect(selection.label).toBe('Lasso');
  expect(selection.indices).toEqual(inside);
  const list = page.getByRole('region', { name: 'Selection list' });
  await expect(list.getByRole('heading')).toContainText(`Lasso: ${inside.length} chunks`);
  // the camera did not turn while the lasso was drawn
  expect((await summary(page)).camera!.position[0]).toBeCloseTo(0, 5);

  await list.getByRole('button', { name: 'Show only the selection' }).click();
  await expect.poll(async () => (await summary(page)).scene.points.hidden).toBe(227 - inside.length);
  await list.getByRole('button', { name: 'Clear selection' }).click();
  await expect(list).toBeHidden();
  await expect.poll(async () => (await summary(page)).scene.points.hidden).toBe(0);

  // b switches to a box: a drag from one corner to the other
  await page.keyboard.press('b');
  await page.keyboard.down('Shift');
  const [left, top, right, bottom] = rectangle as [number, number, number, number];
  await page.mouse.move(left, top);
  await page.mouse.down();
  await page.mouse.move(right, bottom, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  selection = (await summary(page)).selection;
  expect([selection.label, selection.indices]).toEqual(['Box', inside]);
});

test('? opens the keyboard shortcuts; Escape closes them; t switches to the light theme', async ({ page }) => {
  await demo(page);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('shift-drag');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  const dark = await drawnPixels(page);
  await page.keyboard.press('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('button', { name: 'Light theme' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await drawnPixels(page)).colours).not.toBe(dark.colours);
  // the choice lasts
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the 2-D view is an orthographic map: drag pans, it does not turn', async ({ page }) => {
  await demo(page);
  await page.getByLabel('View').selectOption('2');
  await page.getByRole('button', { name: 'Run layout' }).click();
  await waitReady(page);
  await expect.poll(async () => (await summary(page)).camera?.orthographic).toBe(true);
  const before = (await summary(page)).camera!;
  const canvas = (await page.locator('canvas').boundingBox())!;
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width / 2 + 120, canvas.y + canvas.height / 2 + 40, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => (await summary(page)).camera!.target[0]).not.toBeCloseTo(before.target[0]!, 3);
  const after = (await summary(page)).camera!;
  // panned: the camera still looks straight down its axis
  expect(after.position[0]! - after.target[0]!).toBeCloseTo(0, 3);
  expect(after.position[1]! - after.target[1]!).toBeCloseTo(0, 3);
});

test('one point, two points and identical points: one cluster each time, with the reason, and the scene still works', async ({ page }) => {
  await page.goto('/');
  const paste = async (text: string) => {
    const before = (await summary(page)).corpusVersion;
    await page.getByLabel('Paste text').fill(text);
    await page.getByRole('button', { name: 'Add text' }).click();
    await expect.poll(async () => (await summary(page)).corpusVersion).toBeGreaterThan(before);
    await waitReady(page);
    return waitClustered(page);
  };
  let c = await paste('A single lonely paragraph about lighthouses.');
  expect([c.items.length, c.items[0]!.size]).toEqual([1, 1]);
  expect(c.notes[0]).toMatch(/1 point forms one cluster: clusters need at least 4 points/);
  await expect(page.getByRole('note').filter({ hasText: 'clusters need at least 4 points' }).first()).toBeVisible();
  c = await paste('A second paragraph, about harbours.');
  expect(c.items.map((i) => i.size)).toEqual([2]);
  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('button', { name: 'Yes, clear' }).click();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(0);
  c = await paste(Array.from({ length: 6 }, () => 'The same sentence, again and again.').join('\n\n'));
  expect(c.items.map((i) => i.size)).toEqual([6]);
  expect(c.notes).toEqual(['All points are alike: one cluster.']);
  // search and the legend still answer
  await page.getByLabel('Search chunks').fill('again');
  await expect(page.getByText('6 of 6 chunks match')).toBeVisible();
});

test('50,000 points with a column of 50,000 distinct values: "too many values to colour", not a 50,000-entry legend', async ({ page }) => {
  test.setTimeout(240_000);
  const rows = 50_000;
  const dims = 8;
  const vectors: string[] = [];
  // the first column labels the points (their text); the others are metadata
  const metadata = ['name\tid\tgroup\tscore'];
  for (let r = 0; r < rows; r++) {
    const g = r % 10;
    vectors.push(
      Array.from({ length: dims }, (_, j) => (j === g % dims ? 1 : 0) + ((r * 7919 + j * 104729) % 1000) / 5000)
        .map((x) => x.toFixed(4))
        .join('\t'),
    );
    metadata.push(`point ${r}\trow-${r}\tgroup ${g}\t${r % 97 === 0 ? '' : (r % 1000) / 10}`);
  }
  const files = [write('scene/many/vectors.tsv', `${vectors.join('\n')}\n`), write('scene/many/metadata.tsv', `${metadata.join('\n')}\n`)];
  await page.goto('/');
  await page.getByLabel('Add files').setInputFiles(files);
  await waitReady(page);
  const c = await waitClustered(page);
  expect(c.items.reduce((n, i) => n + i.size, 0)).toBe(rows);
  await page.getByLabel('Colour by').selectOption({ label: 'column “id”' });
  const legend = page.getByRole('region', { name: 'Legend' });
  await expect(legend).toContainText('50,000 different values: too many values to colour');
  await expect(legend.getByRole('listitem')).toHaveCount(0);
  expect((await summary(page)).colour.tooManyValues).toBe(rows);
  await page.getByLabel('Colour by').selectOption({ label: 'column “group”' });
  await expect(legend.getByRole('listitem')).toHaveCount(10);
  await page.getByLabel('Colour by').selectOption({ label: 'column “score”' });
  expect((await summary(page)).colour.range).toEqual({ min: 0, max: 99.9, missing: Math.ceil(rows / 97) });
  // the Columns panel charts the id column as too many values, not 50,000 bars; the score as a histogram
  const columns = page.getByRole('region', { name: 'Columns' });
  await expect(columns.getByRole('group', { name: 'id' })).toContainText('Too many values to chart: 50,000 distinct.');
  expect((await summary(page)).filters.columns.map((col) => [col.name, col.kind])).toEqual([
    ['id', 'too-many'],
    ['group', 'category'],
    ['score', 'number'],
  ]);
});

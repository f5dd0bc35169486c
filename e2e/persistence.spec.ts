import { writeNpy } from '../src/core/ingest/npy';
import { seededRandom } from '../src/core/random';
import { FIXTURES, write, writeCorpusFolder } from './fixtures/folder';
import { drawnPixels, expect, summary, test, vectorFiles, waitClustered, waitReady, waitSaved } from './fixtures';

test.beforeAll(() => {
  writeCorpusFolder();
});

test('the workspace survives a reload without embedding again; Clear workspace empties it; cached vectors outlive it', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Add folder').setInputFiles(`${FIXTURES}/corpus`);
  await waitReady(page);
  await page.getByLabel('Query').fill('comet tails');
  await page.getByLabel('Query').press('Enter');
  await expect.poll(async () => (await summary(page)).query.results.length).toBe(5);
  // the view: three clusters asked for, and one of them hidden in the legend
  await waitClustered(page);
  await page.getByLabel('Number of clusters').fill('3');
  await page.getByRole('button', { name: 'Cluster again' }).click();
  await expect(page.getByLabel('Clusters found')).toContainText('3 clusters');
  const clusters = await waitClustered(page);
  const hidden = (await summary(page)).colour.legend[0]!;
  await page.getByRole('checkbox', { name: `Show ${hidden.name}` }).uncheck();
  await expect.poll(async () => (await summary(page)).scene.points.hidden).toBe(hidden.count);
  await waitSaved(page);
  const before = await summary(page);
  expect(before.embeddedCount).toBe(27);

  await page.reload();
  await expect(page.getByRole('note').filter({ hasText: /Restored the workspace saved .*: 27 chunks from 10 sources, nothing embedded again/ })).toBeVisible();
  await waitReady(page);
  const after = await summary(page);
  expect(after.restored).toBe(true);
  expect(after.embeddedCount).toBe(0);
  expect(after.sources).toEqual(before.sources);
  expect(after.query.text).toBe('comet tails');
  expect(after.query.results).toEqual(before.query.results);
  // the view came back with it: the same three clusters, the same one hidden
  const restoredClusters = await waitClustered(page);
  expect(restoredClusters.items.map((c) => [c.size, c.terms])).toEqual(clusters.items.map((c) => [c.size, c.terms]));
  expect((await summary(page)).colour.legend.find((g) => g.key === hidden.key)?.shown).toBe(false);
  await expect.poll(async () => (await summary(page)).scene.points.hidden).toBe(hidden.count);
  await expect(page.getByRole('checkbox', { name: `Show ${hidden.name}` })).not.toBeChecked();
  await expect(page.getByLabel('Number of clusters')).toHaveValue('3');
  await expect.poll(async () => (await drawnPixels(page)).count).toBeGreaterThan(50);

  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('button', { name: 'Yes, clear' }).click();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(0);
  await expect(page.getByRole('status')).toContainText('Add text, drop files');
  await page.reload();
  await expect(page.getByRole('status')).toContainText('Add text, drop files');
  expect((await summary(page)).restored).toBe(false);

  // the same files again: every vector comes from the browser's embedding cache
  await page.getByLabel('Add folder').setInputFiles(`${FIXTURES}/corpus`);
  await waitReady(page);
  const again = await summary(page);
  expect([again.chunkCount, again.embeddedCount]).toEqual([27, 0]);
});

test('a big workspace’s vectors are saved in a file of the site’s own, replaced by the next save, kept while a shared view is open, and gone with Clear workspace', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const random = seededRandom(3);
  const npy = (name: string, rows: number) =>
    write(
      `persistence/${name}`,
      writeNpy(
        Float32Array.from({ length: rows * 384 }, () => random() - 0.5),
        rows,
        384,
      ),
    );
  // a link to the demo's picture, to open over the workspace later
  await page.goto('/?demo');
  await waitReady(page);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByRole('group', { name: 'Share this view' }).getByLabel('Vectors in the link').selectOption('none');
  const link = await page.getByLabel('Share link').inputValue();
  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('button', { name: 'Yes, clear' }).click();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(0);
  await page.goto('/');

  await page.getByLabel('Add files').setInputFiles(npy('first.npy', 12_000));
  await waitReady(page);
  await waitSaved(page);
  const [first] = await vectorFiles(page);
  expect(await vectorFiles(page)).toEqual([{ name: first!.name, bytes: 12_000 * 384 * 4 }]);
  expect((await summary(page)).saves.vectorsIn).toBe('file');
  await page.reload();
  await expect(
    page.getByRole('note').filter({ hasText: /Restored the workspace saved .*: 12,000 chunks from 1 sources, nothing embedded again/ }),
  ).toBeVisible();
  await waitReady(page);
  expect([(await summary(page)).chunkCount, (await summary(page)).dims]).toEqual([12_000, 384]);

  // a second file joins it: the new save's file replaces the first
  await page.getByLabel('Add files').setInputFiles(npy('second.npy', 6_000));
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(18_000);
  await waitReady(page);
  await waitSaved(page);
  const files = await vectorFiles(page);
  expect(files).toHaveLength(1);
  expect(files[0]!.bytes).toBe(18_000 * 384 * 4);
  expect(files[0]!.name).not.toBe(first!.name);

  // a shared view replaces the workspace: its file is kept, and the workspace comes back from it
  await page.goto(link);
  await waitReady(page);
  await waitSaved(page);
  expect(await vectorFiles(page)).toEqual(files);
  await page.getByRole('button', { name: 'Bring back my workspace' }).click();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(18_000);
  await waitReady(page);
  await waitSaved(page);

  await page.getByRole('button', { name: 'Clear workspace' }).click();
  await page.getByRole('button', { name: 'Yes, clear' }).click();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(0);
  await expect.poll(() => vectorFiles(page)).toEqual([]);
});

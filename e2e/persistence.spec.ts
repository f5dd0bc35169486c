import { FIXTURES, writeCorpusFolder } from './fixtures/folder';
import { drawnPixels, expect, summary, test, waitClustered, waitReady, waitSaved } from './fixtures';

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

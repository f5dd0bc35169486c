// Storage that refuses writes (a small quota for the origin): the app says the workspace will not
// survive a reload, and goes on working.
import { writeNpy } from '../src/core/ingest/npy';
import { seededRandom } from '../src/core/random';
import { write } from './fixtures/folder';
import { expect, summary, test, vectorFiles, waitReady } from './fixtures';

test('with a tiny storage quota the workspace is not saved, the page says so, and everything else works', async ({ page, context, baseURL }) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 50_000 });
  await page.goto('/?demo');
  await waitReady(page);
  await expect
    .poll(async () => (await summary(page)).notices.join('\n'))
    .toMatch(/The workspace could not be saved in this browser \(this site's storage quota is used up\); it will be lost on reload\./);
  expect((await summary(page)).chunkCount).toBe(227);
  await page.getByLabel('Query', { exact: true }).fill('How do black holes form?');
  await page.getByLabel('Query', { exact: true }).press('Enter');
  await expect.poll(async () => (await summary(page)).query.results[0]?.source).toBe('Astronomy');
  // more text is embedded and added although nothing can be cached
  await page.getByLabel('Paste text').fill('Tides rise and fall twice a day because of the moon.');
  await page.getByRole('button', { name: 'Add text' }).click();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(228);
  // said once, not at every save
  expect((await summary(page)).notices.filter((n) => n.includes('could not be saved'))).toHaveLength(1);
  expect((await summary(page)).notices.filter((n) => n.startsWith('error') && !n.includes('could not be saved'))).toEqual([]);
});

test('a big workspace over the quota: its vectors’ file is refused, the page says so, no partial file holds the space, the workspace stays, and a reload restores nothing half-saved', async ({
  page,
  context,
  baseURL,
}) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 8_000_000 });
  await page.goto('/');
  const random = seededRandom(9);
  const rows = 12_000;
  await page.getByLabel('Add files').setInputFiles(
    write(
      'storage/big.npy',
      writeNpy(
        Float32Array.from({ length: rows * 384 }, () => random() - 0.5),
        rows,
        384,
      ),
    ),
  );
  await waitReady(page);
  await expect
    .poll(async () => (await summary(page)).notices.join('\n'))
    .toMatch(/The workspace could not be saved in this browser \(this site's storage quota is used up\); it will be lost on reload\./);
  const sizes = (await vectorFiles(page)).map((file) => file.bytes);
  expect(sizes.every((size) => size === 0)).toBe(true);
  expect((await summary(page)).saves.vectorsIn).toBeNull();
  expect((await summary(page)).chunkCount).toBe(rows);
  // and a reload finds no half-saved workspace to restore
  await page.reload();
  await expect(page.getByRole('status')).toContainText('Add text, drop files');
  expect((await summary(page)).restored).toBe(false);
});

// IndexedDB that refuses writes (the origin's quota is 50 kB): the app says the workspace will not
// survive a reload, and goes on working.
import { expect, summary, test, waitReady } from './fixtures';

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

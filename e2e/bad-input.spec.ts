// Each bad input of the ingest issue, dropped into a workspace that already holds the demo
// corpus: a message that names the file and the problem, and nothing already loaded is lost.
import { test as base, type Page } from '@playwright/test';
import { writeBadInputs, writeOddEncodings, writeOneBadLine } from './fixtures/folder';
import { expect, guardOffline, guardPolicy, summary, waitReady } from './fixtures';

const test = base;
test.describe.configure({ mode: 'serial' });

let page: Page;
let check: () => void;
let checkPolicy: () => void;
let demoChunks = 0;
const bad = writeBadInputs();
const odd = writeOddEncodings();
const partly = writeOneBadLine();

test.beforeAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  page = await context.newPage();
  check = await guardOffline(context, page, [new URL(baseURL!).origin]);
  checkPolicy = await guardPolicy(context, page);
  await page.goto('/?demo');
  await waitReady(page);
  demoChunks = (await summary(page)).chunkCount;
});

test.afterAll(async () => {
  check();
  checkPolicy();
  await page.context().close();
});

for (const input of bad) {
  test(`${input.name} is refused by name and the workspace stays`, async () => {
    const alerts = page.getByRole('alert');
    await page.getByLabel('Add files').setInputFiles(input.path);
    await expect(alerts.filter({ hasText: input.message })).toBeVisible();
    await waitReady(page);
    const s = await summary(page);
    expect(s.chunkCount).toBe(demoChunks);
    await page
      .getByRole('button', { name: 'Dismiss' })
      .first()
      .click()
      .catch(() => {});
  });
}

test('UTF-16 with a byte-order mark and Latin-1 text are read, with a note saying how', async () => {
  await page.getByLabel('Add files').setInputFiles([odd.utf16, odd.latin1]);
  await expect(page.getByRole('note').filter({ hasText: 'utf16.txt: read as UTF-16' })).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'latin1.txt: not valid UTF-8, so it was read as Latin-1' })).toBeVisible();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(demoChunks + 2);
  await waitReady(page);
  const texts = (await summary(page)).sources.map((s) => s.name);
  expect(texts).toEqual(expect.arrayContaining(['utf16.txt', 'latin1.txt']));
  // the decoded texts are searchable as written
  await page.getByLabel('Query').fill('café crème brûlée');
  await page.getByLabel('Query').press('Enter');
  await expect
    .poll(async () => (await summary(page)).query.results.map((r) => r.text))
    .toEqual(expect.arrayContaining(['Niño and crème brûlée under the stars.', 'Café au lait on the observatory terrace.']));
  demoChunks += 2;
});

test('JSON Lines with one bad line imports the rest and names the line', async () => {
  await page.getByLabel('Add files').setInputFiles(partly);
  await expect(
    page.getByRole('note').filter({ hasText: /partly\.jsonl: 1 line is not a JSON object and was skipped: line 2 .*The other 2 were imported/ }),
  ).toBeVisible();
  await expect.poll(async () => (await summary(page)).chunkCount).toBe(demoChunks + 2);
});

import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, guardOffline, summary, test, waitClustered, waitReady, waitSaved } from './fixtures';

async function ask(page: Page, query: string): Promise<void> {
  await page.getByLabel('Query', { exact: true }).fill(query);
  await page.getByLabel('Query', { exact: true }).press('Enter');
  await waitReady(page);
}

/** Opens Share with these vectors and waits for the link made with them; returns it. */
async function shareLink(page: Page, vectors: 'int8' | 'reduced' | 'none'): Promise<string> {
  const panel = page.getByRole('group', { name: 'Share this view' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: 'Share', exact: true }).click();
  const before = await page.getByLabel('Share link').inputValue();
  const select = panel.getByLabel('Vectors in the link');
  if ((await select.inputValue()) !== vectors) {
    await select.selectOption(vectors);
    await expect(page.getByLabel('Share link')).not.toHaveValue(before);
  }
  return page.getByLabel('Share link').inputValue();
}

test('the demo corpus travels as its content hash; reduced vectors still answer new queries; the workspace a link replaces can come back; a picture without vectors embeds on request', async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto('/?demo');
  await waitReady(page);
  await waitClustered(page);
  await ask(page, 'How do black holes form?');
  const sent = await summary(page);

  const full = await shareLink(page, 'int8');
  expect((await summary(page)).share).toMatchObject({ referenced: true, demo: true });
  await expect(page.getByRole('group', { name: 'Share this view' })).toContainText('the demo corpus by its content hash');
  await expect(page.getByLabel('Leave the chunks out')).toBeChecked();
  const none = await shareLink(page, 'none');
  const reduced = await shareLink(page, 'reduced');
  // the picture alone fits a chat message; reduced vectors cost a fraction of the full ones
  expect(none.length).toBeLessThan(8 * 1024);
  expect(reduced.length).toBeLessThan(full.length / 3);

  const context = await browser.newContext();
  const other = await context.newPage();
  const check = await guardOffline(context, other, [new URL(baseURL!).origin]);
  // the receiver has work of their own
  await other.goto('/');
  await other.getByLabel('Paste text').fill('My own notes about tide pools and the creatures in them.');
  await other.getByRole('button', { name: 'Add text' }).click();
  await waitReady(other);
  await waitSaved(other);
  const requested: string[] = [];
  context.on('request', (r) => requested.push(new URL(r.url()).pathname));
  // a fresh start on the link: the saved workspace is not loaded, and is kept all the same
  await other.goto('about:blank');
  await other.goto(reduced);
  await waitReady(other);
  const opened = other.getByRole('note').filter({ hasText: 'Opened a shared view' });
  await expect(opened).toContainText('of the demo corpus (referenced by its content hash, not carried)');
  await expect(opened).toContainText('reduced to 32 dimensions by PCA');
  await expect.poll(async () => (await summary(other)).query.results.length).toBe(sent.query.results.length);
  const got = await summary(other);
  expect([got.chunkCount, got.dims, got.reducedFrom, got.embeddedCount]).toEqual([sent.chunkCount, 32, 512, 0]);
  expect(got.sources.map((s) => s.name)).toEqual(sent.sources.map((s) => s.name));
  // the demo came from the app's own files; no model was needed to open the view
  expect(requested).toContain('/demo/corpus.md');
  expect(requested.filter((p) => p.includes('/models/'))).toEqual([]);
  // the sender's top results survive the reduction
  const top = new Set(sent.query.results.slice(0, 3).map((h) => h.index));
  expect(got.query.results.slice(0, 5).filter((h) => top.has(h.index)).length).toBeGreaterThanOrEqual(2);

  // a new query: embedded by the model here, projected into the link's 32 dimensions
  await ask(other, 'What happens when a volcano erupts?');
  const answered = await summary(other);
  expect(answered.query.text).toBe('What happens when a volcano erupts?');
  expect(answered.query.results[0]!.source).toBe('Volcanoes and earthquakes');

  await other.getByRole('button', { name: 'Bring back my workspace' }).click();
  await expect.poll(async () => (await summary(other)).chunkCount).toBe(1);
  await waitReady(other);
  expect((await summary(other)).sources[0]!.name).toMatch(/^Pasted text/);

  // the picture alone: a query offers to embed the chunks, and the shared layout stays
  await other.goto(none);
  await expect(other.getByRole('note').filter({ hasText: 'It carries no vectors' })).toBeVisible();
  await waitReady(other);
  const picture = await summary(other);
  expect([picture.chunkCount, picture.dims]).toEqual([sent.chunkCount, 0]);
  await other.getByLabel('Query', { exact: true }).fill('What happens when a volcano erupts?');
  await other.getByLabel('Query', { exact: true }).press('Enter');
  await other.getByRole('alert').filter({ hasText: 'have no vectors' }).getByRole('button', { name: 'Embed the chunks' }).click();
  await expect.poll(async () => (await summary(other)).dims).toBe(512);
  await waitReady(other);
  expect((await summary(other)).layoutMethod).toBe(picture.layoutMethod);
  await ask(other, 'What happens when a volcano erupts?');
  expect((await summary(other)).query.results[0]!.source).toBe('Volcanoes and earthquakes');
  check();
  await context.close();
});

test('a snapshot file downloads, and opens when dropped into another browser; a broken one is named and changes nothing', async ({ page, browser }) => {
  await page.goto('/?demo');
  await waitReady(page);
  await page.getByLabel('Paste text').fill('A chunk only this workspace has, so the chunks travel in the file.');
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  await waitClustered(page);
  await ask(page, 'How do black holes form?');
  const sent = await summary(page);
  await shareLink(page, 'int8');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download snapshot file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('orrery-view.orrery');
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(0, 3).toString()).toBe('o2.');
  // the link would be long: the panel says so
  await expect(page.getByRole('group', { name: 'Share this view' }).locator('.warning')).toContainText('send the snapshot file');

  const other = await browser.newPage();
  await other.goto('/');
  await other.getByLabel('Add files').setInputFiles({ name: 'orrery-view.orrery', mimeType: 'application/octet-stream', buffer: bytes });
  await waitReady(other);
  await expect(other.getByRole('note').filter({ hasText: 'Opened a shared view' })).toBeVisible();
  await expect.poll(async () => (await summary(other)).query.results.length).toBe(sent.query.results.length);
  const got = await summary(other);
  expect([got.chunkCount, got.dims, got.embeddedCount]).toEqual([sent.chunkCount, sent.dims, 0]);
  expect(got.query.results.map((h) => h.index)).toEqual(sent.query.results.map((h) => h.index));

  await other
    .getByLabel('Add files')
    .setInputFiles({ name: 'broken.orrery', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes.subarray(0, 403)) });
  await expect(other.getByRole('alert').filter({ hasText: 'broken.orrery cannot be opened: the snapshot is damaged' })).toBeVisible();
  await waitReady(other);
  expect((await summary(other)).chunkCount).toBe(sent.chunkCount);

  // that page holds the same chunks now: a link may leave them out and name them by their hash
  await page.getByLabel('Leave the chunks out').check();
  await expect.poll(async () => (await summary(page)).share).toMatchObject({ referenced: true, demo: false });
  const byHash = await page.getByLabel('Share link').inputValue();
  expect(byHash.length).toBeLessThan(new URL(byHash).origin.length + bytes.length);
  await other.goto(byHash);
  await expect(other.getByRole('note').filter({ hasText: 'of the corpus you hold (referenced by its content hash, not carried)' })).toBeVisible();
  await waitReady(other);
  expect((await summary(other)).chunkCount).toBe(sent.chunkCount);
  // a browser without that corpus is told what is missing, and keeps its own work
  const third = await browser.newPage();
  await third.goto('/?demo');
  await waitReady(third);
  await waitSaved(third);
  await third.goto(byHash);
  await expect(third.getByRole('alert').filter({ hasText: `refers to a corpus of ${sent.chunkCount} chunks that this workspace does not hold` })).toBeVisible();
  await waitReady(third);
  expect((await summary(third)).chunkCount).toBe(227);
  await third.close();
  await other.close();
});

test.describe('a #url= link', () => {
  const HOST = 'http://127.0.0.1:4391';
  test.use({ allowedOrigins: [HOST], allowInApp: false });
  let server: Server;
  let snapshot = '';
  test.beforeAll(async () => {
    server = createServer((request, response) => {
      response.setHeader('Access-Control-Allow-Origin', '*');
      if (request.url === '/view.orrery') response.end(snapshot);
      else if (request.url === '/notes.txt') response.end('Just some notes, not a view.');
      else if (request.url === '/huge.orrery') {
        response.setHeader('Content-Length', String(49 * 1024 * 1024));
        response.end(Buffer.alloc(49 * 1024 * 1024, 'A'));
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(4391, '127.0.0.1', resolve));
  });
  test.afterAll(() => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())));

  test('loads a snapshot file from the address the user hosts it at, once its host is allowed; unreachable, not a snapshot and too large are named', async ({
    page,
  }) => {
    await page.goto('/?demo');
    await waitReady(page);
    await ask(page, 'How do black holes form?');
    const sent = await summary(page);
    snapshot = new URL(await shareLink(page, 'int8')).hash.slice(1);
    await page.getByRole('button', { name: 'Close' }).click();
    // the Share panel offers the link form for a hosted file
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByLabel('Snapshot file address').fill(`${HOST}/view.orrery`);
    const hosted = await page.getByLabel('Link to the hosted snapshot').inputValue();
    expect(hosted).toContain(`#url=${encodeURIComponent(`${HOST}/view.orrery`)}`);

    // a fresh start on that link: the host must be allowed first (the page reloads and carries on)
    await page.goto(hosted);
    await page.getByRole('button', { name: `Allow ${HOST}` }).click();
    await waitReady(page);
    await expect(page.getByRole('note').filter({ hasText: 'Opened a shared view' })).toBeVisible();
    await expect.poll(async () => (await summary(page)).query.results.length).toBe(sent.query.results.length);
    expect((await summary(page)).chunkCount).toBe(sent.chunkCount);

    for (const [path, message] of [
      ['/notes.txt', 'this is not an Orrery snapshot'],
      ['/huge.orrery', 'it is too large (49 MB; a snapshot file may be 48 MB)'],
      ['/missing.orrery', 'the server answered HTTP 404'],
    ]) {
      await page.goto(`/#url=${encodeURIComponent(HOST + path)}`);
      await expect(page.getByRole('alert').filter({ hasText: `The snapshot at ${HOST}${path} cannot be opened: ${message}` })).toBeVisible();
      await waitReady(page);
      expect((await summary(page)).chunkCount).toBe(sent.chunkCount);
    }
    await new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections()));
    await page.goto(`/#url=${encodeURIComponent(`${HOST}/view.orrery`)}`);
    await expect(page.getByRole('alert').filter({ hasText: 'cannot be opened: it could not be reached' })).toBeVisible();
    expect((await summary(page)).chunkCount).toBe(sent.chunkCount);
    server.listen(4391, '127.0.0.1');
  });
});

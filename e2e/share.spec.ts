import { expect, guardOffline, summary, test, waitClustered, waitReady, waitSaved, waitSteady } from './fixtures';

test('a share link carries the view: opened in a new browser with every other origin blocked, the same points, camera, results, gold and selection, nothing embedded', async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto('/?demo');
  await waitReady(page);
  // a chunk whose text is markup: it must come back as text
  await page.getByLabel('Paste text').fill('<img src=x onerror="document.title=\'pwned\'"> is how an image tag looks.');
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  await waitClustered(page);
  await page.getByLabel('Query', { exact: true }).fill('How do black holes form?');
  await page.getByLabel('Query', { exact: true }).press('Enter');
  await waitReady(page);
  const results = page.getByRole('region', { name: 'Results' });
  await results.getByRole('button').first().click();
  await page.getByRole('button', { name: '☆ Mark as gold for this query' }).click();
  // a legend entry's chunks become the selection list
  const legend = page.getByRole('region', { name: 'Legend' });
  await legend.getByRole('listitem').nth(1).getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await summary(page)).selection.count).toBeGreaterThan(0);
  // turn the camera
  const canvas = (await page.locator('canvas').boundingBox())!;
  await page.mouse.move(canvas.x + canvas.width * 0.8, canvas.y + 60);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width * 0.8 - 150, canvas.y + 100, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => (await summary(page)).camera!.position[0]).not.toBeCloseTo(0, 2);
  // the camera comes to rest (it glides on after the drag)
  await waitSteady(async () => (await summary(page)).camera);
  const sent = await summary(page);

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByLabel('Share link').inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL}/#o2\\.[A-Za-z0-9_-]+$`));
  expect((await summary(page)).share.length).toBe(new TextEncoder().encode(link).length);
  await expect(page.getByRole('group', { name: 'Share this view' })).toContainText(`${new TextEncoder().encode(link).length.toLocaleString('en')} bytes`);

  const context = await browser.newContext();
  const other = await context.newPage();
  const check = await guardOffline(context, other, [new URL(baseURL!).origin]);
  const requested: string[] = [];
  context.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await other.goto(link);
  await waitReady(other);
  await expect(other.getByRole('note').filter({ hasText: 'Opened a shared view' })).toBeVisible();
  await expect.poll(async () => (await summary(other)).query.results.length).toBe(sent.query.results.length);
  const got = await summary(other);
  expect([got.chunkCount, got.dims, got.embeddedCount]).toEqual([sent.chunkCount, sent.dims, 0]);
  expect(got.sources.map((s) => s.name)).toEqual(sent.sources.map((s) => s.name));
  expect(got.query.text).toBe(sent.query.text);
  expect(got.query.results.map((h) => h.index)).toEqual(sent.query.results.map((h) => h.index));
  expect(got.query.gold.map((g) => g.index)).toEqual(sent.query.gold.map((g) => g.index));
  expect(got.openChunk).toBe(sent.openChunk);
  expect(got.selection.indices).toEqual(sent.selection.indices);
  expect(got.clusters.items.map((c) => c.terms)).toEqual(sent.clusters.items.map((c) => c.terms));
  expect(got.layoutMethod).toBe(sent.layoutMethod);
  for (let i = 0; i < 3; i++) {
    expect(got.camera!.position[i]!).toBeCloseTo(sent.camera!.position[i]!, 3);
    expect(got.camera!.target[i]!).toBeCloseTo(sent.camera!.target[i]!, 3);
  }
  // no model file was fetched: nothing was embedded
  expect(requested.filter((p) => p.includes('/models/'))).toEqual([]);
  // the markup chunk is text on the page, and ran nothing
  const markup = got.sources.findIndex((s) => s.name.startsWith('Pasted text'));
  expect(markup).toBeGreaterThanOrEqual(0);
  await other.getByRole('region', { name: 'Sources' }).getByRole('button', { name: got.sources[markup]!.name }).click();
  await expect(other.getByText('<img src=x onerror="document.title=\'pwned\'"> is how an image tag looks.').first()).toBeVisible();
  expect(await other.title()).not.toBe('pwned');
  check();
  await context.close();
});

test('a bad share link says what is wrong and keeps the workspace: a newer version, a damaged link', async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
  await waitSaved(page);
  for (const [fragment, message] of [
    ['#o9.AAAA', 'this snapshot is version 9, made by a newer Orrery'],
    ['#o1.q1YqS8', 'the snapshot is damaged'],
  ] as const) {
    await page.goto(`/${fragment}`);
    await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    await waitReady(page);
    expect((await summary(page)).chunkCount).toBe(227);
  }
});

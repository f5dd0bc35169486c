import type { Page } from '@playwright/test';
import { expect, summary, test, waitReady } from './fixtures';
import { FAILING_MODEL, HTML_MODEL, MIRROR, MIRRORED_MODEL, type Mirror, startMirror, TRUNCATED_MODEL } from './mirror';

test.use({ allowedOrigins: [MIRROR.slice(0, -1)] });

let mirror: Mirror;
test.beforeAll(async () => {
  mirror = await startMirror();
});
test.afterAll(async () => {
  await mirror.close();
});

async function chooseCustom(page: Page, id: string) {
  await page.getByLabel('Embedding model').selectOption('custom');
  await page.getByLabel('Model id').fill(id);
  await page.getByLabel('Pooling').selectOption('model');
  await page.getByLabel('Model mirror').fill(MIRROR);
  await page.getByRole('button', { name: 'Use model' }).click();
}

async function search(page: Page, text: string) {
  await page.getByLabel('Query').fill(text);
  await page.getByLabel('Query').press('Enter');
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('listitem')).toHaveCount(5);
}

test('a model downloads from a mirror with progress, replaces the vectors, and comes from the cache next time', async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
  await search(page, 'How do black holes form?');
  const builtIn = (await summary(page)).query.results;
  await chooseCustom(page, MIRRORED_MODEL);
  await expect(page.getByRole('status')).toContainText(/Downloading onnx\/model_quantized\.onnx: \d+\.\d \/ 7\.1 MB \(\d+%\)/);
  await expect(page.getByRole('note').last()).toContainText(`Now showing ${MIRRORED_MODEL} vectors (512-d)`);
  await waitReady(page);
  await expect(page.getByLabel('Model in use')).toContainText(`${MIRRORED_MODEL} · 512-d`);
  const s = await summary(page);
  expect(s.model).toBe(MIRRORED_MODEL);
  // the same weights under another name: the same answer to the same query
  expect(s.query.results.map((h) => h.index)).toEqual(builtIn.map((h) => h.index));
  expect(mirror.requests.some((r) => r.endsWith('onnx/model_quantized.onnx'))).toBe(true);

  const before = mirror.requests.length;
  await page.reload();
  await waitReady(page);
  await chooseCustom(page, MIRRORED_MODEL);
  await expect(page.getByRole('note').last()).toContainText(`Now showing ${MIRRORED_MODEL} vectors`);
  expect(mirror.requests.slice(before)).toEqual([]);
});

for (const [id, why] of [
  ['mirror-test/does-not-exist', /Could not load the model mirror-test\/does-not-exist from http:\/\/127\.0\.0\.1:4180\//],
  [HTML_MODEL, /Could not load the model mirror-test\/html-instead-of-json/],
  [FAILING_MODEL, /Could not load the model mirror-test\/server-error/],
  [TRUNCATED_MODEL, /Could not load the model mirror-test\/truncated-onnx/],
] as const) {
  test(`a model that cannot load (${id}) leaves the current one working`, async ({ page }) => {
    await page.goto('/?demo');
    await waitReady(page);
    await chooseCustom(page, id);
    await expect(page.getByRole('alert').last()).toContainText(why);
    await waitReady(page);
    expect((await summary(page)).model).toBe('orrery/use-lite-en');
    await search(page, 'sourdough bread');
  });
}

test('a model with a smaller input offers to re-chunk the chunks it cannot read whole', async ({ page }) => {
  await page.goto('/');
  await chooseCustom(page, MIRRORED_MODEL);
  await expect(page.getByRole('note').last()).toContainText(`${MIRRORED_MODEL} is ready`);
  // a custom model is taken to read 512 tokens: this paragraph of about 300 is one chunk
  const paragraph = Array.from(
    { length: 12 },
    (_, i) => `Step ${i + 1} of the recipe folds the dough again and leaves it to rise somewhere warm for an hour.`,
  ).join(' ');
  await page.getByLabel('Paste text').fill(paragraph);
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  expect((await summary(page)).chunkCount).toBe(1);

  await page.getByLabel('Embedding model').selectOption('orrery/use-lite-en');
  await page.getByRole('button', { name: 'Use model' }).click();
  const offer = page.getByRole('note').filter({ hasText: "1 chunks are longer than Universal Sentence Encoder lite (built in)'s 128-token input" });
  await expect(offer).toBeVisible();
  await waitReady(page);
  expect((await summary(page)).overLimit).toBe(1);
  await offer.getByRole('button', { name: 'Re-chunk to fit' }).click();
  await expect(page.getByRole('note').filter({ hasText: /Re-chunked: \d+ chunks \(before: 1\)/ })).toBeVisible();
  await waitReady(page);
  const s = await summary(page);
  expect(s.chunkCount).toBeGreaterThan(2);
  expect(s.overLimit).toBe(0);
  expect(s.model).toBe('orrery/use-lite-en');
});

test('a malformed model id is refused before any download', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Embedding model').selectOption('custom');
  await page.getByLabel('Model id').fill('https://example.com/model');
  await page.getByRole('button', { name: 'Use model' }).click();
  await expect(page.getByRole('alert')).toContainText('is not a model id of the form owner/name');
  expect(mirror.requests.filter((r) => r.includes('example'))).toEqual([]);
});

test('the model lab: space B from a mirror, by its id (the built-in weights under another name: every chunk keeps its neighbours)', async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
  const lab = page.getByRole('region', { name: 'Model lab' });
  await lab.getByRole('button', { name: 'Add a space' }).click();
  await lab.getByRole('combobox', { name: /^Space B model/ }).selectOption('other');
  await lab.getByLabel('Space B model id').fill(MIRRORED_MODEL);
  await lab.getByLabel('Space B mirror').fill(MIRROR);
  await lab.getByLabel('Space B pooling').selectOption('model');
  await lab.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect.poll(async () => (await summary(page)).lab?.spaces[1]?.model ?? null, { timeout: 60_000 }).toBe(MIRRORED_MODEL);
  await waitReady(page);
  const s = await summary(page);
  expect(mirror.requests.some((r) => r.includes(`${MIRRORED_MODEL}/`) && r.endsWith('.onnx'))).toBe(true);
  expect(s.lab!.spaces[1]!.label).toBe(`${MIRRORED_MODEL} · from ${MIRROR}`);
  // the same weights and pooling: the same neighbours, the same picture
  expect(s.lab!.neighbourOverlap.mean).toBe(1);
  expect(s.lab!.alignment!.rmsd).toBeLessThan(0.01);
  // the space on screen is still the built-in model's
  expect(s.model).toBe('orrery/use-lite-en');
});

test('the catalogue shows the prefixes a model was trained with', async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
  // e5's prefixes are recorded in the catalogue; the built-in model has none
  await page.getByLabel('Embedding model').selectOption('Xenova/multilingual-e5-small');
  await expect(page.getByText('query prefix “query: ”, passage prefix “passage: ”')).toBeVisible();
});

test.describe('a mirror the user has not allowed yet', () => {
  test.use({ allowInApp: false });

  test('choosing its model asks first, then downloads after the reload; once forgotten, a query says the host is needed again', async ({ page }) => {
    const origin = MIRROR.slice(0, -1);
    await page.goto('/');
    await page.getByLabel('Paste text').fill('Black holes form when massive stars collapse.\n\nBread rises because yeast makes gas.');
    await page.getByRole('button', { name: 'Add text' }).click();
    await waitReady(page);
    await chooseCustom(page, MIRRORED_MODEL);
    await page.getByRole('button', { name: `Allow ${origin}` }).click();
    // the page reloads with the mirror allowed, brings the workspace back and switches model
    await expect.poll(async () => (await summary(page).catch(() => undefined))?.model, { timeout: 120_000 }).toBe(MIRRORED_MODEL);
    await waitReady(page);
    expect((await summary(page)).chunkCount).toBe(2);
    await page.getByRole('button', { name: 'Forget allowed hosts' }).click();
    await expect(page.getByLabel('Allowed hosts')).toContainText('its own origin only');
    await expect.poll(async () => (await summary(page).catch(() => undefined))?.chunkCount).toBe(2);
    expect((await summary(page)).model).toBe(MIRRORED_MODEL);
    await page.getByLabel('Query', { exact: true }).fill('How do black holes form?');
    await page.getByLabel('Query', { exact: true }).press('Enter');
    await expect(page.getByRole('button', { name: `Allow ${origin}` })).toBeVisible();
    expect((await summary(page)).notices.join('\n')).toContain(`To use ${MIRRORED_MODEL}, this page must connect to ${origin}.`);
  });
});

import { expect, recordRuntimeFetches, summary, test, waitReady } from './fixtures';

test('a speed test on first use picks the batch size and shows it; the user can override it', async ({ page, context }) => {
  test.setTimeout(240_000);
  const runtimes = recordRuntimeFetches(context);
  await page.goto('/?demo');
  await waitReady(page);
  // without WebGPU only the smaller, faster WASM-only build of ONNX Runtime is fetched
  expect(runtimes).toEqual([expect.stringMatching(/^ort-wasm-simd-threaded-[\w-]+\.wasm$/)]);
  const speed = page.getByLabel('Speed test', { exact: true });
  // the demo's 227 chunks are embedded at once: a speed test would cost more than it saves
  await expect(speed).toHaveText('Speed test: runs on first use of a model (1,000 chunks or more).');
  const topics = ['orbits', 'bread', 'rivers', 'markets', 'music', 'engines', 'forests', 'proteins'];
  const rows = Array.from({ length: 1000 }, (_, i) => `Note ${i} on ${topics[i % topics.length]}: entry ${i * 7919} of the field log.`);
  await page.getByLabel('Add files').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from(`text\n${rows.join('\n')}\n`) });
  await expect(speed).toHaveText(/^Speed test: WASM, batch (8|16|32) — \d+ chunks\/s \(wasm batch \d+: \d+\/s, wasm batch \d+: \d+\/s\)$/, {
    timeout: 120_000,
  });
  await waitReady(page);
  expect((await summary(page)).chunkCount).toBe(1227);
  await page.getByLabel('Batch size').selectOption('4');
  await expect(speed).toContainText('batch 4 (yours)');
  // another chunk set embeds with the user's batch size and still gives the same vectors
  await page.getByLabel('Query').fill('black holes');
  await page.getByLabel('Query').press('Enter');
  await expect.poll(async () => (await summary(page)).query.results.length).toBe(5);
});

test('precision and Matryoshka cuts: fp16 weights re-embed, a 128-d cut is queried in 128 dimensions', async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
  await page.getByLabel('Query').fill('black holes');
  await page.getByLabel('Query').press('Enter');
  await expect.poll(async () => (await summary(page)).query.results.length).toBe(5);
  const q8 = await summary(page);
  expect(q8.dtype).toBe('q8');

  await page.getByLabel('Precision').selectOption('fp16');
  await page.getByRole('button', { name: 'Use model' }).click();
  await expect(page.getByRole('note').filter({ hasText: /Now showing .* vectors \(512-d\): 227 of 227 chunks embedded/ })).toBeVisible();
  await waitReady(page);
  const fp16 = await summary(page);
  expect(fp16.dtype).toBe('fp16');
  await expect(page.getByLabel('Model in use')).toContainText('512-d · fp16');
  // half-precision weights rank nearly the same chunks
  const shared = fp16.query.results.filter((r) => q8.query.results.some((o) => o.index === r.index)).length;
  expect(shared).toBeGreaterThanOrEqual(4);

  await page.getByLabel(/^Dimensions/).selectOption('128');
  await page.getByRole('button', { name: 'Use model' }).click();
  // the full vectors are cached: cutting them embeds nothing
  await expect(page.getByRole('note').filter({ hasText: /Now showing .* vectors \(128-d\): 0 of 227 chunks embedded/ })).toBeVisible();
  await waitReady(page);
  const cut = await summary(page);
  expect(cut.dims).toBe(128);
  expect(cut.query.results).toHaveLength(5);
  await expect(page.getByLabel('Model in use')).toContainText('128-d');
});

test('choosing WebGPU where there is none says so and keeps the current model', async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
  await page.getByLabel('Backend').selectOption('webgpu');
  await page.getByRole('button', { name: 'Use model' }).click();
  await expect(page.getByRole('alert').last()).toContainText('no WebGPU adapter');
  await waitReady(page);
  const s = await summary(page);
  expect([s.backend, s.chunkCount]).toEqual(['wasm', 227]);
});

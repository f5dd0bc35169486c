import { drawnPixels, expect, settledPixels, summary, test, waitReady } from './fixtures';
import { write } from './fixtures/folder';

/** Questions on the demo corpus, each with a sentence its answer paragraph holds. */
const QUERY_SET = [
  'query,expected_text',
  'How does a black hole form?,A black hole forms when a massive star runs out of nuclear fuel',
  'Why does bread dough rise?,Bread dough rises because yeast feeds on sugars',
  'What builds coral reefs?,Coral reefs are built by tiny animals called coral polyps',
  'How many hours of sleep do adults need?,Adults generally need seven to nine hours of sleep',
  'Why was the soil of ancient Egypt so fertile?,whose yearly flood left fertile black silt',
  'What makes a volcano erupt?,magma',
  'How do plants make food?,photosynthesis',
  'What did medieval monks copy?,manuscripts',
].join('\n');

test.beforeEach(async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
});

test('model lab: another precision, a cut and another model of the corpus, compared chunk by chunk and query by query', async ({ page }) => {
  const lab = page.getByRole('region', { name: 'Model lab' });
  const before = await summary(page);
  const other = before.dtype === 'q8' ? 'fp32' : 'q8';
  await lab.getByLabel('What space B changes').selectOption(`precision:${other}`);
  await lab.getByRole('button', { name: 'Add space B' }).click();
  await expect.poll(async () => (await summary(page)).lab !== null, { timeout: 60_000 }).toBe(true);
  await waitReady(page);
  let s = await summary(page);
  const chunks = s.chunkCount;
  // space B is the same chunks embedded again, with its own layout and clusters
  expect(s.spaces.map((x) => [x.id, x.precision, x.chunks])).toEqual([
    ['a', before.dtype, chunks],
    ['b', other, chunks],
  ]);
  const comparison = s.lab!;
  expect(comparison.spaces.b).toBe(`${other} weights`);
  expect(comparison.overlap).toHaveLength(chunks);
  // lower precision moves some neighbours, not most of them
  expect(comparison.meanOverlap).toBeGreaterThan(0.4);
  expect(comparison.meanOverlap).toBeLessThan(1);
  const listed = comparison.changedMost.map((row) => comparison.overlap[row]!);
  expect(listed).toEqual([...listed].sort((x, y) => x - y));
  expect(Math.min(...comparison.overlap)).toBe(listed[0]);
  // the same picture, up to rotation: what is left after aligning is small
  expect(comparison.residual!).toBeLessThan(0.5);
  await expect(lab.getByLabel('Neighbour overlap')).toContainText(`keep ${Math.round(100 * comparison.meanOverlap)}%`);
  // the points are coloured by what changed
  expect(s.colour.mode).toBe('overlap');
  await expect(page.getByRole('region', { name: 'Legend' })).toContainText('the same ten');

  // the chunk that changed most opens with its neighbours in both spaces, those in both marked
  await lab.getByRole('list', { name: 'Changed the most' }).getByRole('button').first().click();
  await expect.poll(async () => (await summary(page)).openChunk).toBe(comparison.changedMost[0]);
  const inA = lab.getByRole('list', { name: 'Neighbours in A' }).getByRole('listitem');
  await expect(inA).toHaveCount(10);
  const sharedCount = (await inA.allTextContents()).filter((t) => t.startsWith('●')).length;
  // Jaccard J of two lists of 10 with s shared: s / (20 − s)
  const jaccard = comparison.overlap[comparison.changedMost[0]!]!;
  expect(sharedCount).toBe(Math.round((20 * jaccard) / (1 + jaccard)));

  // the overlay draws B's points and where each chunk moved
  const plain = await drawnPixels(page);
  await lab.getByLabel('Overlay space B').check();
  await expect.poll(async () => (await drawnPixels(page)).count).toBeGreaterThan(plain.count);

  // side by side: B in a second scene whose camera follows A's, and A's follows B's
  await lab.getByLabel('Side by side').check();
  const sceneB = page.getByRole('img', { name: 'Space B' });
  await expect(sceneB).toBeVisible();
  const sceneA = page.getByRole('img', { name: 'Vector space' });
  const boxA = (await sceneA.boundingBox())!;
  const boxB = (await sceneB.boundingBox())!;
  // A's canvas gives way to B's: each has half the stage
  expect(Math.abs(boxA.width - boxB.width)).toBeLessThan(4);
  // in each scene's left part: the open chunk's panel lies over the right of the stage
  const drag = async (box: { x: number; y: number; width: number; height: number }) => {
    await page.mouse.move(box.x + box.width * 0.08, box.y + box.height * 0.6);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.18, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();
  };
  const beforeB = await sceneB.screenshot();
  await drag(boxA);
  await expect.poll(async () => (await sceneB.screenshot()).equals(beforeB)).toBe(false);
  const beforeA = await settledPixels(page);
  await drag(boxB);
  await expect.poll(async () => (await drawnPixels(page)).signature).not.toBe(beforeA.signature);
  await page.screenshot({ path: test.info().outputPath('side-by-side.png') });
  await lab.getByLabel('Side by side').uncheck();
  await expect(sceneB).toHaveCount(0);

  // a query set answered in both spaces: per-query wins and losses and an interval for MRR
  await page.getByLabel('Load evaluation set').setInputFiles(write('queries/lab-questions.csv', QUERY_SET));
  await waitReady(page);
  await lab.getByRole('button', { name: 'Compare on the query set' }).click();
  await expect(lab.getByRole('region', { name: 'Space comparison' })).toBeVisible();
  await waitReady(page);
  s = await summary(page);
  const queries = s.lab!.queries!;
  expect(queries.count).toBe(8);
  expect(queries.won.length + queries.lost.length + queries.tied.length).toBe(8);
  // space A's side is the evaluation already shown for the space on screen
  expect(queries.a.mrr).toBeCloseTo(s.evaluation!.table[0]!.mrr, 6);
  expect(queries.mrrDelta.low).toBeLessThanOrEqual(queries.mrrDelta.mean);
  expect(queries.mrrDelta.high).toBeGreaterThanOrEqual(queries.mrrDelta.mean);
  expect(queries.mrrDelta.mean).toBeCloseTo(queries.b.mrr - queries.a.mrr, 6);
  await expect(lab.getByLabel('Paired difference')).toContainText(
    `B wins ${queries.won.length}, loses ${queries.lost.length}, ties ${queries.tied.length} of 8 queries`,
  );
  await lab.screenshot({ path: test.info().outputPath('lab.png') });

  // a cut of the vectors replaces B, compared on the same questions at once (no model run)
  await lab.getByLabel('What space B changes').selectOption('dims:128');
  await lab.getByRole('button', { name: 'Add space B' }).click();
  await expect.poll(async () => (await summary(page)).lab?.spaces.b).toBe('first 128 dimensions');
  await waitReady(page);
  s = await summary(page);
  expect(s.spaces.map((x) => [x.id, x.dims])).toEqual([
    ['a', 512],
    ['b', 128],
  ]);
  expect(s.lab!.queries!.count).toBe(8);

  // another model the app serves: the word vectors, on the same questions
  await lab.getByLabel('What space B changes').selectOption('model:orrery/glove-100d');
  await lab.getByRole('button', { name: 'Add space B' }).click();
  await expect.poll(async () => (await summary(page)).lab?.spaces.b, { timeout: 60_000 }).toBe('Word vectors 100-d, mean (built in)');
  await waitReady(page);
  s = await summary(page);
  expect(s.spaces.map((x) => [x.id, x.model, x.dims])).toEqual([
    ['a', 'orrery/use-lite-en', 512],
    ['b', 'orrery/glove-100d', 100],
  ]);
  // averaged word vectors answer these questions worse than the sentence encoder, and the interval says it is not chance
  const models = s.lab!.queries!;
  expect(models.b.mrr).toBeLessThan(models.a.mrr);
  expect(models.lost.length).toBeGreaterThan(models.won.length);
  expect(models.mrrDelta.high).toBeLessThan(0);
  await expect(lab.getByLabel('Paired difference')).toContainText('A is better');
  // a different model moves most neighbourhoods
  expect(s.lab!.meanOverlap).toBeLessThan(comparison.meanOverlap);
  await page.screenshot({ path: test.info().outputPath('lab-models.png') });

  // new data on screen ends the comparison: its space goes
  await page.getByLabel('Paste text').fill('A new paragraph about lighthouses and their keepers.');
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  s = await summary(page);
  expect(s.lab).toBeNull();
  expect(s.spaces.map((x) => x.id)).toEqual(['a']);
  expect(s.colour.mode).toBe('cluster');
  await expect(lab.getByLabel('Neighbour overlap')).toHaveCount(0);
});

test('model lab: a model with token outputs pooled another way (mean against first-token), in a space of its own', async ({ page }) => {
  const lab = page.getByRole('region', { name: 'Model lab' });
  const choices = lab.getByLabel('What space B changes').locator('option');
  // USE lite pools its tokens itself: there is no pooling to choose
  expect((await choices.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).some((v) => v.startsWith('pooling:'))).toBe(false);
  await page.getByLabel('Embedding model').selectOption('orrery/glove-100d');
  await page.getByRole('button', { name: 'Use model' }).click();
  await expect.poll(async () => (await summary(page)).model, { timeout: 60_000 }).toBe('orrery/glove-100d');
  await waitReady(page);
  await lab.getByLabel('What space B changes').selectOption('pooling:cls');
  await lab.getByRole('button', { name: 'Add space B' }).click();
  await expect.poll(async () => (await summary(page)).lab?.spaces.b, { timeout: 60_000 }).toBe('cls pooling');
  await waitReady(page);
  const s = await summary(page);
  expect(s.spaces.map((x) => [x.id, x.model, x.pooling ?? 'catalogue', x.dims])).toEqual([
    ['a', 'orrery/glove-100d', 'catalogue', 100],
    ['b', 'orrery/glove-100d', 'cls', 100],
  ]);
  // a chunk's first word says little of its neighbours: most neighbourhoods change (the same vectors would keep all)
  expect(s.lab!.meanOverlap).toBeLessThan(0.6);
});

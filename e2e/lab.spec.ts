import type { Page } from '@playwright/test';
import { drawnPixels, expect, settledPixels, summary, test, waitReady, waitSaved } from './fixtures';
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

/** Opens the recipe of space B (when closed), picks what it changes, and compares it with A. */
async function compareWithSpace(
  page: Page,
  recipe: { model?: string; precision?: string; pooling?: string; dims?: string; chunking?: string; passagePrefix?: string },
) {
  const lab = page.getByRole('region', { name: 'Model lab' });
  const add = lab.getByRole('button', { name: 'Add a space' });
  if ((await add.getAttribute('aria-expanded')) !== 'true') await add.click();
  const form = lab.getByRole('group', { name: 'Space B' });
  // the model first: picking one starts its other parts from that model's defaults
  if (recipe.model) await form.getByLabel('Space B model').selectOption(recipe.model);
  if (recipe.precision) await form.getByLabel('Space B precision').selectOption(recipe.precision);
  if (recipe.pooling) await form.getByLabel('Space B pooling').selectOption(recipe.pooling);
  if (recipe.dims) await form.getByLabel('Space B dimensions').selectOption(recipe.dims);
  if (recipe.chunking) await form.getByLabel('Space B chunking').selectOption({ label: recipe.chunking });
  if (recipe.passagePrefix !== undefined) await form.getByLabel('Space B passage prefix').fill(recipe.passagePrefix);
  await form.getByRole('button', { name: 'Compare', exact: true }).click();
}

/** Triplets on the demo's topics: a question, a sentence on its topic, a sentence on another. */
const TRIPLETS = [
  'anchor,positive,negative',
  'How do stars form?,Clouds of gas and dust collapse under gravity until fusion ignites,Yeast feeds on sugar and makes bread dough rise',
  'Why do volcanoes erupt?,Magma rises through the crust and bursts out as lava and ash,Monks copied manuscripts by hand in quiet rooms',
  'How should I water tomato plants?,Water the soil deeply at the roots in the morning,The sun is a star at the centre of the solar system',
  'What lives on a coral reef?,Fish and polyps live among the reef in warm shallow seas,Adults need seven to nine hours of sleep',
  'How does sourdough bread rise?,Wild yeast and bacteria ferment the dough and make gas,Lava flows cool into black basalt rock',
  'Why do we need sleep?,Sleep lets the brain rest and store memories,Coral polyps build reefs from calcium carbonate',
  'What made ancient Egypt fertile?,The Nile flooded every year and left rich black silt on the fields,Telescopes collect light from distant galaxies',
  'Who copied books in the Middle Ages?,Medieval monks wrote out manuscripts in scriptoria,Compost feeds the soil with organic matter',
].join('\n');

test.beforeEach(async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
});

test('model lab: another precision, a cut and another model of the corpus, compared chunk by chunk and query by query', async ({ page }) => {
  const lab = page.getByRole('region', { name: 'Model lab' });
  const before = await summary(page);
  const other = before.dtype === 'q8' ? 'fp32' : 'q8';
  await compareWithSpace(page, { model: before.model, precision: other });
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
  expect(comparison.spaces.map((x) => [x.id, x.label, x.chunks])).toEqual([
    ['a', expect.stringContaining(before.dtype!), chunks],
    ['b', `${other} weights`, chunks],
  ]);
  const overlap = comparison.neighbourOverlap;
  expect(overlap.k).toBe(10);
  expect(overlap.perChunk).toHaveLength(chunks);
  // lower precision moves some neighbours, not most of them
  expect(overlap.mean).toBeGreaterThan(0.4);
  expect(overlap.mean).toBeLessThan(1);
  const listed = overlap.changedMost.map((row) => row.jaccard);
  expect(listed).toEqual([...listed].sort((x, y) => x - y));
  expect(listed).toEqual(overlap.changedMost.map((row) => overlap.perChunk[row.index]));
  expect(Math.min(...overlap.perChunk)).toBe(listed[0]);
  // the same picture, up to rotation: what is left after aligning all chunks is small
  expect(comparison.alignment).toMatchObject({ method: 'procrustes', shared: chunks });
  expect(comparison.alignment!.rmsd).toBeLessThan(0.5);
  // B is held as float16, at half of float32's bytes: the sampled chunks keep their top 10 in it
  expect(comparison.float16!.keeps).toBeGreaterThanOrEqual(0.99);
  expect(comparison.spaces.map((x) => [x.vectors, x.bytes])).toEqual([
    ['float32', chunks * s.dims * 4],
    ['float16', chunks * s.dims * 2],
  ]);
  await expect(lab.getByLabel('Space B memory')).toContainText(`B's vectors are held as float16`);
  await expect(lab.getByLabel('Neighbour overlap')).toContainText(`keep ${Math.round(100 * overlap.mean)}%`);
  await expect(lab.getByLabel('Neighbour overlap')).toContainText(`RMSD ${comparison.alignment!.rmsd.toFixed(2)}`);
  // the points are coloured by what changed
  expect(s.colour.mode).toBe('overlap');
  await expect(page.getByRole('region', { name: 'Legend' })).toContainText('the same ten');

  // the chunk that changed most opens with its neighbours in both spaces, those in both marked
  await lab.getByRole('list', { name: 'Changed the most' }).getByRole('button').first().click();
  const most = overlap.changedMost[0]!;
  await expect.poll(async () => (await summary(page)).openChunk).toBe(most.index);
  const inA = lab.getByRole('list', { name: 'Neighbours in A' }).getByRole('listitem');
  await expect(inA).toHaveCount(10);
  const sharedCount = (await inA.allTextContents()).filter((t) => t.startsWith('●')).length;
  // Jaccard J of two lists of 10 with s shared: s / (20 − s)
  const jaccard = most.jaccard;
  expect(sharedCount).toBe(Math.round((20 * jaccard) / (1 + jaccard)));

  // the overlay draws B's points and where each chunk moved
  const plain = await drawnPixels(page);
  await lab.getByLabel('Lab view').selectOption('Overlay (B aligned onto A)');
  expect((await summary(page)).lab!.view).toBe('overlay');
  await expect.poll(async () => (await drawnPixels(page)).count).toBeGreaterThan(plain.count);

  // side by side: B in a second scene whose camera follows A's, and A's follows B's
  await lab.getByLabel('Lab view').selectOption('Side by side');
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
  await lab.getByLabel('Lab view').selectOption('A only');
  await expect(sceneB).toHaveCount(0);

  // a query set answered in both spaces: per-query wins and losses and an interval for MRR
  await page.getByLabel('Load evaluation set').setInputFiles(write('queries/lab-questions.csv', QUERY_SET));
  await waitReady(page);
  await lab.getByRole('button', { name: 'Answer the query set in both spaces' }).click();
  await expect(lab.getByRole('region', { name: 'Space comparison' })).toBeVisible();
  await waitReady(page);
  s = await summary(page);
  const queries = s.lab!.evaluation!;
  expect(queries.count).toBe(8);
  const { won, lost, tied } = queries.deltas;
  expect(won.length + lost.length + tied.length).toBe(8);
  // space A's side is the evaluation already shown for the space on screen
  expect(queries.a.mrr).toBeCloseTo(s.evaluation!.table[0]!.mrr, 6);
  expect(queries.mrrInterval.low).toBeLessThanOrEqual(queries.mrrInterval.mean);
  expect(queries.mrrInterval.high).toBeGreaterThanOrEqual(queries.mrrInterval.mean);
  expect(queries.mrrInterval.mean).toBeCloseTo(queries.b.mrr - queries.a.mrr, 6);
  await expect(lab.getByLabel('Paired difference')).toContainText(`B wins ${won.length}, loses ${lost.length}, ties ${tied.length} of 8 queries`);
  await lab.screenshot({ path: test.info().outputPath('lab.png') });

  // a cut of the vectors replaces B, compared on the same questions at once (no model run)
  await compareWithSpace(page, { model: before.model, dims: '128' });
  await expect.poll(async () => (await summary(page)).lab?.spaces[1]?.label).toBe('first 128 dimensions');
  await waitReady(page);
  s = await summary(page);
  expect(s.spaces.map((x) => [x.id, x.dims])).toEqual([
    ['a', 512],
    ['b', 128],
  ]);
  expect(s.lab!.evaluation!.count).toBe(8);

  // another chunking of the same documents: its chunks matched to A's by the characters they cover
  await compareWithSpace(page, { model: before.model, chunking: 'sentences grouped up to 300 characters' });
  await expect.poll(async () => (await summary(page)).lab?.spaces[1]?.label, { timeout: 60_000 }).toBe('chunks: sentences grouped up to 300 characters');
  await waitReady(page);
  s = await summary(page);
  const sentences = s.spaces[1]!;
  expect(sentences.chunking.strategy).toBe('sentence');
  expect(sentences.chunks).not.toBe(chunks);
  // every chunk of B shares characters with one of A: the pictures are aligned over all of B's chunks
  expect(s.lab!.alignment!.shared).toBe(sentences.chunks);
  expect(s.lab!.neighbourOverlap.perChunk).toHaveLength(chunks);
  // the questions' expected texts are found again among the sentences: both chunkings answer all eight
  const chunkings = s.lab!.evaluation!;
  expect(chunkings.count).toBe(8);
  expect(chunkings.b.hit5).toBeGreaterThan(0);
  await expect(lab.getByLabel('Paired difference')).toContainText('of 8 queries');

  // another model the app serves: the word vectors, on the same questions
  await compareWithSpace(page, { model: 'orrery/glove-100d' });
  await expect.poll(async () => (await summary(page)).lab?.spaces[1]?.label, { timeout: 60_000 }).toBe('Word vectors 100-d, mean (built in)');
  await waitReady(page);
  s = await summary(page);
  expect(s.spaces.map((x) => [x.id, x.model, x.dims])).toEqual([
    ['a', 'orrery/use-lite-en', 512],
    ['b', 'orrery/glove-100d', 100],
  ]);
  // averaged word vectors answer these questions worse than the sentence encoder, and the interval says it is not chance
  const models = s.lab!.evaluation!;
  expect(models.b.mrr).toBeLessThan(models.a.mrr);
  expect(models.deltas.lost.length).toBeGreaterThan(models.deltas.won.length);
  expect(models.mrrInterval.high).toBeLessThan(0);
  await expect(lab.getByLabel('Paired difference')).toContainText('A is better');
  // a different model moves most neighbourhoods
  expect(s.lab!.neighbourOverlap.mean).toBeLessThan(overlap.mean);

  // the query on screen in both spaces: B's hits, each with its rank in A's answer
  await page.getByLabel('Query', { exact: true }).fill('How does a black hole form?');
  await page.getByLabel('Query', { exact: true }).press('Enter');
  await page.getByText('Retriever settings').click();
  await page.getByLabel('Compare with').selectOption('space:');
  await expect.poll(async () => (await summary(page)).lab?.query?.b.length ?? 0).toBeGreaterThan(0);
  const answered = (await summary(page)).lab!.query!;
  const rankInA = new Map(answered.a.map((h) => [h.index, h.rank]));
  expect(answered.b.map((h) => h.rankInA)).toEqual(answered.b.map((h) => rankInA.get(h.index) ?? null));
  await expect(page.getByRole('region', { name: 'Comparison', exact: true })).toContainText('space B (Word vectors 100-d');
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

test('model lab: a model with token outputs pooled another way (mean against first-token), in a space of its own; labelled pairs; a share link', async ({
  page,
  browser,
}) => {
  const lab = page.getByRole('region', { name: 'Model lab' });
  await lab.getByRole('button', { name: 'Add a space' }).click();
  await lab.getByLabel('Space B model').selectOption('orrery/use-lite-en');
  // USE lite pools its tokens itself: there is no pooling to choose
  await expect(lab.getByLabel('Space B pooling')).toBeDisabled();
  await page.getByLabel('Embedding model').selectOption('orrery/glove-100d');
  await page.getByRole('button', { name: 'Use model' }).click();
  await expect.poll(async () => (await summary(page)).model, { timeout: 60_000 }).toBe('orrery/glove-100d');
  await waitReady(page);
  await compareWithSpace(page, { model: 'orrery/glove-100d', pooling: 'cls' });
  await expect.poll(async () => (await summary(page)).lab?.spaces[1]?.label, { timeout: 60_000 }).toBe('cls pooling');
  await waitReady(page);
  const s = await summary(page);
  expect(s.spaces.map((x) => [x.id, x.model, x.pooling ?? 'catalogue', x.dims])).toEqual([
    ['a', 'orrery/glove-100d', 'catalogue', 100],
    ['b', 'orrery/glove-100d', 'cls', 100],
  ]);
  // a chunk's first word says little of its neighbours: most neighbourhoods change (the same vectors would keep all)
  expect(s.lab!.neighbourOverlap.mean).toBeLessThan(0.6);

  // a passage prefix chosen for space B alone: its words join every chunk's mean, and some neighbourhoods move
  await compareWithSpace(page, { model: 'orrery/glove-100d', passagePrefix: 'an encyclopedia article about ' });
  await expect
    .poll(async () => (await summary(page)).lab?.spaces[1]?.label, { timeout: 60_000 })
    .toBe('prefixes “” (queries), “an encyclopedia article about ” (passages)');
  await waitReady(page);
  const prefixed = (await summary(page)).lab!;
  expect(prefixed.neighbourOverlap.mean).toBeGreaterThan(0.3);
  expect(prefixed.neighbourOverlap.mean).toBeLessThan(1);
  await compareWithSpace(page, { model: 'orrery/glove-100d', passagePrefix: '', pooling: 'cls' });
  await expect.poll(async () => (await summary(page)).lab?.spaces[1]?.label, { timeout: 60_000 }).toBe('cls pooling');
  await waitReady(page);

  // the user's triplets, measured in both spaces: averaged words tell topics apart, a first word hardly does
  await lab.getByLabel('Add labelled pairs').setInputFiles(write('pairs/triplets.csv', TRIPLETS));
  await expect.poll(async () => (await summary(page)).lab?.pairs?.n ?? 0, { timeout: 30_000 }).toBe(8);
  await waitReady(page);
  const pairs = (await summary(page)).lab!.pairs!;
  expect(pairs).toMatchObject({ file: 'triplets.csv', format: 'triplets', usable: 8 });
  expect(pairs.a.tripletAccuracy).toBeGreaterThanOrEqual(0.75);
  expect(pairs.b.tripletAccuracy).toBeLessThan(pairs.a.tripletAccuracy!);
  const table = lab.getByRole('table', { name: 'Pairs in both spaces' });
  await expect(table.getByRole('row', { name: /Triplet accuracy/ })).toContainText(
    `${pairs.a.tripletAccuracy!.toFixed(3)}${pairs.b.tripletAccuracy!.toFixed(3)}`,
  );
  // the rows each space gets wrong open to show all three texts
  const worstInB = lab.getByRole('list', { name: 'Worst pairs in B' }).getByRole('listitem');
  await expect(worstInB).toHaveCount(Math.round(8 * (1 - pairs.b.tripletAccuracy!)));
  expect(pairs.worst.b).toHaveLength(Math.round(8 * (1 - pairs.b.tripletAccuracy!)));
  await expect(worstInB.first()).toContainText(`line ${pairs.worst.b[0]}`);
  await worstInB.first().locator('summary').click();
  await expect(worstInB.first()).toContainText('not: ');
  // and are drawn in A's picture: green to the positive, red to the negative, for each row either space gets wrong
  const lines = (await summary(page)).scene.pairLines;
  expect(lines.positive).toBe(new Set([...pairs.worst.a, ...pairs.worst.b]).size);
  expect(lines.negative).toBe(lines.positive);
  await page.screenshot({ path: test.info().outputPath('lab-pairs.png') });

  // a file without the columns of any shape is refused by name, and the measures stay
  await lab.getByLabel('Add labelled pairs').setInputFiles(write('pairs/wrong.csv', 'question_text,answer_text\na,b\n'));
  await expect.poll(async () => (await summary(page)).notices.join('\n')).toContain('wrong.csv: it has none of the labelled-pair shapes');
  expect((await summary(page)).lab!.pairs!.file).toBe('triplets.csv');

  // a share link carries space B's recipe and the lab's view: the receiver makes B again and shows it the same way
  await lab.getByLabel('Lab view').selectOption('Side by side');
  const sent = (await summary(page)).lab!;
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const link = await page.getByLabel('Share link').inputValue();
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(link);
  await expect.poll(async () => (await summary(other)).lab?.view ?? null, { timeout: 60_000 }).toBe('side-by-side');
  await waitReady(other);
  const got = (await summary(other)).lab!;
  expect(got.spaces[1]).toMatchObject({ model: 'orrery/glove-100d', pooling: 'cls', dims: 100, chunks: sent.spaces[1]!.chunks });
  // A's vectors came as int8: neighbourhoods may move a little, not much
  expect(Math.abs(got.neighbourOverlap.mean - sent.neighbourOverlap.mean)).toBeLessThan(0.1);
  await expect(other.getByRole('img', { name: 'Space B' })).toBeVisible();
  await context.close();

  // the workspace kept in this browser keeps the comparison: space B is made again from its recipe, shown as it was
  await waitSaved(page);
  await page.goto('/');
  await expect(page.getByRole('note').filter({ hasText: /Restored the workspace/ })).toBeVisible();
  await expect.poll(async () => (await summary(page)).lab?.view ?? null, { timeout: 60_000 }).toBe('side-by-side');
  await waitReady(page);
  expect((await summary(page)).lab!.spaces[1]).toMatchObject({ model: 'orrery/glove-100d', pooling: 'cls', chunks: sent.spaces[1]!.chunks });
});

import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, summary, test, waitReady } from './fixtures';
import { write } from './fixtures/folder';

/** Questions on the demo corpus, each with a sentence its answer paragraph holds (and one by chunk id). */
const QUERY_SET = [
  'query,expected_text,expected_ids',
  'How does a black hole form?,A black hole forms when a massive star runs out of nuclear fuel,',
  'Why does bread dough rise?,Bread dough rises because yeast feeds on sugars,',
  'What builds coral reefs?,Coral reefs are built by tiny animals called coral polyps,',
  'How many hours of sleep do adults need?,Adults generally need seven to nine hours of sleep,',
  'Why was the soil of ancient Egypt so fertile?,whose yearly flood left fertile black silt,',
  'Where do most earthquakes happen?,,Volcanoes and earthquakes#1',
  // problems the evaluation names and skips
  ',A black hole forms,',
  'Why does bread dough rise?,Bread dough rises because yeast feeds on sugars,',
  'What is a neutron star?,,Astronomy#999',
].join('\n');

async function search(page: Page, text: string) {
  await page.getByLabel('Query', { exact: true }).fill(text);
  await page.getByLabel('Query', { exact: true }).press('Enter');
  // answered: this query is in and no task is left (an earlier query's results would already be listed)
  await expect
    .poll(async () => {
      const s = await summary(page);
      return s.query.text === text && s.tasks === 0;
    })
    .toBe(true);
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('listitem')).not.toHaveCount(0);
}

async function retriever(page: Page, name: 'dense' | 'bm25' | 'hybrid') {
  const settings = page.getByText('Retriever settings');
  if (!(await page.getByRole('combobox', { name: /^Retriever/ }).isVisible())) await settings.click();
  await page.getByRole('combobox', { name: /^Retriever/ }).selectOption(name);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/?demo');
  await waitReady(page);
});

test('the retrieval path: a line to each hit, the next ranks faint, each hit with its rank under every retriever', async ({ page }) => {
  await search(page, 'How do black holes form?');
  await retriever(page, 'hybrid');
  await expect.poll(async () => (await summary(page)).query.retriever).toBe('hybrid');
  await expect.poll(async () => (await summary(page)).scene.pathLines.length).toBe(8);
  const s = await summary(page);
  expect(s.query.results).toHaveLength(5);
  expect(s.query.beyond.map((h) => h.rank)).toEqual([6, 7, 8]);
  // the lines follow the ranks: solid to the top five, faint beyond the cut, widest for the best
  expect(s.scene.pathLines.map((l) => [l.rank, l.index, l.faint])).toEqual([...s.query.results, ...s.query.beyond].map((h, i) => [h.rank, h.index, i >= 5]));
  expect(s.scene.pathLines[0]!.width).toBeGreaterThan(s.scene.pathLines[4]!.width);
  // each hit's standing: fused rank and score are the hybrid retriever's, and dense and BM25 ranks agree with their own lists
  for (const hit of s.query.results) {
    expect(hit.hybrid.rank).toBe(hit.rank);
    const dense = s.query.byRetriever!['dense']!.find((h) => h.index === hit.index);
    if (dense) expect(hit.dense.rank).toBe(dense.rank);
    expect(['dense', 'bm25', 'both', 'neither']).toContain(hit.foundBy);
  }
  const kinds = new Set(s.query.results.map((h) => h.foundBy));
  expect(kinds.has('both')).toBe(true);
  await expect(page.getByRole('region', { name: 'Below the cut' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('region', { name: 'Results' }).getByLabel('Ranks by retriever').first()).toContainText(/dense #\d+ \(0\.\d{3}\) · BM25 #\d+/);
  // a context budget of 100 tokens: the hits past it are marked
  await page.getByLabel('Context budget (tokens)').fill('100');
  await expect(page.getByRole('region', { name: 'Results' }).getByText('over the context budget').first()).toBeVisible();
});

test('a gold chunk shows its rank under each retriever, its true similarity, and what outranked it', async ({ page }) => {
  await search(page, 'How do black holes form?');
  const s = await summary(page);
  // a chunk from another topic: missed by every retriever
  const egypt = s.sources.findIndex((source) => source.name === 'Ancient Egypt');
  expect(egypt).toBeGreaterThan(0);
  await page.getByRole('region', { name: 'Sources' }).getByRole('button', { name: 'Ancient Egypt' }).click();
  await page.getByRole('list', { name: 'Chunks of Ancient Egypt' }).getByRole('button').first().click();
  await page.getByRole('button', { name: '☆ Mark as gold for this query' }).click();
  const gold = page.getByRole('region', { name: 'Gold chunks' });
  await expect(gold).toContainText(/Missed/);
  await expect(gold.getByLabel('Gold ranks')).toContainText(
    /dense #\d+ \(-?0\.\d{3}\) · BM25 (#\d+ \(\d+\.\d{3}\)|not retrieved) · hybrid (#\d+ \(0\.\d{3}\)|not retrieved) · true cosine similarity -?0\.\d{3}/,
  );
  await expect(gold.getByLabel('Outranked by')).toBeVisible();
  const marked = (await summary(page)).query.gold[0]!;
  expect(marked.dense.rank).toBeGreaterThan(5);
  expect(marked.outrankedBy.slice(0, 5)).toEqual(s.query.results.map((h) => h.index));
  // the top hit marked gold: returned at #1, its dense rank 1
  await page.getByRole('region', { name: 'Results' }).getByRole('button', { name: 'Mark as gold' }).first().click();
  await expect(gold).toContainText('Returned at #1');
  const both = (await summary(page)).query.gold;
  expect(both.find((g) => g.index === s.query.results[0]!.index)).toMatchObject({ answerRank: 1, dense: { rank: 1 } });
});

test('two retrievers side by side, earlier queries, and what binary vectors change', async ({ page }) => {
  await search(page, 'How do volcanoes erupt?');
  await search(page, 'Why does bread dough rise?');
  expect((await summary(page)).query.history).toEqual(['Why does bread dough rise?', 'How do volcanoes erupt?']);
  await retriever(page, 'dense');
  await page.getByRole('combobox', { name: /^Compare with/ }).selectOption('retriever:bm25');
  const comparison = page.getByRole('region', { name: 'Comparison' });
  await expect(comparison).toContainText(/Compared with bm25 retriever: \d of 5 shared/);
  const s = await summary(page);
  expect(s.query.comparison!.indices).toEqual(s.query.byRetriever!['bm25']!.map((h) => h.index));
  // an earlier query beside this one
  await page.getByRole('combobox', { name: /^Compare with/ }).selectOption('query:How do volcanoes erupt?');
  await expect(comparison).toContainText('Compared with “How do volcanoes erupt?”: 0 of 5 shared');
  // binary vectors: each hit says where full float vectors rank it
  await page.getByRole('combobox', { name: /^Vectors as/ }).selectOption('binary:');
  await expect.poll(async () => (await summary(page)).query.variant).toBe('binary');
  await expect(page.getByRole('region', { name: 'Results' }).getByLabel('Ranks by retriever').first()).toContainText(/float vectors #\d+/);
});

test('a Chinese document is found by a Chinese query through BM25', async ({ page }) => {
  await page.getByLabel('Paste text').fill('银河系是一个棒旋星系，太阳系位于它的一条旋臂上。\n\n长城是中国古代修建的防御工程，绵延数千公里。');
  await page.getByRole('button', { name: 'Add text' }).click();
  await waitReady(page);
  await retriever(page, 'bm25');
  await search(page, '长城在哪里');
  await expect.poll(async () => (await summary(page)).query.results[0]?.text ?? '').toContain('长城');
  const s = await summary(page);
  expect(s.query.results[0]!.bm25.rank).toBe(1);
  await search(page, '银河系');
  await expect.poll(async () => (await summary(page)).query.results[0]?.text ?? '').toContain('银河系');
});

test('a query set gives a table per retriever, opens each query, downloads as CSV, and names the rows it skipped', async ({ page }) => {
  const file = write('queries/demo-questions.csv', QUERY_SET);
  await page.getByLabel('Load evaluation set').setInputFiles(file);
  const table = page.getByRole('table', { name: 'Evaluation' });
  await expect(table).toBeVisible();
  await waitReady(page);
  const s = await summary(page);
  const evaluation = s.evaluation!;
  expect(evaluation.queries).toBe(6);
  expect(evaluation.table.map((r) => r.retriever)).toEqual(['dense', 'bm25', 'hybrid', 'dense · int8', 'dense · binary']);
  for (const row of evaluation.table) {
    expect(row.hit1).toBeLessThanOrEqual(row.hit3);
    expect(row.hit3).toBeLessThanOrEqual(row.hit5);
    expect(row.hit5).toBeLessThanOrEqual(row.hit10);
    expect(row.mrr).toBeGreaterThanOrEqual(row.hit1);
    expect(row.mrr).toBeLessThanOrEqual(1);
    expect(row.ndcg10).toBeLessThanOrEqual(1);
  }
  // easy questions on an eleven-topic corpus: dense search finds nearly all in its top 5
  expect(evaluation.table[0]!.hit5 * 6).toBeGreaterThanOrEqual(4.99);
  await expect(table.getByRole('row')).toHaveCount(6);
  const notes = evaluation.notes.join(' ');
  expect(notes).toContain('1 row has an empty query');
  expect(notes).toContain('1 duplicate row was counted once');
  expect(notes).toContain('Astronomy#999 (line 10)');
  // a row opens its query with its relevant chunk marked gold
  await page
    .getByRole('list', { name: 'Evaluated queries' })
    .getByRole('button', { name: /Why does bread dough rise/ })
    .click();
  await expect(page.getByRole('region', { name: 'Gold chunks' })).toContainText('Bread dough rises because yeast');
  await expect.poll(async () => (await summary(page)).query.text).toBe('Why does bread dough rise?');
  // the CSV holds the same table
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe('retriever,queries,hit@1,hit@3,hit@5,hit@10,MRR,nDCG@10');
  expect(csv[1]).toBe(
    `dense,6,${[evaluation.table[0]!.hit1, evaluation.table[0]!.hit3, evaluation.table[0]!.hit5, evaluation.table[0]!.hit10, evaluation.table[0]!.mrr, evaluation.table[0]!.ndcg10].map((x) => x.toFixed(4)).join(',')}`,
  );
  await expect(page.getByRole('region', { name: 'Corpus health' })).toContainText(/\d+ of 227 chunks were never returned/);
});

test('query sets as Ragas and BEIR write them evaluate: the pipeline’s own ranking scored, graded qrels in nDCG, unknown ids named', async ({ page }) => {
  const sets = 'e2e/fixtures/query-sets';
  const evaluate = async (...files: string[]) => {
    await page.getByLabel('Load evaluation set').setInputFiles(files.map((f) => `${sets}/${f}`));
    await expect.poll(async () => (await summary(page)).evaluation?.name ?? '').toContain(files.at(-1)!.split('/').pop()!);
    await waitReady(page);
    return (await summary(page)).evaluation!;
  };
  // Ragas (pandas' CSV): what the file says its pipeline retrieved is a row of its own, ranked as given
  const ragas = await evaluate('ragas.csv');
  expect(ragas.queries).toBe(3);
  const pipeline = ragas.table.find((r) => r.retriever === 'retrieved in the file')!;
  // black hole: its reference second of three; coral reefs: not retrieved; sleep: first
  expect([pipeline.hit1, pipeline.hit3, pipeline.mrr]).toEqual([1 / 3, 2 / 3, (1 / 2 + 0 + 1) / 3]);
  await expect(page.getByRole('table', { name: 'Evaluation' }).getByRole('row', { name: /retrieved in the file/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Evaluated queries' }).getByRole('button', { name: /What builds coral reefs/ })).toContainText(
    'retrieved in the file missed',
  );
  // Ragas rows by id: ids that are not chunks are named, a row left with none skipped
  const byIds = await evaluate('ragas-ids.jsonl');
  expect(byIds.queries).toBe(2);
  expect(byIds.notes.join(' ')).toContain('Astronomy#999 (line 2), not-a-chunk (line 3)');
  // BEIR: queries.jsonl and its qrels chosen together; a grade-0 judgement is not relevant
  const beir = await evaluate('beir/qrels/test.tsv', 'beir/queries.jsonl');
  expect(beir.name).toBe('test.tsv + queries.jsonl');
  expect(beir.queries).toBe(2);
  expect(beir.notes.join(' ')).toContain('q9');
  const dense = beir.table.find((r) => r.retriever === 'dense')!;
  expect(dense.ndcg10).toBeGreaterThan(0);
  expect(dense.ndcg10).toBeLessThanOrEqual(1);
});

test('bad query sets: a wrong column name lists the columns found; 10,000 rows show progress and can be cancelled; a long query is said to be cut', async ({
  page,
}) => {
  await page.getByLabel('Load evaluation set').setInputFiles(write('queries/wrong-columns.csv', 'question_text,answer_id\nWhat?,1\n'));
  await expect(page.getByRole('alert').last()).toContainText('wrong-columns.csv: it has no query column (the columns found are “question_text”, “answer_id”)');
  await waitReady(page);

  const rows = Array.from({ length: 10_000 }, (_, i) => `Question number ${i} about the stars and the sea,,Astronomy#${(i % 20) + 1}`);
  await page.getByLabel('Load evaluation set').setInputFiles(write('queries/ten-thousand.csv', ['query,expected_text,expected_ids', ...rows].join('\n')));
  await expect(page.getByRole('status')).toContainText(/Embedding [1-9]\d* \/ 10000/, { timeout: 60_000 });
  // the tab shows how far the step is
  await expect(page).toHaveTitle(/^\d+% · Embedding \d+ \/ 10000.* — Orrery$/);
  // the page answers while the queries are embedded
  await page.getByLabel('Paste text').fill('typed while evaluating');
  await expect(page.getByLabel('Paste text')).toHaveValue('typed while evaluating');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Cancelled' })).toBeVisible();
  await waitReady(page);
  expect((await summary(page)).evaluation).toBeNull();

  const long = Array.from({ length: 80 }, (_, i) => `word${i} about stars`).join(' ');
  await search(page, long);
  await expect(page.getByLabel('Input cut')).toContainText(/The query has \d+ tokens; Universal Sentence Encoder lite \(built in\) reads only the first 128/);
  expect((await summary(page)).query.tokens).toBeGreaterThan(128);
});

// A corpus in a language the built-in model cannot read: the app says so where scores are shown,
// hybrid search leans on BM25 instead of halving it, and corpus health does not call chunks
// duplicates only because the model cannot tell them apart.
import { expect, summary, test, waitClustered, waitReady } from './fixtures';
import { write } from './fixtures/folder';

const CHUNKS = [
  '黑洞是在大质量恒星耗尽核燃料后坍缩形成的，连光也无法逃离。',
  '银河系是一个棒旋星系，太阳系位于它的一条旋臂上。',
  '月球的引力引起地球上的潮汐，每天大约两次涨落。',
  '火星表面覆盖着氧化铁，因此看起来呈现红色。',
  '彗星是由冰和尘埃组成的天体，靠近太阳时会形成彗尾。',
  '面团发酵是因为酵母分解糖分并释放二氧化碳。',
  '炒菜时油温过高会产生油烟，影响菜肴的味道。',
  '煮米饭时水和米的比例大约是一比一点二。',
  '腌制蔬菜需要盐和时间，乳酸菌会让它变酸。',
  '蒸鱼的时间取决于鱼的大小，一般八到十分钟。',
  '珊瑚礁是由微小的珊瑚虫分泌的碳酸钙建造的。',
  '深海中的一些鱼类能够通过生物发光吸引猎物。',
  '鲸鱼是哺乳动物，需要浮出水面呼吸空气。',
  '海水之所以是咸的，是因为河流把矿物质带入海洋。',
  '章鱼有三颗心脏和蓝色的血液。',
  '钢琴有八十八个琴键，包括黑键和白键。',
  '交响乐团通常由弦乐、木管、铜管和打击乐组成。',
  '古筝是一种有两千多年历史的中国弹拨乐器。',
  '节拍器帮助音乐学习者保持稳定的速度。',
  '爵士乐起源于二十世纪初的美国新奥尔良。',
  '偿还信用卡债务时，应先还利率最高的那一笔。',
  '复利意味着利息本身也会产生新的利息。',
  '分散投资可以降低单一股票下跌带来的风险。',
  '应急基金通常应覆盖三到六个月的生活开支。',
  '通货膨胀会让现金的购买力逐年下降。',
  '成年人一般每晚需要七到九个小时的睡眠。',
  '睡前使用手机的蓝光会抑制褪黑素的分泌。',
  '午睡二十分钟可以提高下午的注意力。',
  '长期失眠会增加患心脏病的风险。',
  '规律的作息时间有助于改善睡眠质量。',
];

const QUERIES = [
  ['黑洞是怎样形成的', '黑洞是在大质量恒星'],
  ['为什么火星是红色的', '火星表面覆盖着氧化铁'],
  ['面团为什么会发酵', '面团发酵是因为酵母'],
  ['蒸鱼需要多长时间', '蒸鱼的时间取决于'],
  ['珊瑚礁是怎么建造的', '珊瑚礁是由微小的珊瑚虫'],
  ['海水为什么是咸的', '海水之所以是咸的'],
  ['钢琴有多少个琴键', '钢琴有八十八个琴键'],
  ['爵士乐起源于哪里', '爵士乐起源于'],
  ['如何偿还信用卡债务', '偿还信用卡债务时'],
  ['什么是复利', '复利意味着'],
  ['成年人需要多少睡眠', '成年人一般每晚'],
  ['午睡有什么好处', '午睡二十分钟'],
];

test('a Chinese corpus under the English-only built-in model: the coverage warning, hybrid within 0.05 of BM25, no false duplicates; Tune retrieval finds and applies what works', async ({
  page,
}) => {
  await page.goto('/');
  const corpus = CHUNKS.map((text) => JSON.stringify({ text })).join('\n');
  await page.getByLabel('Add files').setInputFiles({ name: 'zh-notes.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(corpus) });
  await waitReady(page);
  let s = await summary(page);
  expect(s.chunkCount).toBe(CHUNKS.length);
  expect(s.language!.modelLanguages).toEqual(['en']);
  expect(s.language!.corpusCoverage).toBeLessThan(0.05);
  expect(s.language!.warning).toMatch(/reads English; \d+% of this corpus is Chinese text: dense scores here are noise — BM25 carries hybrid/);

  // where the scores are shown, the user is told why dense search cannot be trusted here
  await page.getByLabel('Query', { exact: true }).fill('黑洞是怎样形成的');
  await page.getByLabel('Query', { exact: true }).press('Enter');
  await expect(page.getByRole('region', { name: 'Results' }).getByRole('note', { name: 'Language coverage' })).toContainText('of this corpus is Chinese text');

  const set = ['query,expected_text', ...QUERIES.map(([q, text]) => `${q},${text}`)].join('\n');
  await page.getByLabel('Load evaluation set').setInputFiles(write('queries/zh-questions.csv', set));
  await expect(page.getByRole('table', { name: 'Evaluation' })).toBeVisible();
  await waitReady(page);
  s = await summary(page);
  const evaluation = s.evaluation!;
  expect(evaluation.queries).toBe(QUERIES.length);
  const row = (name: string) => evaluation.table.find((r) => r.retriever === name)!;
  // BM25 reads Chinese; a blind dense retriever must not drag hybrid below it
  expect(row('bm25').hit5).toBeGreaterThanOrEqual(0.8);
  expect(row('hybrid').hit5).toBeGreaterThanOrEqual(row('bm25').hit5 - 0.05);
  expect(evaluation.notes.join(' ')).toContain('of this corpus is Chinese text');
  // chunks the model cannot tell apart are not duplicates when their texts differ
  const texts = (i: number) => CHUNKS[i];
  for (const [a, b] of evaluation.health.duplicates) expect(texts(a)).toBe(texts(b));
  // nor does it choose the clusters' names: they stay c-TF-IDF's, from the words themselves
  expect((await waitClustered(page)).namedBy).toBe('words');

  // dense search answers now; tuning on a training split finds a setting that reads Chinese, and says
  // what it gains on the held-out queries
  expect(s.query.retriever).toBe('dense');
  await page.getByRole('button', { name: 'Tune retrieval' }).click();
  const tuned = page.getByRole('region', { name: 'Tuning' });
  await expect(tuned).toContainText(/settings chosen by MRR on 8 training queries, measured on 4 held-out ones/);
  await waitReady(page);
  const tuning = (await summary(page)).tuning!;
  expect(tuning.best.retriever).not.toBe('dense');
  expect(tuning.heldOut.best).toBeGreaterThan(tuning.heldOut.current);
  expect(tuning.delta).toBeCloseTo(tuning.heldOut.best - tuning.heldOut.current, 6);
  await tuned.getByRole('button', { name: 'Apply tuned settings' }).click();
  await expect(tuned.getByRole('button', { name: 'Tuned settings in use' })).toBeDisabled();
  expect((await summary(page)).query.retriever).toBe(tuning.best.retriever);
});

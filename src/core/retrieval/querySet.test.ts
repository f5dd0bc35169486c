import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkDocuments, parseTopicMarkdown } from '../corpus';
import { tableDocument } from '../ingest/records';
import { joinQuerySetFiles } from './beirQuerySet';
import { queryScores } from './metrics';
import { chunkIdOf, chunkIds, parseQuerySet, resolveQuerySet } from './querySet';

describe('query sets', () => {
  it('reads CSV with expected texts and ids, and says which rows it skipped', () => {
    const csv = [
      'Question,Expected_Text,expected_ids',
      'What is BM25?,a ranking   function,',
      ',orphan text,',
      'Where?,,"notes.md#2|notes.md#9"',
      'What is BM25?,a ranking function,',
      'Nothing expected?,,',
    ].join('\n');
    const { rows, notes } = parseQuerySet('set.csv', csv);
    expect(rows).toEqual([
      { line: 2, query: 'What is BM25?', ids: [], texts: ['a ranking function'] },
      { line: 4, query: 'Where?', ids: ['notes.md#2', 'notes.md#9'], texts: [] },
    ]);
    expect(notes).toEqual([
      '1 row has an empty query and was skipped (line 3)',
      '1 row names no expected chunk and was skipped (line 6)',
      '1 duplicate row was counted once',
    ]);
  });

  it('reads JSON Lines with lists, and names the columns it found when one is missing', () => {
    const jsonl = ['{"query": "a?", "expected_ids": ["x", "y z"]}', 'not json', '{"query": "b?", "expected_text": ["one", "two"]}'].join('\n');
    const { rows, notes } = parseQuerySet('set.jsonl', jsonl);
    expect(rows.map((r) => [r.query, r.ids, r.texts])).toEqual([
      ['a?', ['x', 'y z'], []],
      ['b?', [], ['one', 'two']],
    ]);
    expect(notes[0]).toMatch(/^1 line is not a JSON object and was skipped \(line 2\)/);
    expect(() => parseQuerySet('bad.csv', 'prompt_text,answer\nx,y\n')).toThrow(
      'it has no query column (the columns found are “prompt_text”, “answer”): name one “query” or “question”',
    );
    expect(() => parseQuerySet('bad.csv', 'query,answer_id\nx,y\n')).toThrow(
      /says nothing of the chunks that should come back \(the columns found are “query”, “answer_id”\)/,
    );
    expect(() => parseQuerySet('empty.csv', 'query,expected_text\n,\n')).toThrow(/no usable query/);
  });

  it('matches ids (an id column, else source#n) and texts (whitespace collapsed) to chunks', () => {
    const table = {
      fields: ['id', 'text'],
      rows: [
        ['a1', 'First  passage about cats.'],
        ['a2', 'Second passage about dogs.'],
      ],
      lines: [2, 3],
      textField: 'text',
    };
    const docs = [tableDocument('rows.csv', 'csv', table), { name: 'notes.md', text: 'Alpha paragraph.\n\nBeta paragraph about cats.' }];
    const chunks = chunkDocuments(docs);
    const ids = chunkIds(chunks, docs);
    expect(ids).toEqual(['a1', 'a2', 'notes.md#1', 'notes.md#2']);
    expect(chunkIdOf(chunks, docs, 3)).toBe('notes.md#2');
    const { queries, notes } = resolveQuerySet(
      [
        { line: 2, query: 'cats?', ids: ['a1', 'nope'], texts: ['paragraph   about cats.'] },
        { line: 3, query: 'nothing?', ids: [], texts: ['absent text'] },
      ],
      ids,
      chunks.texts,
    );
    expect(queries).toEqual([{ line: 2, text: 'cats?', relevant: [0, 3] }]);
    expect(notes).toEqual([
      '1 expected id is not a chunk of this workspace: nope (line 2)',
      'the expected text of line 3 is in no chunk',
      '1 query has no relevant chunk here and is left out of the table (line 3)',
    ]);
  });
});

const fixture = (path: string) => ({
  name: path.split('/').pop()!,
  text: readFileSync(new URL(`../../../e2e/fixtures/query-sets/${path}`, import.meta.url), 'utf8'),
});
const demo = chunkDocuments(parseTopicMarkdown(readFileSync(new URL('../../../public/demo/corpus.md', import.meta.url), 'utf8')));
const demoIds = chunkIds(
  demo,
  demo.sources.map((name) => ({ name, text: '' })),
);

describe('query sets as Ragas and BEIR write them', () => {
  it('reads a Ragas CSV written by pandas: reference contexts are the gold, retrieved contexts a ranking of their own', () => {
    const { name, text } = fixture('ragas.csv');
    const { rows } = parseQuerySet(name, text);
    expect(rows.map((r) => r.query)).toEqual(['How does a black hole form?', 'What builds coral reefs?', 'How many hours of sleep do adults need?']);
    // the reference answer ("reference") is not taken for a context
    expect(rows[0]!.texts).toEqual([expect.stringMatching(/^A black hole forms when a massive star runs out/)]);
    expect(rows[0]!.retrieved!.texts).toHaveLength(3);
    const { queries } = resolveQuerySet(rows, demoIds, demo.texts);
    const blackHole = demo.texts.findIndex((t) => t.startsWith('A black hole forms'));
    const horizon = demo.texts.findIndex((t) => t.startsWith('The event horizon'));
    expect(queries[0]!.relevant).toEqual([blackHole]);
    expect(queries[0]!.retrieved!.slice(0, 2)).toEqual([horizon, blackHole]);
  });

  it('names the ids of a Ragas file that are not chunks, and skips the rows left with none', () => {
    const { name, text } = fixture('ragas-ids.jsonl');
    const { queries, notes } = resolveQuerySet(parseQuerySet(name, text).rows, demoIds, demo.texts);
    expect(queries.map((q) => q.text)).toEqual(['What is a pulsar?', 'What is a neutron star?']);
    expect(queries[1]!.relevant).toEqual([demoIds.indexOf('Astronomy#7')]);
    expect(notes).toEqual([
      '2 expected ids are not a chunk of this workspace: Astronomy#999 (line 2), not-a-chunk (line 3)',
      '1 query has no relevant chunk here and is left out of the table (line 3)',
    ]);
  });

  it('joins BEIR queries and qrels: grades kept, grade 0 not relevant, unknown query ids named', () => {
    const joined = joinQuerySetFiles([fixture('beir/qrels/test.tsv'), fixture('beir/queries.jsonl')]);
    expect(joined.name).toBe('test.tsv + queries.jsonl');
    expect(joined.notes).toEqual(['1 query id of the qrels is not in queries.jsonl and skipped: q9']);
    const { queries, notes } = resolveQuerySet(parseQuerySet(joined.name, joined.text).rows, demoIds, demo.texts);
    expect(queries.map((q) => [q.text, q.relevant.map((r) => demoIds[r]), q.grades])).toEqual([
      ['How does a black hole form?', ['Astronomy#1', 'Astronomy#2'], [2, 1]],
      ['What are pulsars?', ['Astronomy#7', 'Astronomy#8'], [1, 2]],
    ]);
    expect(notes.join(' ')).toContain('1 query has no relevant chunk here');
    // TREC's four columns without a header read the same
    const trec = joinQuerySetFiles([{ name: 'qrels.txt', text: 'q1 0 Astronomy#1 2\nq3 0 Astronomy#8 1\n' }, fixture('beir/queries.jsonl')]);
    expect(parseQuerySet(trec.name, trec.text).rows.map((r) => [r.ids, r.grades])).toEqual([
      [['Astronomy#1'], [2]],
      [['Astronomy#8'], [1]],
    ]);
  });

  it('says what is wrong with files chosen together, and asks for the qrels of a lone BEIR queries file', () => {
    expect(() => joinQuerySetFiles([fixture('beir/queries.jsonl')])).toThrow(/BEIR queries .* choose it together with its qrels file/);
    expect(() => joinQuerySetFiles([fixture('beir/queries.jsonl'), { name: 'notes.csv', text: 'a,b\nc,d\n' }])).toThrow(
      /found 1 queries file and a file that is neither: notes.csv \(“a”, “b”\)/,
    );
  });
});

describe('graded relevance', () => {
  it('counts grades as nDCG gains and leaves hits and MRR binary', () => {
    // the grade-2 chunk at rank 2, the grade-1 chunk at rank 1
    const graded = queryScores([2, 1], [2, 1]);
    expect(graded.ndcg10).toBeCloseTo((2 / Math.log2(3) + 1) / (2 + 1 / Math.log2(3)), 10);
    expect(graded.rr).toBe(1);
    expect(queryScores([1, 2], [2, 1]).ndcg10).toBeCloseTo(1, 10);
    expect(queryScores([2, 1]).ndcg10).toBeCloseTo(1, 10);
  });
});

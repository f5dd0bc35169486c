import { describe, expect, it } from 'vitest';
import { chunkDocuments } from '../corpus';
import { tableDocument } from '../ingest/records';
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

import { describe, expect, it } from 'vitest';
import { InputError } from '../ingest/inputError';
import { parsePairs } from './pairs';

describe('labelled pairs files', () => {
  it('reads triplets, each distinct text once', () => {
    const pairs = parsePairs(
      't.csv',
      'anchor,positive,negative\nhow do stars form,gas clouds collapse,bread rises\nbread,yeast makes dough rise,gas clouds collapse\n',
    );
    expect(pairs.format).toBe('triplets');
    expect(pairs.texts).toEqual(['how do stars form', 'gas clouds collapse', 'bread rises', 'bread', 'yeast makes dough rise']);
    expect(pairs.items.map((i) => [i.line, i.first, i.second, i.negative])).toEqual([
      [2, 0, 1, 2],
      [3, 3, 4, 1],
    ]);
  });

  it('reads scored pairs from JSON Lines as the datasets library writes them, and labelled pairs from TSV', () => {
    const scored = parsePairs(
      'sts.jsonl',
      '{"sentence1":"a cat sits","sentence2":"a cat is sitting","score":4.6}\n{"sentence1":"a cat sits","sentence2":"stocks fell","score":0.2}\n',
    );
    expect(scored.format).toBe('scored pairs');
    expect(scored.items.map((i) => i.score)).toEqual([4.6, 0.2]);
    const labelled = parsePairs('quora.tsv', 'sentence1\tsentence2\tlabel\nhow to cook rice\thow do I cook rice\t1\nhow to cook rice\twhat is rust\tfalse\n');
    expect(labelled.format).toBe('labelled pairs');
    expect(labelled.items.map((i) => i.score)).toEqual([1, 0]);
  });

  it('reads texts with a class, and anchor–positive pairs', () => {
    const classes = parsePairs('c.csv', 'text,label\nsunspots,astronomy\nsourdough,baking\nsunspots,astronomy\n');
    expect(classes.format).toBe('classes');
    expect(classes.items.map((i) => [i.first, i.group])).toEqual([
      [0, 'astronomy'],
      [1, 'baking'],
    ]);
    expect(parsePairs('p.json', '[{"query":"q1","positive":"p1"}]').format).toBe('pairs');
  });

  it('skips rows it cannot use, naming their lines and why', () => {
    const pairs = parsePairs('s.csv', ['sentence1,sentence2,score', 'a,b,3', ',b,2', 'a,c,high', 'a,d,7', 'a,e,-1', 'a,f,'].join('\n'));
    expect(pairs.items).toHaveLength(1);
    expect(pairs.notes).toEqual([
      '1 row has an empty text and was skipped (line 3)',
      '2 rows have a score that is not a number and were skipped (line 4, 7)',
      '2 rows have a score outside 0–5 and were skipped (line 5, 6)',
    ]);
    const triplets = parsePairs('t.csv', 'anchor,positive,negative\na,b,c\nd,e,\n');
    expect(triplets.notes).toEqual(['1 row has no negative and was skipped (line 3)']);
    expect(parsePairs('l.csv', 'sentence1,sentence2,label\na,b,2\nc,d,1\n').notes).toEqual(['1 row has a label that is not 0 or 1 and was skipped (line 2)']);
  });

  it('refuses a file with none of the shapes, naming its columns, and one with no usable row', () => {
    expect(() => parsePairs('x.csv', 'question_text,answer_text\na,b\n')).toThrow(InputError);
    expect(() => parsePairs('x.csv', 'question_text,answer_text\na,b\n')).toThrow(/columns found are “question_text”, “answer_text”/);
    expect(() => parsePairs('x.csv', 'anchor,positive,negative\na,b,\n')).toThrow(/no usable pair: 1 row has no negative/);
  });

  it('measures a seeded sample of a large file, and says so', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `q${i},p${i}`);
    const pairs = parsePairs('big.csv', `anchor,positive\n${rows.join('\n')}`, 10);
    expect(pairs.items).toHaveLength(10);
    expect(pairs.usable).toBe(30);
    // only the texts the sample uses are kept
    expect(pairs.texts).toHaveLength(20);
    expect(pairs.notes).toContain('10 of 30 rows, drawn at random (seeded), are measured');
    expect(parsePairs('big.csv', `anchor,positive\n${rows.join('\n')}`, 10).items).toEqual(pairs.items);
  });
});

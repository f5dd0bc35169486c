import { describe, expect, it } from 'vitest';
import { chunkMetadata } from '../corpus';
import { parseDelimited } from './delimited';
import { jsonLinesTable, jsonTable, recordsDocument } from './records';

describe('parseDelimited', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, and the line each row starts on', () => {
    const csv = 'id,text,tag\n1,"Hello, world",a\n2,"She said ""hi""\nand left",b\r\n\n3,plain,c\n';
    const table = parseDelimited(csv, ',');
    expect(table.header).toEqual(['id', 'text', 'tag']);
    expect(table.rows).toEqual([
      ['1', 'Hello, world', 'a'],
      ['2', 'She said "hi"\nand left', 'b'],
      ['3', 'plain', 'c'],
    ]);
    expect(table.lines).toEqual([2, 3, 6]);
  });

  it('names the line of an unbalanced quote', () => {
    expect(() => parseDelimited('a,b\n1,2\n3,"never closed\n4,5\n', ',')).toThrow(/line 3/);
  });

  it('pads short rows and counts them', () => {
    const table = parseDelimited('a\tb\tc\n1\t2\n', '\t');
    expect(table.rows).toEqual([['1', '2', '']]);
    expect(table.ragged).toBe(1);
  });
});

describe('records to documents', () => {
  it('takes the text column by name and keeps the others as metadata of each row', () => {
    const { header, rows, lines } = parseDelimited('id,author,body\n7,Ann,First text.\n8,Bo,Second text.\n', ',');
    const doc = recordsDocument('t.csv', 'csv', { fields: header, rows, lines });
    expect(doc.table!.textField).toBe('body');
    expect(doc.sections!.map((s) => doc.text.slice(s.start, s.end))).toEqual(['First text.', 'Second text.']);
    expect(doc.sections!.map((s) => s.line)).toEqual([2, 3]);
    expect(chunkMetadata(doc, 1)).toEqual([
      ['id', '8'],
      ['author', 'Bo'],
    ]);
  });

  it('otherwise picks the longest string column, and honours a chosen one', () => {
    const raw = {
      fields: ['n', 'title', 'summary'],
      rows: [
        ['1', 'A', 'a much longer summary'],
        ['2', 'B', 'another long summary'],
      ],
      lines: [2, 3],
    };
    expect(recordsDocument('x.csv', 'csv', raw).table!.textField).toBe('summary');
    expect(recordsDocument('x.csv', 'csv', raw, 'title').text).toBe('A\n\nB');
  });

  it('finds a vector column in CSV strings or JSON arrays', () => {
    const csv = parseDelimited('text,embedding\nhello,"[0.1, 0.2, 0.3]"\nworld,"[1, 2, 3]"\n', ',');
    const doc = recordsDocument('v.csv', 'csv', { fields: csv.header, rows: csv.rows, lines: csv.lines });
    expect(doc.vectors!.dims).toBe(3);
    expect(Array.from(doc.vectors!.data)).toEqual([0.1, 0.2, 0.3, 1, 2, 3].map(Math.fround));
    expect(doc.table!.fields).toEqual(['text']);
    const json = recordsDocument('v.json', 'json', jsonTable('[{"id":"a","vector":[1,0]},{"id":"b","vector":[0,1]}]'));
    expect(json.vectors!.dims).toBe(2);
    expect(json.text).toBe('a\n\nb');
  });

  it('refuses vectors of mixed lengths and non-finite numbers, naming the row', () => {
    const mixed = parseDelimited('t,embedding\na,"[1,2,3]"\nb,"[1,2]"\n', ',');
    expect(() => recordsDocument('m.csv', 'csv', { fields: mixed.header, rows: mixed.rows, lines: mixed.lines })).toThrow(
      /mixed lengths: row 2 \(line 3\) has 2 numbers/,
    );
    const nan = parseDelimited('t,embedding\na,"[1,NaN]"\n', ',');
    expect(() => recordsDocument('n.csv', 'csv', { fields: nan.header, rows: nan.rows, lines: nan.lines })).toThrow(/row 1 \(line 2\) holds NaN/);
  });

  it('refuses JSON that is not an array of objects', () => {
    expect(() => jsonTable('42')).toThrow(/array of objects.*a number/);
    expect(() => jsonTable('[{"a":1}, "x"]')).toThrow(/item 2 is a string/);
    expect(() => jsonTable('{oops')).toThrow(/not valid JSON/);
    expect(jsonTable('{"data":[{"text":"x"}]}').rows).toEqual([['x']]);
  });

  it('imports the good lines of JSON Lines and reports the bad ones', () => {
    const { table, badLines } = jsonLinesTable('{"text":"a"}\n{"text": broken\n\n{"text":"c","n":3}\n[1]\n');
    expect(table.rows).toEqual([
      ['a', undefined],
      ['c', 3],
    ]);
    expect(table.lines).toEqual([1, 4]);
    expect(badLines.map((b) => b.line)).toEqual([2, 5]);
  });
});

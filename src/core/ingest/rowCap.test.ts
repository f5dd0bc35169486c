import { describe, expect, it } from 'vitest';
import { makeParquet } from '../../../e2e/fixtures/formats';
import type { SourceDocument } from '../corpus';
import { capVectors, pairVectors, parseFile } from './files';
import { parquetTable } from './parquet';
import { jsonLinesTable, recordsDocument } from './records';
import { fileStorage, MAX_FILE_FLOAT16_BYTES, MAX_FILE_VECTOR_BYTES, rowCapFor, sampledNote } from './rowCap';
import { storageOf } from '../vectors';

const rowsOf = (doc: SourceDocument) =>
  doc.sections!.map((s) => ({ text: doc.text.slice(s.start, s.end), line: s.line!, vector: doc.vectors?.data[s.row! * doc.vectors.dims] }));

describe('a file of more rows than one file may bring', () => {
  const table = (count: number) => Array.from({ length: count }, (_, r) => ({ text: `passage ${r}`, source: `s${r}.md`, embedding: [r, -r] }));
  const readCapped = (bytes: Uint8Array) => parseFile('big.parquet', bytes, undefined, (b, onRows) => parquetTable(b, onRows, { rows: 1_000 }));

  it('keeps a seeded sample of a Parquet file’s rows, read a row group at a time, each with its own number, metadata and vector', async () => {
    const { documents, notes } = await readCapped(makeParquet(table(2_500), 700));
    const rows = rowsOf(documents[0]!);
    expect(rows).toHaveLength(1_000);
    for (const { text, line, vector } of rows) {
      expect(text).toBe(`passage ${line - 1}`);
      expect(vector).toBe(line - 1);
    }
    expect(documents[0]!.table!.rows.map((r) => r[1])).toEqual(rows.map((r) => `s${r.line - 1}.md`));
    // spread over the whole file, in its order
    expect(rows.at(-1)!.line).toBeGreaterThan(2_000);
    expect(rows.every((r, i) => i === 0 || r.line > rows[i - 1]!.line)).toBe(true);
    expect(notes).toEqual([
      'big.parquet: 2,500 rows, more than the 1,000 one file may bring: a seeded sample of 1,000 rows is kept, each with its own row number, metadata and vector; the other 1,500 are not loaded.',
    ]);
    // the same file keeps the same rows
    expect(rowsOf((await readCapped(makeParquet(table(2_500), 700))).documents[0]!)).toEqual(rows);
  });

  it('samples any table format the same way', () => {
    const lines = Array.from({ length: 300 }, (_, r) => JSON.stringify({ text: `note ${r}`, n: r })).join('\n');
    const doc = recordsDocument('notes.jsonl', 'jsonl', jsonLinesTable(lines).table, undefined, 100);
    const rows = rowsOf(doc);
    expect(rows).toHaveLength(100);
    for (const { text, line } of rows) expect(text).toBe(`note ${line - 1}`);
    expect(doc.note).toContain('300 rows, more than the 100');
  });

  it('keeps the same rows of a vector file’s metadata, or names the rows by their own numbers', () => {
    const data = new Float32Array(300 * 2).map((_, k) => (k % 2 ? -1 : 1) * Math.floor(k / 2));
    const vectors = capVectors({ name: 'v.npy', format: 'npy', data, rows: 300, dims: 2 }, 100);
    const labels = Array.from({ length: 300 }, (_, r) => `label ${r}`).join('\n');
    const paired = pairVectors([vectors], [{ name: 'v.labels.tsv', text: labels, format: 'tsv' }]);
    const rows = rowsOf(paired.documents[0]!);
    expect(rows).toHaveLength(100);
    for (const { text, line, vector } of rows) {
      expect(text).toBe(`label ${line - 1}`);
      expect(vector).toBe(line - 1);
    }
    expect(paired.notes.at(-1)).toContain('v.npy: 300 rows, more than the 100');
    const alone = rowsOf(pairVectors([vectors], []).documents[0]!);
    for (const { text, line, vector } of alone) expect([text, vector]).toEqual([`row ${line}`, line - 1]);
  });

  it('keeps a sample of a Parquet file whose vectors would take more memory than one file may bring, and says why', async () => {
    const rows = Array.from({ length: 2_500 }, (_, r) => ({ text: `passage ${r}`, source: 's', embedding: [r, 1, 2, 3, 4, 5, 6, 7] }));
    // no float16 here: past the float32 budget a sample is kept
    const read = (bytes: Uint8Array) =>
      parseFile('wide.parquet', bytes, undefined, (b, onRows) => parquetTable(b, onRows, { vectorBytes: 8 * 4 * 600, float16Bytes: 0 }));
    const { documents, notes } = await read(makeParquet(rows, 700));
    const kept = rowsOf(documents[0]!);
    expect(kept).toHaveLength(600);
    for (const { text, line, vector } of kept) expect([text, vector]).toEqual([`passage ${line - 1}`, line - 1]);
    expect(notes).toEqual([
      'wide.parquet: 2,500 vectors of 8 numbers (78 KB as float32), more than the 19 KB of vectors one file may bring (600 rows): a seeded sample of 600 rows is kept, each with its own row number, metadata and vector; the other 1,900 are not loaded.',
    ]);
  });

  it('a million 384-d vectors fit as float16; with no Float16Array the rows that fit 512 MB as float32 are kept, and the note gives the sizes', () => {
    const withFloat16 = { float32: MAX_FILE_VECTOR_BYTES, float16: MAX_FILE_FLOAT16_BYTES };
    const cap = (dims: number) => rowCapFor(dims, undefined, withFloat16);
    expect([cap(384), cap(768), cap(8), cap(0)]).toEqual([1_000_000, 524_288, 1_000_000, 1_000_000]);
    expect(fileStorage(1_000_000, 384, withFloat16)).toBe('float16');
    expect(fileStorage(300_000, 384, withFloat16)).toBe('float32');
    const noFloat16 = { float32: MAX_FILE_VECTOR_BYTES, float16: 0 };
    expect(rowCapFor(384, undefined, noFloat16)).toBe(349_525);
    expect(fileStorage(1_000_000, 384, noFloat16)).toBe('float32');
    expect(sampledNote(1_000_000, 349_525, 384)).toMatch(
      /^1,000,000 vectors of 384 numbers \(1\.4 GB as float32\), more than the 512 MB of vectors one file may bring \(349,525 rows\): a seeded sample of 349,525 rows is kept/,
    );
    expect(sampledNote(3_000_000, 1_048_576, 384, 'float16')).toMatch(
      /^3,000,000 vectors of 384 numbers \(2\.1 GB as float16\), more than the 768 MB of vectors one file may bring \(1,048,576 rows\)/,
    );
  });

  it('holds a Parquet file’s vectors as float16 past the float32 budget: every row kept, each number the nearest float16, and the note says so', async () => {
    const rows = Array.from({ length: 1_000 }, (_, r) => ({ text: `passage ${r}`, source: 's', embedding: [r / 7, 1 / 3, -r, 2, 3, 4, 5, 6] }));
    const limits = { vectorBytes: 8 * 4 * 600, float16Bytes: 8 * 2 * 1_000 };
    const { documents, notes } = await parseFile('half.parquet', makeParquet(rows, 300), undefined, (b, onRows) => parquetTable(b, onRows, limits));
    const { data, dims } = documents[0]!.vectors!;
    expect(storageOf(data)).toBe('float16');
    expect(data.length).toBe(1_000 * dims);
    const nearest = new Float16Array(rows.flatMap((row) => row.embedding));
    expect(Array.from(data)).toEqual(Array.from(nearest));
    expect(notes).toEqual(['half.parquet: 1,000 vectors of 8 numbers are held as float16 (16 KB, half of the 31 KB they take as float32).']);
  });

  it('reads vectors into shared memory when asked, so the page and its workers use them without a copy', async () => {
    const table = await parquetTable(makeParquet([{ text: 'a', source: 's', embedding: [1, 2] }], 10), undefined, { shared: true });
    expect(table.vectors!.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(table.vectors!.data)).toEqual([1, 2]);
  });

  it('leaves a file within the cap whole', async () => {
    const { documents, notes } = await readCapped(makeParquet(table(1_000), 300));
    expect(rowsOf(documents[0]!)).toHaveLength(1_000);
    expect(notes).toEqual([]);
  });
});

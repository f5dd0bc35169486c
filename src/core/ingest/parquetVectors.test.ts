import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { makeParquet } from '../../../e2e/fixtures/formats';
import { parquetTable } from './parquet';
import { listOfFloatsColumn, readGroupVectors } from './parquetVectors';

const arrayBufferOf = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** A Parquet file written by DuckDB from a query, its bytes. */
async function duckParquet(select: string, rowGroupSize = 500): Promise<Uint8Array> {
  const path = join(mkdtempSync(join(tmpdir(), 'orrery-parquet-')), 'file.parquet');
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(`COPY (${select}) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE ${rowGroupSize})`);
  duck.closeSync();
  return new Uint8Array(readFileSync(path));
}

/** Each group's vectors as hyparquet's general path reads them, flattened. */
async function generalPath(file: ArrayBuffer, column: string): Promise<number[]> {
  const objects = (await parquetReadObjects({ file, columns: [column] })) as Record<string, number[]>[];
  return objects.flatMap((o) => o[column]!);
}

describe('vector columns read page by page', () => {
  it('a list<float> column written by hyparquet-writer (data pages v2): every group read fast, the same numbers as the general path', async () => {
    const rows = Array.from({ length: 1_300 }, (_, r) => ({ text: `t${r}`, source: 's', embedding: [r, r / 3, -r / 7] }));
    const file = arrayBufferOf(makeParquet(rows, 500));
    const metadata = parquetMetadata(file);
    expect(listOfFloatsColumn(metadata)).toBe('embedding');
    const groups = metadata.row_groups.map((g) => readGroupVectors({ bytes: file, offset: 0 }, metadata, g, 'embedding'));
    expect(groups.map((g) => g && Array.from(g.lengths).every((n) => n === 3))).toEqual([true, true, true]);
    const fast = groups.flatMap((g) => Array.from(g!.values));
    expect(fast).toEqual((await generalPath(file, 'embedding')).map(Math.fround));
  });

  it('DuckDB files, PLAIN and dictionary-encoded floats (data pages v1): the same vectors DuckDB wrote, with their rows', async () => {
    // unrepeated floats are stored PLAIN; a few distinct values by dictionary
    for (const value of ['hash(i * 16 + d) / 18446744073709551616.0', '(i + d) % 5 - 2']) {
      const bytes = await duckParquet(
        `SELECT i AS id, 'passage ' || i AS text, list_transform(range(16), d -> ${value})::FLOAT[16] AS vector FROM range(1200) t(i)`,
      );
      const file = arrayBufferOf(bytes);
      const metadata = parquetMetadata(file);
      expect(metadata.row_groups.every((g) => readGroupVectors({ bytes: file, offset: 0 }, metadata, g, 'vector') !== null)).toBe(true);
      const table = await parquetTable(bytes);
      expect(table.vectors!.dims).toBe(16);
      expect(Array.from(table.vectors!.data)).toEqual((await generalPath(file, 'vector')).map(Math.fround));
      expect(table.rows[1_100]).toEqual([1_100n, 'passage 1100', null]);
    }
  });

  it('a null vector is left to the general path, which names its row; two list columns are not guessed between', async () => {
    const withNull = await duckParquet(`SELECT 'p' || i AS text, CASE WHEN i = 700 THEN NULL ELSE [i, 1, 2]::FLOAT[] END AS vector FROM range(900) t(i)`);
    const file = arrayBufferOf(withNull);
    const metadata = parquetMetadata(file);
    expect(metadata.row_groups.map((g) => readGroupVectors({ bytes: file, offset: 0 }, metadata, g, 'vector'))).toContain(null);
    await expect(parquetTable(withNull)).rejects.toThrow('row 701 has no vector in “vector”');
    const two = await duckParquet(`SELECT [i, 1]::FLOAT[] AS a, [i, 2]::FLOAT[] AS b FROM range(10) t(i)`);
    expect(listOfFloatsColumn(parquetMetadata(arrayBufferOf(two)))).toBeNull();
  });

  it('when a column named as vectors holds them as integers, the list of floats stays a cell of its row', async () => {
    const table = await parquetTable(await duckParquet(`SELECT [i, 1]::INTEGER[] AS embedding, [i, 2]::FLOAT[] AS extra FROM range(10) t(i)`));
    expect(table.fields).toEqual(['embedding', 'extra']);
    expect(Array.from(table.vectors!.data.subarray(6, 8))).toEqual([3, 1]);
    expect(Array.from(table.rows[3]![1] as Float32Array)).toEqual([3, 2]);
  });

  it('a file read in ranges (as a dropped File is): the same table, and never more than a row group’s columns at once', async () => {
    const bytes = await duckParquet(
      `SELECT 'passage ' || i AS text, i % 7 AS shelf, list_transform(range(32), d -> hash(i * 32 + d) / 18446744073709551616.0)::FLOAT[32] AS vector FROM range(8192) t(i)`,
      2048,
    );
    const reads: number[] = [];
    const ranged = {
      byteLength: bytes.length,
      slice: async (start: number, end = bytes.length) => {
        reads.push(end - start);
        return arrayBufferOf(bytes.subarray(start, end));
      },
    };
    const progress: number[] = [];
    const table = await parquetTable(ranged, (done) => progress.push(done));
    const whole = await parquetTable(bytes);
    expect(table.rows).toEqual(whole.rows);
    expect(Array.from(table.vectors!.data)).toEqual(Array.from(whole.vectors!.data));
    expect(progress).toEqual([2_048, 4_096, 6_144, 8_192]);
    // after the footer (hyparquet's first read, the file's last 512 KB), four row groups: a read is at most one group's columns
    expect(Math.max(...reads.slice(1))).toBeLessThan(bytes.length / 3);
  });
});

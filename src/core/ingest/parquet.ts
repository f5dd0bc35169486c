// Parquet through hyparquet (pure JavaScript), one row group at a time so that a million rows read
// with progress and never exist as a million JavaScript arrays of numbers: a list column of numbers
// (LIST or Arrow's fixed-size list, which Parquet stores as a LIST) goes straight into one
// Float32Array, the other columns become the rows' cells. The file is read in ranges (a row group's
// columns at a time), so a file bigger than memory can allow is never held whole.
import { type AsyncBuffer, type FileMetaData, parquetMetadataAsync, parquetReadObjects, parquetSchema, type RowGroup } from 'hyparquet';
import { InputError } from './inputError';
import { columnRange, type FileBytes, listOfFloatsColumn, readGroupVectors } from './parquetVectors';
import { findVectorField, type RawTable } from './records';
import { fileBudget, fileStorage, MAX_FILE_ROWS, MAX_FILE_VECTOR_BYTES, rowCapFor, rowsKept } from './rowCap';
import { allocateVectors, type VectorRows } from '../vectors';

/** rows read so far and in all, after each row group */
export type RowProgress = (done: number, total: number) => void;

/** What one file may bring: rows, and bytes of vectors as float32 and as float16 (rowCap.ts). */
export interface FileLimits {
  rows?: number;
  vectorBytes?: number;
  float16Bytes?: number;
  /** vectors in shared memory, which the page and its workers then use without a copy */
  shared?: boolean;
}

/** The numbers per row of a list column, from the first row group's counts: 0 when unknown. */
function listLength(group: RowGroup | undefined, name: string | null): number {
  const meta = group && name !== null ? columnRange(group, name)?.meta : undefined;
  return meta && Number(group!.num_rows) > 0 ? Math.round(Number(meta.num_values) / Number(group!.num_rows)) : 0;
}

/** A column chunk's bytes: a view of a file in memory, or its range read from one that is not. */
async function columnBytes(file: AsyncBuffer, group: RowGroup, name: string): Promise<FileBytes> {
  if (file instanceof ArrayBuffer) return { bytes: file, offset: 0 };
  const range = columnRange(group, name);
  if (!range) return { bytes: new ArrayBuffer(0), offset: 0 };
  return { bytes: await file.slice(range.start, range.start + range.length), offset: range.start };
}

/** A file that can be read in ranges: a Blob or File (structurally, so that core needs no DOM). */
export interface RangedFile {
  size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** hyparquet's view of a file read in ranges. */
export const rangedBuffer = (file: RangedFile): AsyncBuffer => ({ byteLength: file.size, slice: (start, end) => file.slice(start, end).arrayBuffer() });

/**
 * Reads a Parquet file, in memory or in ranges (an AsyncBuffer: a Blob's slices). Past the limits
 * only a seeded sample of rows is kept (rowCap.ts), chosen before reading: the vectors' numbers per
 * row are known from the file's metadata.
 */
export async function parquetTable(source: Uint8Array | AsyncBuffer, onRows?: RowProgress, limits: FileLimits = {}): Promise<RawTable> {
  const file = source instanceof Uint8Array ? (source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength) as ArrayBuffer) : source;
  let metadata: FileMetaData;
  let listColumn: string | null;
  let columns: string[];
  try {
    metadata = await parquetMetadataAsync(file);
    // the one column that is a list of floats is read page by page into floats (parquetVectors.ts); the others as objects
    listColumn = listOfFloatsColumn(metadata);
    columns = parquetSchema(metadata).children.map((c) => c.element.name);
  } catch (error) {
    throw new InputError(`not a readable Parquet file (${(error as Error).message})`);
  }
  const total = Number(metadata.num_rows);
  const listDims = listLength(metadata.row_groups[0], listColumn);
  const budget = { float32: limits.vectorBytes ?? MAX_FILE_VECTOR_BYTES, float16: limits.float16Bytes ?? fileBudget().float16 };
  const cap = rowCapFor(listDims, limits.rows ?? MAX_FILE_ROWS, budget);
  const kept = rowsKept(total, cap);
  const byMemory = kept !== null && cap < (limits.rows ?? MAX_FILE_ROWS);
  const table: RawTable = { fields: [], rows: [], lines: [], ...(kept && { sampledFrom: total }), ...(byMemory && { sampledDims: listDims }) };
  let nextKept = 0; // the first of `kept` not yet reached
  let vectorField = -2; // not looked for yet
  let dims = 0;
  let data: VectorRows = new Float32Array(0);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let objects: Record<string, unknown>[];
    let fast: ReturnType<typeof readGroupVectors> = null;
    try {
      fast = listColumn === null ? null : readGroupVectors(await columnBytes(file, group, listColumn), metadata, group, listColumn);
      const others = fast ? columns.filter((c) => c !== listColumn) : undefined;
      objects =
        others?.length === 0
          ? Array.from({ length: rowEnd - rowStart }, () => ({}))
          : await parquetReadObjects({ file, metadata, rowStart, rowEnd, columns: others });
    } catch (error) {
      throw new InputError(`rows ${rowStart + 1}–${rowEnd} cannot be read (${(error as Error).message}): the file looks cut or damaged`);
    }
    // where each row's values begin in the fast path's values
    const starts = fast ? new Int32Array(fast.lengths.length + 1) : null;
    if (fast && starts) fast.lengths.forEach((n, i) => (starts[i + 1] = starts[i]! + n));
    const cell = (object: Record<string, unknown>, i: number, field: string) =>
      fast && starts && field === listColumn ? fast.values.subarray(starts[i]!, starts[i + 1]!) : object[field];
    if (vectorField === -2) {
      table.fields = columns;
      const sample = objects.slice(0, 100).map((o, i) => table.fields.map((f) => cell(o, i, f)));
      vectorField = findVectorField({ fields: table.fields, rows: sample, lines: [] });
    }
    const vectorName = table.fields[vectorField];
    objects.forEach((object, i) => {
      const row = rowStart + i;
      if (kept) {
        if (kept[nextKept] !== row) return;
        nextKept++;
      }
      const at = table.rows.length;
      // the list column stays a cell of the row when another column holds the vectors
      table.rows.push(table.fields.map((f, k) => (k === vectorField ? null : cell(object, i, f))));
      table.lines.push(row + 1);
      if (vectorName === undefined) return;
      const vector = cell(object, i, vectorName) as ArrayLike<unknown> | null | undefined;
      if (!vector || typeof vector !== 'object') throw new InputError(`row ${row + 1} has no vector in “${vectorName}”`);
      if (dims === 0) {
        dims = vector.length;
        if (dims < 1) throw new InputError('the vector column is empty');
        const rows = kept?.length ?? total;
        // past the float32 budget, float16: half the memory (a million rows of 384 in 732 MiB)
        data = allocateVectors(rows * dims, limits.shared === true, fileStorage(rows, dims, budget));
      } else if (vector.length !== dims) {
        throw new InputError(`vectors of mixed lengths: row ${row + 1} has ${vector.length} numbers, the rows before it ${dims}`);
      }
      for (let j = 0; j < dims; j++) {
        const x = Number(vector[j]);
        if (!Number.isFinite(x)) throw new InputError(`row ${row + 1} holds ${String(vector[j])} in its vector: only finite numbers can be laid out`);
        data[at * dims + j] = x;
      }
    });
    rowStart = rowEnd;
    onRows?.(rowStart, total);
  }
  if (vectorField >= 0 && dims > 0) table.vectors = { field: vectorField, data: data.subarray(0, table.rows.length * dims), dims };
  return table;
}

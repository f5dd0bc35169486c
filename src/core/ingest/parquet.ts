// Parquet through hyparquet (pure JavaScript), one row group at a time so that a million rows read
// with progress and never exist as a million JavaScript arrays of numbers: a list column of numbers
// (LIST or Arrow's fixed-size list, which Parquet stores as a LIST) goes straight into one
// Float32Array, the other columns become the rows' cells.
import { type FileMetaData, parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { InputError } from './inputError';
import { listOfFloatsColumn, readGroupVectors } from './parquetVectors';
import { findVectorField, type RawTable } from './records';
import { MAX_FILE_ROWS, rowsKept } from './rowCap';

/** rows read so far and in all, after each row group */
export type RowProgress = (done: number, total: number) => void;

/** Reads a Parquet file; past `cap` rows only a seeded sample of them is kept (rowCap.ts), chosen before reading. */
export async function parquetTable(bytes: Uint8Array, onRows?: RowProgress, cap = MAX_FILE_ROWS): Promise<RawTable> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(file);
  } catch (error) {
    throw new InputError(`not a readable Parquet file (${(error as Error).message})`);
  }
  const total = Number(metadata.num_rows);
  const kept = rowsKept(total, cap);
  const table: RawTable = { fields: [], rows: [], lines: [], ...(kept && { sampledFrom: total }) };
  let nextKept = 0; // the first of `kept` not yet reached
  let vectorField = -2; // not looked for yet
  let dims = 0;
  let data = new Float32Array(0);
  let rowStart = 0;
  // the one column that is a list of floats is read page by page into floats (parquetVectors.ts); the others as objects
  let listColumn: string | null;
  let columns: string[];
  try {
    listColumn = listOfFloatsColumn(metadata);
    columns = parquetSchema(metadata).children.map((c) => c.element.name);
  } catch (error) {
    throw new InputError(`not a readable Parquet file (${(error as Error).message})`);
  }
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let objects: Record<string, unknown>[];
    let fast: ReturnType<typeof readGroupVectors> = null;
    try {
      fast = listColumn === null ? null : readGroupVectors(file, metadata, group, listColumn);
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
        data = new Float32Array((kept?.length ?? total) * dims);
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

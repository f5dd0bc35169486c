import type { RawTable } from '../core/ingest/records';

export type ParquetCalls = {
  /** one Parquet file as a table of rows, read from the file a row group at a time */
  read: { params: { file: Blob }; result: { table: RawTable } };
};

/** rows read so far, after each row group */
export type ParquetProgress = { type: 'rows'; id: number; done: number; total: number };

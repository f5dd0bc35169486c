import type { RawTable } from '../core/ingest/records';

export type ParquetCalls = {
  /** one Parquet file as a table of rows */
  read: { params: { bytes: Uint8Array }; result: { table: RawTable } };
};

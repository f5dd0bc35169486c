/// <reference lib="webworker" />
// Reads one Parquet file (see parquetReader.ts): a worker of its own, so that a reader that never
// ends on a damaged file can be stopped.
import { parquetTable, rangedBuffer } from '../core/ingest/parquet';
import { serve, transferring } from './host';
import type { ParquetCalls, ParquetProgress } from './parquet.protocol';

// hyparquet leaves rejected promises of its own behind on some damaged files: the answer says enough
self.onunhandledrejection = (event) => event.preventDefault();
serve<ParquetCalls, ParquetProgress>({
  read: async ({ file }, call) => {
    // the file is read in ranges: a file bigger than memory allows is never held whole
    const table = await parquetTable(rangedBuffer(file), (done, total) => call.emit({ type: 'rows', done, total }), {
      shared: self.crossOriginIsolated,
    });
    return transferring({ table }, table.vectors ? [table.vectors.data.buffer as ArrayBuffer] : []);
  },
});

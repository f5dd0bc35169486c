// Parquet in a short-lived worker with a time limit: hyparquet loops forever on some damaged files
// (a run of length zero at bit width zero never moves on), and only terminating its thread stops it.
import { InputError } from '../core/ingest/inputError';
import type { RawTable } from '../core/ingest/records';
import { readerTimeLimitMs, withinTimeLimit } from '../core/timeLimit';
import type { ParquetCalls, ParquetProgress } from './parquet.protocol';
import type { RowProgress } from '../core/ingest/parquet';
import parquetWorkerUrl from './parquet.worker.ts?worker&url';
import { WorkerClient, WorkerStopped } from './rpc';
import { startWorker } from './startWorker';

export async function readParquet(file: Blob, onRows?: RowProgress, signal?: AbortSignal): Promise<RawTable> {
  const client = new WorkerClient<ParquetCalls, ParquetProgress>(() => startWorker(parquetWorkerUrl, 'parquet'), 'Parquet reader');
  const limit = readerTimeLimitMs(file.size);
  const read = client.request('read', { file }, { onEvent: (event) => onRows?.(event.done, event.total), signal }).catch((error: unknown) => {
    throw error instanceof WorkerStopped ? new InputError(`the Parquet reader failed (${error.reason})`) : error;
  });
  try {
    const { table } = await withinTimeLimit(
      read,
      limit,
      () => undefined,
      `the Parquet reader did not finish within ${Math.round(limit / 1000)} s: the file looks damaged`,
    );
    return table;
  } finally {
    client.close();
  }
}

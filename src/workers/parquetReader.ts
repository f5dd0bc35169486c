// Parquet in a short-lived worker with a time limit: hyparquet loops forever on some damaged files
// (a run of length zero at bit width zero never moves on), and only terminating its thread stops it.
import { InputError } from '../core/ingest/inputError';
import type { RawTable } from '../core/ingest/records';
import { readerTimeLimitMs, withinTimeLimit } from '../core/timeLimit';
import parquetWorkerUrl from './parquet.worker.ts?worker&url';
import { startWorker } from './startWorker';

type Answer = { table: RawTable } | { error: string; input: boolean };

export function readParquet(bytes: Uint8Array): Promise<RawTable> {
  const worker = startWorker(parquetWorkerUrl, 'parquet');
  const limit = readerTimeLimitMs(bytes.length);
  const answer = new Promise<RawTable>((resolve, reject) => {
    worker.onmessage = (message: MessageEvent<Answer>) => {
      const data = message.data;
      if ('table' in data) resolve(data.table);
      else reject(data.input ? new InputError(data.error) : new Error(data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new InputError(`the Parquet reader failed (${event.message})`));
    };
  });
  worker.postMessage(bytes);
  return withinTimeLimit(
    answer,
    limit,
    () => undefined,
    `the Parquet reader did not finish within ${Math.round(limit / 1000)} s: the file looks damaged`,
  ).finally(() => worker.terminate());
}

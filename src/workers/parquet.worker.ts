/// <reference lib="webworker" />
// Reads one Parquet file (see parquetReader.ts): a worker of its own, so that a reader that never
// ends on a damaged file can be stopped.
import { InputError } from '../core/ingest/inputError';
import { parquetTable } from '../core/ingest/parquet';

declare const self: DedicatedWorkerGlobalScope;

// hyparquet leaves rejected promises of its own behind on some damaged files: the answer says enough
self.onunhandledrejection = (event) => event.preventDefault();
self.onmessage = async (message: MessageEvent<Uint8Array>) => {
  try {
    self.postMessage({ table: await parquetTable(message.data) });
  } catch (error) {
    self.postMessage({ error: (error as Error).message, input: error instanceof InputError });
  }
};

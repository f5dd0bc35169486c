// Test support for fuzz.test.ts: reads Parquet and PDF files in a Node worker thread, as the app
// reads them off the page (Parquet in a worker it can stop, PDF in the ingest worker), so that a
// reader that never ends can be stopped and pdf.js's stray rejections stay in this thread.
import { parentPort } from 'node:worker_threads';
import { InputError } from './inputError';
import { parquetTable } from './parquet';
import { type PdfLibrary, pdfDocument } from './pdfText';

// pdf.js and hyparquet leave rejected promises of their own behind on some damaged files; the app's
// workers ignore them the same way (an unhandled rejection in a worker is only logged)
process.on('unhandledRejection', () => undefined);
const pdfjs = import('pdfjs-dist/legacy/build/pdf.mjs') as unknown as Promise<PdfLibrary>;

parentPort!.on('message', async ({ kind, bytes }: { kind: 'parquet' | 'pdf'; bytes: Uint8Array }) => {
  try {
    if (kind === 'parquet') await parquetTable(bytes);
    else await pdfDocument(await pdfjs, 'fuzz.pdf', bytes);
    parentPort!.postMessage({ ok: true });
  } catch (error) {
    parentPort!.postMessage({
      ok: false,
      input: error instanceof InputError && Boolean(error.message),
      message: `${(error as Error)?.name}: ${(error as Error)?.message}`,
    });
  }
});

/// <reference lib="webworker" />
import type { PdfLibrary } from '../core/ingest/pdfText';
import { IngestHost } from './ingest';
import { readParquet } from './parquetReader';
import type { IngestInbox, IngestOutbox } from './ingest.protocol';

declare const self: DedicatedWorkerGlobalScope;

async function loadPdf(): Promise<PdfLibrary> {
  // pdf.js runs its own worker code in this thread: this is a worker already
  const worker = await import('pdfjs-dist/build/pdf.worker.mjs');
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  return (await import('pdfjs-dist')) as unknown as PdfLibrary;
}

const host = new IngestHost((message: IngestOutbox, transfer: Transferable[] = []) => self.postMessage(message, transfer), {
  pdf: loadPdf,
  parquet: readParquet,
  tokenCounter: async (source) => (await import('./tokenizer')).loadTokenCounter(source),
});
self.onmessage = (message: MessageEvent<IngestInbox>) => void host.handle(message.data);

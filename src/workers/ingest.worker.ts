/// <reference lib="webworker" />
import type { PdfLibrary } from '../core/ingest/pdfText';
import { serve } from './host';
import { ingestHandlers } from './ingest';
import type { IngestCalls, IngestProgress } from './ingest.protocol';
import { readParquet } from './parquetReader';

async function loadPdf(): Promise<PdfLibrary> {
  // pdf.js runs its own worker code in this thread: this is a worker already
  const worker = await import('pdfjs-dist/build/pdf.worker.mjs');
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  return (await import('pdfjs-dist')) as unknown as PdfLibrary;
}

serve<IngestCalls, IngestProgress>(
  ingestHandlers({
    pdf: loadPdf,
    parquet: readParquet,
    tokenCounter: async (source) => (await import('./tokenizer')).loadTokenCounter(source),
  }),
);

// The ingest worker's logic: read files (with progress), parse them by format, pair vector files
// with their metadata, chunk the documents. Libraries that need a browser (pdf.js, the tokenizer)
// are passed in, so Node tests can run it with theirs.
import { CancelledError } from '../core/batching';
import { FIT_COUNTED_CHARS, fitTokenLimit, sampledFit, type TokenCounter } from '../core/chunking';
import { chunkDocuments, type SourceDocument } from '../core/corpus';
import {
  candidateDocument,
  extensionOf,
  type FileResult,
  formatOf,
  MAX_FILE_BYTES,
  pairVectors,
  parquetResult,
  parseFile,
  type VectorFile,
} from '../core/ingest/files';
import { InputError } from '../core/ingest/inputError';
import { type PdfLibrary, pdfDocument } from '../core/ingest/pdfText';
import { parquetTable, rangedBuffer, type RowProgress } from '../core/ingest/parquet';
import type { RawTable } from '../core/ingest/records';
import type { ModelSource } from '../core/models';
import { packDocument, packedBuffers, packTable } from '../core/documentPacking';
import { type CallContext, type Handlers, transferring } from './host';
import type { IngestCalls, IngestFile, IngestProgress } from './ingest.protocol';
import { readVectorFile, writeVectorFile } from './vectorFiles';

export interface IngestLibraries {
  pdf: () => Promise<PdfLibrary>;
  /** Parquet, read from the file in ranges where a reader that never ends can be stopped (see parquetReader.ts) */
  parquet?: (file: Blob, onRows?: RowProgress, signal?: AbortSignal) => Promise<RawTable>;
  tokenCounter: (source: ModelSource) => Promise<TokenCounter>;
}

/** Texts this long are sent as bytes (see IngestEvent). */
const BIG_TEXT = 1 << 20;
const megabytes = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);
const READABLE = '.txt, .md, .html, .pdf, .csv, .tsv, .json, .jsonl, .npy and .parquet';

type Call = CallContext<IngestProgress>;
type Request = Parameters<Handlers<IngestCalls, IngestProgress>['parse' | 'chunk']>[0];

export function ingestHandlers(libraries: IngestLibraries): Handlers<IngestCalls, IngestProgress> {
  const ingest = new Ingest(libraries);
  return {
    parse: (request, call) => ingest.run(request, call),
    chunk: (request, call) => ingest.run(request, call),
    writeVectorFile: async ({ name, vectors }) => ({ bytes: await writeVectorFile(name, vectors) }),
    readVectorFile: async ({ name, storage, shared }) => {
      const vectors = await readVectorFile(name, storage, shared);
      return transferring({ vectors }, [vectors.buffer]);
    },
  };
}

class Ingest {
  private lastProgress = 0;

  constructor(private readonly libraries: IngestLibraries) {}

  /** Parses files (or takes documents) and chunks them. */
  async run(request: Request, call: Call) {
    const parsed = request.type === 'parse' ? await this.parse(call, request.files) : { documents: request.documents, problems: [], notes: [] };
    const { strategy } = request.chunking;
    const countTokens = strategy === 'tokens' || strategy === 'fit' ? await this.libraries.tokenCounter(request.tokenizer) : undefined;
    this.progress(call, `Chunking ${parsed.documents.length} documents`, 0, 1, true);
    const tokenLimit = fitTokenLimit(request.tokenizer.model.maxTokens);
    let options = request.chunking;
    const chars = parsed.documents.reduce((n, d) => n + (d.vectors ? 0 : d.text.length), 0);
    if (strategy === 'fit' && countTokens && chars > FIT_COUNTED_CHARS) {
      const sampled = sampledFit(
        parsed.documents.filter((d) => !d.vectors).map((d) => d.text),
        countTokens,
        tokenLimit,
      );
      options = sampled.options;
      parsed.notes.push(
        `${megabytes(chars)} MB of text: chunks of up to ${options.size.toLocaleString('en')} characters, about ${tokenLimit} tokens at ${sampled.charsPerToken.toFixed(1)} characters per token (sampled from the text rather than counted for every chunk); chunks that still run over the model's input are flagged.`,
      );
    }
    const table = chunkDocuments(parsed.documents, options, { countTokens, tokenLimit });
    // the page rebuilds the texts from the documents it receives anyway: no need to copy them twice
    table.texts = [];
    const transfer: Transferable[] = [table.sourceIds, table.sectionIds, table.starts, table.ends, table.lines, table.pages, table.tokens, table.imported].map(
      (a) => a.buffer,
    );
    const texts: { document: number; bytes: Uint8Array }[] = [];
    // documents the page sent for chunking are there already: only parsed ones go back
    const documents =
      request.type === 'chunk'
        ? []
        : parsed.documents.map((doc, index) => {
            if (doc.text.length < BIG_TEXT) return doc;
            const bytes = new TextEncoder().encode(doc.text);
            texts.push({ document: index, bytes });
            transfer.push(bytes.buffer);
            return { ...doc, text: '' };
          });
    // a document of many rows goes as columns: cloning a million small objects held up the page
    const packed = documents.map(packDocument);
    transfer.push(...packedBuffers(packed));
    // vectors are moved, not copied: a big file's are a good part of the memory there is
    const vectorBuffers = new Set(documents.flatMap((doc) => (doc.vectors ? [doc.vectors.data.buffer] : [])));
    const packedTable = packTable(table);
    if (!Array.isArray(packedTable.headings)) transfer.push(packedTable.headings.ids.buffer);
    return transferring({ ...parsed, documents: packed, texts, table: packedTable }, [...transfer, ...(vectorBuffers as Set<ArrayBuffer>)]);
  }

  private progress(call: Call, message: string, done: number, total: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastProgress < 100) return;
    this.lastProgress = now;
    call.emit({ type: 'progress', message, done, total });
  }

  private checkCancelled(call: Call): void {
    if (call.signal.aborted) throw new CancelledError();
  }

  /** Reads a file in slices so that progress shows and a cancel is heard on big files. */
  private async read(call: Call, entry: IngestFile, before: number, total: number, label: string): Promise<Uint8Array> {
    const { file } = entry;
    const slice = 8 * 1024 * 1024;
    if (file.size <= slice) return new Uint8Array(await file.arrayBuffer());
    const bytes = new Uint8Array(file.size);
    for (let offset = 0; offset < file.size; offset += slice) {
      this.checkCancelled(call);
      bytes.set(new Uint8Array(await file.slice(offset, offset + slice).arrayBuffer()), offset);
      this.progress(call, `${label}: ${megabytes(before + offset)} / ${megabytes(total)} MB`, before + offset, total);
    }
    return bytes;
  }

  private async parse(call: Call, files: IngestFile[]): Promise<{ documents: SourceDocument[]; problems: string[]; notes: string[] }> {
    const problems: string[] = [];
    const notes: string[] = [];
    const documents: SourceDocument[] = [];
    const vectors: VectorFile[] = [];
    const candidates: NonNullable<FileResult['metadataCandidate']>[] = [];
    const hidden = files.filter((f) => f.path.split('/').some((part) => part.startsWith('.')));
    if (hidden.length > 0)
      notes.push(
        `Skipped ${hidden.length} hidden ${hidden.length === 1 ? 'file' : 'files'} (${hidden
          .slice(0, 3)
          .map((f) => f.path)
          .join(', ')}${hidden.length > 3 ? ', …' : ''}).`,
      );
    files = files.filter((f) => !hidden.includes(f));
    const unsupported = files.filter((f) => formatOf(f.path) === null);
    if (unsupported.length > 0 && unsupported.length <= 3) {
      for (const f of unsupported)
        problems.push(
          `${f.path}: files of type ${extensionOf(f.path) ? `.${extensionOf(f.path)}` : 'with no extension'} are not read (Orrery reads ${READABLE}).`,
        );
    } else if (unsupported.length > 3) {
      const kinds = [...new Set(unsupported.map((f) => (extensionOf(f.path) ? `.${extensionOf(f.path)}` : 'no extension')))].slice(0, 6).join(', ');
      notes.push(`Skipped ${unsupported.length} files of other types (${kinds}).`);
    }
    const readable = files.filter((f) => formatOf(f.path) !== null);
    // Parquet is read from the file a row group at a time, never whole: no limit on its bytes
    const counted = ({ path, file }: IngestFile) => (formatOf(path) === 'parquet' ? file.size : Math.min(file.size, MAX_FILE_BYTES));
    const total = readable.reduce((sum, f) => sum + counted(f), 0);
    const many = readable.length > 1;
    let before = 0;
    for (const [index, entry] of readable.entries()) {
      this.checkCancelled(call);
      const { path, file } = entry;
      const label = many ? `Reading ${index + 1} / ${readable.length} files` : `Reading ${path}`;
      this.progress(call, many ? `${label} (${path})` : label, before, total);
      try {
        const format = formatOf(path);
        if (file.size > MAX_FILE_BYTES && format !== 'parquet') {
          throw new InputError(`${megabytes(file.size)} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for one file`);
        }
        if (file.size === 0) throw new InputError('the file is empty');
        if (format === 'parquet') {
          // a Parquet file says how many of its rows are read
          const onRows: RowProgress = (done, rows) =>
            this.progress(call, `${label}: ${done.toLocaleString('en')} / ${rows.toLocaleString('en')} rows`, before + (file.size * done) / rows, total);
          // in Node (tests) the reader runs here: a cancel is heard between its row groups
          const read: NonNullable<IngestLibraries['parquet']> =
            this.libraries.parquet ?? ((f, progress) => parquetTable(rangedBuffer(f), (done, rows) => (this.checkCancelled(call), progress?.(done, rows))));
          const table = await read(file, onRows, call.signal);
          const result = parquetResult(path, table);
          documents.push(...result.documents);
          notes.push(...result.notes);
        } else if (format === 'pdf') {
          const bytes = await this.read(call, entry, before, total, label);
          const doc = await pdfDocument(await this.libraries.pdf(), path, bytes, () => call.signal.aborted);
          documents.push(doc);
          if (doc.note) notes.push(`${path}: ${doc.note}.`);
        } else {
          const result = await parseFile(path, await this.read(call, entry, before, total, label));
          documents.push(...result.documents);
          if (result.vectors) vectors.push(result.vectors);
          if (result.metadataCandidate) candidates.push(result.metadataCandidate);
          notes.push(...result.notes);
        }
      } catch (error) {
        if (error instanceof CancelledError || call.signal.aborted) throw new CancelledError();
        if (!(error instanceof InputError)) throw error;
        problems.push(`${path}: ${error.message}.`);
      }
      before += counted(entry);
    }
    const paired = pairVectors(vectors, candidates);
    documents.push(...paired.documents);
    notes.push(...paired.notes);
    for (const candidate of paired.unpaired) {
      try {
        documents.push(candidateDocument(candidate));
      } catch (error) {
        problems.push(`${candidate.name}: ${(error as Error).message}.`);
      }
    }
    return { documents, problems, notes };
  }
}

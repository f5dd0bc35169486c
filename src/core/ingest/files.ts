// One file's bytes to documents, by its extension; vector files wait to be paired with a
// metadata file from the same drop (the Embedding Projector's vectors.tsv + metadata.tsv, .npy + labels).
import type { SourceDocument, SourceFormat, TableData } from '../corpus';
import { decodeText } from './decode';
import { parseDelimited } from './delimited';
import { htmlToText } from './html';
import { InputError } from './inputError';
import { markdownHeadings } from './markdown';
import { parseNpy, parseNumericTsv } from './npy';
import { parquetTable, type RowProgress } from './parquet';
import { jsonLinesTable, jsonTable, type RawTable, recordsDocument, tableDocument } from './records';
import { gatherVectors, MAX_FILE_ROWS, rowsKept, sampledNote } from './rowCap';
import type { VectorRows } from '../vectors';

export const MAX_FILE_BYTES = 256 * 1024 * 1024;

const EXTENSIONS: Record<string, SourceFormat> = {
  txt: 'text',
  text: 'text',
  log: 'text',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  html: 'html',
  htm: 'html',
  pdf: 'pdf',
  csv: 'csv',
  tsv: 'tsv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  npy: 'npy',
  parquet: 'parquet',
};

export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function formatOf(name: string): SourceFormat | null {
  return EXTENSIONS[extensionOf(name)] ?? null;
}

export interface VectorFile {
  name: string;
  format: SourceFormat;
  data: VectorRows;
  rows: number;
  dims: number;
  /** past the row cap: the file's own row count and the rows kept (rowCap.ts), which its metadata keeps too */
  sampled?: { from: number; kept: Int32Array };
}

/** A vector file of more rows than one file may bring keeps a seeded sample of them. */
export function capVectors(v: VectorFile, cap = MAX_FILE_ROWS): VectorFile {
  const kept = rowsKept(v.rows, cap);
  return kept ? { ...v, data: gatherVectors(v.data, v.dims, kept), rows: kept.length, sampled: { from: v.rows, kept } } : v;
}

/** What one file gave: documents, or vectors waiting for their metadata, or a metadata candidate. */
export interface FileResult {
  documents: SourceDocument[];
  vectors?: VectorFile;
  /** a table that may be the metadata of vectors in the same drop, parsed as a document if not */
  metadataCandidate?: { name: string; text: string; format: SourceFormat };
  notes: string[];
}

const looksLikeMetadata = (name: string) => /meta|label/i.test(name.slice(name.lastIndexOf('/') + 1));

/** What a Parquet file gave, read as a table (in memory, or from the file in ranges: parquet.ts). */
export function parquetResult(name: string, table: RawTable, textField?: string): FileResult {
  const doc = recordsDocument(name, 'parquet', table, textField);
  return { documents: [doc], notes: doc.note ? [`${name}: ${doc.note}.`] : [] };
}

/** Parses any format but PDF (which needs pdf.js, in the worker); `readParquet` is where Parquet is read (the app: a worker it can stop). */
export async function parseFile(
  name: string,
  bytes: Uint8Array,
  textField?: string,
  readParquet: (bytes: Uint8Array, onRows?: RowProgress) => Promise<RawTable> = parquetTable,
  onRows?: RowProgress,
): Promise<FileResult> {
  const format = formatOf(name);
  if (!format || format === 'pdf') throw new InputError(`files of type .${extensionOf(name) || '(none)'} cannot be read`);
  if (bytes.length === 0) throw new InputError('the file is empty');
  const notes: string[] = [];
  const result = (documents: SourceDocument[]): FileResult => {
    for (const doc of documents) if (doc.note) notes.push(`${name}: ${doc.note}.`);
    return { documents, notes };
  };
  if (format === 'npy') {
    const { data, rows, dims } = parseNpy(bytes);
    return { documents: [], vectors: capVectors({ name, format, data, rows, dims }), notes };
  }
  if (format === 'parquet') return parquetResult(name, await readParquet(bytes, onRows), textField);
  const { text, note } = decodeText(bytes);
  if (note) notes.push(`${name}: ${note}.`);
  switch (format) {
    case 'markdown':
      return result([{ name, format, text, headings: markdownHeadings(text) }]);
    case 'html': {
      const { text: visible, headings } = htmlToText(text);
      if (!visible.trim()) throw new InputError('the page has no visible text');
      return result([{ name, format, text: visible, headings }]);
    }
    case 'tsv': {
      const numeric = parseNumericTsv(text);
      if (numeric) return { documents: [], vectors: capVectors({ name, format: 'projector', ...numeric }), notes };
      if (looksLikeMetadata(name)) return { documents: [], metadataCandidate: { name, text, format }, notes };
      return result([delimitedDocument(name, format, text, textField)]);
    }
    case 'csv':
      if (looksLikeMetadata(name)) return { documents: [], metadataCandidate: { name, text, format }, notes };
      return result([delimitedDocument(name, format, text, textField)]);
    case 'json':
      return result([recordsDocument(name, format, jsonTable(text), textField)]);
    case 'jsonl': {
      const { table, badLines } = jsonLinesTable(text);
      const doc = recordsDocument(name, format, table, textField);
      if (badLines.length > 0) {
        const first = badLines
          .slice(0, 3)
          .map((b) => `line ${b.line} (${b.reason})`)
          .join('; ');
        notes.push(
          `${name}: ${badLines.length} ${badLines.length === 1 ? 'line is' : 'lines are'} not a JSON object and ${badLines.length === 1 ? 'was' : 'were'} skipped: ${first}${badLines.length > 3 ? '; …' : ''}. The other ${table.rows.length} were imported.`,
        );
      }
      return result([doc]);
    }
    default:
      return result([{ name, format, text }]);
  }
}

function delimitedDocument(name: string, format: SourceFormat, text: string, textField?: string): SourceDocument {
  const parsed = parseDelimited(text, format === 'tsv' ? '\t' : ',');
  const doc = recordsDocument(name, format, { fields: parsed.header, rows: parsed.rows, lines: parsed.lines }, textField);
  if (parsed.ragged > 0)
    doc.note = [doc.note, `${parsed.ragged} rows had a different number of fields than the header and were padded or cut`].filter(Boolean).join('; ');
  return doc;
}

const stem = (name: string) => name.replace(/\.[^./]+$/, '').replace(/[-_. ]?(vectors?|tensors?|embeddings?|metadata|meta|labels?)$/i, '');
const folder = (name: string) => name.slice(0, name.lastIndexOf('/') + 1);

/** The Projector's metadata: one label per line without a header, or a header when there are several columns. */
function metadataTable(text: string, format: SourceFormat, rows: number): TableData | null {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const delimiter = format === 'csv' ? ',' : '\t';
  if (!lines[0]?.includes(delimiter) && lines.length === rows) {
    return { fields: ['label'], rows: lines.map((l) => [l]), lines: lines.map((_, i) => i + 1), textField: 'label' };
  }
  // the Projector writes and reads its metadata.tsv with no quoting: a field may begin with "
  const parsed = parseDelimited(text, delimiter, { quoting: format === 'csv' });
  if (parsed.rows.length !== rows) return null;
  return { fields: parsed.header, rows: parsed.rows, lines: parsed.lines, textField: null };
}

/**
 * Pairs each vector file with a metadata table of as many rows (same folder, same stem or a
 * "metadata" name); metadata files that pair with nothing are returned to be read as documents.
 */
export function pairVectors(
  vectors: VectorFile[],
  candidates: NonNullable<FileResult['metadataCandidate']>[],
): { documents: SourceDocument[]; unpaired: NonNullable<FileResult['metadataCandidate']>[]; notes: string[] } {
  const documents: SourceDocument[] = [];
  const notes: string[] = [];
  const unused = new Set(candidates);
  for (const v of vectors) {
    const ranked = [...unused]
      .filter((c) => folder(c.name) === folder(v.name))
      .sort((a, b) => Number(stem(b.name) === stem(v.name)) - Number(stem(a.name) === stem(v.name)));
    // the metadata has a line per row of the file; a sampled file keeps the same rows of it
    const fileRows = v.sampled?.from ?? v.rows;
    const kept = v.sampled?.kept;
    let table: TableData | null = null;
    for (const candidate of ranked) {
      table = metadataTable(candidate.text, candidate.format, fileRows);
      if (table) {
        unused.delete(candidate);
        if (table.textField === null) table.textField = table.fields[0] ?? null;
        if (kept) table = { ...table, rows: Array.from(kept, (i) => table!.rows[i]!), lines: Array.from(kept, (i) => table!.lines[i]!) };
        notes.push(`${v.name}: ${v.rows} vectors of ${v.dims} dimensions, labelled from ${candidate.name}.`);
        break;
      }
    }
    if (!table) {
      const lines = kept ? Array.from(kept, (i) => i + 1) : Array.from({ length: v.rows }, (_, i) => i + 1);
      table = { fields: [], rows: lines.map(() => []), lines, textField: null };
      notes.push(`${v.name}: ${v.rows} vectors of ${v.dims} dimensions, with no metadata file of ${fileRows} rows beside it (rows are labelled by number).`);
    }
    if (v.sampled) notes.push(`${v.name}: ${sampledNote(v.sampled.from, v.rows)}.`);
    documents.push(tableDocument(v.name, v.format, table, { data: v.data, dims: v.dims }));
  }
  return { documents, unpaired: [...unused], notes };
}

/** A metadata-looking table that had no vectors to label is read as an ordinary table. */
export function candidateDocument(candidate: NonNullable<FileResult['metadataCandidate']>, textField?: string): SourceDocument {
  return delimitedDocument(candidate.name, candidate.format, candidate.text, textField);
}

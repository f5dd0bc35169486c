// Documents become a columnar chunk table: one array per field, one row per chunk. Each chunk
// remembers its document, its section (page, row), its offsets, line and heading path.
import type { VectorRows } from './vectors';
import { type ChunkContext, type ChunkOptions, chunkRange, PARAGRAPH_CHUNKING } from './chunking';
import { type Heading, headingPaths, markdownHeadings } from './ingest/markdown';

export type SourceFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'csv' | 'tsv' | 'json' | 'jsonl' | 'npy' | 'parquet' | 'projector' | 'chroma';

/** A part of a document that chunks never cross: a PDF page, a table row. */
export interface Section {
  start: number;
  end: number;
  /** 1-based page (PDF) */
  page?: number;
  /** 1-based line in the file where the section starts */
  line?: number;
  /** row of the document's table */
  row?: number;
}

/** A table's cells as text, kept so that the text column can be chosen again. */
export interface TableData {
  fields: string[];
  rows: string[][];
  lines: number[];
  textField: string | null;
}

export interface SourceDocument {
  /** the file's path within what was dropped, or a name for pasted text */
  name: string;
  format?: SourceFormat;
  text: string;
  sections?: Section[];
  headings?: Heading[];
  table?: TableData;
  /** imported vectors, one row per section: these rows skip embedding */
  vectors?: { data: VectorRows; dims: number };
  /** how the file was read, when that is worth saying (encoding, skipped rows) */
  note?: string;
}

export interface ChunkTable {
  texts: string[];
  /** index into `sources` for each chunk */
  sourceIds: Int32Array;
  /** index into the document's sections, -1 when it has none */
  sectionIds: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** 1-based line of the chunk's start in its file */
  lines: Int32Array;
  /** 1-based page, 0 when the source has no pages */
  pages: Int32Array;
  headings: string[];
  /** tokens of the model that embedded it, -1 until counted */
  tokens: Int32Array;
  /** 1 where the vector was imported rather than embedded */
  imported: Uint8Array;
  sources: string[];
}

/** Offsets of line starts, for line numbers by binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

interface Rows {
  texts: string[];
  sourceIds: number[];
  sectionIds: number[];
  starts: number[];
  ends: number[];
  lines: number[];
  pages: number[];
  headings: string[];
  imported: number[];
}

function chunkOne(doc: SourceDocument, sourceId: number, options: ChunkOptions, tokens: TokenContext, rows: Rows): void {
  const sections: Section[] = doc.sections ?? [{ start: 0, end: doc.text.length }];
  // pasted text is often Markdown; a plain text file is read as Markdown when asked to
  const headings =
    doc.headings ?? (doc.format === undefined || (doc.format === 'text' && options.strategy === 'markdown') ? markdownHeadings(doc.text) : undefined);
  const headingStarts = headings?.map((h) => h.start);
  const first = rows.texts.length;
  const textLines = doc.table ? null : lineStarts(doc.text);
  sections.forEach((section, sectionId) => {
    // imported vectors belong to whole rows: those rows are never split
    const chunks = doc.vectors
      ? [{ text: doc.text.slice(section.start, section.end), start: section.start, end: section.end }]
      : chunkRange(doc.text, section.start, section.end, options, { headingStarts, ...tokens });
    for (const chunk of chunks) {
      rows.texts.push(chunk.text);
      rows.sourceIds.push(sourceId);
      rows.sectionIds.push(doc.sections ? sectionId : -1);
      rows.starts.push(chunk.start);
      rows.ends.push(chunk.end);
      // a row's line in its file; a line of its page; else the line of its text
      if (!textLines) rows.lines.push(section.line ?? 1);
      else if (section.page) rows.lines.push(lineOf(textLines, chunk.start) - lineOf(textLines, section.start) + 1);
      else rows.lines.push(lineOf(textLines, chunk.start));
      rows.pages.push(section.page ?? 0);
      rows.imported.push(doc.vectors ? 1 : 0);
    }
  });
  const starts = rows.starts.slice(first);
  const paths = headings && headings.length > 0 ? headingPaths(headings, starts) : null;
  // element by element: spreading a million arguments overflows the stack
  for (let i = 0; i < starts.length; i++) rows.headings.push(paths ? paths[i]! : '');
}

/** The model's tokenizer and input size, for the strategies that count tokens. */
type TokenContext = Pick<ChunkContext, 'countTokens' | 'tokenLimit'>;

export function chunkDocuments(documents: SourceDocument[], options: ChunkOptions = PARAGRAPH_CHUNKING, tokens: TokenContext = {}): ChunkTable {
  const rows: Rows = { texts: [], sourceIds: [], sectionIds: [], starts: [], ends: [], lines: [], pages: [], headings: [], imported: [] };
  documents.forEach((doc, sourceId) => chunkOne(doc, sourceId, options, tokens, rows));
  return {
    texts: rows.texts,
    sourceIds: Int32Array.from(rows.sourceIds),
    sectionIds: Int32Array.from(rows.sectionIds),
    starts: Int32Array.from(rows.starts),
    ends: Int32Array.from(rows.ends),
    lines: Int32Array.from(rows.lines),
    pages: Int32Array.from(rows.pages),
    headings: rows.headings,
    tokens: new Int32Array(rows.texts.length).fill(-1),
    imported: Uint8Array.from(rows.imported),
    sources: documents.map((d) => d.name),
  };
}

function join<T extends Int32Array | Uint8Array>(a: T, b: T): T {
  const out = new (a.constructor as new (n: number) => T)(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function appendChunks(table: ChunkTable, more: ChunkTable): ChunkTable {
  const offset = table.sources.length;
  return {
    texts: [...table.texts, ...more.texts],
    sourceIds: join(
      table.sourceIds,
      more.sourceIds.map((id) => id + offset),
    ),
    sectionIds: join(table.sectionIds, more.sectionIds),
    starts: join(table.starts, more.starts),
    ends: join(table.ends, more.ends),
    lines: join(table.lines, more.lines),
    pages: join(table.pages, more.pages),
    headings: [...table.headings, ...more.headings],
    tokens: join(table.tokens, more.tokens),
    imported: join(table.imported, more.imported),
    sources: [...table.sources, ...more.sources],
  };
}

export const EMPTY_TABLE: ChunkTable = chunkDocuments([]);

/** The metadata of a chunk's row: the table's other columns. */
export function chunkMetadata(doc: SourceDocument | undefined, sectionId: number): [string, string][] {
  const row = doc?.table && sectionId >= 0 ? doc.sections?.[sectionId]?.row : undefined;
  if (!doc?.table || row === undefined) return [];
  const { fields, rows, textField } = doc.table;
  return fields.map((f, k): [string, string] => [f, rows[row]?.[k] ?? '']).filter(([f, v]) => f !== textField && v !== '');
}

/** The imported vectors of a table's rows in chunk order (one chunk per row for such documents). */
export function importedRow(doc: SourceDocument, sectionId: number): VectorRows {
  const { data, dims } = doc.vectors!;
  return data.subarray(sectionId * dims, (sectionId + 1) * dims);
}

/** The demo corpus is Markdown: each "# Heading" starts a document named after it. */
export function parseTopicMarkdown(markdown: string): SourceDocument[] {
  const documents: SourceDocument[] = [];
  for (const section of markdown.split(/^# /m).slice(1)) {
    const newline = section.indexOf('\n');
    const name = section.slice(0, newline).trim();
    const text = section.slice(newline + 1).trim();
    if (name && text) documents.push({ name, text });
  }
  return documents;
}

/** Chunk texts from their documents' text (the ingest worker sends offsets, not copies). */
export function withTexts(table: ChunkTable, documents: SourceDocument[]): ChunkTable {
  const texts = new Array<string>(table.starts.length);
  for (let i = 0; i < texts.length; i++) texts[i] = documents[table.sourceIds[i]!]!.text.slice(table.starts[i], table.ends[i]);
  return { ...table, texts };
}

// Tables and records (CSV, TSV, JSON, JSON Lines, Parquet) become documents: one field is the text,
// an optional field holds vectors, the other fields are kept as metadata of each row.
import type { SourceDocument, SourceFormat, TableData } from '../corpus';
import { InputError } from './inputError';
import { gatherVectors, heldAsFloat16, MAX_FILE_ROWS, rowsKept, sampledNote } from './rowCap';
import { storageOf, type VectorRows } from '../vectors';

export interface RawTable {
  fields: string[];
  /** one array of cells per row, in field order */
  rows: unknown[][];
  /** 1-based line of each row in its file (row number + 1 for formats without lines) */
  lines: number[];
  /** the vector column, already read into one buffer (Parquet); its cells in `rows` are empty */
  vectors?: { field: number; data: VectorRows; dims: number };
  /** set when the file had more rows than one file may bring: how many (rowCap.ts) */
  sampledFrom?: number;
  /** set when it was the vectors' memory, not the rows, that was too much: their numbers per row */
  sampledDims?: number;
}

const TEXT_NAMES = ['text', 'content', 'body', 'chunk', 'document', 'passage', 'page_content', 'sentence', 'abstract', 'description'];
const VECTOR_NAMES = ['embedding', 'embeddings', 'vector', 'vectors', 'values', 'emb'];

function numericArray(value: unknown): ArrayLike<unknown> | null {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return value as ArrayLike<unknown>;
  if (typeof value === 'string') {
    const s = value.trim();
    if (s.startsWith('[') && s.endsWith(']')) return s.slice(1, -1).split(',');
  }
  return null;
}

function isVectorLike(value: unknown): boolean {
  const array = numericArray(value);
  if (!array || array.length < 2) return false;
  const first = array[0];
  return typeof first === 'number' || (typeof first === 'string' && first.trim() !== '' && !Number.isNaN(Number(first)));
}

/** The column that holds vectors: a known name first, else the first whose first value is a list of numbers. */
export function findVectorField(table: RawTable): number {
  if (table.vectors) return table.vectors.field;
  const firstValue = (k: number) => table.rows.find((row) => row[k] !== undefined && row[k] !== null && row[k] !== '')?.[k];
  const named = table.fields.findIndex((f) => VECTOR_NAMES.includes(f.toLowerCase()) && isVectorLike(firstValue(table.fields.indexOf(f))));
  if (named >= 0) return named;
  return table.fields.findIndex((_, k) => isVectorLike(firstValue(k)));
}

/** Vectors of one column as an N×dims buffer; rows of other lengths and non-finite numbers are refused by row. */
export function extractVectors(table: RawTable, field: number): { data: VectorRows; dims: number } {
  if (table.vectors?.field === field) return { data: table.vectors.data, dims: table.vectors.dims };
  let dims = -1;
  let data = new Float32Array(0);
  table.rows.forEach((row, r) => {
    const where = `row ${r + 1} (line ${table.lines[r]})`;
    const array = numericArray(row[field]);
    if (!array) throw new InputError(`${where} has no vector in “${table.fields[field]}”`);
    if (dims < 0) {
      dims = array.length;
      data = new Float32Array(table.rows.length * dims);
    } else if (array.length !== dims) {
      throw new InputError(`vectors of mixed lengths: ${where} has ${array.length} numbers, the rows before it ${dims}`);
    }
    for (let j = 0; j < dims; j++) {
      const x = Number(array[j]);
      if (!Number.isFinite(x))
        throw new InputError(`${where} holds ${String(array[j]).trim() || 'an empty value'} in its vector: only finite numbers can be laid out`);
      data[r * dims + j] = x;
    }
  });
  if (dims < 1) throw new InputError('the vector column is empty');
  return { data, dims };
}

/** A cell as text: objects and lists as (shortened) JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  const json = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : v)) ?? '';
  return json.length > 300 ? `${json.slice(0, 300)}…` : json;
}

/** The text column: a familiar name, else the string column with the longest mean length. */
export function pickTextField(table: TableData, exclude: number): number {
  const named = table.fields.findIndex((f, k) => k !== exclude && TEXT_NAMES.includes(f.toLowerCase()));
  if (named >= 0) return named;
  let best = -1;
  let bestLength = 0;
  const sample = table.rows.slice(0, 500);
  table.fields.forEach((_, k) => {
    if (k === exclude) return;
    const texts = sample.map((row) => row[k] ?? '');
    if (texts.every((t) => t === '' || !Number.isNaN(Number(t)))) return; // numbers are metadata
    const mean = texts.reduce((sum, t) => sum + t.length, 0) / Math.max(1, texts.length);
    if (mean > bestLength) {
      bestLength = mean;
      best = k;
    }
  });
  return best;
}

/** formats whose `lines` are row numbers (a sampled file's rows keep theirs) */
const NUMBERED_BY_ROW = new Set<SourceFormat>(['npy', 'projector', 'parquet']);

/** Builds the document text and one section per row from the table's chosen text column. */
export function tableDocument(name: string, format: SourceFormat, table: TableData, vectors?: SourceDocument['vectors']): SourceDocument {
  const textIndex = table.textField === null ? -1 : table.fields.indexOf(table.textField);
  const parts: string[] = [];
  const sections: NonNullable<SourceDocument['sections']> = [];
  let offset = 0;
  let skipped = 0;
  table.rows.forEach((row, r) => {
    let text = textIndex >= 0 ? (row[textIndex] ?? '').trim() : '';
    if (!text && !vectors) {
      skipped++;
      return;
    }
    text ||= `row ${NUMBERED_BY_ROW.has(format) ? table.lines[r] : r + 1}`;
    sections.push({ start: offset, end: offset + text.length, line: table.lines[r], row: r });
    parts.push(text);
    offset += text.length + 2;
  });
  if (sections.length === 0) throw new InputError(`no row has text in “${table.textField}”`);
  const document: SourceDocument = { name, format, text: parts.join('\n\n'), sections, table };
  if (vectors) document.vectors = vectors;
  if (skipped > 0) document.note = `${skipped} rows with no text in “${table.textField}” were skipped`;
  return document;
}

/** A raw table to a document: vectors taken out if there is a vector column, the rest as text. */
export function recordsDocument(name: string, format: SourceFormat, whole: RawTable, textField?: string, cap = MAX_FILE_ROWS): SourceDocument {
  if (whole.rows.length === 0) throw new InputError('the file has no rows');
  const raw = capTable(whole, cap);
  const vectorIndex = findVectorField(raw);
  const vectors = vectorIndex >= 0 ? extractVectors(raw, vectorIndex) : undefined;
  const fields = raw.fields.filter((_, k) => k !== vectorIndex);
  const rows = raw.rows.map((row) => row.filter((_, k) => k !== vectorIndex).map(cellText));
  const table: TableData = { fields, rows, lines: raw.lines, textField: null };
  const chosen = textField !== undefined && fields.includes(textField) ? fields.indexOf(textField) : pickTextField(table, -1);
  if (chosen < 0 && !vectors) throw new InputError(`no column holds text (columns: ${fields.join(', ')})`);
  table.textField = chosen >= 0 ? fields[chosen]! : null;
  const doc = tableDocument(name, format, table, vectors);
  const storage = vectors && storageOf(vectors.data);
  const notes: string[] = [];
  if (raw.sampledFrom !== undefined) notes.push(sampledNote(raw.sampledFrom, raw.rows.length, raw.sampledDims, storage));
  else if (vectors && storage === 'float16') notes.push(heldAsFloat16(vectors.data.length / vectors.dims, vectors.dims));
  if (notes.length > 0) doc.note = [doc.note, ...notes].filter(Boolean).join('; ');
  return doc;
}

/** JSON: an array of objects, or an object with one such array (e.g. {"data": [...]}). */
export function jsonTable(text: string): RawTable {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`);
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const arrays = Object.values(value).filter(Array.isArray);
    if (arrays.length === 1) value = arrays[0];
  }
  if (!Array.isArray(value)) throw new InputError(`expected an array of objects (or JSON Lines), but the file holds ${describe(value)}`);
  const bad = value.findIndex((item) => !item || typeof item !== 'object' || Array.isArray(item));
  if (bad >= 0) throw new InputError(`expected an array of objects, but item ${bad + 1} is ${describe(value[bad])}`);
  return objectsTable(
    value as Record<string, unknown>[],
    value.map((_, i) => i + 1),
  );
}

/** JSON Lines: one object per line; bad lines are reported and the rest imported. */
export function jsonLinesTable(text: string): { table: RawTable; badLines: { line: number; reason: string }[] } {
  const objects: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const badLines: { line: number; reason: string }[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const value: unknown = JSON.parse(line);
      if (!value || typeof value !== 'object' || Array.isArray(value)) badLines.push({ line: i + 1, reason: `${describe(value)}, not an object` });
      else {
        objects.push(value as Record<string, unknown>);
        lines.push(i + 1);
      }
    } catch (error) {
      badLines.push({ line: i + 1, reason: (error as Error).message });
    }
  });
  if (objects.length === 0)
    throw new InputError(badLines.length > 0 ? `no line is a JSON object (line ${badLines[0]!.line}: ${badLines[0]!.reason})` : 'the file has no records');
  return { table: objectsTable(objects, lines), badLines };
}

function objectsTable(objects: Record<string, unknown>[], lines: number[]): RawTable {
  const fields: string[] = [];
  const seen = new Set<string>();
  for (const object of objects) {
    for (const key of Object.keys(object)) {
      if (!seen.has(key)) {
        seen.add(key);
        fields.push(key);
      }
    }
  }
  return { fields, rows: objects.map((o) => fields.map((f) => o[f])), lines };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A table of more rows than the cap, sampled (rows, their lines and vectors together). */
export function capTable(raw: RawTable, cap = MAX_FILE_ROWS): RawTable {
  const kept = raw.sampledFrom === undefined ? rowsKept(raw.rows.length, cap) : null;
  if (!kept) return raw;
  const vectors = raw.vectors && { ...raw.vectors, data: gatherVectors(raw.vectors.data, raw.vectors.dims, kept) };
  return {
    fields: raw.fields,
    rows: Array.from(kept, (i) => raw.rows[i]!),
    lines: Array.from(kept, (i) => raw.lines[i]!),
    ...(vectors && { vectors }),
    sampledFrom: raw.rows.length,
  };
}

// A document of many rows (a Parquet file of a million) as a message or a save carries it: its
// sections as columns of numbers and its table's cells as one string with their ends. Cloned as a
// million small objects and arrays they took 2.5 s of the page's thread to save and 1.2 s to receive;
// packed, a few typed arrays and one string go through in a fraction of that.
import type { ChunkTable, Section, SourceDocument, TableData } from './corpus';

/** documents with fewer sections go as they are */
const PACK_FROM = 1_000;
/** an absent page, line or row */
const NONE = -1;

export interface PackedSections {
  start: Int32Array;
  end: Int32Array;
  page: Int32Array;
  line: Int32Array;
  row: Int32Array;
}

/** Cells row after row, each `fields.length` wide: cell k is cells.slice(ends[k − 1] ?? 0, ends[k]). */
export interface PackedCells {
  cells: string;
  ends: Int32Array;
}

/** A table's rows packed: cells as one string, and their lines as numbers (a million of them cloned one by one took 0.5 s). */
type PackedTableData = Omit<TableData, 'rows' | 'lines'> & { rows: PackedCells; lines: Int32Array };

export type PackedDocument = Omit<SourceDocument, 'sections' | 'table'> & {
  sections?: Section[] | PackedSections;
  table?: TableData | PackedTableData;
};

/** Many strings with few distinct ones (a chunk table's headings): each distinct one once, and which one each string is. */
export interface PackedStrings {
  values: string[];
  ids: Int32Array;
}

/** A chunk table with its headings packed (a million of them cloned one by one took 0.3 s of the page's thread). */
export type PackedChunkTable = Omit<ChunkTable, 'headings'> & { headings: string[] | PackedStrings };

const isPackedSections = (sections: Section[] | PackedSections): sections is PackedSections => !Array.isArray(sections);
const isPackedCells = (rows: string[][] | PackedCells): rows is PackedCells => !Array.isArray(rows);

function packSections(sections: Section[]): PackedSections {
  const n = sections.length;
  const packed = { start: new Int32Array(n), end: new Int32Array(n), page: new Int32Array(n), line: new Int32Array(n), row: new Int32Array(n) };
  // one pass, a plain loop: Int32Array.from with a mapping function took five times as long
  for (let i = 0; i < n; i++) {
    const { start, end, page, line, row } = sections[i]!;
    packed.start[i] = start;
    packed.end[i] = end;
    packed.page[i] = page ?? NONE;
    packed.line[i] = line ?? NONE;
    packed.row[i] = row ?? NONE;
  }
  return packed;
}

function unpackSections({ start, end, page, line, row }: PackedSections): Section[] {
  return Array.from(start, (from, i) => {
    const section: Section = { start: from, end: end[i]! };
    if (page[i] !== NONE) section.page = page[i]!;
    if (line[i] !== NONE) section.line = line[i]!;
    if (row[i] !== NONE) section.row = row[i]!;
    return section;
  });
}

/** The table's cells packed, or null when a row is not as wide as the fields (kept as it is). */
function packCells(table: TableData): PackedCells | null {
  const width = table.fields.length;
  if (table.rows.some((row) => row.length !== width)) return null;
  const ends = new Int32Array(table.rows.length * width);
  let at = 0;
  let k = 0;
  for (const row of table.rows)
    for (const cell of row) {
      at += cell.length;
      ends[k++] = at;
    }
  return { cells: table.rows.map((row) => row.join('')).join(''), ends };
}

function unpackCells({ cells, ends }: PackedCells, width: number): string[][] {
  const rows: string[][] = new Array<string[]>(width === 0 ? 0 : ends.length / width);
  let from = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = new Array<string>(width);
    for (let c = 0; c < width; c++) {
      const to = ends[r * width + c]!;
      row[c] = cells.slice(from, to);
      from = to;
    }
    rows[r] = row;
  }
  return rows;
}

export function packDocument(doc: SourceDocument): PackedDocument {
  if ((doc.sections?.length ?? 0) < PACK_FROM) return doc;
  const packed: PackedDocument = { ...doc, sections: packSections(doc.sections!) };
  const cells = doc.table && packCells(doc.table);
  if (doc.table && cells) packed.table = { ...doc.table, rows: cells, lines: Int32Array.from(doc.table.lines) };
  return packed;
}

/** A document as it was packed (one that was never packed comes back as it is). */
export function unpackDocument(doc: PackedDocument): SourceDocument {
  const { sections, table, ...rest } = doc;
  const unpacked: SourceDocument = rest;
  if (sections) unpacked.sections = isPackedSections(sections) ? unpackSections(sections) : sections;
  if (table)
    unpacked.table = isPackedCells(table.rows)
      ? { ...table, rows: unpackCells(table.rows, table.fields.length), lines: Array.from(table.lines) }
      : (table as TableData);
  return unpacked;
}

function packStrings(strings: string[]): string[] | PackedStrings {
  if (strings.length < PACK_FROM) return strings;
  const ids = new Int32Array(strings.length);
  const idOf = new Map<string, number>();
  for (let i = 0; i < strings.length; i++) {
    let id = idOf.get(strings[i]!);
    if (id === undefined) idOf.set(strings[i]!, (id = idOf.size));
    ids[i] = id;
  }
  return { values: [...idOf.keys()], ids };
}

const unpackStrings = (strings: string[] | PackedStrings): string[] =>
  Array.isArray(strings) ? strings : Array.from(strings.ids, (id) => strings.values[id]!);

export const packTable = (table: ChunkTable): PackedChunkTable => ({ ...table, headings: packStrings(table.headings) });

/** A chunk table as it was packed (or never was: saves from before packing). */
export const unpackTable = (table: PackedChunkTable): ChunkTable => ({ ...table, headings: unpackStrings(table.headings) });

/** The buffers of packed documents, to move with a message. */
export const packedBuffers = (documents: PackedDocument[]): ArrayBuffer[] =>
  documents.flatMap((doc) => {
    const sections = doc.sections && isPackedSections(doc.sections) ? Object.values(doc.sections).map((column) => column.buffer) : [];
    const cells = doc.table && isPackedCells(doc.table.rows) ? [doc.table.rows.ends.buffer, (doc.table as PackedTableData).lines.buffer] : [];
    return [...sections, ...cells] as ArrayBuffer[];
  });

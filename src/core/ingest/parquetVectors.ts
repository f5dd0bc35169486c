// A vector column — a list of floats per row — decoded page by page straight into a Float32Array.
// hyparquet assembles every row's list as a JavaScript array, and its repetition and definition
// levels as arrays of numbers: at 1,000,000 × 384 that took 8.7× DuckDB's time, half of it in the
// garbage collector (bench:scale). Here the levels are decoded into bytes and PLAIN float values are
// copied as they lie (or looked up in the page's dictionary). Anything this does not handle (another
// encoding, a null inside or instead of a vector, nested lists, another codec) returns null, and the
// general path reads the column and names the row at fault.
import type { ColumnMetaData, CompressionCodec, FileMetaData, PageHeader, RowGroup } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getSchemaPath } from 'hyparquet/src/schema.js';

/** One row group's vectors: every value in row order, and how many each row has. */
export interface GroupVectors {
  values: Float32Array;
  lengths: Int32Array;
}

const bitWidth = (max: number) => 32 - Math.clz32(max);

/** The values of a page's PLAIN floats or doubles, as float32. */
function plainFloats(bytes: Uint8Array, count: number, type: 'FLOAT' | 'DOUBLE'): Float32Array {
  const size = type === 'FLOAT' ? 4 : 8;
  if (bytes.length < count * size) throw new RangeError('page shorter than its values');
  // a copy is aligned whatever the page's offset
  const aligned = bytes.slice(0, count * size).buffer;
  return type === 'FLOAT' ? new Float32Array(aligned) : Float32Array.from(new Float64Array(aligned));
}

/** The one top-level column that is a list of floats or doubles (one level of lists), or null when there is none or more than one. */
export function listOfFloatsColumn(metadata: FileMetaData): string | null {
  const leaves = new Map<string, number>();
  const lists = new Set<string>();
  for (const chunk of metadata.row_groups[0]?.columns ?? []) {
    const meta = chunk.meta_data;
    if (!meta) return null;
    const top = meta.path_in_schema[0]!;
    leaves.set(top, (leaves.get(top) ?? 0) + 1);
    if ((meta.type === 'FLOAT' || meta.type === 'DOUBLE') && getMaxRepetitionLevel(getSchemaPath(metadata.schema, meta.path_in_schema)) === 1) lists.add(top);
  }
  const [name] = lists;
  return lists.size === 1 && leaves.get(name!) === 1 ? name! : null;
}

const DICTIONARY = ['PLAIN_DICTIONARY', 'RLE_DICTIONARY'];

/** A data page's levels, decoded into bytes, and its value bytes (decompressed), if its encoding is plain or by dictionary. */
function levelsAndValues(header: PageHeader, compressed: Uint8Array, codec: CompressionCodec, maxRepetition: number, maxDefinition: number) {
  const v1 = header.type === 'DATA_PAGE' ? header.data_page_header : undefined;
  const v2 = header.type === 'DATA_PAGE_V2' ? header.data_page_header_v2 : undefined;
  const encoding = v1?.encoding ?? v2?.encoding;
  if (!encoding || (encoding !== 'PLAIN' && !DICTIONARY.includes(encoding))) return null;
  const count = (v1?.num_values ?? v2?.num_values)!;
  const repetition = new Uint8Array(count);
  const definition = new Uint8Array(count).fill(maxDefinition);
  let valueBytes: Uint8Array;
  if (v1) {
    // levels and values are compressed together, each level run prefixed by its length
    const page = decompressPage(compressed, header.uncompressed_page_size, codec, undefined);
    const levels = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
    readRleBitPackedHybrid(levels, bitWidth(maxRepetition), repetition);
    if (maxDefinition > 0) readRleBitPackedHybrid(levels, bitWidth(maxDefinition), definition);
    valueBytes = page.subarray(levels.offset);
  } else {
    // levels uncompressed, their lengths in the header; the values compressed after them
    const { repetition_levels_byte_length: repetitionBytes, definition_levels_byte_length: definitionBytes } = v2!;
    const levels = { view: new DataView(compressed.buffer, compressed.byteOffset, compressed.byteLength), offset: 0 };
    readRleBitPackedHybrid(levels, bitWidth(maxRepetition), repetition, repetitionBytes);
    levels.offset = repetitionBytes;
    if (maxDefinition > 0) readRleBitPackedHybrid(levels, bitWidth(maxDefinition), definition, definitionBytes);
    const rest = compressed.subarray(repetitionBytes + definitionBytes);
    valueBytes = v2!.is_compressed === false ? rest : decompressPage(rest, header.uncompressed_page_size - repetitionBytes - definitionBytes, codec, undefined);
  }
  return { repetition, definition, encoding, valueBytes };
}

/** Dictionary indices (a bit width, then run-length or bit-packed runs) looked up. */
function lookUp(bytes: Uint8Array, count: number, dictionary: Float32Array): Float32Array {
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 1 };
  const indices = new Uint32Array(count);
  readRleBitPackedHybrid(reader, bytes[0]!, indices, bytes.length - 1);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const value = dictionary[indices[i]!];
    if (value === undefined) throw new RangeError(`dictionary index ${indices[i]} past its ${dictionary.length} values`);
    values[i] = value;
  }
  return values;
}

/** Column `name` of a row group (when it is one leaf column): its metadata, and where its bytes lie in the file. */
export function columnRange(group: RowGroup, name: string): { meta: ColumnMetaData; start: number; length: number } | null {
  const chunks = group.columns.filter((c) => c.meta_data?.path_in_schema[0] === name);
  const meta = chunks[0]?.meta_data;
  if (chunks.length !== 1 || !meta) return null;
  return { meta, start: Number(meta.dictionary_page_offset || meta.data_page_offset), length: Number(meta.total_compressed_size) };
}

/** Bytes of a file from `offset` on: the whole file, or one column chunk of it read on its own. */
export interface FileBytes {
  bytes: ArrayBuffer;
  offset: number;
}

/** Reads column `name` of one row group if it is a plain list of floats without nulls; null when the general path must. */
export function readGroupVectors(file: FileBytes, metadata: FileMetaData, group: RowGroup, name: string): GroupVectors | null {
  const range = columnRange(group, name);
  const meta = range?.meta;
  if (!range || !meta || (meta.type !== 'FLOAT' && meta.type !== 'DOUBLE')) return null;
  const schemaPath = getSchemaPath(metadata.schema, meta.path_in_schema);
  const maxRepetition = getMaxRepetitionLevel(schemaPath);
  const maxDefinition = getMaxDefinitionLevel(schemaPath);
  if (maxRepetition !== 1) return null;
  const start = range.start - file.offset;
  const { length } = range;
  if (start < 0 || start + length > file.bytes.byteLength) return null;
  const reader = { view: new DataView(file.bytes, start, length), offset: 0 };
  const rows = Number(group.num_rows);
  const lengths = new Int32Array(rows);
  const pages: Float32Array[] = [];
  let row = -1;
  let total = 0;
  let dictionary: Float32Array | null = null;
  while (reader.offset < length) {
    const header = parquetHeader(reader);
    const compressed = new Uint8Array(file.bytes, start + reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE' && header.dictionary_page_header) {
      const page = decompressPage(compressed, header.uncompressed_page_size, meta.codec, undefined);
      dictionary = plainFloats(page, header.dictionary_page_header.num_values, meta.type);
      continue;
    }
    const page = levelsAndValues(header, compressed, meta.codec, maxRepetition, maxDefinition);
    if (!page) return null; // another encoding, or a page type this does not read
    const { repetition, definition, encoding, valueBytes } = page;
    // a null vector, an empty one or a null number
    for (let i = 0; i < definition.length; i++) if (definition[i] !== maxDefinition) return null;
    // a row starts at each repetition level 0 and runs to the next (or on into the next page)
    let runStart = 0;
    for (let i = 0; i < repetition.length; i++) {
      if (repetition[i] !== 0) continue;
      if (row >= 0) lengths[row]! += i - runStart;
      if (++row >= rows) return null;
      runStart = i;
    }
    if (row < 0) return null;
    lengths[row]! += repetition.length - runStart;
    if (encoding === 'PLAIN') pages.push(plainFloats(valueBytes, repetition.length, meta.type));
    else if (dictionary) pages.push(lookUp(valueBytes, repetition.length, dictionary));
    else return null;
    total += repetition.length;
  }
  if (row !== rows - 1) return null;
  // a row group is often one page: its floats are already the group's
  if (pages.length === 1) return { values: pages[0]!, lengths };
  const values = new Float32Array(total);
  let at = 0;
  for (const page of pages) {
    values.set(page, at);
    at += page.length;
  }
  return { values, lengths };
}

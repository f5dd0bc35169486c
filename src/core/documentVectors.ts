// A document that brought its own vectors (Parquet, .npy, a collection) has, row for row, the same
// numbers as the workspace's rows of its chunks. Held twice, a big file's vectors doubled the page's
// memory and the save's write. So a document whose rows are contiguous is given a view of the
// workspace's rows instead of its own copy, and a save stores such vectors once: documents are saved
// without theirs and given them back, from the workspace's rows, when the save is read.
import type { ChunkTable, SourceDocument } from './corpus';
import { isShared, type VectorRows } from './vectors';

type Rows = Pick<ChunkTable, 'sourceIds' | 'sectionIds' | 'imported'>;

/** Documents whose vectors are exactly the rows of their imported chunks in `vectors`: their indices. */
export function documentsInRows(documents: SourceDocument[], table: Rows, vectors: VectorRows, dims: number): number[] {
  const rowsOf = (doc: SourceDocument) => (doc.vectors?.dims === dims ? doc.vectors.data.length / dims : -1);
  const candidate = documents.map((doc) => rowsOf(doc) > 0 && doc.sections?.length === rowsOf(doc));
  const seen = documents.map((doc, d) => (candidate[d] ? new Uint8Array(rowsOf(doc)) : null));
  for (let i = 0; i < table.sourceIds.length; i++) {
    const d = table.sourceIds[i]!;
    const rows = seen[d];
    if (!rows || !candidate[d]) continue;
    const row = table.sectionIds[i]!;
    const own = documents[d]!.vectors!.data;
    let same = table.imported[i] === 1 && row >= 0 && row < rows.length && rows[row] === 0;
    // the document's vectors viewing these very rows (a file adopted whole) are the same numbers
    const inPlace =
      own.buffer === vectors.buffer && own.byteOffset + row * dims * own.BYTES_PER_ELEMENT === vectors.byteOffset + i * dims * vectors.BYTES_PER_ELEMENT;
    for (let j = 0; same && !inPlace && j < dims; j++) same = own[row * dims + j] === vectors[i * dims + j];
    if (same) rows[row] = 1;
    else candidate[d] = false;
  }
  return documents.flatMap((_, d) => (candidate[d] && seen[d]!.every((x) => x === 1) ? [d] : []));
}

/** Each document's first row in the table (−1: none). */
function firstRows(table: Rows, documents: number): Int32Array {
  const first = new Int32Array(documents).fill(-1);
  for (let i = table.sourceIds.length - 1; i >= 0; i--) first[table.sourceIds[i]!] = i;
  return first;
}

/** Where document d's `rows` imported rows start when its chunks are those rows, contiguous and in order; −1 when they are not. */
function contiguousStart(table: Rows, first: Int32Array, d: number, rows: number): number {
  const start = first[d]!;
  if (rows === 0 || start < 0 || start + rows > table.sourceIds.length) return -1;
  for (let k = 0; k < rows; k++) {
    const i = start + k;
    if (table.sourceIds[i] !== d || table.sectionIds[i] !== k || table.imported[i] !== 1) return -1;
  }
  return start;
}

/** When every row is one document's imported vector, all of them in order (a Parquet file of vectors), those vectors: the workspace's rows without a copy. */
export function rowsOfOneDocument(documents: SourceDocument[], table: Rows, dims: number): VectorRows | null {
  const count = table.sourceIds.length;
  const d = count > 0 ? table.sourceIds[0]! : -1;
  const own = documents[d]?.vectors;
  if (!own || own.dims !== dims || own.data.length !== count * dims) return null;
  return contiguousStart(table, firstRows(table, documents.length), d, count) === 0 ? own.data : null;
}

/**
 * Documents whose vectors are the rows of their chunks, contiguous and in order, given views of those
 * rows of `vectors` instead of their own copy (others as they were).
 */
export function documentsViewingRows(documents: SourceDocument[], table: Rows, vectors: VectorRows, dims: number): SourceDocument[] {
  const first = firstRows(table, documents.length);
  return documents.map((doc, d) => {
    const own = doc.vectors?.dims === dims ? doc.vectors.data : null;
    const start = own ? contiguousStart(table, first, d, own.length / dims) : -1;
    if (!own || start < 0) return doc;
    const view = vectors.subarray(start * dims, start * dims + own.length);
    if (view.buffer === own.buffer && view.byteOffset === own.byteOffset) return doc;
    for (let j = 0; j < view.length; j++) if (view[j] !== own[j]) return doc;
    return { ...doc, vectors: { data: view, dims } };
  });
}

/** The documents as saved: those in `inRows` without their vectors; a view of other rows copied (storage clones a view's whole buffer, and cannot hold shared memory). */
export const withoutVectors = (documents: SourceDocument[], inRows: number[]): SourceDocument[] =>
  documents.map((doc, d) => {
    const { vectors, ...rest } = doc;
    if (inRows.includes(d)) return rest;
    if (!vectors) return doc;
    const { data } = vectors;
    const whole = !isShared(data) && data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
    return whole ? doc : { ...rest, vectors: { data: data.slice(), dims: vectors.dims } };
  });

/** The documents as read back: those in `inRows` given their vectors again, their chunks' rows (a view of them where they are contiguous). */
export function withVectorsFromRows(documents: SourceDocument[], inRows: number[], table: Rows, vectors: VectorRows, dims: number): SourceDocument[] {
  const first = firstRows(table, documents.length);
  const rebuilt = new Map<number, VectorRows>();
  for (const d of inRows) {
    const rows = documents[d]!.sections?.length ?? 0;
    const start = contiguousStart(table, first, d, rows);
    rebuilt.set(d, start >= 0 ? vectors.subarray(start * dims, (start + rows) * dims) : new Float32Array(rows * dims));
  }
  table.sourceIds.forEach((d, i) => {
    const data = rebuilt.get(d);
    const row = table.sectionIds[i]!;
    if (data && row >= 0 && data.buffer !== vectors.buffer) data.set(vectors.subarray(i * dims, (i + 1) * dims), row * dims);
  });
  return documents.map((doc, d) => (rebuilt.has(d) ? { ...doc, vectors: { data: rebuilt.get(d)!, dims } } : doc));
}

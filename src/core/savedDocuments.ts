// A saved workspace stores its vectors once. A document that brought its own vectors keeps them
// beside the workspace's, row for row the same numbers; stored twice, a big file's vectors doubled
// the write (and its seconds of structured cloning on the page). Such documents are saved without
// theirs and given them back, from the workspace's rows, when the save is read.
import type { ChunkTable, SourceDocument } from './corpus';

type Rows = Pick<ChunkTable, 'sourceIds' | 'sectionIds' | 'imported'>;

/** Documents whose vectors are exactly the rows of their imported chunks in `vectors`: their indices. */
export function documentsInRows(documents: SourceDocument[], table: Rows, vectors: Float32Array, dims: number): number[] {
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
    for (let j = 0; same && j < dims; j++) same = own[row * dims + j] === vectors[i * dims + j];
    if (same) rows[row] = 1;
    else candidate[d] = false;
  }
  return documents.flatMap((_, d) => (candidate[d] && seen[d]!.every((x) => x === 1) ? [d] : []));
}

/** The documents as saved: those in `inRows` without their vectors. */
export const withoutVectors = (documents: SourceDocument[], inRows: number[]): SourceDocument[] =>
  documents.map((doc, d) => {
    if (!inRows.includes(d)) return doc;
    const { vectors: _, ...rest } = doc;
    return rest;
  });

/** The documents as read back: those in `inRows` given their vectors again, from their chunks' rows. */
export function withVectorsFromRows(documents: SourceDocument[], inRows: number[], table: Rows, vectors: Float32Array, dims: number): SourceDocument[] {
  const rebuilt = new Map(inRows.map((d) => [d, new Float32Array((documents[d]!.sections?.length ?? 0) * dims)]));
  table.sourceIds.forEach((d, i) => {
    const data = rebuilt.get(d);
    const row = table.sectionIds[i]!;
    if (data && row >= 0) data.set(vectors.subarray(i * dims, (i + 1) * dims), row * dims);
  });
  return documents.map((doc, d) => (rebuilt.has(d) ? { ...doc, vectors: { data: rebuilt.get(d)!, dims } } : doc));
}

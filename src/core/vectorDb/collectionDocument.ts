// Rows read from a vector database become one ordinary document: a table whose columns are the
// row's id, its document and its metadata keys, with the stored vectors imported. What the
// collection does not hold (documents, vectors) is said, and rows that do not fit are counted.
import type { SourceDocument, TableData } from '../corpus';
import { cellText, tableDocument } from '../ingest/records';
import { InputError } from '../ingest/inputError';
import type { RowsPage } from './database';

export interface CollectionDocument {
  document: SourceDocument;
  /** rows left out: a vector of another length, with non-finite numbers, or none */
  dropped: number;
  /** what the collection did not provide, in words */
  missing: string[];
}

const RESERVED = new Set(['id', 'document']);

/** The most frequent vector length among the rows (the collection's, when it says). */
function commonLength(pages: RowsPage[]): number {
  const counts = new Map<number, number>();
  for (const page of pages) for (const e of page.embeddings ?? []) if (e && e.length > 0) counts.set(e.length, (counts.get(e.length) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [length, count] of counts) if (count > bestCount) [best, bestCount] = [length, count];
  return best;
}

export function collectionDocument(name: string, pages: RowsPage[], declaredDims: number | null): CollectionDocument {
  const dims = declaredDims ?? commonLength(pages);
  const hasVectors = dims > 0 && pages.some((p) => p.embeddings?.some((e) => e !== null));
  const hasDocuments = pages.some((p) => p.documents?.some((d) => d !== null && d.trim() !== ''));
  const keys: string[] = [];
  const seenKeys = new Set<string>();
  for (const page of pages) {
    for (const metadata of page.metadatas ?? []) {
      for (const key of Object.keys(metadata ?? {})) {
        if (!seenKeys.has(key)) {
          seenKeys.add(key);
          keys.push(key);
        }
      }
    }
  }
  const fields = ['id', 'document', ...keys.map((k) => (RESERVED.has(k) ? `metadata.${k}` : k))];
  const rows: string[][] = [];
  const vectorRows: number[][] = [];
  let dropped = 0;
  for (const page of pages) {
    page.ids.forEach((id, i) => {
      const embedding = page.embeddings?.[i] ?? null;
      if (hasVectors && (!embedding || embedding.length !== dims || !embedding.every(Number.isFinite))) {
        dropped++;
        return;
      }
      if (hasVectors) vectorRows.push(embedding!);
      const metadata = page.metadatas?.[i] ?? {};
      const text = page.documents?.[i]?.trim() ? page.documents[i]! : '';
      rows.push([id, hasDocuments ? text || `(no document) ${id}` : id, ...keys.map((k) => cellText(metadata[k]))]);
    });
  }
  if (rows.length === 0) throw new InputError(dropped > 0 ? `none of its ${dropped} rows has a ${dims}-number vector` : 'the collection has no rows');
  const table: TableData = { fields, rows, lines: rows.map((_, r) => r + 1), textField: 'document' };
  let vectors: SourceDocument['vectors'];
  if (hasVectors) {
    const data = new Float32Array(vectorRows.length * dims);
    vectorRows.forEach((v, r) => data.set(v, r * dims));
    vectors = { data, dims };
  }
  const missing: string[] = [];
  if (!hasDocuments) missing.push('no documents (the ids stand in for texts)');
  if (!hasVectors) missing.push('no stored embeddings (the current model embeds the ids or documents)');
  const document = tableDocument(name, 'chroma', table, vectors);
  return { document, dropped, missing };
}

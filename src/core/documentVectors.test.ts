import { describe, expect, it } from 'vitest';
import { chunkDocuments, type SourceDocument } from './corpus';
import { tableDocument } from './ingest/records';
import { documentsInRows, documentsViewingRows, rowsOfOneDocument, withoutVectors, withVectorsFromRows } from './documentVectors';

const vectorDoc = (name: string, rows: number, offset: number): SourceDocument =>
  tableDocument(
    name,
    'tsv',
    {
      fields: ['label'],
      rows: Array.from({ length: rows }, (_, i) => [`${name} ${i}`]),
      lines: Array.from({ length: rows }, (_, i) => i + 1),
      textField: 'label',
    },
    { data: Float32Array.from({ length: rows * 2 }, (_, k) => offset + k), dims: 2 },
  );

describe('a saved workspace stores imported vectors once', () => {
  const text: SourceDocument = { name: 'notes.md', text: 'One paragraph.\n\nAnother one.' };
  const documents = [text, vectorDoc('a.tsv', 3, 100), vectorDoc('b.tsv', 2, 200)];
  const table = chunkDocuments(documents);
  // the workspace's rows: text chunks embedded (here, zeros), imported rows as their files gave them
  const rowsOf = (docs: SourceDocument[]) => {
    const vectors = new Float32Array(table.texts.length * 2);
    table.sourceIds.forEach(
      (d, i) => docs[d]!.vectors && vectors.set(docs[d]!.vectors!.data.subarray(table.sectionIds[i]! * 2, table.sectionIds[i]! * 2 + 2), i * 2),
    );
    return vectors;
  };

  it('documents whose vectors are their rows are saved without them and given them back, the same numbers', () => {
    const vectors = rowsOf(documents);
    const inRows = documentsInRows(documents, table, vectors, 2);
    expect(inRows).toEqual([1, 2]);
    const saved = withoutVectors(documents, inRows);
    expect(saved.map((d) => d.vectors)).toEqual([undefined, undefined, undefined]);
    const back = withVectorsFromRows(saved, inRows, table, vectors, 2);
    expect(back.map((d) => d.vectors && Array.from(d.vectors.data))).toEqual([undefined, [100, 101, 102, 103, 104, 105], [200, 201, 202, 203]]);
    // contiguous rows are read back as views of the workspace's: no second copy
    expect(back[1]!.vectors!.data.buffer).toBe(vectors.buffer);
  });

  it('a document whose rows are out of order is given its vectors back in its own order, as a copy', () => {
    // a.tsv's chunks listed last row first
    const reversed = { ...table, sectionIds: table.sectionIds.map((s, i) => (table.sourceIds[i] === 1 ? 2 - s : s)) };
    const vectors = new Float32Array(table.texts.length * 2);
    reversed.sourceIds.forEach(
      (d, i) => d === 1 && vectors.set(documents[1]!.vectors!.data.subarray(reversed.sectionIds[i]! * 2, reversed.sectionIds[i]! * 2 + 2), i * 2),
    );
    const back = withVectorsFromRows(withoutVectors(documents, [1]), [1], reversed, vectors, 2);
    expect(Array.from(back[1]!.vectors!.data)).toEqual([100, 101, 102, 103, 104, 105]);
    expect(back[1]!.vectors!.data.buffer).not.toBe(vectors.buffer);
  });

  it('a document whose rows differ from its own vectors (or of another size) keeps them', () => {
    const vectors = rowsOf(documents);
    vectors[table.sourceIds.indexOf(2) * 2 + 1] = -1;
    expect(documentsInRows(documents, table, vectors, 2)).toEqual([1]);
    expect(documentsInRows(documents, table, new Float32Array(table.texts.length * 3), 3)).toEqual([]);
  });
});

describe('a document that brought its vectors holds a view of the workspace rows', () => {
  const text: SourceDocument = { name: 'notes.md', text: 'One paragraph.\n\nAnother one.' };
  const documents = [text, vectorDoc('a.tsv', 3, 100), vectorDoc('b.tsv', 2, 200)];
  const table = chunkDocuments(documents);
  const workspaceRows = () => {
    const vectors = new Float32Array(table.texts.length * 2).fill(7);
    table.sourceIds.forEach((d, i) => {
      const own = documents[d]!.vectors;
      if (own) vectors.set(own.data.subarray(table.sectionIds[i]! * 2, table.sectionIds[i]! * 2 + 2), i * 2);
    });
    return vectors;
  };

  it('its vectors become the rows of the workspace (no copy of their own), the same numbers', () => {
    const vectors = workspaceRows();
    const viewing = documentsViewingRows(documents, table, vectors, 2);
    expect(viewing[0]).toBe(documents[0]);
    for (const d of [1, 2]) {
      expect(viewing[d]!.vectors!.data.buffer).toBe(vectors.buffer);
      expect(Array.from(viewing[d]!.vectors!.data)).toEqual(Array.from(documents[d]!.vectors!.data));
    }
    // a change of the workspace's rows shows through: they are one copy
    vectors[table.sourceIds.indexOf(2) * 2] = -5;
    expect(viewing[2]!.vectors!.data[0]).toBe(-5);
  });

  it('rows that differ, another size, or chunks out of order keep the document its own', () => {
    const changed = workspaceRows();
    changed[table.sourceIds.indexOf(1) * 2 + 3] = 0;
    expect(documentsViewingRows(documents, table, changed, 2)[1]).toBe(documents[1]);
    expect(documentsViewingRows(documents, table, new Float32Array(table.texts.length * 3), 3)).toEqual(documents);
    const reordered = { ...table, sectionIds: table.sectionIds.map((s, i) => (table.sourceIds[i] === 1 ? 2 - s : s)) };
    expect(documentsViewingRows(documents, reordered, workspaceRows(), 2)[1]).toBe(documents[1]);
  });

  it('a save stores a view that is not its rows as a copy of its own numbers only', () => {
    const vectors = workspaceRows();
    const viewing = documentsViewingRows(documents, table, vectors, 2);
    const saved = withoutVectors(viewing, [1]);
    expect(saved[1]!.vectors).toBeUndefined();
    expect(saved[2]!.vectors!.data.buffer.byteLength).toBe(4 * 2 * 2);
    expect(Array.from(saved[2]!.vectors!.data)).toEqual([200, 201, 202, 203]);
  });
});

describe('a file of vectors alone is the workspace’s rows as it came', () => {
  it('its vectors are used without a copy, and a save stores them once', () => {
    const documents = [vectorDoc('a.tsv', 4, 10)];
    const table = chunkDocuments(documents);
    const rows = rowsOfOneDocument(documents, table, 2);
    expect(rows).toBe(documents[0]!.vectors!.data);
    expect(documentsInRows(documents, table, rows!, 2)).toEqual([0]);
  });

  it('with text beside it, rows of another size, or rows out of order, there is no such array', () => {
    const text: SourceDocument = { name: 'notes.md', text: 'One paragraph.' };
    const withText = [vectorDoc('a.tsv', 3, 10), text];
    expect(rowsOfOneDocument(withText, chunkDocuments(withText), 2)).toBeNull();
    const alone = [vectorDoc('a.tsv', 3, 10)];
    const table = chunkDocuments(alone);
    expect(rowsOfOneDocument(alone, table, 3)).toBeNull();
    expect(rowsOfOneDocument(alone, { ...table, sectionIds: Int32Array.from([2, 1, 0]) }, 2)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { chunkDocuments, chunkMetadata } from '../corpus';
import { InputError } from '../ingest/inputError';
import { chunkIds } from '../retrieval/querySet';
import { collectionDocument } from './collectionDocument';

describe('collectionDocument', () => {
  it('keeps ids, documents and metadata of every JSON type, with the vectors', () => {
    const { document, dropped, missing } = collectionDocument(
      'notes (Chroma)',
      [
        {
          ids: ['n1', 'n2'],
          documents: ['first note', 'second note'],
          metadatas: [{ n: 3, f: 2.5, b: true, s: '<b>x</b>', o: { deep: [1, null] }, l: [1, 2], z: null }, null],
          embeddings: [
            [1, 0],
            [0, 1],
          ],
        },
      ],
      2,
    );
    expect(dropped).toBe(0);
    expect(missing).toEqual([]);
    expect(Array.from(document.vectors!.data)).toEqual([1, 0, 0, 1]);
    const table = chunkDocuments([document]);
    expect(table.texts).toEqual(['first note', 'second note']);
    expect(chunkIds(table, [document])).toEqual(['n1', 'n2']);
    expect(Object.fromEntries(chunkMetadata(document, 0))).toEqual({
      id: 'n1',
      n: '3',
      f: '2.5',
      b: 'true',
      s: '<b>x</b>',
      o: '{"deep":[1,null]}',
      l: '[1,2]',
    });
  });

  it('leaves out rows whose vector has another length or is damaged, and says so', () => {
    const { document, dropped } = collectionDocument(
      'mixed',
      [{ ids: ['a', 'b', 'c', 'd'], documents: ['a', 'b', 'c', 'd'], metadatas: null, embeddings: [[1, 2, 3], [1, 2], null, [4, 5, 6]] }],
      null,
    );
    expect(dropped).toBe(2);
    expect(document.vectors!.dims).toBe(3);
    expect(chunkDocuments([document]).texts).toEqual(['a', 'd']);
  });

  it('uses the ids as texts when no documents are stored, and embeds when no vectors are', () => {
    const noDocuments = collectionDocument('bare', [{ ids: ['x1', 'x2'], documents: [null, null], metadatas: null, embeddings: [[1], [2]] }], 1);
    expect(chunkDocuments([noDocuments.document]).texts).toEqual(['x1', 'x2']);
    expect(noDocuments.missing[0]).toMatch(/no documents/);
    const noVectors = collectionDocument('texts', [{ ids: ['y'], documents: ['some text'], metadatas: null, embeddings: null }], null);
    expect(noVectors.document.vectors).toBeUndefined();
    expect(noVectors.missing[0]).toMatch(/no stored embeddings/);
  });

  it('refuses a collection with nothing usable', () => {
    expect(() => collectionDocument('empty', [{ ids: [], documents: null, metadatas: null, embeddings: null }], null)).toThrow(InputError);
    expect(() => collectionDocument('broken', [{ ids: ['a'], documents: null, metadatas: null, embeddings: [[Number.NaN, 1]] }], 2)).toThrow(
      /none of its 1 rows/,
    );
  });
});

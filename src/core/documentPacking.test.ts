import { describe, expect, it } from 'vitest';
import type { SourceDocument } from './corpus';
import { tableDocument } from './ingest/records';
import { chunkDocuments, type ChunkTable } from './corpus';
import { packDocument, packedBuffers, packTable, unpackDocument, unpackTable } from './documentPacking';

const table = (rows: number): SourceDocument =>
  tableDocument(
    'rows.parquet',
    'parquet',
    {
      fields: ['text', 'group', 'empty'],
      rows: Array.from({ length: rows }, (_, i) => [`point ${i} ✨ \u0000 \ud800`, `g${i % 3}`, '']),
      lines: Array.from({ length: rows }, (_, i) => i + 2),
      textField: 'text',
    },
    { data: new Float32Array(rows * 2), dims: 2 },
  );

describe('a document of many rows packed for a message or a save', () => {
  it('comes back the same: every section and every cell, any characters in them', () => {
    const doc = table(1_500);
    const packed = packDocument(doc);
    expect(Array.isArray(packed.sections)).toBe(false);
    expect(Array.isArray(packed.table!.rows)).toBe(false);
    // what travels: typed arrays and one string, not a million small objects
    expect(packedBuffers([packed])).toHaveLength(7);
    const back = unpackDocument(structuredClone(packed));
    expect(back.sections).toEqual(doc.sections);
    expect(back.table).toEqual(doc.table);
    expect(back.text).toBe(doc.text);
    expect(back.vectors).toEqual(doc.vectors);
  });

  it('keeps pages and absent fields apart, and leaves small documents and ragged tables as they are', () => {
    const pdf: SourceDocument = {
      name: 'a.pdf',
      text: 'x'.repeat(2_000),
      sections: Array.from({ length: 1_000 }, (_, i) => ({ start: i * 2, end: i * 2 + 1, page: i + 1 })),
    };
    const back = unpackDocument(packDocument(pdf));
    expect(back.sections).toEqual(pdf.sections);
    expect(back.sections![0]).not.toHaveProperty('row');
    const small = table(10);
    expect(packDocument(small)).toBe(small);
    const ragged = table(1_200);
    ragged.table!.rows[5] = ['only one'];
    const packed = packDocument(ragged);
    expect(Array.isArray(packed.table!.rows)).toBe(true);
    expect(unpackDocument(packed)).toEqual(ragged);
  });
});

describe('a chunk table of many rows packed for a message or a save', () => {
  it('keeps each distinct heading once and gives every chunk its own back', () => {
    const chunks = chunkDocuments([table(3)]);
    const headings = Array.from({ length: 2_500 }, (_, i) => (i % 7 === 0 ? '' : `Part ${i % 5} — “${i % 3}”`));
    const big: ChunkTable = { ...chunks, headings };
    const packed = packTable(big);
    expect(Array.isArray(packed.headings)).toBe(false);
    expect((packed.headings as { values: string[] }).values).toHaveLength(new Set(headings).size);
    expect(unpackTable(structuredClone(packed))).toEqual(big);
    // a small table, and a table saved before packing, as they are
    expect(packTable(chunks).headings).toBe(chunks.headings);
    expect(unpackTable(chunks)).toEqual(chunks);
  });
});

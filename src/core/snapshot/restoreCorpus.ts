// A snapshot's chunks as a corpus again: one document per source whose text is its chunks with a
// blank line between them, one section per chunk (so re-chunking keeps them apart), and the
// chunks' vectors marked imported (they came with the link, not from a model).
import type { ChunkTable, SourceDocument } from '../corpus';

export function snapshotCorpus(
  sources: readonly string[],
  texts: readonly string[],
  sourceIds: Int32Array,
): { documents: SourceDocument[]; table: ChunkTable } {
  const count = texts.length;
  const table: ChunkTable = {
    texts: [...texts],
    sourceIds: Int32Array.from(sourceIds),
    sectionIds: new Int32Array(count),
    starts: new Int32Array(count),
    ends: new Int32Array(count),
    lines: new Int32Array(count),
    pages: new Int32Array(count),
    headings: new Array<string>(count).fill(''),
    tokens: new Int32Array(count).fill(-1),
    imported: new Uint8Array(count).fill(1),
    sources: [...sources],
  };
  const documents: SourceDocument[] = sources.map((name) => ({ name, format: 'text', text: '', sections: [] }));
  const lineOf = new Int32Array(sources.length).fill(1);
  for (let i = 0; i < count; i++) {
    const doc = documents[sourceIds[i]!]!;
    if (doc.text.length > 0) {
      doc.text += '\n\n';
      lineOf[sourceIds[i]!]! += 2;
    }
    const start = doc.text.length;
    doc.text += texts[i]!;
    table.sectionIds[i] = doc.sections!.length;
    doc.sections!.push({ start, end: doc.text.length, line: lineOf[sourceIds[i]!]! });
    table.starts[i] = start;
    table.ends[i] = doc.text.length;
    table.lines[i] = lineOf[sourceIds[i]!]!;
    lineOf[sourceIds[i]!]! += (texts[i]!.match(/\n/g) ?? []).length;
  }
  return { documents, table };
}

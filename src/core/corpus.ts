// Documents become a columnar chunk table: one array per field, one row per chunk.
import { type ChunkOptions, DEFAULT_CHUNKING, splitParagraphs } from './chunking';

export interface SourceDocument {
  name: string;
  text: string;
}

export interface ChunkTable {
  texts: string[];
  /** index into `sources` for each chunk */
  sourceIds: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  sources: string[];
}

export function chunkDocuments(documents: SourceDocument[], options: ChunkOptions = DEFAULT_CHUNKING): ChunkTable {
  const texts: string[] = [];
  const sourceIds: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  documents.forEach((doc, sourceId) => {
    for (const chunk of splitParagraphs(doc.text, options)) {
      texts.push(chunk.text);
      sourceIds.push(sourceId);
      starts.push(chunk.start);
      ends.push(chunk.end);
    }
  });
  return {
    texts,
    sourceIds: Int32Array.from(sourceIds),
    starts: Int32Array.from(starts),
    ends: Int32Array.from(ends),
    sources: documents.map((d) => d.name),
  };
}

export function appendChunks(table: ChunkTable, more: ChunkTable): ChunkTable {
  const offset = table.sources.length;
  const join = (a: Int32Array, b: Int32Array) => {
    const out = new Int32Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  return {
    texts: [...table.texts, ...more.texts],
    sourceIds: join(table.sourceIds, more.sourceIds.map((id) => id + offset)),
    starts: join(table.starts, more.starts),
    ends: join(table.ends, more.ends),
    sources: [...table.sources, ...more.sources],
  };
}

export const EMPTY_TABLE: ChunkTable = chunkDocuments([]);

/** The demo corpus is Markdown: each "# Heading" starts a document named after it. */
export function parseTopicMarkdown(markdown: string): SourceDocument[] {
  const documents: SourceDocument[] = [];
  for (const section of markdown.split(/^# /m).slice(1)) {
    const newline = section.indexOf('\n');
    const name = section.slice(0, newline).trim();
    const text = section.slice(newline + 1).trim();
    if (name && text) documents.push({ name, text });
  }
  return documents;
}

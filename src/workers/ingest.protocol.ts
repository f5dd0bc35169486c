import type { ChunkOptions } from '../core/chunking';
import type { SourceDocument } from '../core/corpus';
import type { ModelSource } from '../core/models';
import type { PackedChunkTable, PackedDocument } from '../core/documentPacking';
import type { VectorRows, VectorStorage } from '../core/vectors';
import type { WorkerInbox, WorkerOutbox } from './rpc';

export interface IngestFile {
  file: File;
  /** the path within a dropped folder, or the file's name */
  path: string;
}

export interface IngestResult {
  /** big texts travel as transferred UTF-8 in `texts` (decoding beats cloning a long string) */
  documents: PackedDocument[];
  texts: { document: number; bytes: Uint8Array }[];
  /** the chunks of `documents`, texts left empty: the page slices them from the documents */
  table: PackedChunkTable;
  /** files that could not be read, each naming the file and the problem */
  problems: string[];
  /** things worth knowing about files that were read */
  notes: string[];
}

export type IngestCalls = {
  /** read and parse files, then chunk the documents they hold */
  parse: { params: { files: IngestFile[]; chunking: ChunkOptions; tokenizer: ModelSource }; result: IngestResult };
  /** chunk documents again (new options, another text column); no documents come back */
  chunk: { params: { documents: SourceDocument[]; chunking: ChunkOptions; tokenizer: ModelSource }; result: IngestResult };
  /** a save's vectors written to a file of the origin's own (vectorFiles.ts), off the page's thread; resolves to its size */
  writeVectorFile: { params: { name: string; vectors: VectorRows }; result: { bytes: number } };
  /** a saved workspace's vectors read back from their file, into shared memory where asked */
  readVectorFile: { params: { name: string; storage: VectorStorage; shared: boolean }; result: { vectors: VectorRows } };
};

export type IngestProgress = { type: 'progress'; id: number; message: string; done: number; total: number };

export type IngestInbox = WorkerInbox<IngestCalls>;
export type IngestOutbox = WorkerOutbox<IngestCalls, IngestProgress>;

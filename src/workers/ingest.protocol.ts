import type { ChunkOptions } from '../core/chunking';
import type { ChunkTable, SourceDocument } from '../core/corpus';
import type { ModelSource } from './embed.protocol';
import type { CancelMessage, ErrorEvent } from './rpc';

export interface IngestFile {
  file: File;
  /** the path within a dropped folder, or the file's name */
  path: string;
}

export type IngestRequest =
  /** read and parse files, then chunk the documents they hold */
  | { type: 'parse'; id: number; files: IngestFile[]; chunking: ChunkOptions; tokenizer: ModelSource }
  /** chunk documents again (new options, another text column) */
  | { type: 'chunk'; id: number; documents: SourceDocument[]; chunking: ChunkOptions; tokenizer: ModelSource }
  | CancelMessage;

export type IngestEvent =
  | { type: 'progress'; id: number; message: string; done: number; total: number }
  | {
      type: 'result';
      id: number;
      /** big texts travel as transferred UTF-8 in `texts` (decoding beats cloning a long string) */
      documents: SourceDocument[];
      texts: { document: number; bytes: Uint8Array }[];
      /** the chunks of `documents`, texts left empty: the page slices them from the documents */
      table: ChunkTable;
      /** files that could not be read, each naming the file and the problem */
      problems: string[];
      /** things worth knowing about files that were read */
      notes: string[];
    }
  | ErrorEvent;

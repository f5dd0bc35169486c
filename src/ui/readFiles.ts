import type { SourceDocument } from '../core/corpus';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Reads dropped or picked text files; each problem is reported with the file's name, the rest load. */
export async function readTextFiles(files: File[]): Promise<{ documents: SourceDocument[]; problems: string[] }> {
  const documents: SourceDocument[] = [];
  const problems: string[] = [];
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) {
      problems.push(`${file.name}: ${(file.size / 1e6).toFixed(0)} MB is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit.`);
      continue;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.subarray(0, 4096).includes(0)) {
      problems.push(`${file.name}: this looks like a binary file, not text.`);
      continue;
    }
    const text = new TextDecoder('utf-8').decode(bytes);
    if (!text.trim()) {
      problems.push(`${file.name}: the file is empty.`);
      continue;
    }
    documents.push({ name: file.name, text });
  }
  return { documents, problems };
}

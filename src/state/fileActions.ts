// Files the user brings (dropped, picked): snapshot files open their view, everything else is
// added to the corpus.
import type { IngestFile } from '../workers/ingest.protocol';
import { addFiles } from './corpusActions';
import { openSnapshotFile } from './openSnapshot';
import { SNAPSHOT_FILE_EXTENSION } from './shareActions';

export async function openFiles(files: IngestFile[]): Promise<void> {
  const isSnapshot = (f: IngestFile) => f.path.toLowerCase().endsWith(SNAPSHOT_FILE_EXTENSION);
  // the last snapshot wins: each one replaces the view
  for (const f of files.filter(isSnapshot)) await openSnapshotFile(f.file);
  await addFiles(files.filter((f) => !isSnapshot(f)));
}

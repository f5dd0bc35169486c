// Files from a drop (folders walked through their entries) or from the file and folder pickers,
// each with its path inside what was dropped.
import type { IngestFile } from '../workers/ingest.protocol';

/** Picked files; a folder picker gives each file's path under the folder. */
export function pickedFiles(list: FileList | null): IngestFile[] {
  return Array.from(list ?? [], (file) => ({ file, path: file.webkitRelativePath || file.name }));
}

function entries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: IngestFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, path: entry.fullPath.replace(/^\//, '') });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in pages (100 at a time in Chromium) until it answers nothing
  for (let page = await entries(reader); page.length > 0; page = await entries(reader)) {
    for (const child of page) await walk(child, out);
  }
}

/** Everything dropped: files as they are, folders walked to their files. */
export async function droppedFiles(transfer: DataTransfer): Promise<IngestFile[]> {
  const roots = Array.from(transfer.items, (item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null));
  if (roots.every((r) => r === null)) return pickedFiles(transfer.files);
  const out: IngestFile[] = [];
  for (const root of roots) if (root) await walk(root, out);
  return out;
}

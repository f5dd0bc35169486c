// Where each chunk of the table before a commit is in the table after it, so that the selection
// and gold marks follow their chunks (added chunks, re-chunking, a model switch).
import type { ChunkTable } from '../../core/corpus';

/** A chunk's identity across commits: the same source and the same characters. */
const chunkKey = (table: ChunkTable, row: number) =>
  `${table.sources[table.sourceIds[row]!]}\u0000${table.starts[row]}\u0000${table.ends[row]}\u0000${table.texts[row]}`;

/** Where each row of the old table is in the new one (chunks added, re-chunked, model switched), or null if gone. */
export function rowMapping(before: ChunkTable, after: ChunkTable): (row: number) => number | null {
  let rows: Map<string, number> | null = null;
  return (row) => {
    if (row < 0 || row >= before.texts.length) return null;
    const key = chunkKey(before, row);
    if (row < after.texts.length && chunkKey(after, row) === key) return row;
    rows ??= new Map(after.texts.map((_, i) => [chunkKey(after, i), i]));
    return rows.get(key) ?? null;
  };
}

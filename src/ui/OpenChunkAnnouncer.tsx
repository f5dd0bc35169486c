import { useOrrery, useSpace } from '../state/hooks';

/** Says the open chunk to screen readers: its number, its rank for the query if it has one, and its text. */
export function OpenChunkAnnouncer() {
  const open = useOrrery((s) => s.openChunk);
  const results = useOrrery((s) => s.results);
  const count = useOrrery((s) => s.chunkCount);
  const texts = useSpace((w) => w.table.texts);
  let text = '';
  if (open !== null) {
    const hit = results.find((h) => h.index === open);
    const snippet = texts[open]?.slice(0, 200) ?? '';
    text = `Open chunk ${open + 1} of ${count}${hit ? `, rank ${hit.rank} for the query` : ''}: ${snippet}`;
  }
  return (
    <div className="visually-hidden" role="log" aria-live="polite" aria-label="Open chunk announcement">
      {text}
    </div>
  );
}

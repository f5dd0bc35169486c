import { useOrrery, useWorkspace } from '../state/hooks';

/** Says the selected chunk to screen readers: its number, its rank for the query if it has one, and its text. */
export function SelectionAnnouncer() {
  const selected = useOrrery((s) => s.selected);
  const results = useOrrery((s) => s.results);
  const count = useOrrery((s) => s.chunkCount);
  const texts = useWorkspace((w) => w.table.texts);
  let text = '';
  if (selected !== null) {
    const hit = results.find((h) => h.index === selected);
    const snippet = texts[selected]?.slice(0, 200) ?? '';
    text = `Selected chunk ${selected + 1} of ${count}${hit ? `, rank ${hit.rank} for the query` : ''}: ${snippet}`;
  }
  return (
    <div className="visually-hidden" role="log" aria-live="polite" aria-label="Selection announcement">
      {text}
    </div>
  );
}

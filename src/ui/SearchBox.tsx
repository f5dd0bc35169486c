import { useShallow } from 'zustand/react/shallow';
import { useOrrery } from '../state/hooks';
import { setSearch } from '../state/viewActions';

/** Highlights the chunks whose text holds every word typed, dims the rest, and says how many matched. */
export function SearchBox() {
  const { text, count, total } = useOrrery(useShallow((s) => ({ text: s.searchText, count: s.searchCount, total: s.chunkCount })));
  if (total === 0) return null;
  return (
    <div className="search">
      <input
        id="chunk-search"
        type="search"
        aria-label="Search chunks"
        placeholder="Search chunks ( / )"
        value={text}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setSearch('')}
      />
      <span className="muted" aria-live="polite" id="search-count">
        {text.trim() ? `${count.toLocaleString('en')} of ${total.toLocaleString('en')} chunks match` : ''}
      </span>
    </div>
  );
}

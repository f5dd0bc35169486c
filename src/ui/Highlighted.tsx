import { searchRanges } from '../core/textSearch';
import { useOrrery } from '../state/hooks';

/** A chunk's text with the search box's words marked where they occur. */
export function Highlighted({ text }: { text: string }) {
  const search = useOrrery((s) => s.searchText);
  const ranges = search.trim() ? searchRanges(text, search) : [];
  if (ranges.length === 0) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

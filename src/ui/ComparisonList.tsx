import { useOrrery, useSpace } from '../state/hooks';
import { setOpenChunk } from '../state/queryActions';

/** The second list beside the answer: which hits both share, and where each of the other's stands. */
export function ComparisonList() {
  const table = useSpace((w) => w.table);
  const comparison = useOrrery((s) => s.comparison);
  const results = useOrrery((s) => s.results);
  if (!comparison) return null;
  const mine = new Map(results.map((h) => [h.index, h.rank]));
  const shared = comparison.hits.filter((h) => mine.has(h.index)).length;
  return (
    <div role="region" aria-label="Comparison" className="results comparison">
      <h3>
        Compared with {comparison.label}: {shared} of {comparison.hits.length} shared
      </h3>
      <ol>
        {comparison.hits.map((hit) => (
          <li key={hit.index}>
            <button type="button" className="hit" onClick={() => setOpenChunk(hit.index)}>
              <span className="rank">#{hit.rank}</span>
              <span className="score">{hit.score.toFixed(3)}</span>
              <span className="source">{mine.has(hit.index) ? `#${mine.get(hit.index)} in the answer` : 'not in the answer'}</span>
              <span className="snippet">{table.texts[hit.index]}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

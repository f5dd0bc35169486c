import { useOrrery, useSpace } from '../state/hooks';
import { setOpenChunk } from '../state/queryActions';

const ms = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());

/** The collection's index beside exact search over the same rows: recall@k, what it missed, the gold it lost. */
export function IndexComparisonPanel() {
  const texts = useSpace((w) => w.table.texts);
  const link = useOrrery((s) => s.indexLink);
  const answer = useOrrery((s) => s.indexAnswer);
  if (!link) return null;
  const snippet = (row: number | null) => (row === null ? '(not in the rows read)' : texts[row]);
  return (
    <section className="panel results" role="region" aria-label="Index against exact search">
      <h3>
        {link.collection.name}: the index (HNSW, {link.collection.space}) against exact search
      </h3>
      <p className="muted">
        {link.sampled
          ? `A sample of ${link.loaded.toLocaleString('en')} of ${link.total.toLocaleString('en')} rows is loaded: exact search covers only the sample, so recall is not measured.`
          : link.complete
            ? `All ${link.loaded.toLocaleString('en')} rows are loaded: exact search over them is the truth.`
            : `${link.loaded.toLocaleString('en')} of ${link.total.toLocaleString('en')} rows are loaded: recall is not measured until all are.`}
      </p>
      {!answer && <p className="muted">Run a query to ask the index.</p>}
      {answer && 'unavailable' in answer && <p className="error-text">{answer.unavailable}</p>}
      {answer && !('unavailable' in answer) && (
        <>
          <p className="index-summary" aria-label="Index recall">
            {answer.recall !== null ? `recall@${answer.k} ${answer.recall.toFixed(2)}` : `top ${answer.k}`} · index {ms(answer.indexMs)} ms · exact{' '}
            {ms(answer.exactMs)} ms
            {answer.missed.length > 0 && answer.recall !== null && ` · ${answer.missed.length} missed`}
          </p>
          {answer.gold.some((g) => g.lost) && (
            <ul className="lost" aria-label="Gold lost by the index">
              {answer.gold
                .filter((g) => g.lost)
                .map((g) => (
                  <li key={g.row}>
                    <button type="button" className="hit" onClick={() => setOpenChunk(g.row)}>
                      <span className="rank">#{g.exactRank}</span>
                      <span className="source">the index lost this one (gold, exact rank {g.exactRank})</span>
                      <span className="snippet">{texts[g.row]}</span>
                    </button>
                  </li>
                ))}
            </ul>
          )}
          <div className="index-lists">
            <div>
              <h4>Index top {answer.k}</h4>
              <ol aria-label="Index top k">
                {answer.index.map((hit, i) => (
                  <li key={hit.id}>
                    <button type="button" className="hit" disabled={hit.row === null} onClick={() => hit.row !== null && setOpenChunk(hit.row)}>
                      <span className="rank">#{i + 1}</span>
                      <span className="score">{hit.distance.toFixed(3)}</span>
                      <span className="source">{hit.exactRank === null ? hit.id : `exact #${hit.exactRank}`}</span>
                      <span className="snippet">{snippet(hit.row)}</span>
                    </button>
                  </li>
                ))}
              </ol>
            </div>
            <div>
              <h4>Exact top {answer.k}</h4>
              <ol aria-label="Exact top k">
                {answer.exact.map((hit) => {
                  const missed = answer.recall !== null && answer.missed.some((m) => m.row === hit.row);
                  return (
                    <li key={hit.row} className={missed ? 'missed' : undefined}>
                      <button type="button" className="hit" onClick={() => setOpenChunk(hit.row)}>
                        <span className="rank">#{hit.rank}</span>
                        <span className="score">{hit.distance.toFixed(3)}</span>
                        <span className="source">{missed ? 'missed by the index' : hit.id}</span>
                        <span className="snippet">{snippet(hit.row)}</span>
                      </button>
                    </li>
                  );
                })}
              </ol>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

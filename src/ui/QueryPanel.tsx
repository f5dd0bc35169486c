import { useState } from 'react';
import { runQuery, select, setTopK } from '../state/queryActions';
import { workspace } from '../state/data';
import { useOrrery } from '../state/hooks';

export function QueryPanel() {
  const [text, setText] = useState('');
  const topK = useOrrery((s) => s.topK);
  const results = useOrrery((s) => s.results);
  const queryText = useOrrery((s) => s.queryText);
  const model = useOrrery((s) => s.modelSource.model);
  const [showEmbedded, setShowEmbedded] = useState(false);
  const { table } = workspace;
  return (
    <section className="panel" aria-labelledby="query-heading">
      <h2 id="query-heading">Retrieve</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void runQuery(text);
        }}
      >
        <label htmlFor="query">Query</label>
        <input id="query" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Ask something, press Enter" />
        <div className="row spread">
          <label htmlFor="topk" className="inline">
            Top k
            <input id="topk" type="number" min={1} max={100} value={topK} onChange={(e) => setTopK(Number(e.target.value))} />
          </label>
          <button type="submit">Search</button>
        </div>
      </form>
      <div role="region" aria-label="Results" className="results">
        {queryText && <p className="muted">Top {results.length} for “{queryText}” (cosine, full dimension)</p>}
        {queryText && model.queryPrefix && (
          <label className="inline muted">
            <input type="checkbox" checked={showEmbedded} onChange={(e) => setShowEmbedded(e.target.checked)} />
            Show the text the model embeds
          </label>
        )}
        {showEmbedded && model.queryPrefix && <p className="muted" aria-label="Embedded query">“{model.queryPrefix}{queryText}”</p>}
        <ol>
          {results.map((hit) => (
            <li key={hit.index}>
              <button type="button" className="hit" onClick={() => select(hit.index)}>
                <span className="rank">#{hit.rank}</span>
                <span className="score">{hit.score.toFixed(3)}</span>
                <span className="source">{table.sources[table.sourceIds[hit.index]!]}</span>
                <span className="snippet">{table.texts[hit.index]}</span>
              </button>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

import { useState } from 'react';
import { offerEmbedding } from '../state/corpusActions';
import { runQuery, setTopK } from '../state/queryActions';
import { useOrrery, useSpace } from '../state/hooks';
import { ComparisonList } from './ComparisonList';
import { GoldList } from './GoldList';
import { ResultsList } from './ResultsList';
import { RetrieverSettings } from './RetrieverSettings';

export function QueryPanel() {
  const [text, setText] = useState('');
  const topK = useOrrery((s) => s.retrieval.topK);
  const history = useOrrery((s) => s.history);
  // a shared view may carry its picture without vectors
  const withoutVectors = useSpace((w) => w.table.texts.length > 0 && w.dims === 0);
  return (
    <section className="panel" aria-labelledby="query-heading">
      <h2 id="query-heading">Retrieve</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (withoutVectors && text.trim()) offerEmbedding();
          else void runQuery(text);
        }}
      >
        <label htmlFor="query">Query</label>
        <input id="query" type="search" list="query-history" value={text} onChange={(e) => setText(e.target.value)} placeholder="Ask something, press Enter" />
        <datalist id="query-history">
          {history.map((h) => (
            <option key={h} value={h} />
          ))}
        </datalist>
        <div className="row spread">
          <label htmlFor="topk" className="inline">
            Top k
            <input id="topk" type="number" min={1} max={100} value={topK} onChange={(e) => void setTopK(Number(e.target.value))} />
          </label>
          <button type="submit">Search</button>
        </div>
      </form>
      <RetrieverSettings />
      <ResultsList />
      <GoldList />
      <ComparisonList />
    </section>
  );
}

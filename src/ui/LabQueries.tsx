import { openEvaluatedQuery } from '../state/evaluationActions';
import { isBusy, useActiveSpace, useOrrery } from '../state/hooks';
import { compareLabQueries } from '../state/labActions';
import type { LabComparison } from '../state/labSlice';

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

/** The query set evaluated on A, answered in both spaces: the measures side by side and each query's winner. */
export function LabQueries({ lab }: { lab: LabComparison }) {
  const evaluated = useActiveSpace((s) => s.evaluation?.name);
  const busy = useOrrery((s) => isBusy(s.phase));
  const result = lab.queries;
  if (!result || result.name !== evaluated) {
    if (!evaluated) return <p className="muted">Evaluate a query set (Retrieve and evaluate) to compare the two spaces query by query.</p>;
    return (
      <button type="button" disabled={busy} onClick={() => void compareLabQueries()}>
        Answer the query set in both spaces
      </button>
    );
  }
  const { mrr } = result;
  const rows = [
    ['hit@5', 'hit5'],
    ['MRR', 'rr'],
    ['nDCG@10', 'ndcg10'],
  ] as const;
  const queryList = (label: string, indices: number[]) =>
    indices.length > 0 && (
      <>
        <h4>{label}</h4>
        <ul aria-label={label} className="lab-list">
          {indices.slice(0, 10).map((q) => (
            <li key={q}>
              <button type="button" className="link" onClick={() => void openEvaluatedQuery(q)}>
                {result.queries[q]} (rank {rankOf(result.rrA[q]!)} → {rankOf(result.rrB[q]!)})
              </button>
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <div role="region" aria-label="Space comparison">
      <table aria-label="Spaces on the query set" className="evaluation">
        <thead>
          <tr>
            <th scope="col">{result.name}, dense</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, key]) => (
            <tr key={key}>
              <th scope="row">{name}</th>
              <td>{result.a[key].toFixed(3)}</td>
              <td>{result.b[key].toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p aria-label="Paired difference">
        B wins {mrr.won.length}, loses {mrr.lost.length}, ties {mrr.tied.length} of {result.queries.length} queries. MRR B − A {signed(mrr.delta)} (95% interval{' '}
        {signed(mrr.low)} to {signed(mrr.high)}): {mrr.significant ? (mrr.delta > 0 ? 'B is better' : 'A is better') : 'different, not better'}.
      </p>
      {queryList('Won by B', mrr.won)}
      {queryList('Lost by B', mrr.lost)}
    </div>
  );
}

/** The first relevant chunk's rank from its reciprocal rank ("—": not in the ranking). */
const rankOf = (rr: number) => (rr > 0 ? String(Math.round(1 / rr)) : '—');

import type { RetrievalSettings } from '../core/retrieval/retrieve';
import type { TuningResult } from '../core/retrieval/tuning';
import { isBusy, useActiveSpace, useOrrery } from '../state/hooks';
import { applyTuning, tuneRetrieval } from '../state/tuningActions';

/** "hybrid, weights 2 : 1, k1 1.2, b 0.75, MMR λ 0.7" */
export function settingsText(s: RetrievalSettings): string {
  const parts: string[] = [s.retriever];
  if (s.retriever === 'hybrid') parts.push(`weights ${s.weights.dense} : ${s.weights.bm25}`);
  if (s.retriever !== 'dense') parts.push(`k1 ${s.bm25.k1}, b ${s.bm25.b}`);
  parts.push(s.mmr.on ? `MMR λ ${s.mmr.lambda}` : 'no MMR');
  return parts.join(', ');
}

const sameSettings = (a: RetrievalSettings, b: RetrievalSettings) => settingsText(a) === settingsText(b);

function TuningResultView({ tuning }: { tuning: TuningResult }) {
  const retrieval = useOrrery((s) => s.retrieval);
  const rows = [
    ['now', tuning.current],
    ['tuned', tuning.best],
  ] as const;
  const applied = sameSettings(retrieval, tuning.best.settings);
  return (
    <div role="region" aria-label="Tuning">
      <p className="muted">
        {tuning.gridSize} settings chosen by MRR on {tuning.trainQueries} training queries, measured on {tuning.heldOutQueries} held-out ones: held-out MRR{' '}
        {tuning.delta >= 0 ? '+' : ''}
        {tuning.delta.toFixed(3)}.
      </p>
      <table aria-label="Tuning result" className="evaluation">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">MRR train</th>
            <th scope="col">MRR held out</th>
            <th scope="col">hit@5 held out</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, row]) => (
            <tr key={name}>
              <th scope="row">
                {name}: {settingsText(row.settings)}
              </th>
              <td>{row.train.rr.toFixed(3)}</td>
              <td>{row.heldOut.rr.toFixed(3)}</td>
              <td>{row.heldOut.hit5.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" disabled={applied} onClick={() => void applyTuning()}>
        {applied ? 'Tuned settings in use' : 'Apply tuned settings'}
      </button>
    </div>
  );
}

/** Tune retrieval on the loaded query set, and apply what it finds. */
export function TuningPanel() {
  const tuning = useActiveSpace((s) => s.evaluation?.tuning);
  const busy = useOrrery((s) => isBusy(s.phase));
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void tuneRetrieval()}>
        Tune retrieval
      </button>
      {tuning && <TuningResultView tuning={tuning} />}
    </>
  );
}

import { PIPELINE_ROW } from '../core/retrieval/answer';
import { evaluationCsv } from '../core/retrieval/evaluationCsv';
import { evaluateQuerySet, openEvaluatedQuery } from '../state/evaluationActions';
import { isBusy, useActiveSpace, useOrrery, useSpace } from '../state/hooks';
import { setOpenChunk } from '../state/queryActions';
import { tagRows } from '../state/tagActions';
import type { CorpusHealth, EvaluationState } from '../state/slices';
import { saveFile } from './saveFile';
import { TuningPanel } from './TuningPanel';

const COLUMNS = [
  ['hit1', 'hit@1'],
  ['hit3', 'hit@3'],
  ['hit5', 'hit@5'],
  ['hit10', 'hit@10'],
  ['rr', 'MRR'],
  ['ndcg10', 'nDCG@10'],
] as const;

function download(evaluation: EvaluationState): void {
  saveFile(
    `${evaluation.name.replace(/\.[^.]+$/, '')}-evaluation.csv`,
    new Blob([evaluationCsv(evaluation.rows, evaluation.queries.length)], { type: 'text/csv' }),
  );
}

function Health({ health, evaluation }: { health: CorpusHealth; evaluation: EvaluationState }) {
  const texts = useSpace((w) => w.table.texts);
  const snippet = (i: number) => `${texts[i]?.slice(0, 60) ?? ''}…`;
  return (
    <div role="region" aria-label="Corpus health">
      <h3>Corpus health for this query set</h3>
      <ul className="health">
        <li>
          {health.orphans.length} of {texts.length} chunks were never returned (orphans)
        </li>
        <li>
          Hubs:{' '}
          {health.hubs.slice(0, 3).map(([i, n]) => (
            <button key={i} type="button" className="link" onClick={() => setOpenChunk(i)}>
              {n}× {snippet(i)}{' '}
            </button>
          ))}
        </li>
        <li>
          {health.duplicates.length} near-duplicate pairs (cosine ≥ {health.duplicateThreshold})
          {health.duplicates.slice(0, 3).map(([a, b, s]) => (
            <button key={`${a}-${b}`} type="button" className="link" onClick={() => setOpenChunk(a)}>
              {' '}
              {s.toFixed(3)}: {snippet(a)} / {snippet(b)}
            </button>
          ))}
          {health.duplicates.length > 0 && (
            <button
              type="button"
              onClick={() =>
                tagRows(
                  'duplicate',
                  health.duplicates.map(([, b]) => b),
                )
              }
            >
              Tag the second of each pair “duplicate”
            </button>
          )}
          {health.unreadablePairs > 0 &&
            ` · ${health.unreadablePairs} more pairs have the same vector only because the model cannot read their different texts: not duplicates`}
        </li>
        <li>
          {health.noHit.length} queries with no chunk above {health.noHitThreshold}
          {health.noHit.slice(0, 3).map((q) => ` · “${evaluation.queries[q]?.text}”`)}
        </li>
      </ul>
    </div>
  );
}

export function EvaluationPanel() {
  const evaluation = useActiveSpace((s) => s.evaluation);
  const busy = useOrrery((s) => isBusy(s.phase));
  const chunkCount = useOrrery((s) => s.chunkCount);
  const answering = useOrrery((s) => s.retrieval.retriever);
  return (
    <section className="panel" aria-labelledby="evaluation-heading">
      <h2 id="evaluation-heading">Evaluate</h2>
      <label className="file-label">
        Load evaluation set
        <input
          type="file"
          accept=".csv,.tsv,.jsonl,.ndjson,.json,.txt"
          multiple
          disabled={busy || chunkCount === 0}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) void evaluateQuerySet(files);
          }}
        />
      </label>
      <p className="muted">
        CSV or JSON Lines: a query column, and expected_ids (chunk ids such as “notes.md#3”) or expected_text (a text a relevant chunk contains). Ragas rows
        (user_input, reference_contexts or reference_context_ids; retrieved_contexts are scored as your pipeline) and BEIR (queries.jsonl and its qrels file,
        chosen together; graded relevance counts in nDCG) are read as they are.
      </p>
      {evaluation && (
        <>
          <div className="table-scroll">
            <table aria-label="Evaluation" className="evaluation">
              <caption>
                {evaluation.queries.length} queries from {evaluation.name}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Retriever</th>
                  {COLUMNS.map(([, label]) => (
                    <th key={label} scope="col">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {evaluation.rows.map((row) => (
                  <tr key={row.name}>
                    <th scope="row">{row.name}</th>
                    {COLUMNS.map(([key]) => (
                      <td key={key}>{row.mean[key].toFixed(2)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" onClick={() => download(evaluation)}>
            Download CSV
          </button>
          <TuningPanel />
          <h3>Queries (rank of the first relevant chunk; open one to see its retrieval path)</h3>
          <ol className="evaluated" aria-label="Evaluated queries">
            {evaluation.queries.slice(0, 200).map((q, i) => {
              const first = (name: string) => Math.min(...(evaluation.rows.find((r) => r.name === name)?.ranks[i] ?? [Infinity]));
              const rank = (name: string) => (Number.isFinite(first(name)) ? `#${first(name)}` : 'missed');
              const own = first(answering);
              return (
                <li key={`${q.line}-${q.text}`}>
                  <button type="button" className="link" onClick={() => void openEvaluatedQuery(i)}>
                    <span className={own <= 5 ? 'ok' : 'miss'}>{Number.isFinite(own) ? `#${own}` : '—'}</span> {q.text}
                    <span className="muted">
                      {' '}
                      · dense {rank('dense')} · BM25 {rank('bm25')} · hybrid {rank('hybrid')}
                      {q.retrieved && ` · ${PIPELINE_ROW} ${rank(PIPELINE_ROW)}`}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
          <Health health={evaluation.health} evaluation={evaluation} />
        </>
      )}
    </section>
  );
}

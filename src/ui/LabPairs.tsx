import type { PairMeasures, PairResult } from '../core/lab/pairMeasures';
import { isBusy, useOrrery } from '../state/hooks';
import { worstRows } from '../state/labPairLines';
import { addLabPairs } from '../state/labPairs';
import type { PairsComparison } from '../state/labSlice';

const MEASURES: { key: keyof PairMeasures; name: string }[] = [
  { key: 'tripletAccuracy', name: 'Triplet accuracy' },
  { key: 'spearman', name: 'Spearman (cosine, score)' },
  { key: 'accuracy', name: 'Accuracy at the best threshold' },
  { key: 'threshold', name: 'Best threshold (cosine)' },
  { key: 'averagePrecision', name: 'Average precision' },
  { key: 'nearestNeighbourAccuracy', name: 'Nearest text of the same class' },
  { key: 'recall1', name: 'Recall@1' },
  { key: 'recall5', name: 'Recall@5' },
  { key: 'recall10', name: 'Recall@10' },
];
const WORST_LISTED = 8;

/** The user's labelled pairs measured in both spaces: MTEB's measures side by side and the rows each space gets wrong. */
export function LabPairs({ pairs }: { pairs: PairsComparison | null }) {
  const busy = useOrrery((s) => isBusy(s.phase));
  return (
    <div>
      <h3>Labelled pairs</h3>
      <label>
        Add labelled pairs
        <input
          type="file"
          accept=".csv,.tsv,.json,.jsonl,.ndjson"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void addLabPairs(file);
          }}
        />
      </label>
      {pairs ? (
        <PairsResult pairs={pairs} />
      ) : (
        <p className="muted">
          Pairs (anchor, positive), triplets (…, negative), scored pairs (sentence1, sentence2, score), pairs with a 0/1 label, or texts with a class.
        </p>
      )}
    </div>
  );
}

function PairsResult({ pairs }: { pairs: PairsComparison }) {
  const shown = MEASURES.filter((m) => pairs.a.measures[m.key] !== undefined);
  return (
    <div role="region" aria-label="Labelled pairs">
      <table aria-label="Pairs in both spaces" className="evaluation">
        <thead>
          <tr>
            <th scope="col">
              {pairs.file}: {pairs.items.length.toLocaleString('en')} {pairs.format}
            </th>
            <th scope="col">A</th>
            <th scope="col">B</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ key, name }) => (
            <tr key={key}>
              <th scope="row">{name}</th>
              <td>{pairs.a.measures[key]!.toFixed(3)}</td>
              <td>{pairs.b.measures[key]!.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pairs.notes.length > 0 && <p className="muted">{pairs.notes.join('; ')}.</p>}
      <div className="two-columns">
        <WorstRows pairs={pairs} name="A" result={pairs.a} />
        <WorstRows pairs={pairs} name="B" result={pairs.b} />
      </div>
    </div>
  );
}

/** A row's texts: anchor and positive (and negative), or the text and its class. */
function rowTexts(pairs: PairsComparison, row: number): string[] {
  const item = pairs.items[row]!;
  if (pairs.format === 'classes') return [pairs.texts[item.first]!, `class: ${item.group ?? ''}`];
  const texts = [pairs.texts[item.first]!, pairs.texts[item.second]!];
  if (item.negative !== undefined) texts.push(`not: ${pairs.texts[item.negative]!}`);
  if (item.score !== undefined) texts.push(`${pairs.format === 'labelled pairs' ? 'label' : 'score'} ${item.score}`);
  return texts;
}

function WorstRows({ pairs, name, result }: { pairs: PairsComparison; name: string; result: PairResult }) {
  const rows = worstRows(pairs.format, result, WORST_LISTED);
  return (
    <div>
      <h4>Worst in {name}</h4>
      {rows.length === 0 && <p className="muted">None: {name} gets every row right.</p>}
      <ol aria-label={`Worst pairs in ${name}`} className="lab-list">
        {rows.map((row) => {
          const [first, ...rest] = rowTexts(pairs, row);
          return (
            <li key={row}>
              <details>
                <summary>
                  line {pairs.items[row]!.line}: {first!.length > 40 ? `${first!.slice(0, 40)}…` : first}
                </summary>
                <p>{first}</p>
                {rest.map((t, i) => (
                  <p key={i}>{t}</p>
                ))}
                <p className="muted">cosine {result.similarity[row]!.toFixed(3)}</p>
              </details>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

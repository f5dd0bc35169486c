import { useState } from 'react';
import { setTextField } from '../state/corpusActions';
import { setOpenChunk } from '../state/queryActions';
import { useOrrery, useSpace } from '../state/hooks';

const SHOWN = 100;

/** Each source with its chunk count; a table's text column can be changed; chunks listed on demand. */
export function SourcesPanel() {
  const sources = useOrrery((s) => s.sources);
  const table = useSpace((w) => w.table);
  const documents = useSpace((w) => w.documents);
  const maxTokens = useOrrery((s) => s.modelSource.model.maxTokens);
  const [open, setOpen] = useState<number | null>(null);
  if (sources.length === 0) return null;
  const counts = new Int32Array(sources.length);
  const over = new Int32Array(sources.length);
  for (let i = 0; i < table.texts.length; i++) {
    counts[table.sourceIds[i]!]!++;
    if (table.tokens[i]! > maxTokens) over[table.sourceIds[i]!]!++;
  }
  const overTotal = over.reduce((a, b) => a + b, 0);
  return (
    <section className="panel" aria-labelledby="sources-heading">
      <h2 id="sources-heading">Sources</h2>
      {overTotal > 0 && (
        <p className="warning" role="group" aria-label="Chunks over the token limit">
          {overTotal} {overTotal === 1 ? 'chunk is' : 'chunks are'} longer than the model's {maxTokens}-token input: it reads only their start.
        </p>
      )}
      <ul className="sources">
        {sources.slice(0, 500).map((name, index) => {
          const doc = documents[index];
          return (
            <li key={`${index}-${name}`} aria-label={name}>
              <div className="row spread">
                <button type="button" className="link" aria-expanded={open === index} onClick={() => setOpen(open === index ? null : index)}>
                  {name}
                </button>
                <span className="muted">
                  {counts[index]!.toLocaleString('en')} {counts[index] === 1 ? 'chunk' : 'chunks'}
                  {over[index]! > 0 && ` · ${over[index]} over limit`}
                  {doc?.vectors && ` · ${doc.vectors.dims}-d vectors`}
                </span>
              </div>
              {doc?.table && doc.table.fields.length > 1 && (
                <label className="inline">
                  Text column of {name}
                  <select value={doc.table.textField ?? ''} onChange={(e) => void setTextField(index, e.target.value)}>
                    {doc.table.fields.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {open === index && <ChunkList source={index} maxTokens={maxTokens} />}
            </li>
          );
        })}
        {sources.length > 500 && <li className="muted">… and {sources.length - 500} more sources</li>}
      </ul>
    </section>
  );
}

function ChunkList({ source, maxTokens }: { source: number; maxTokens: number }) {
  const table = useSpace((w) => w.table);
  const rows: number[] = [];
  for (let i = 0; i < table.texts.length; i++) if (table.sourceIds[i] === source) rows.push(i);
  return (
    <ol className="chunks" aria-label={`Chunks of ${table.sources[source]}`}>
      {rows.slice(0, SHOWN).map((i) => {
        const tokens = table.tokens[i]!;
        const over = tokens > maxTokens;
        return (
          <li key={i}>
            <button type="button" className={`hit${over ? ' over' : ''}`} onClick={() => setOpenChunk(i)}>
              <span className="score">{tokens >= 0 ? `${tokens} tok${over ? ' ⚠' : ''}` : '—'}</span>
              <span className="snippet">{table.texts[i]!.slice(0, 160)}</span>
            </button>
          </li>
        );
      })}
      {rows.length > SHOWN && <li className="muted">… {rows.length - SHOWN} more</li>}
    </ol>
  );
}

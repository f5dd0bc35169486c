import { useShallow } from 'zustand/react/shallow';
import { type ChunkTable, chunkMetadata, type SourceDocument } from '../core/corpus';
import { chunkIdOf } from '../core/retrieval/querySet';
import { setOpenChunk, toggleGold } from '../state/queryActions';
import { useOrrery, useSpace } from '../state/hooks';
import { Highlighted } from './Highlighted';

function GoldButton({ index }: { index: number }) {
  const queryText = useOrrery((s) => s.queryText);
  const gold = useOrrery((s) => (s.goldMarks[s.queryText] ?? []).includes(index));
  if (!queryText) return null;
  return (
    <button type="button" aria-pressed={gold} onClick={() => void toggleGold(index)}>
      {gold ? '★ Gold for this query' : '☆ Mark as gold for this query'}
    </button>
  );
}

export function OpenChunkPanel() {
  const open = useOrrery((s) => s.openChunk);
  const neighbours = useOrrery((s) => s.neighbours);
  const { table, documents, recall: recalls } = useSpace(useShallow((w) => ({ table: w.table, documents: w.documents, recall: w.recall })));
  if (open === null) return null;
  const recall = recalls?.[open];
  const metadata = chunkMetadata(documents[table.sourceIds[open]!], table.sectionIds[open]!);
  return (
    <section className="panel open-chunk" aria-label="Open chunk">
      <div className="row spread">
        <h2>Chunk {open + 1}</h2>
        <button type="button" aria-label="Close chunk" onClick={() => setOpenChunk(null)}>
          ×
        </button>
      </div>
      <p className="muted" role="group" aria-label="Position">
        {chunkPosition(table, documents, open)}
      </p>
      <p className="muted" role="group" aria-label="Chunk id">
        id {chunkIdOf(table, documents, open)} (for query sets)
      </p>
      {table.headings[open] && (
        <p className="muted" role="group" aria-label="Heading">
          § {table.headings[open]}
        </p>
      )}
      <TokenCount index={open} />
      <GoldButton index={open} />
      {metadata.length > 0 && (
        <dl className="metadata" aria-label="Metadata">
          {metadata.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <blockquote>
        <Highlighted text={table.texts[open] ?? ''} />
      </blockquote>
      <h3>10 nearest neighbours (cosine, full dimension; cyan lines in the scene)</h3>
      {recall !== undefined && (
        <p className="muted" role="group" aria-label="Neighbour recall of this chunk">
          {Math.round(recall * 10)} of these 10 are also among its 10 nearest points in the picture.
        </p>
      )}
      <ol aria-label="Nearest neighbours">
        {neighbours.map((n) => (
          <li key={n.index}>
            <button type="button" className="hit" onClick={() => setOpenChunk(n.index)}>
              <span className="score">{n.score.toFixed(3)}</span>
              <span className="snippet">{table.texts[n.index]}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

const LINE_FORMATS = new Set(['csv', 'tsv', 'jsonl', 'projector']);

/** Where a chunk comes from: file, page, line (or row), characters. */
function chunkPosition(table: ChunkTable, documents: SourceDocument[], index: number): string {
  const doc = documents[table.sourceIds[index]!];
  const parts = [table.sources[table.sourceIds[index]!]];
  if (table.pages[index]! > 0) parts.push(`page ${table.pages[index]}`);
  const row = (doc?.sections?.[table.sectionIds[index]!]?.row ?? 0) + 1;
  // rows of JSON arrays, Parquet and .npy have no line of their own
  if (doc?.table) parts.push(LINE_FORMATS.has(doc.format ?? '') ? `row ${row}, line ${table.lines[index]}` : `row ${row}`);
  else parts.push(`line ${table.lines[index]}`);
  if (!doc?.table) parts.push(`characters ${table.starts[index]}–${table.ends[index]}`);
  return parts.join(' · ');
}

function TokenCount({ index }: { index: number }) {
  const model = useOrrery((s) => s.modelSource.model);
  const table = useSpace((w) => w.table);
  const tokens = table.tokens[index]!;
  if (table.imported[index]) return <p className="muted">Imported vector (not embedded here)</p>;
  if (tokens < 0) return null;
  const over = tokens > model.maxTokens;
  return (
    <p className={over ? 'warning' : 'muted'} role="group" aria-label="Token count">
      {tokens} tokens
      {over ? ` — over ${model.label}'s ${model.maxTokens}-token input: the model reads only the first ${model.maxTokens}.` : ` of ${model.maxTokens}`}
    </p>
  );
}

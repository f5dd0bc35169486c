import { select } from '../state/pipeline';
import { workspace } from '../state/data';
import { useOrreryStore } from '../state/store';

export function SelectionPanel() {
  const selected = useOrreryStore((s) => s.selected);
  const neighbours = useOrreryStore((s) => s.neighbours);
  useOrreryStore((s) => s.qualityVersion); // re-render when recall is measured
  if (selected === null) return null;
  const { table } = workspace;
  const recall = workspace.recall?.[selected];
  return (
    <section className="panel selection" aria-label="Selected chunk">
      <div className="row spread">
        <h2>Chunk {selected + 1}</h2>
        <button type="button" aria-label="Close selection" onClick={() => select(null)}>
          ×
        </button>
      </div>
      <p className="muted">
        {table.sources[table.sourceIds[selected]!]} · characters {table.starts[selected]}–{table.ends[selected]}
      </p>
      <blockquote>{table.texts[selected]}</blockquote>
      <h3>10 nearest neighbours (cosine, full dimension; cyan lines in the scene)</h3>
      {recall !== undefined && (
        <p className="muted" aria-label="Neighbour recall of this chunk">
          {Math.round(recall * 10)} of these 10 are also among its 10 nearest points in the picture.
        </p>
      )}
      <ol aria-label="Nearest neighbours">
        {neighbours.map((n) => (
          <li key={n.index}>
            <button type="button" className="hit" onClick={() => select(n.index)}>
              <span className="score">{n.score.toFixed(3)}</span>
              <span className="snippet">{table.texts[n.index]}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

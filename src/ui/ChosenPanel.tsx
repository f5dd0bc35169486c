import { useShallow } from 'zustand/react/shallow';
import { useOrrery, useWorkspace } from '../state/hooks';
import { select } from '../state/queryActions';
import { clearChosen, flyTo, setOnlyChosen } from '../state/viewActions';

const LISTED = 100;

/** The chunks chosen with the lasso or box (or a legend entry): their count, a list, and what to do with them. */
export function ChosenPanel() {
  const texts = useWorkspace((w) => w.table.texts);
  const { chosen, label, only } = useOrrery(useShallow((s) => ({ chosen: s.chosen, label: s.chosenLabel, only: s.onlyChosen })));
  if (chosen.length === 0) return null;
  return (
    <section className="panel chosen" aria-label="Selection list">
      <h2>
        {label}: {chosen.length.toLocaleString('en')} chunk{chosen.length === 1 ? '' : 's'}
      </h2>
      <div className="row">
        <button type="button" aria-pressed={only} onClick={() => setOnlyChosen(!only)}>
          Show only the selection
        </button>
        <button type="button" onClick={() => flyTo(chosen)}>
          Fly to the selection
        </button>
        <button type="button" onClick={clearChosen}>
          Clear selection
        </button>
      </div>
      <ol className="chosen-list">
        {chosen.slice(0, LISTED).map((i) => (
          <li key={i}>
            <button type="button" className="link" onClick={() => select(i)}>
              {(texts[i] ?? '').slice(0, 120)}
            </button>
          </li>
        ))}
      </ol>
      {chosen.length > LISTED && <p className="muted">and {(chosen.length - LISTED).toLocaleString('en')} more</p>}
    </section>
  );
}

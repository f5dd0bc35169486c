import { useShallow } from 'zustand/react/shallow';
import { useOrrery, useSpace } from '../state/hooks';
import { setOpenChunk } from '../state/queryActions';
import { clearSelection, flyTo, setOnlySelection } from '../state/viewActions';
import { Highlighted } from './Highlighted';
import { TagSelection } from './TagSelection';

const LISTED = 100;

/** The selection: chunks picked with the lasso or box (or a legend entry), their count, a list, and what to do with them. */
export function SelectionPanel() {
  const texts = useSpace((w) => w.table.texts);
  const { selection, label, only } = useOrrery(useShallow((s) => ({ selection: s.selection, label: s.selectionLabel, only: s.onlySelection })));
  if (selection.length === 0) return null;
  return (
    <section className="panel selection-list" aria-label="Selection list">
      <h2>
        {label}: {selection.length.toLocaleString('en')} chunk{selection.length === 1 ? '' : 's'}
      </h2>
      <div className="row">
        <button type="button" aria-pressed={only} onClick={() => setOnlySelection(!only)}>
          Show only the selection
        </button>
        <button type="button" onClick={() => flyTo(selection)}>
          Fly to the selection
        </button>
        <button type="button" onClick={clearSelection}>
          Clear selection
        </button>
      </div>
      <TagSelection />
      <ol className="selection-items">
        {selection.slice(0, LISTED).map((i) => (
          <li key={i}>
            <button type="button" className="link" onClick={() => setOpenChunk(i)}>
              <Highlighted text={(texts[i] ?? '').slice(0, 120)} />
            </button>
          </li>
        ))}
      </ol>
      {selection.length > LISTED && <p className="muted">and {(selection.length - LISTED).toLocaleString('en')} more</p>}
    </section>
  );
}

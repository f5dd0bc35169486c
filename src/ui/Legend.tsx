import { useShallow } from 'zustand/react/shallow';
import { scaleColour, toCss } from '../core/colouring';
import { recallColor } from '../scene/pointsAdapter';
import { groupMembers, pointColouring, RETRIEVAL_KEY } from '../state/colouring';
import { activeOf, useOrrery } from '../state/hooks';
import { setSelection, toggleGroup } from '../state/viewActions';

const SHOWN = 24;

/** What the colours mean; each group can be hidden (a filter) or clicked to fly to its chunks and list them. */
export function Legend() {
  const s = useOrrery(
    useShallow((s) => ({
      colourMode: s.colourMode,
      colourColumn: s.colourColumn,
      activeSpace: s.activeSpace,
      spaces: s.spaces,
      lab: s.lab,
      corpusVersion: s.corpusVersion,
      hiddenGroups: s.hiddenGroups,
      tags: s.tags,
      placed: activeOf(s).placedCount,
      chunkCount: s.chunkCount,
    })),
  );
  if (s.chunkCount === 0) return null;
  const colouring = pointColouring(s);
  let body: React.ReactNode;
  if (colouring.kind === 'groups') {
    const { groups } = colouring;
    body = (
      <>
        <h2>{colouring.title}</h2>
        <ul>
          {groups.slice(0, SHOWN).map((g) => {
            const shown = !s.hiddenGroups.includes(g.key);
            return (
              <li key={g.key} className={shown ? '' : 'off'}>
                <input type="checkbox" checked={shown} aria-label={`Show ${g.name}`} onChange={() => toggleGroup(g.key)} />
                <span className="swatch" style={{ background: toCss(g.colour) }} />
                <button
                  type="button"
                  className="link"
                  title="Fly to these chunks and list them"
                  onClick={() => setSelection(groupMembers(colouring.groupOf, g.key), g.name, true)}
                >
                  {g.name}
                </button>
                <span className="count">{g.count.toLocaleString('en')}</span>
              </li>
            );
          })}
          {groups.length > SHOWN && <li className="muted">and {groups.length - SHOWN} more</li>}
        </ul>
      </>
    );
  } else if (colouring.kind === 'numeric') {
    const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => toCss(scaleColour(t))).join(', ');
    body = (
      <>
        <h2>{colouring.title}</h2>
        <div className="scale" style={{ background: `linear-gradient(to right, ${stops})` }} />
        <div className="row spread muted" aria-label="Range">
          <span>{colouring.min.toLocaleString('en')}</span>
          <span>{colouring.max.toLocaleString('en')}</span>
        </div>
        {colouring.missing > 0 && <p className="muted">grey: {colouring.missing.toLocaleString('en')} without a number</p>}
      </>
    );
  } else if (colouring.kind === 'too-many') {
    body = (
      <>
        <h2>{colouring.title}</h2>
        <p className="muted">{colouring.distinct.toLocaleString('en')} different values: too many values to colour.</p>
      </>
    );
  } else if (colouring.kind === 'recall' || colouring.kind === 'overlap') {
    const scale: [number, string][] =
      colouring.kind === 'recall'
        ? [
            [0, 'no true neighbour kept nearby'],
            [0.5, 'half of them'],
            [1, 'all ten'],
          ]
        : [
            [0, 'no neighbour shared by A and B'],
            [0.5, 'half (Jaccard)'],
            [1, 'the same ten'],
          ];
    body = (
      <ul>
        {scale.map(([r, text]) => (
          <li key={text}>
            <span className="swatch" style={{ background: toCss(recallColor(r)) }} />
            {text}
          </li>
        ))}
      </ul>
    );
  } else {
    body = (
      <ul>
        {RETRIEVAL_KEY.map((k) => (
          <li key={k.name}>
            <span className="swatch" style={{ background: toCss(k.colour) }} />
            {k.name}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section className="legend" aria-label="Legend">
      {body}
      {s.placed > 0 && <p className="muted">paler: {s.placed} placed, not laid out</p>}
    </section>
  );
}

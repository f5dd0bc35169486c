import { sourceColor } from '../scene/pointsAdapter';
import { useOrrery } from '../state/hooks';

const SHOWN = 12;

/** Which colour is which source document. */
export function Legend() {
  const sources = useOrrery((s) => s.sources);
  const placed = useOrrery((s) => s.placedCount);
  const colourMode = useOrrery((s) => s.colourMode);
  if (sources.length === 0) return null;
  if (colourMode === 'recall') {
    return (
      <ul className="legend" aria-label="Colours">
        <li><span className="swatch" style={{ background: 'rgb(242,64,64)' }} />no true neighbour kept nearby</li>
        <li><span className="swatch" style={{ background: 'rgb(242,229,64)' }} />half of them</li>
        <li><span className="swatch" style={{ background: 'rgb(64,229,77)' }} />all ten</li>
      </ul>
    );
  }
  return (
    <ul className="legend" aria-label="Sources">
      {sources.slice(0, SHOWN).map((name, id) => (
        <li key={id}>
          <span className="swatch" style={{ background: `rgb(${sourceColor(id).map((c) => Math.round(c * 255)).join(',')})` }} />
          {name}
        </li>
      ))}
      {sources.length > SHOWN && <li className="muted">and {sources.length - SHOWN} more</li>}
      {placed > 0 && <li className="muted">paler: {placed} placed, not laid out</li>}
    </ul>
  );
}

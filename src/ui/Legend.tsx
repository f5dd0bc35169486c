import { sourceColor } from '../scene/pointsAdapter';
import { useOrreryStore } from '../state/store';

const SHOWN = 12;

/** Which colour is which source document. */
export function Legend() {
  const sources = useOrreryStore((s) => s.sources);
  if (sources.length === 0) return null;
  return (
    <ul className="legend" aria-label="Sources">
      {sources.slice(0, SHOWN).map((name, id) => (
        <li key={id}>
          <span className="swatch" style={{ background: `rgb(${sourceColor(id).map((c) => Math.round(c * 255)).join(',')})` }} />
          {name}
        </li>
      ))}
      {sources.length > SHOWN && <li className="muted">and {sources.length - SHOWN} more</li>}
    </ul>
  );
}

import { useOrrery, useSpace } from '../state/hooks';

const MAX_CHARS = 280;

export function Tooltip() {
  const table = useSpace((w) => w.table);
  const hovered = useOrrery((s) => s.hovered);
  if (!hovered) return null;
  const text = table.texts[hovered.index] ?? '';
  return (
    <div role="tooltip" className="tooltip" style={{ left: hovered.x + 14, top: hovered.y + 14 }}>
      <strong>{table.sources[table.sourceIds[hovered.index]!]}</strong>
      <div>{text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text}</div>
    </div>
  );
}

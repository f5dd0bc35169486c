import { useOrreryStore } from '../state/store';

export function Notices() {
  const notices = useOrreryStore((s) => s.notices);
  const dismiss = useOrreryStore((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} role={n.kind === 'error' ? 'alert' : 'note'} className={`notice notice-${n.kind}`}>
          <span>{n.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

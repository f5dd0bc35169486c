import { useOrrery } from '../state/hooks';
import { dismissNotice } from '../state/viewActions';

export function Notices() {
  const notices = useOrrery((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} role={n.kind === 'error' ? 'alert' : 'note'} className={`notice notice-${n.kind}`}>
          <span>{n.text}</span>
          {n.action && (
            <button type="button" onClick={() => (dismissNotice(n.id), n.action!.run())}>
              {n.action.label}
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

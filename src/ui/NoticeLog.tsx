import { useState } from 'react';
import { useOrrery } from '../state/hooks';

const time = (at: number) => new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Everything Orrery said this session, with times: information fades from the scene, not from here. */
export function NoticeLog() {
  const log = useOrrery((s) => s.log);
  const [open, setOpen] = useState(false);
  return (
    <div className="notice-log">
      <button type="button" aria-expanded={open} aria-controls="notice-log" onClick={() => setOpen(!open)}>
        Log ({log.length})
      </button>
      {open && (
        <ol id="notice-log" aria-label="Notice log" className="log-list">
          {[...log].reverse().map((n) => (
            <li key={n.id} className={`log-${n.kind}`}>
              <time dateTime={new Date(n.at).toISOString()}>{time(n.at)}</time> {n.kind === 'error' ? 'Error: ' : ''}
              {n.text}
            </li>
          ))}
          {log.length === 0 && <li className="muted">Nothing yet.</li>}
        </ol>
      )}
    </div>
  );
}

import { useState } from 'react';
import { useOrrery } from '../state/hooks';
import type { Notice } from '../state/slices';
import { dismissNotice } from '../state/viewActions';

/** Consecutive notices of one kind from one task: shown as one line. */
function grouped(notices: Notice[]): Notice[][] {
  const groups: Notice[][] = [];
  for (const notice of notices) {
    const last = groups.at(-1)?.[0];
    if (last && notice.group !== 0 && last.group === notice.group && last.kind === notice.kind) groups.at(-1)!.push(notice);
    else groups.push([notice]);
  }
  return groups;
}

function NoticeLine({ items }: { items: Notice[] }) {
  const [open, setOpen] = useState(false);
  const { kind } = items[0]!;
  const many = items.length > 1;
  return (
    <div role={kind === 'error' ? 'alert' : 'note'} className={`notice notice-${kind}${many && !open ? ' notice-collapsed' : ''}`}>
      {many && open ? (
        <ul className="notice-lines">
          {items.map((n) => (
            <li key={n.id}>{n.text}</li>
          ))}
        </ul>
      ) : (
        <span className="notice-text">
          {many ? `${items.length} ${kind === 'error' ? 'problems' : 'notes'}: ${items.map((n) => n.text).join(' · ')}` : items[0]!.text}
        </span>
      )}
      {items.map(
        (n) =>
          n.action && (
            <button key={n.id} type="button" onClick={() => (dismissNotice(n.id), n.action!.run())}>
              {n.action.label}
            </button>
          ),
      )}
      {many && (
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Less' : 'All'}
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={() => items.forEach((n) => dismissNotice(n.id))}>
        ×
      </button>
    </div>
  );
}

/** Errors stay until dismissed; information fades (the log keeps it); one step's notices share a line. */
export function Notices() {
  const notices = useOrrery((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {grouped(notices).map((items) => (
        <NoticeLine key={items[0]!.id} items={items} />
      ))}
    </div>
  );
}

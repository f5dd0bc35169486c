import { type ReactNode, useState } from 'react';

const key = (id: string) => `orrery.section.${id}`;

function remembered(id: string): boolean {
  try {
    return localStorage.getItem(key(id)) !== 'closed';
  } catch {
    return true;
  }
}

/** A group of panels by task, open or closed as the user left it. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const [open, setOpen] = useState(() => remembered(id));
  return (
    <details
      className="section"
      open={open}
      onToggle={(e) => {
        const now = e.currentTarget.open;
        setOpen(now);
        try {
          localStorage.setItem(key(id), now ? 'open' : 'closed');
        } catch {
          // storage refused (private mode): the section still opens and closes
        }
      }}
    >
      <summary>{title}</summary>
      {children}
    </details>
  );
}

import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { resume } from '../state/corpusActions';
import { cancelRunning } from '../state/tasks';
import { isBusy, useOrrery } from '../state/hooks';

export function StatusBar() {
  const { message, progress, busy, phase, resumable } = useOrrery(
    useShallow((s) => ({ message: s.message, progress: s.progress, busy: isBusy(s.phase), phase: s.phase, resumable: s.resumable !== null })),
  );
  // the tab says how far a long step is, for when the user looks elsewhere
  useEffect(() => {
    const percent = busy && progress && progress.total > 0 ? `${Math.round((100 * progress.done) / progress.total)}% · ` : '';
    document.title = busy ? `${percent}${message} — Orrery` : 'Orrery — see your vector space';
  }, [busy, progress, message]);
  return (
    <div className="status-bar">
      <div role="status" aria-live="polite" data-phase={phase} className="status-text">
        {message}
      </div>
      {progress && <progress max={progress.total} value={progress.done} aria-label="Progress" />}
      {busy && (
        <button type="button" onClick={cancelRunning}>
          Cancel
        </button>
      )}
      {!busy && resumable && (
        <button type="button" onClick={() => void resume()}>
          Resume
        </button>
      )}
    </div>
  );
}

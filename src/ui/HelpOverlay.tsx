import { useEffect } from 'react';
import { useOrrery, readOrrery } from '../state/hooks';
import { setOpenChunk } from '../state/queryActions';
import { clearSelection, flyTo, resetCamera, setHelpOpen, setSelectTool, setTheme } from '../state/viewActions';

export const SHORTCUTS: [string, string][] = [
  ['drag', 'orbit (3-D) or pan (2-D)'],
  ['right-drag', 'pan'],
  ['wheel', 'zoom'],
  ['shift-drag', 'select with a lasso (or a box)'],
  ['b', 'switch between lasso and box'],
  ['click', 'open a chunk; click the background to close it'],
  ['/', 'search chunks'],
  ['f', 'fly to the selection (or the open chunk)'],
  ['r', 'reset the view'],
  ['t', 'light or dark theme'],
  ['Esc', 'close this, then clear the selection'],
  ['?', 'show or hide these shortcuts'],
];

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The keyboard habits of 3-D viewers, on the whole page but not while typing. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const s = readOrrery();
      const handled = (() => {
        switch (e.key) {
          case '?':
            setHelpOpen(!s.helpOpen);
            return true;
          case 'Escape':
            if (s.helpOpen) setHelpOpen(false);
            else if (s.selection.length > 0) clearSelection();
            else if (s.openChunk !== null) setOpenChunk(null);
            else return false;
            return true;
          case '/':
            document.getElementById('chunk-search')?.focus();
            return true;
          case 'r':
            resetCamera();
            return true;
          case 'f':
            if (s.selection.length > 0) flyTo(s.selection);
            else if (s.openChunk !== null) flyTo([s.openChunk]);
            return true;
          case 'b':
            setSelectTool(s.selectTool === 'box' ? 'lasso' : 'box');
            return true;
          case 't':
            setTheme(s.theme === 'dark' ? 'light' : 'dark');
            return true;
          default:
            return false;
        }
      })();
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function HelpOverlay() {
  const open = useOrrery((s) => s.helpOpen);
  const tool = useOrrery((s) => s.selectTool);
  if (!open) return null;
  return (
    <div className="help-backdrop" onClick={() => setHelpOpen(false)}>
      <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="panel help" onClick={(e) => e.stopPropagation()}>
        <div className="row spread">
          <h2>Keyboard shortcuts</h2>
          <button type="button" aria-label="Close shortcuts" onClick={() => setHelpOpen(false)} autoFocus>
            ×
          </button>
        </div>
        <dl>
          {SHORTCUTS.map(([key, what]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <p className="muted">Shift-drag now draws a {tool}.</p>
      </div>
    </div>
  );
}

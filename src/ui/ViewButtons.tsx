import { useOrrery } from '../state/hooks';
import { setHelpOpen, setTheme } from '../state/viewActions';
import { SharePanel } from './SharePanel';

/** Share, the theme switch and the shortcuts' button, in the header. */
export function ViewButtons() {
  const theme = useOrrery((s) => s.theme);
  const help = useOrrery((s) => s.helpOpen);
  return (
    <div className="row view-buttons">
      <SharePanel />
      <button type="button" aria-label="Light theme" aria-pressed={theme === 'light'} onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}>
        <span aria-hidden="true">◐</span>
        <span className="wide-only" aria-hidden="true">
          {' '}
          Light theme
        </span>
      </button>
      <button type="button" aria-label="Keyboard shortcuts" aria-expanded={help} onClick={() => setHelpOpen(!help)}>
        ?
      </button>
    </div>
  );
}

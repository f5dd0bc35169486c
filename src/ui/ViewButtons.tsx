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
      <button type="button" aria-pressed={theme === 'light'} onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}>
        Light theme
      </button>
      <button type="button" aria-label="Keyboard shortcuts" aria-expanded={help} onClick={() => setHelpOpen(!help)}>
        ?
      </button>
    </div>
  );
}

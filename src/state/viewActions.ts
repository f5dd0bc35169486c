// Small view actions for the panels and the scene: hover, camera, colours, filters, search,
// the chosen set (lasso, box, a legend entry), theme and help.
import { searchChunks } from '../core/textSearch';
import { followAddress } from './addressFollow';
import { activeSpace } from './workspace/spaces';
import type { ColourMode } from '../core/colouring';
import type { CameraPlace } from '../core/snapshot/codec';
import type { ViewSlice } from './slices';
import { useOrreryStore } from './store';
import { viewChanged } from './viewChanged';

const store = useOrreryStore;
const THEME_KEY = 'orrery.theme';

export const setHovered = (hovered: ViewSlice['hovered']): void => store.getState().setHovered(hovered);
export const resetCamera = (): void => store.getState().resetCamera();
export const dismissNotice = (id: number): void => store.getState().dismiss(id);

/** Colours by a mode (and, for metadata, a column); the legend's hidden entries start over. */
export function setColourMode(colourMode: ColourMode, colourColumn: string | null = null): void {
  store.setState({ colourMode, colourColumn: colourMode === 'metadata' ? colourColumn : null, hiddenGroups: [] });
  viewChanged();
}

export function toggleGroup(key: number): void {
  store.setState((s) => ({ hiddenGroups: s.hiddenGroups.includes(key) ? s.hiddenGroups.filter((k) => k !== key) : [...s.hiddenGroups, key] }));
  viewChanged();
}

export function setSearch(text: string): void {
  const matches = text.trim() ? searchChunks(activeSpace().table.texts, text) : null;
  activeSpace().searchMatches = matches;
  store.setState({ searchText: text, searchCount: matches ? matches.reduce((n, m) => n + m, 0) : 0 });
}

/** Re-runs the search on a new corpus. */
export function refreshSearch(): void {
  const { searchText } = store.getState();
  if (searchText) setSearch(searchText);
}

export function setSelection(indices: number[], label: string, fly = false): void {
  store.setState((s) => ({
    selection: indices,
    selectionLabel: label,
    onlySelection: s.onlySelection && indices.length > 0,
    ...(fly && indices.length > 0 && { flight: { version: s.flight.version + 1, indices } }),
  }));
  followAddress();
}

export function clearSelection(): void {
  store.setState({ selection: [], selectionLabel: '', onlySelection: false });
  followAddress();
}
export const setOnlySelection = (only: boolean): void => store.setState((s) => ({ onlySelection: only && s.selection.length > 0 }));
export const flyTo = (indices: number[]): void => store.setState((s) => ({ flight: { version: s.flight.version + 1, indices } }));
export const setSelectTool = (selectTool: ViewSlice['selectTool']): void => store.setState({ selectTool });
export const setHelpOpen = (helpOpen: boolean): void => store.setState({ helpOpen });
export const rememberCamera = (camera: CameraPlace): void => store.setState({ camera });

export function setTheme(theme: ViewSlice['theme']): void {
  store.setState({ theme });
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // storage refused: the theme lasts for this visit
  }
}

/** The theme chosen last time (dark at first). */
export function restoreTheme(): void {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(THEME_KEY);
  } catch {
    // no storage: dark
  }
  setTheme(saved === 'light' ? 'light' : 'dark');
}

// The work in the address bar, without the data: the layout (method and parameters), the query,
// the open chunk and the selection, as "#view?method=umap&neighbours=15&q=…&open=12&chosen=3-9,14".
// A reload or the back button reads it back; anything out of range falls back to the defaults.
import type { LayoutParams } from './layoutRun';
import { integer, layoutParamsFrom } from './settingsFrom';

export const VIEW_PREFIX = '#view?';
/** a longer selection stays out of the address (it would crowd it; the workspace keeps it) */
export const MAX_CHOSEN_IN_ADDRESS = 2000;

export interface ViewState {
  layout: LayoutParams;
  query: string;
  open: number | null;
  chosen: number[];
}

/** "3-9,14" for 3,4,…,9,14: a lasso's selection is mostly runs of rows. */
function ranges(rows: number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function rowsOf(text: string, count: number): number[] {
  const rows: number[] = [];
  for (const part of text.split(',')) {
    if (!/^\d+(-\d+)?$/.test(part)) continue;
    const [from, to = from] = part.split('-').map(Number);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from! < 0 || to! < from! || to! >= count) continue;
    for (let r = from!; r <= to! && rows.length < MAX_CHOSEN_IN_ADDRESS; r++) rows.push(r);
  }
  return rows;
}

export function viewFragment(state: ViewState): string {
  const search = new URLSearchParams();
  // method first, then the parameters in one order, so that the same view is always the same address
  const { method, ...rest } = state.layout as unknown as Record<string, unknown>;
  search.set('method', String(method));
  for (const key of Object.keys(rest).sort()) {
    const value = rest[key];
    search.set(key, value === null ? 'none' : Array.isArray(value) ? value.join(',') : String(value));
  }
  if (state.query) search.set('q', state.query);
  if (state.open !== null) search.set('open', String(state.open));
  if (state.chosen.length > 0 && state.chosen.length <= MAX_CHOSEN_IN_ADDRESS) search.set('chosen', ranges(state.chosen));
  return `${VIEW_PREFIX}${search.toString()}`;
}

/** The view an address names, for a workspace of `count` chunks; null when the fragment is not a view. */
export function parseViewFragment(fragment: string, count: number): ViewState | null {
  if (!fragment.startsWith(VIEW_PREFIX)) return null;
  const search = new URLSearchParams(fragment.slice(VIEW_PREFIX.length));
  const open = integer(0, count - 1)(search.get('open'));
  return {
    layout: layoutParamsFrom(Object.fromEntries(search)),
    query: (search.get('q') ?? '').trim().slice(0, 2000),
    open: open === undefined ? null : (open as number),
    chosen: rowsOf(search.get('chosen') ?? '', count),
  };
}

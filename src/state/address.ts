// The address bar follows the work: once the workspace is loaded, the layout (method and
// parameters), the query, the open chunk and the selection go into "#view?…" (never the data: the
// workspace is saved in this browser). A reload, or the back and forward buttons, return to a view.
// At start the address decides what opens: a share link, a #url= snapshot, ?demo, or the saved
// workspace with the view its address names.
import { parseViewFragment, VIEW_PREFIX, viewFragment, type ViewState } from '../core/viewUrl';
import { loadDemo } from './corpusActions';
import { runLayout } from './layoutActions';
import { restore } from './persist';
import { clearQuery, runQuery, select } from './queryActions';
import { isWaitingForHost, openShareLink, openSnapshotUrl } from './shareActions';
import { useOrreryStore } from './store';
import { choose, clearChosen } from './viewActions';

const store = useOrreryStore;
/** changes closer together than this replace the last entry: the back button steps between views, not clicks in a burst */
const COALESCE_MS = 1000;

let following = false;
let applying = false;
let lastPushAt = 0;

/** what the address was last made from: the store changes often (hover), the work seldom */
let madeFrom: unknown[] = [];

function follow(): void {
  const s = store.getState();
  if (!following || applying || s.busy || s.layoutProgress !== null || isWaitingForHost() || s.chunkCount === 0) return;
  const inputs = [s.layoutParams, s.queryText, s.selected, s.chosen, location.hash];
  if (inputs.every((x, i) => x === madeFrom[i])) return;
  madeFrom = inputs;
  const fragment = viewFragment({ layout: s.layoutParams, query: s.queryText, open: s.selected, chosen: s.chosen });
  if (fragment === location.hash) return;
  const url = `${location.pathname}${location.search}${fragment}`;
  const now = performance.now();
  // a share link's address is replaced by its view (the data is in the workspace now)
  if (!location.hash.startsWith(VIEW_PREFIX) || now - lastPushAt < COALESCE_MS) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  lastPushAt = now;
  madeFrom[4] = location.hash;
}

const sameRows = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Brings the workspace to the view an address names (what already matches is left alone). */
async function applyView(view: ViewState): Promise<void> {
  applying = true;
  try {
    const s = store.getState();
    const layoutNow = viewFragment({ layout: s.layoutParams, query: '', open: null, chosen: [] });
    if (viewFragment({ layout: view.layout, query: '', open: null, chosen: [] }) !== layoutNow) void runLayout(view.layout);
    if (view.query !== s.queryText) await (view.query ? runQuery(view.query) : clearQuery());
    if (view.open !== store.getState().selected) select(view.open);
    const chosen = [...store.getState().chosen].sort((a, b) => a - b);
    if (!sameRows(view.chosen, chosen)) {
      if (view.chosen.length > 0) choose(view.chosen, 'Selection from the address');
      else clearChosen();
    }
  } finally {
    applying = false;
  }
}

const viewOfAddress = (): ViewState | null => parseViewFragment(location.hash, store.getState().chunkCount);

/** Opens what the address names, then follows the work; returns the listeners' remover. */
export function startAddress(): () => void {
  const { hash } = location;
  let opening: Promise<unknown>;
  if (hash.startsWith('#o')) opening = openShareLink(hash).then((opened) => (opened ? undefined : restore()));
  else if (hash.startsWith('#url=')) opening = openSnapshotUrl(hash).then((opened) => (opened ? undefined : restore()));
  else {
    // ?demo always shows the demo corpus; otherwise the saved workspace comes back; then the view the address names
    const loading = new URLSearchParams(location.search).has('demo') ? loadDemo() : restore();
    opening = loading.then(() => {
      const view = viewOfAddress();
      if (!view) return;
      // an address copied from another browser's bar names a view of data this browser does not hold
      if (store.getState().chunkCount === 0) {
        history.replaceState(null, '', `${location.pathname}${location.search}`);
        store
          .getState()
          .notify('info', 'This address names a view of a workspace saved in another browser; it carries no data. To send a view with its data, use Share.');
        return;
      }
      return applyView(view);
    });
  }
  void opening.finally(() => {
    following = true;
    follow();
  });
  const stopFollowing = store.subscribe(follow);
  // a share link pasted into this tab's address bar changes only the fragment: no reload
  const onHash = () => {
    if (location.hash.startsWith('#o')) void openShareLink(location.hash);
    else if (location.hash.startsWith('#url=')) void openSnapshotUrl(location.hash);
  };
  // back and forward between views of this workspace
  const onPop = () => {
    const view = viewOfAddress();
    if (view) void applyView(view);
  };
  window.addEventListener('hashchange', onHash);
  window.addEventListener('popstate', onPop);
  return () => (stopFollowing(), window.removeEventListener('hashchange', onHash), window.removeEventListener('popstate', onPop));
}
